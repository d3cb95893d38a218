import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { attribute, audit, dict, group, tableOf, testRandom, type Cells } from './fixtures.js';


const CONFIG = { label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 0 };

describe('per-group intervals', () => {
  it('are the MOVER intervals of the Wilson limits, worked out by hand', async () => {
    // R (the largest group) predicts perfectly: TPR 60/60, FPR 0/40, selection 60/100. A selects
    // everyone (selection 50/50, the impact reference; TPR 20/20, FPR 30/30). N selects no one
    // (selection 0/50; TPR 0/25, FPR 0/25).
    const table = tableOf({
      R: { tp: 60, fn: 0, fp: 0, tn: 40 },
      A: { tp: 20, fn: 0, fp: 30, tn: 0 },
      N: { tp: 0, fn: 25, fp: 0, tn: 25 },
    });
    const { analysis } = await audit(table, { ...CONFIG, bootstrap: 200 });
    const attr = attribute(analysis, 'g');
    expect(attr.impact_reference).toEqual({ g: 'A' });
    expect(attr.reference).toEqual({ g: 'R' });
    const n = group(analysis, 'g', 'N');
    // Impact ratio 0 ÷ 1: lower end 0 (a rate of 0). A (50/50) is singled out as the highest: at
    // the simultaneous z for 3 groups, q(0.95; 3)/√2 = 3.3145/√2 = 2.344, A's Wilson lower limit
    // 50/(50 + z²) = 0.901 is above R's upper limit (60/100: about 0.71) and N's (0/50: 0.099) by
    // more than the MOVER margin, so the pair's own 95% bound applies: Wilson's upper limit of 0/50
    // at 1.96 over the lower limit of 50/50 at 1.96, z²/(50 + z²) ÷ 50/(50 + z²) = z²/50.
    const z95 = 1.959963984540054;
    expect(n.impact_ratio).toBe(0);
    expect(n.impact_ratio_interval![0]).toBe(0);
    expect(n.impact_ratio_interval![1]).toBeCloseTo((z95 * z95) / 50, 9);
    // Average odds difference ½[(0 − 0) + (0 − 1)] = −0.5; its MOVER ends move each of the four
    // rates to its 95% Wilson limit on the side that moves the sum: down by R's FPR 0/40 going up
    // (3.8415/43.8415), up by N's FPR and TPR 0/25 going up (3.8415/28.8415 each) and R's TPR
    // 60/60 going down (1 − 60/63.8415).
    const z2 = 1.959963984540054 ** 2;
    expect(n.average_odds_difference).toBe(-0.5);
    expect(n.average_odds_difference_interval![0]).toBeCloseTo(0.5 * (-1 - z2 / (40 + z2)), 9);
    expect(n.average_odds_difference_interval![1]).toBeCloseTo(0.5 * (-1 + Math.hypot(z2 / (25 + z2), z2 / (25 + z2), 1 - 60 / (60 + z2))), 9);
  });

  it('contain the point estimate of every judged group', async () => {
    // Large groups, so each resampled ratio is close to normal around the point estimate.
    const groups = {
      A: { tp: 700, fn: 300, fp: 500, tn: 1500 },
      B: { tp: 300, fn: 300, fp: 200, tn: 1200 },
      C: { tp: 400, fn: 100, fp: 100, tn: 900 },
    };
    const { analysis } = await audit(tableOf(groups), { ...CONFIG, bootstrap: 500 });
    const selection = (c: Cells) => (c.tp + c.fp) / (c.tp + c.fn + c.fp + c.tn);
    const tpr = (c: Cells) => c.tp / (c.tp + c.fn);
    const fpr = (c: Cells) => c.fp / (c.fp + c.tn);
    // Selection: A 1200/3000 = 0.4, B 500/2000 = 0.25, C 500/1500 = 1/3 → A is the impact reference
    // and, as the largest group, the reference.
    const expected = {
      B: { ratio: selection(groups.B) / selection(groups.A), odds: 0.5 * (fpr(groups.B) - fpr(groups.A) + (tpr(groups.B) - tpr(groups.A))) },
      C: { ratio: selection(groups.C) / selection(groups.A), odds: 0.5 * (fpr(groups.C) - fpr(groups.A) + (tpr(groups.C) - tpr(groups.A))) },
    };
    for (const [name, want] of Object.entries(expected)) {
      const g = group(analysis, 'g', name);
      expect(g.impact_ratio).toBeCloseTo(want.ratio, 12);
      expect(g.average_odds_difference).toBeCloseTo(want.odds, 12);
      const [rlo, rhi] = g.impact_ratio_interval!;
      expect(rlo).toBeLessThan(want.ratio);
      expect(rhi).toBeGreaterThan(want.ratio);
      const [olo, ohi] = g.average_odds_difference_interval!;
      expect(olo).toBeLessThan(want.odds);
      expect(ohi).toBeGreaterThan(want.odds);
    }
  });

  it('are null for the reference groups themselves, ineligible groups and without a bootstrap', async () => {
    const groups = {
      A: { tp: 30, fn: 10, fp: 10, tn: 30 },
      B: { tp: 10, fn: 15, fp: 5, tn: 30 },
      S: { tp: 2, fn: 1, fp: 1, tn: 2 },
    };
    const { analysis } = await audit(tableOf(groups), { ...CONFIG, min_group_size: 30, bootstrap: 100 });
    const a = group(analysis, 'g', 'A');
    expect(a.impact_ratio).toBe(1);
    expect(a.impact_ratio_interval).toBeNull();
    expect(a.average_odds_difference).toBe(0);
    expect(a.average_odds_difference_interval).toBeNull();
    // S (6 rows) is shown with its values but not judged.
    const s = group(analysis, 'g', 'S');
    expect(s.eligible).toBe(false);
    expect(s.impact_ratio).not.toBeNull();
    expect(s.impact_ratio_interval).toBeNull();
    expect(s.average_odds_difference_interval).toBeNull();
    expect(group(analysis, 'g', 'B').impact_ratio_interval).not.toBeNull();

    const off = await audit(tableOf(groups), { ...CONFIG, bootstrap: 0 });
    for (const g of attribute(off.analysis, 'g').groups) {
      expect(g.impact_ratio_interval).toBeNull();
      expect(g.average_odds_difference_interval).toBeNull();
    }
  });

  it('give impact ratios but no average odds differences in a label-only audit', async () => {
    const { analysis } = await audit(tableOf({ A: { tp: 30, fn: 10, fp: 10, tn: 30 }, B: { tp: 10, fn: 15, fp: 5, tn: 30 } }), {
      label: 'y',
      sensitive: ['g'],
      min_group_size: 0,
      bootstrap: 100,
    });
    const b = group(analysis, 'g', 'B');
    // On labels: A 40/80, B 25/60.
    expect(b.impact_ratio).toBeCloseTo(25 / 60 / (40 / 80), 12);
    expect(b.impact_ratio_interval).not.toBeNull();
    expect(b.average_odds_difference).toBeNull();
    expect(b.average_odds_difference_interval).toBeNull();
  });

  it('take an ineligible configured reference group with its own rates', async () => {
    // R (6 rows, below min_group_size) predicts perfectly: TPR 3/3, FPR 0/3. A selects everyone:
    // ½[(1 − 0) + (1 − 1)] = 0.5. Down: A's FPR 30/30 and TPR 20/20 to their lower limits, R's FPR
    // 0/3 to its upper limit; up: R's TPR 3/3 to its lower limit.
    const table = tableOf({
      R: { tp: 3, fn: 0, fp: 0, tn: 3 },
      A: { tp: 20, fn: 0, fp: 30, tn: 0 },
      B: { tp: 20, fn: 10, fp: 5, tn: 25 },
    });
    const { analysis } = await audit(table, { ...CONFIG, min_group_size: 30, reference: { g: 'R' }, bootstrap: 100 });
    expect(group(analysis, 'g', 'R').eligible).toBe(false);
    const z2 = 1.959963984540054 ** 2;
    const [low, high] = group(analysis, 'g', 'A').average_odds_difference_interval!;
    expect(low).toBeCloseTo(0.5 * (1 - Math.hypot(1 - 30 / (30 + z2), 1 - 20 / (20 + z2), z2 / (3 + z2))), 9);
    expect(high).toBeCloseTo(0.5 * (1 + (1 - 3 / (3 + z2))), 9);
  });

  it('come from the same draws as the aggregates', async () => {
    // Two groups far apart (selection 0.8 and 0.2 over 500 rows each): no resample swaps them, so
    // the smallest impact ratio of each draw is B's ratio to A, and the two intervals coincide.
    const table = tableOf({ A: { tp: 300, fn: 50, fp: 100, tn: 50 }, B: { tp: 50, fn: 200, fp: 50, tn: 200 } });
    const { analysis } = await audit(table, { ...CONFIG, bootstrap: 300, seed: 9 });
    const attr = attribute(analysis, 'g');
    expect(group(analysis, 'g', 'B').impact_ratio_interval).toEqual(attr.aggregate_intervals.impact_ratio);
  });

  it('do not depend on the seed: they are computed from the counts, not drawn', async () => {
    const table = tableOf({ A: { tp: 40, fn: 20, fp: 15, tn: 45 }, B: { tp: 20, fn: 25, fp: 10, tn: 45 }, C: { tp: 15, fn: 10, fp: 20, tn: 30 } });
    const intervals = async (seed: number) =>
      attribute((await audit(table, { ...CONFIG, bootstrap: 200, seed })).analysis, 'g').groups.map((g) => [g.impact_ratio_interval, g.average_odds_difference_interval]);
    const a = await intervals(1);
    expect(await intervals(2)).toEqual(a);
    expect(a.flat().filter((i) => i !== null)).toHaveLength(4);
  });
});

