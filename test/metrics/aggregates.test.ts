import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { AGGREGATE_NAMES } from '../../src/metrics/aggregates.js';
import { attribute, audit, dict, group } from './fixtures.js';

/**
 * Three groups whose rates all differ, so that a wrong aggregation (a gap to the reference instead
 * of max − min, one side of equalized odds for both the difference and the ratio) shows:
 *   A: TP 6, FN 2, FP 3, TN 9 (n 20)   B: TP 2, FN 3, FP 1, TN 4 (n 10)   C: TP 3, FN 1, FP 4, TN 4 (n 12)
 */
const GROUPS: Record<string, { tp: number; fn: number; fp: number; tn: number }> = {
  A: { tp: 6, fn: 2, fp: 3, tn: 9 },
  B: { tp: 2, fn: 3, fp: 1, tn: 4 },
  C: { tp: 3, fn: 1, fp: 4, tn: 4 },
};

function rowsOf(groups: Record<string, { tp: number; fn: number; fp: number; tn: number }>) {
  const rows: { g: string; y: number; p: number }[] = [];
  for (const [g, c] of Object.entries(groups)) {
    const push = (count: number, y: number, p: number) => {
      for (let i = 0; i < count; i++) rows.push({ g, y, p });
    };
    push(c.tp, 1, 1);
    push(c.fn, 1, 0);
    push(c.fp, 0, 1);
    push(c.tn, 0, 0);
  }
  return rows;
}

function tableOf(rows: { g: string; y: number; p: number }[]) {
  return tableFromArrays({ g: dict(rows.map((r) => r.g)) as never, y: Int32Array.from(rows.map((r) => r.y)), p: Int32Array.from(rows.map((r) => r.p)) });
}

/** AIF360's GE(α) = 1/(n α(α−1)) Σ[(b/μ)^α − 1] (α ≠ 0, 1) and Theil = (1/n) Σ (b/μ) ln(b/μ), written over a list of benefits. */
function generalizedEntropy(b: number[], alpha: number): number {
  const mu = b.reduce((s, x) => s + x, 0) / b.length;
  if (alpha === 1) return b.reduce((s, x) => s + (x === 0 ? 0 : (x / mu) * Math.log(x / mu)), 0) / b.length;
  return b.reduce((s, x) => s + (x / mu) ** alpha - 1, 0) / (b.length * alpha * (alpha - 1));
}

