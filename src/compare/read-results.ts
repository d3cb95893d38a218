/** Reading a saved `audit.json` (I/O), refusing anything that is not a fairaudit results file. */
import type { ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { assetUrl } from '../assets.js';
import { RESULTS_SCHEMA, type AuditResults } from '../results/index.js';
import { UserError } from '../errors.js';
import { CONFIG_SCHEMA } from '../config/schema.js';

const require = createRequire(import.meta.url);
const PRECOMPILED = assetUrl('audit/audit-check.cjs');
const HINT = 'give the audit.json that `fairaudit audit` wrote';

let checkShape: ValidateFunction | undefined;

/**
 * Reads and checks an `audit.json`: it must be JSON with `schema` equal to `fairaudit/audit@1`
 * and carry `attributes`, `checks` and `input`. Throws a UserError (exit 2) naming the file otherwise.
 */
export async function readAuditResults(path: string): Promise<AuditResults> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'results file not found' : `cannot read results file (${code})`, { file: path, hint: HINT });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`not a fairaudit audit.json: not valid JSON (${(error as Error).message})`, { file: path, hint: HINT });
  }
  return asAuditResults(parsed, path);
}

/** Checks the shape a comparison relies on; `path` names the file in errors. */
function asAuditResults(value: unknown, path: string): AuditResults {
  const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const schema = record?.schema;
  if (schema !== RESULTS_SCHEMA) {
    const found = schema === undefined ? 'it has no "schema" field' : `its schema is ${JSON.stringify(schema)}`;
    throw new UserError(`not a fairaudit audit.json: ${found}, expected "${RESULTS_SCHEMA}"`, { file: path, hint: HINT });
  }
  const missing = ['attributes', 'checks'].filter((key) => !Array.isArray(record![key]));
  if (typeof record!.input !== 'object' || record!.input === null) missing.push('input');
  if (missing.length > 0) {
    throw new UserError(`not a complete fairaudit audit.json: ${missing.join(', ')} missing or malformed`, { file: path, hint: 'the file may be truncated; rerun the audit' });
  }
  refuseMalformedResults(value, path);
  return value as AuditResults;
}

/**
 * Throws a UserError naming the first place where `value` departs from `schemas/audit.schema.json`.
 * Saved results are input like any other: a hand-edited or crafted file must be refused on one line
 * (exit 2) before the report, the comparison or a baseline reads a field that is not there.
 */
export function refuseMalformedResults(value: unknown, path: string): void {
  checkShape ??= resultsSchemaCheck();
  if (checkShape(value)) return;
  const [first] = checkShape.errors ?? [];
  const where = first?.instancePath ? first.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
  throw new UserError(`not a well-formed fairaudit audit.json: ${where} ${first?.message ?? 'does not match the results schema'}`, {
    file: path,
    hint: 'the file was edited or damaged; rerun the audit, or see schemas/audit.schema.json',
  });
}

/** The precompiled validator `npm run build` wrote, else Ajv compiling the schema now (running from source). */
function resultsSchemaCheck(): ValidateFunction {
  if (existsSync(PRECOMPILED)) return require(PRECOMPILED.pathname) as ValidateFunction;
  const { Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv({ allErrors: false, strict: false });
  ajv.addSchema(CONFIG_SCHEMA);
  return ajv.compile(JSON.parse(readFileSync(assetUrl('../schemas/audit.schema.json'), 'utf8')) as Record<string, unknown>);
}