/**
 * Simulated data: labels Bernoulli(0.4); predictions with each group's TPR and FPR, so that the
 * selection rate is 0.4 · TPR + 0.6 · FPR: A (1500 rows) 0.4 · 0.8 + 0.6 · 0.3 = 0.50,
 * B (600) 0.4 · 0.6 + 0.6 · 0.2 = 0.36, C (400) 0.4 · 0.5 + 0.6 · 0.25 = 0.35. A is the impact
 * reference (highest rate) and the reference (largest group).
 */
const SPEC = {
  A: { n: 1500, tpr: 0.8, fpr: 0.3 },
  B: { n: 600, tpr: 0.6, fpr: 0.2 },
  C: { n: 400, tpr: 0.5, fpr: 0.25 },
};
const TRUTH: Record<'B' | 'C', { impact_ratio: number; average_odds_difference: number }> = {
  B: { impact_ratio: 0.36 / 0.5, average_odds_difference: 0.5 * (0.2 - 0.3 + (0.6 - 0.8)) },
  C: { impact_ratio: 0.35 / 0.5, average_odds_difference: 0.5 * (0.25 - 0.3 + (0.5 - 0.8)) },
};

function simulate(seed: number) {
  const random = testRandom(seed);
  const g: string[] = [];
  const y: number[] = [];
  const p: number[] = [];
  for (const [name, spec] of Object.entries(SPEC)) {
    for (let i = 0; i < spec.n; i++) {
      const label = random() < 0.4 ? 1 : 0;
      g.push(name);
      y.push(label);
      p.push(random() < (label ? spec.tpr : spec.fpr) ? 1 : 0);
    }
  }
  return tableFromArrays({ g: dict(g) as never, y: Int32Array.from(y), p: Int32Array.from(p) });
}

describe('per-group intervals on simulated data', () => {
  it('cover the true impact ratio and average odds difference at roughly the nominal 95% rate', async () => {
    const datasets = 200;
    const covered: Record<string, number> = {};
    for (let s = 0; s < datasets; s++) {
      const { analysis } = await audit(simulate(5000 + s), { ...CONFIG, bootstrap: 300, seed: s });
      expect(attribute(analysis, 'g').impact_reference).toEqual({ g: 'A' });
      for (const [name, truth] of Object.entries(TRUTH)) {
        const g = group(analysis, 'g', name);
        for (const [metric, interval] of [
          ['impact_ratio', g.impact_ratio_interval],
          ['average_odds_difference', g.average_odds_difference_interval],
        ] as const) {
          const [low, high] = interval!;
          const key = `${name} ${metric}`;
          covered[key] = (covered[key] ?? 0) + (low <= truth[metric] && truth[metric] <= high ? 1 : 0);
        }
      }
    }
    expect(Object.keys(covered)).toHaveLength(4);
    for (const [key, count] of Object.entries(covered)) {
      const coverage = count / datasets;
      expect(coverage, key).toBeGreaterThanOrEqual(0.88);
      expect(coverage, key).toBeLessThanOrEqual(0.99);
    }
  });
});