describe('aggregates over three groups, by hand', () => {
  it('compute every aggregate of DESIGN §5 as max − min and min ÷ max over the groups', async () => {
    const { analysis } = await audit(tableOf(rowsOf(GROUPS)), { label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 0 });
    const g = attribute(analysis, 'g').aggregates;
    // Rates by hand:
    //        selection  tpr   fpr   fnr   ppv   fdr   for    accuracy
    //   A    9/20       6/8   3/12  2/8   6/9   3/9   2/11   15/20
    //   B    3/10       2/5   1/5   3/5   2/3   1/3   3/7    6/10
    //   C    7/12       3/4   4/8   1/4   3/7   4/7   1/5    7/12
    const expected: Record<string, number> = {
      demographic_parity_difference: 7 / 12 - 3 / 10,
      demographic_parity_ratio: 3 / 10 / (7 / 12),
      // TPR gap 0.75 − 0.4 = 0.35 beats the FPR gap 0.5 − 0.2 = 0.3 ...
      equalized_odds_difference: 0.35,
      // ... but the FPR ratio 0.2/0.5 = 0.4 is below the TPR ratio 0.4/0.75.
      equalized_odds_ratio: 0.4,
      equal_opportunity_difference: 0.75 - 0.4,
      equal_opportunity_ratio: 0.4 / 0.75,
      predictive_parity_difference: 2 / 3 - 3 / 7,
      predictive_parity_ratio: 3 / 7 / (2 / 3),
      accuracy_difference: 15 / 20 - 7 / 12,
      accuracy_ratio: 7 / 12 / (15 / 20),
      fpr_difference: 0.5 - 0.2,
      fpr_ratio: 0.2 / 0.5,
      fnr_difference: 0.6 - 0.25,
      fnr_ratio: 0.25 / 0.6,
      fdr_difference: 4 / 7 - 1 / 3,
      fdr_ratio: 1 / 3 / (4 / 7),
      for_difference: 3 / 7 - 2 / 11,
      for_ratio: 2 / 11 / (3 / 7),
      // The smallest favorable (selection) rate over the largest: B against C.
      impact_ratio: 3 / 10 / (7 / 12),
    };
    // Benefits b = ŷ − y + 1: FN → 0, TP and TN → 1, FP → 2.
    const benefits: number[] = [];
    const between: number[] = [];
    for (const c of Object.values(GROUPS)) {
      const own = [...Array<number>(c.fn).fill(0), ...Array<number>(c.tp + c.tn).fill(1), ...Array<number>(c.fp).fill(2)];
      benefits.push(...own);
      const mean = own.reduce((s, x) => s + x, 0) / own.length;
      between.push(...own.map(() => mean));
    }
    expected.generalized_entropy_index = generalizedEntropy(benefits, 2);
    expected.theil_index = generalizedEntropy(benefits, 1);
    expected.between_group_generalized_entropy_index = generalizedEntropy(between, 2);
    expected.between_group_theil_index = generalizedEntropy(between, 1);
    // Sanity of the second implementation on the hand numbers: c₀ = 6, c₁ = 28, c₂ = 8, n = 42, μ = 22/21.
    expect(expected.generalized_entropy_index).toBeCloseTo(((28 + 32) / (22 / 21) ** 2 - 42) / 84, 12);

    // Every aggregate the engine reports is checked here.
    expect([...AGGREGATE_NAMES].sort()).toEqual(Object.keys(expected).sort());
    for (const [name, value] of Object.entries(expected)) expect(g[name], name).toBeCloseTo(value, 12);
  });

  it('give impact ratios, four-fifths flags and average odds differences per group', async () => {
    const { analysis } = await audit(tableOf(rowsOf(GROUPS)), { label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 0 });
    // Highest selection rate: C (7/12). A: 0.45 ÷ 7/12 = 27/35 < 0.8; B: 0.3 ÷ 7/12 = 18/35.
    expect(attribute(analysis, 'g').impact_reference).toEqual({ g: 'C' });
    expect(group(analysis, 'g', 'A').impact_ratio).toBeCloseTo(27 / 35, 12);
    expect(group(analysis, 'g', 'A').four_fifths_flag).toBe(true);
    expect(group(analysis, 'g', 'B').impact_ratio).toBeCloseTo(18 / 35, 12);
    expect(group(analysis, 'g', 'C').impact_ratio).toBe(1);
    expect(group(analysis, 'g', 'C').four_fifths_flag).toBe(false);
    // Reference for "to reference" differences: the largest group, A (FPR 0.25, TPR 0.75).
    expect(attribute(analysis, 'g').reference).toEqual({ g: 'A' });
    expect(group(analysis, 'g', 'A').average_odds_difference).toBe(0);
    expect(group(analysis, 'g', 'B').average_odds_difference).toBeCloseTo(0.5 * (0.2 - 0.25 + (0.4 - 0.75)), 12);
    expect(group(analysis, 'g', 'C').average_odds_difference).toBeCloseTo(0.5 * (0.5 - 0.25 + (0.75 - 0.75)), 12);
  });

  it('drop an ineligible group from every aggregate, the inequality indices included', async () => {
    // min_group_size 11 leaves out B (10 rows): the aggregates are those of A and C alone.
    const { analysis } = await audit(tableOf(rowsOf(GROUPS)), { label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 11 });
    const g = attribute(analysis, 'g').aggregates;
    expect(group(analysis, 'g', 'B').eligible).toBe(false);
    expect(g.demographic_parity_difference).toBeCloseTo(7 / 12 - 9 / 20, 12);
    expect(g.equalized_odds_difference).toBeCloseTo(0.5 - 0.25, 12); // TPR gap 0, FPR gap 0.25
    expect(g.impact_ratio).toBeCloseTo(9 / 20 / (7 / 12), 12);
    const onlyAC = rowsOf({ A: GROUPS.A, C: GROUPS.C }).map((r) => r.p - r.y + 1);
    expect(g.generalized_entropy_index).toBeCloseTo(generalizedEntropy(onlyAC, 2), 12);
    expect(g.theil_index).toBeCloseTo(generalizedEntropy(onlyAC, 1), 12);
  });
});
