import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { RESULTS_SCHEMA, type AuditResults } from '../../src/results/index.js';
import type { AuditConfig } from '../../src/config/types.js';
import { configSha256 } from '../../src/config/resolve.js';
import { audit, columnsOf, dict, testRandom, type Audited } from './fixtures.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(load('config.schema.json'));
const validate = ajv.compile(load('audit.schema.json'));

/** A whole audit.json around an analysis, as the audit command writes it. */
function results({ analysis, config, warnings }: Audited): AuditResults {
  return {
    schema: RESULTS_SCHEMA,
    tool: { name: 'fairaudit', version: '0.0.0-test' },
    created_at: new Date(0).toISOString(),
    duration_ms: 1,
    seed: config.seed,
    input: { name: 'test', files: [{ path: 'test.csv', format: 'csv', bytes: 10, sha256: 'ab'.repeat(32) }], ...analysis.rows },
    config,
    config_sha256: configSha256(config),
    outcome: analysis.outcome,
    columns: JSON.parse(JSON.stringify(columnsOf(config))),
    attributes: analysis.attributes,
    checks: analysis.checks,
    verdict: analysis.verdict,
    exit_code: analysis.exit_code,
    warnings: warnings.list(),
  };
}

function noNaN(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => noNaN(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => noNaN(v, `${path}.${k}`));
  return [];
}

function richTable() {
  const random = testRandom(4);
  const n = 400;
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  return tableFromArrays({
    race: dict(Array.from({ length: n }, () => (random() < 0.05 ? null : pick(['a', 'b', 'c'])))) as never,
    sex: dict(Array.from({ length: n }, () => pick(['f', 'm']))) as never,
    age: Float64Array.from({ length: n }, () => 18 + Math.floor(random() * 60)),
    dept: dict(Array.from({ length: n }, () => pick(['x', 'y']))) as never,
    y: Int32Array.from({ length: n }, () => (random() < 0.4 ? 1 : 0)),
    s: Float64Array.from({ length: n }, () => random()),
    w: Float64Array.from({ length: n }, () => 1 + random()),
  });
}

const cases: [string, AuditConfig][] = [
  ['scores, weights, strata, bins and intersections', { label: 'y', score: 's', weight: 'w', strata: 'dept', sensitive: ['race', 'sex', 'age'], bootstrap: 100 }],
  ['labels only', { label: 'y', sensitive: ['race', 'sex'], bootstrap: 50 }],
  ['predictions only, LL144', { score: 's', sensitive: ['race', 'sex'], mode: 'll144', bootstrap: 50 }],
  ['small groups everywhere', { label: 'y', score: 's', sensitive: ['race', 'sex', 'age'], intersections: 'all', min_group_size: 1000 }],
];

describe('audit.json schema', () => {
  for (const [title, config] of cases) {
    it(`accepts the results of an audit with ${title}`, async () => {
      const output = results(await audit(richTable(), config));
      expect(noNaN(output)).toEqual([]);
      const valid = validate(JSON.parse(JSON.stringify(output)));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });
  }

  it('rejects results with a rate that is not a number or null', async () => {
    const output = results(await audit(richTable(), cases[1][1]));
    const broken = JSON.parse(JSON.stringify(output));
    broken.attributes[0].groups[0].rates.base_rate = 'high';
    expect(validate(broken)).toBe(false);
    delete broken.attributes[0].groups[0].rates.base_rate;
    expect(validate(broken)).toBe(false);
  });
});
