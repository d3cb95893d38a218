/**
 * Config validation, pure: schema first, then cross-field rules. Every problem is reported at
 * once as `dot.path: message`, so a user fixes the file in one go.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { assetUrl } from '../assets.js';
import { nearestName } from '../errors.js';
import { numbersInFreeText } from './as-written.js';
import { CONFIG_SCHEMA } from './schema.js';
import type { AuditConfig } from './types.js';

const require = createRequire(import.meta.url);
const PRECOMPILED = assetUrl('config/config-check.cjs');

let checkSchema: ValidateFunction | undefined;

/**
 * The config schema's validator: the one `npm run build` precompiled with Ajv
 * (scripts/build-assets.mjs) when it is there, else compiled with Ajv now (running from
 * source). Loaded on first use; the precompiled one saves every run about 0.2 s of start-up.
 */
export function configSchemaCheck(options: { precompiled?: boolean } = {}): ValidateFunction {
  if (options.precompiled === false || (options.precompiled === undefined && !existsSync(PRECOMPILED))) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    return new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);
  }
  return require(PRECOMPILED.pathname) as ValidateFunction;
}

/**
 * Validates a parsed config (from YAML or JSON) and returns its problems, each `path: message`
 * (`policy[0].max: must be a number`); an empty list means valid.
 */
export function configProblems(raw: unknown): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return ['(top level): must be a mapping of keys to values'];
  checkSchema ??= configSchemaCheck();
  // YAML reads `1e400` and `.inf` as Infinity and `.nan` as NaN; the schema would only say "must
  // be a number" of them, so they are named for what they are, and their type errors dropped.
  const nonFinite = nonFiniteNumbers(raw);
  // A number in a free-text key (model_version: 3.10 in a JSON config) is told to be quoted, not
  // only that it "must be a string".
  const numbersAsText = numbersInFreeText(raw as Record<string, unknown>);
  const explained = [...nonFinite.map((n) => n.path), ...numbersAsText.map((n) => n.path)];
  const problems = checkSchema(raw) ? [] : schemaProblems(checkSchema.errors ?? []).filter((p) => !explained.some((path) => p.startsWith(`${path}: `)));
  const finiteProblems = nonFinite.map((n) => `${n.path}: must be a finite number, not ${n.value}`);
  return [...new Set([...finiteProblems, ...numbersAsText.map((n) => n.problem), ...problems, ...crossFieldProblems(raw as AuditConfig)])];
}

function schemaProblems(errors: ErrorObject[]): string[] {
  // oneOf branches each report their own failure; say once what the key accepts instead.
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  return errors
    .filter((e) => e.keyword !== 'oneOf' && ![...oneOfPaths].some((p) => e.instancePath.startsWith(p) && e.schemaPath.includes('oneOf')))
    .map(describe)
    .concat([...oneOfPaths].map((p) => `${dotPath(p)}: ${ONE_OF_TEXT[dotPath(p)] ?? 'is invalid'}`));
}

/** What each key with alternative forms accepts, said once instead of once per alternative. */
const ONE_OF_TEXT: Record<string, string> = {
  intersections: 'must be pairs, all, none, or a list of attribute lists',
  // The list form (multiclass favorable classes) is rare; a wrong word is the common mistake.
  favorable: 'must be one of positive, negative',
  positive: 'must be a value (text, number or true/false) or a list of distinct values',
};

/** Every number in `value` that is not finite (Infinity, NaN), with its `dot.path`. */
function nonFiniteNumbers(value: unknown, pointer = ''): { path: string; value: string }[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [{ path: dotPath(pointer), value: String(value) }];
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([key, v]) => nonFiniteNumbers(v, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
}

function describe(error: ErrorObject): string {
  const path = dotPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = allowedKeys(error.schemaPath);
      const near = nearestName(key, allowed);
      const at = path === '(top level)' ? key : `${path}.${key}`;
      return `${at}: unknown key${near ? ` (did you mean "${near}"?)` : allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
    }
    case 'enum':
      return `${path}: must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      return `${path}: must be ${article(String(params.type))}`;
    case 'required':
      return `${path === '(top level)' ? '' : `${path}.`}${String(params.missingProperty)}: is required`;
    default:
      return `${path}: ${error.message ?? 'is invalid'}`;
  }
}

