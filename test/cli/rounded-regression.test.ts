/**
 * A continuous regression audit past the bound of exact distinct values, through the real CLI:
 * the results say the histograms were rounded and by how much KS and Wasserstein-1 can move, and
 * the distances the audit reports are within those bounds of ones computed exactly here, from the
 * rows the test wrote; the means stay exact.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { testRandom } from '../metrics/fixtures.js';
import { ROOT, auditInProcess, tempDir } from './run-cli.js';

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas/config.schema.json'), 'utf8')));
const validateResults = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/audit.schema.json'), 'utf8')));

/** Exact KS and Wasserstein-1 of two samples: both empirical CDFs walked over the sorted union. */
function exactDistances(a: number[], b: number[]): { ks: number; w1: number } {
  const xs = [...a].sort((p, q) => p - q);
  const ys = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let ks = 0;
  let w1 = 0;
  let previous: number | null = null;
  while (i < xs.length || j < ys.length) {
    const x = Math.min(i < xs.length ? xs[i] : Infinity, j < ys.length ? ys[j] : Infinity);
    const gap = Math.abs(i / xs.length - j / ys.length);
    if (previous !== null) w1 += gap * (x - previous);
    while (i < xs.length && xs[i] === x) i++;
    while (j < ys.length && ys[j] === x) j++;
    ks = Math.max(ks, Math.abs(i / xs.length - j / ys.length));
    previous = x;
  }
  return { ks, w1 };
}

describe('a continuous regression audit with more distinct values than kept exactly', () => {
  let dir: string;
  const rows: { sex: string; y: number; p: number }[] = [];
  beforeAll(() => {
    dir = tempDir();
    // 140,000 rows: about 140,000 distinct predictions and as many errors, past 262,144 together.
    const random = testRandom(41);
    for (let i = 0; i < 140_000; i++) {
      const sex = random() < 0.5 ? 'female' : 'male';
      const y = Math.exp(9 + random() * 2);
      const p = y * (sex === 'female' ? 0.9 : 1) * (0.8 + 0.4 * random());
      rows.push({ sex, y, p });
    }
    writeFileSync(join(dir, 'amounts.csv'), 'sex,amount,amount_pred\n' + rows.map((r) => `${r.sex},${r.y},${r.p}`).join('\n') + '\n');
  });

  it('records the rounding, and reports KS and Wasserstein-1 within the recorded bounds of the exact ones', async () => {
    const run = await auditInProcess(dir, [join(dir, 'amounts.csv'), '--task', 'regression', '--label', 'amount', '--prediction', 'amount_pred', '--sensitive', 'sex']);
    expect([0, 1], run.stderr).toContain(run.status);
    expect(validateResults(run.results), JSON.stringify(validateResults.errors)).toBe(true);
    expect(run.results.task.method).toContain('rounded to 13 significant bits');
    const sex = run.results.attributes.find((a: { name: string }) => a.name === 'sex');
    expect(sex.histogram).toMatchObject({ exact: false, significant_bits: 13, bound: 262_144 });
    const female = rows.filter((r) => r.sex === 'female');
    const male = rows.filter((r) => r.sex === 'male');
    const exact = exactDistances(
      female.map((r) => r.p),
      male.map((r) => r.p),
    );
    // The bounds are small next to the distances, and hold.
    expect(sex.histogram.ks_error).toBeLessThan(0.001);
    expect(Math.abs(sex.aggregates.ks_distance - exact.ks)).toBeLessThanOrEqual(sex.histogram.ks_error);
    expect(Math.abs(sex.aggregates.wasserstein_distance - exact.w1)).toBeLessThanOrEqual(sex.histogram.wasserstein_error);
    expect(sex.histogram.wasserstein_error).toBeLessThan(exact.w1 / 100);
    // Shares above the exact median of all predictions (type 1: the smallest value with F ≥ 0.5), and their spread.
    const sorted = rows.map((r) => r.p).sort((a, b) => a - b);
    const median = sorted[Math.ceil(0.5 * sorted.length) - 1];
    const share = (group: typeof rows) => group.filter((r) => r.p > median).length / group.length;
    const reported = (sexName: string) => sex.groups.find((g: { key: { sex: string } }) => g.key.sex === sexName).regression.share_above.median;
    expect(sex.histogram.share_above_error).toBeLessThan(0.001);
    expect(Math.abs(reported('female') - share(female))).toBeLessThanOrEqual(sex.histogram.share_above_error);
    expect(Math.abs(reported('male') - share(male))).toBeLessThanOrEqual(sex.histogram.share_above_error);
    expect(Math.abs(sex.aggregates.above_median_difference - Math.abs(share(female) - share(male)))).toBeLessThanOrEqual(sex.histogram.share_above_error);
    // Means come from exact sums, not from the rounded values.
    const mean = female.reduce((s, r) => s + r.p, 0) / female.length;
    const got = sex.groups.find((g: { key: { sex: string } }) => g.key.sex === 'female').regression.mean_prediction;
    expect(Math.abs(got - mean)).toBeLessThan(1e-9 * mean);
  });
});
