/**
 * The CLI validates configs with the validator `npm run build` precompiled from the schema; the
 * library, run from source, compiles the schema with Ajv. Both must say the same of every config.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { configSchemaCheck } from '../../src/config/validate.js';

const require = createRequire(import.meta.url);
const BUILT = new URL('../../dist/config/config-check.cjs', import.meta.url).pathname;

const CONFIGS: unknown[] = [
  {},
  { label: 'y', prediction: 'p', sensitive: ['sex', 'race'], min_group_size: 0 },
  { labl: 'y' },
  { policy: [{ metric: 'impact_ratio', max: 'a' }] },
  { intersections: 'some' },
  { intersections: [['sex', 'race']], sensitive: ['sex', 'race'] },
  { threshold: '0.5', bootstrap: -1, fail_on: 'sometimes' },
  { mask: { columns: { email: { op: 'hmac' } }, extra: 1 } },
  { drift: [{ metric: 'impact_ratio', max_change: 0.05 }], accept: [{ check: 'impact_ratio', reason: 'r', owner: 'o', expires: '2030-01-01' }] },
  { bins: { age: [25, 'x'] } },
];

function verdicts(check: ValidateFunction): unknown[] {
  return CONFIGS.map((config) => (check(config) ? 'valid' : (check.errors ?? []).map((e) => [e.instancePath, e.keyword, e.schemaPath, e.params])));
}

describe('the precompiled config validator', () => {
  it('is built by npm run build', () => {
    expect(existsSync(BUILT)).toBe(true);
  });

  it('accepts and refuses exactly what Ajv compiling the schema does, with the same errors', () => {
    const built = require(BUILT) as ValidateFunction;
    const compiled = configSchemaCheck({ precompiled: false });
    const expected = verdicts(compiled);
    expect(expected.filter((v) => v === 'valid').length).toBeGreaterThanOrEqual(3);
    expect(verdicts(built)).toEqual(expected);
  });
});
