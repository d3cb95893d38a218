import { describe, expect, it } from 'vitest';
import type { AttributeResult, GroupResult } from '../../src/results/index.js';
import { dataGaps, representativeness, representativenessOf } from '../../src/metrics/representativeness.js';

/** Wilson's interval written out again, independently of src/stats/wilson.ts. */
function wilson(x: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = x / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [centre - half, centre + half];
}

/** A single attribute's result with the given group sizes (only what representativeness reads). */
function attribute(name: string, sizes: Record<string, number>, ineligible: string[] = []): AttributeResult {
  const groups = Object.entries(sizes).map(([value, n]) => ({ key: { [name]: value }, n, eligible: !ineligible.includes(value), ineligible_reason: ineligible.includes(value) ? 'too small to judge: n = 3 < 30' : undefined }) as unknown as GroupResult);
  return { name, features: [name], kind: 'attribute', groups } as unknown as AttributeResult;
}

describe('representativeness against a declared population', () => {
  // 30 A, 50 B, 20 C and 10 rows with no value; the population is 40% A, 40% B, 20% C.
  const r = representativeness('g', { A: 30, B: 50, C: 20, '(missing)': 10 }, { A: 0.4, B: 0.4, C: 0.2 });

  it('takes shares of the rows with a known value and counts the missing apart', () => {
    expect(r.known).toBe(100);
    expect(r.missing).toBe(10);
    expect(r.missing_share).toBeCloseTo(10 / 110, 12);
    expect(r.groups.map((g) => [g.value, g.n, g.observed_share, g.target_share])).toEqual([
      ['A', 30, 0.3, 0.4],
      ['B', 50, 0.5, 0.4],
      ['C', 20, 0.2, 0.2],
    ]);
  });

  it('gives the gap as observed minus target, and a 95% Wilson interval of each share', () => {
    expect(r.groups[0].gap).toBeCloseTo(-0.1, 12);
    expect(r.groups[1].gap).toBeCloseTo(0.1, 12);
    expect(r.groups[2].gap).toBeCloseTo(0, 12);
    const [lo, hi] = wilson(30, 100);
    expect(r.groups[0].interval![0]).toBeCloseTo(lo, 12);
    expect(r.groups[0].interval![1]).toBeCloseTo(hi, 12);
  });

  it('tests goodness of fit: expected 40, 40, 20 give χ² = 100/40 + 100/40 + 0 = 5 on 2 df, p = e^−2.5', () => {
    expect(r.test).not.toBeNull();
    expect(r.test!.statistic).toBeCloseTo(5, 12);
    expect(r.test!.df).toBe(2);
    expect(r.test!.p_value).toBeCloseTo(Math.exp(-2.5), 10);
    expect(r.test!.note).toBeUndefined();
  });

  it('puts values the population leaves room for into one "other" category of the test', () => {
    // Declared 50% A, 30% B: 20% is left for the rest (X). Expected 12.5, 7.5, 5 of 25.
    const other = representativeness('g', { A: 10, B: 10, X: 5 }, { A: 0.5, B: 0.3 });
    expect(other.groups.find((g) => g.value === 'X')).toMatchObject({ n: 5, target_share: null, gap: null });
    expect(other.test!.statistic).toBeCloseTo(2.5 ** 2 / 12.5 + 2.5 ** 2 / 7.5, 12);
    expect(other.test!.df).toBe(2);
    expect(other.test!.p_value).toBeCloseTo(Math.exp(-other.test!.statistic / 2), 10);
  });

  it('gives no test, and says why, when the data has values a whole population does not name', () => {
    const whole = representativeness('g', { A: 10, B: 10, X: 1 }, { A: 0.5, B: 0.5 });
    expect(whole.test).toBeNull();
    expect(whole.test_null_reason).toContain('X');
  });

  it('marks the p-value approximate when an expected count is below 5', () => {
    const small = representativeness('g', { A: 8, B: 2 }, { A: 0.7, B: 0.3 });
    expect(small.test!.statistic).toBeCloseTo(1 ** 2 / 7 + 1 ** 2 / 3, 12);
    expect(small.test!.note).toContain('approximate');
  });
});

describe('data gaps', () => {
  it('lists a declared group absent from the data and a group whose whole interval lies below its target', () => {
    const represented = [representativeness('g', { A: 80, B: 20 }, { A: 0.4, B: 0.4, Z: 0.2 })];
    const gaps = dataGaps([], represented);
    expect(gaps.map((g) => [g.kind, g.group])).toEqual([
      ['under-represented', 'B'],
      ['target-group-absent', 'Z'],
    ]);
    // B: 20 of 100, interval upper end below 0.4.
    expect(wilson(20, 100)[1]).toBeLessThan(0.4);
  });

  it('lists groups too small to judge and attributes with more than 5% missing values', () => {
    // 6 of 100 rows missing (6%) is a gap; 5 of 100 (5%) is not.
    const high = attribute('sex', { F: 47, M: 44, X: 3, '(missing)': 6 }, ['X']);
    const edge = attribute('race', { A: 95, '(missing)': 5 });
    const gaps = dataGaps([high, edge], []);
    expect(gaps.map((g) => [g.kind, g.attribute, g.group])).toEqual([
      ['group-too-small', 'sex', 'X'],
      ['high-missing-rate', 'sex', undefined],
    ]);
    expect(gaps[1].message).toContain('6.0%');
  });

  it('measures only the attributes the population names, from the audited group sizes', () => {
    const result = representativenessOf([attribute('sex', { F: 30, M: 70 })], { sex: { F: 0.5, M: 0.5 }, age: { young: 1 } });
    expect(result.attributes.map((a) => a.attribute)).toEqual(['sex']);
    // Expected 50 and 50: χ² = 400/50 + 400/50 = 16 on 1 df.
    expect(result.attributes[0].test!.statistic).toBeCloseTo(16, 12);
  });
});