function allowedKeys(schemaPath: string): string[] {
  // schemaPath looks like "#/properties/mask/additionalProperties"; walk to the object schema.
  const parts = schemaPath.replace(/^#\//, '').split('/').slice(0, -1);
  let node: unknown = CONFIG_SCHEMA;
  for (const part of parts) node = (node as Record<string, unknown>)?.[part];
  const properties = (node as { properties?: Record<string, unknown> })?.properties;
  return properties ? Object.keys(properties).filter((k) => k !== '$schema') : [];
}

function dotPath(pointer: string): string {
  if (!pointer) return '(top level)';
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function article(type: string): string {
  const readable = type.replace(/,/g, ' or ');
  return /^(integer|array|object|a)/.test(readable) ? `an ${readable}` : `a ${readable}`;
}

function crossFieldProblems(config: AuditConfig): string[] {
  const problems: string[] = [];
  config.policy?.forEach((check, i) => {
    if (!check || typeof check !== 'object') return;
    const bounds = ['max', 'min'].filter((k) => (check as unknown as Record<string, unknown>)[k] !== undefined);
    if (bounds.length !== 1) problems.push(`policy[${i}]: give exactly one of max or min`);
  });
  const roles = (['label', 'prediction', 'score', 'weight', 'strata'] as const).filter((k) => typeof config[k] === 'string');
  for (const role of roles) {
    if (Array.isArray(config.sensitive) && config.sensitive.includes(config[role] as string)) {
      problems.push(`sensitive: "${config[role]}" is also the ${role} column; a column cannot be both`);
    }
  }
  if (Array.isArray(config.intersections) && Array.isArray(config.sensitive)) {
    config.intersections.forEach((combo, i) => {
      if (!Array.isArray(combo)) return;
      for (const name of combo) {
        if (!config.sensitive!.includes(name)) problems.push(`intersections[${i}]: "${name}" is not in sensitive`);
      }
    });
  }
  problems.push(...reviewerProblems(config));
  return problems;
}

/** Tolerance on a population's shares summing to 1 (shares are often rounded to 0.1%). */
const POPULATION_SUM_TOLERANCE = 0.01;

/** Cross-field rules of the reviewer's keys: `audit:`, `population:`, `recode:`. */
function reviewerProblems(config: AuditConfig): string[] {
  const problems: string[] = [];
  const audit = config.audit;
  if (audit && typeof audit === 'object') {
    if (audit.data === 'test' && !audit.test_data_reason) problems.push('audit.test_data_reason: is required with data: test (why historical data was not used, how the test data was made)');
    if (audit.data === 'historical' && audit.test_data_reason) problems.push('audit.test_data_reason: only applies with data: test');
    for (const key of ['date', 'distribution_date'] as const) {
      const value = audit[key];
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && Number.isNaN(Date.parse(`${value}T00:00:00Z`))) problems.push(`audit.${key}: ${value} is not a calendar date`);
    }
  }
  if (config.population && typeof config.population === 'object') {
    for (const [attribute, shares] of Object.entries(config.population)) {
      if (!shares || typeof shares !== 'object') continue;
      const values = Object.values(shares).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const sum = values.reduce((a, b) => a + b, 0);
      if (values.length && sum > 1 + POPULATION_SUM_TOLERANCE) problems.push(`population.${attribute}: shares add up to ${+sum.toFixed(4)}; they must add up to at most 1`);
      if (Array.isArray(config.sensitive) && !config.sensitive.includes(attribute)) problems.push(`population.${attribute}: "${attribute}" is not in sensitive`);
    }
  }
  return problems;
}
