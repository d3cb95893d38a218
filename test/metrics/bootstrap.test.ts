import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { attribute, audit, dict, testRandom } from './fixtures.js';

/**
 * One simulated dataset: two groups of `n` rows, labels Bernoulli(0.4), predictions with the
 * group's TPR and FPR. A: TPR 0.8, FPR 0.3 → selection 0.4·0.8 + 0.6·0.3 = 0.50.
 * B: TPR 0.6, FPR 0.2 → selection 0.4·0.6 + 0.6·0.2 = 0.36.
 */
function simulate(n: number, seed: number) {
  const random = testRandom(seed);
  const spec = { A: { tpr: 0.8, fpr: 0.3 }, B: { tpr: 0.6, fpr: 0.2 } };
  const g: string[] = [];
  const y: number[] = [];
  const p: number[] = [];
  for (const [name, rates] of Object.entries(spec)) {
    for (let i = 0; i < n; i++) {
      const label = random() < 0.4 ? 1 : 0;
      g.push(name);
      y.push(label);
      p.push(random() < (label ? rates.tpr : rates.fpr) ? 1 : 0);
    }
  }
  return tableFromArrays({ g: dict(g) as never, y: Int32Array.from(y), p: Int32Array.from(p) });
}

const TRUTH = {
  demographic_parity_difference: 0.5 - 0.36,
  demographic_parity_ratio: 0.36 / 0.5,
  equal_opportunity_difference: 0.8 - 0.6,
  // max(TPR gap 0.2, FPR gap 0.1)
  equalized_odds_difference: 0.2,
  fpr_ratio: 0.2 / 0.3,
};

describe('bootstrap intervals', () => {
  it('cover the true value at roughly the nominal 95% rate on simulated data', async () => {
    const datasets = 200;
    const covered = Object.fromEntries(Object.keys(TRUTH).map((k) => [k, 0]));
    for (let s = 0; s < datasets; s++) {
      const { analysis } = await audit(simulate(1000, 1000 + s), { label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 0, bootstrap: 300, seed: s });
      const intervals = attribute(analysis, 'g').aggregate_intervals;
      for (const [name, truth] of Object.entries(TRUTH)) {
        const [low, high] = intervals[name]!;
        if (low <= truth && truth <= high) covered[name]++;
      }
    }
    for (const [name, count] of Object.entries(covered)) {
      const coverage = count / datasets;
      expect(coverage, name).toBeGreaterThanOrEqual(0.88);
      expect(coverage, name).toBeLessThanOrEqual(0.99);
    }
  });

  it('are the same for the same seed and differ for another where drawn (inequality indices), and do not depend on it where computed from the counts', async () => {
    const table = simulate(200, 5);
    const config = { label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 0, bootstrap: 200 };
    const a = attribute((await audit(table, { ...config, seed: 1 })).analysis, 'g').aggregate_intervals;
    const b = attribute((await audit(table, { ...config, seed: 1 })).analysis, 'g').aggregate_intervals;
    const c = attribute((await audit(table, { ...config, seed: 2 })).analysis, 'g').aggregate_intervals;
    expect(a).toEqual(b);
    expect(a.generalized_entropy_index).not.toEqual(c.generalized_entropy_index);
    expect(a.demographic_parity_difference).toEqual(c.demographic_parity_difference);
  });

  it('contain the point value and are null where the aggregate is null', async () => {
    const { analysis } = await audit(simulate(300, 8), { label: 'y', sensitive: ['g'], min_group_size: 0, bootstrap: 200 });
    const attr = attribute(analysis, 'g');
    const [low, high] = attr.aggregate_intervals.demographic_parity_difference!;
    expect(low).toBeLessThanOrEqual(attr.aggregates.demographic_parity_difference!);
    expect(high).toBeGreaterThanOrEqual(attr.aggregates.demographic_parity_difference!);
    // Label-only audit: no equalized odds, so no interval either.
    expect(attr.aggregates.equalized_odds_difference).toBeNull();
    expect(attr.aggregate_intervals.equalized_odds_difference).toBeNull();
  });

  it('are off with bootstrap 0', async () => {
    const { analysis } = await audit(simulate(100, 3), { label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 0, bootstrap: 0 });
    expect(Object.values(attribute(analysis, 'g').aggregate_intervals).every((i) => i === null)).toBe(true);
  });

  it('skip a group whose rows all weigh 0 instead of failing', async () => {
    // B's weights are all 0: its weighted counts are 0, so a resample has nothing to draw for it.
    const table = tableFromArrays({
      g: dict(['A', 'A', 'A', 'B', 'B', 'C', 'C']) as never,
      y: Int32Array.of(1, 0, 0, 1, 0, 1, 0),
      p: Int32Array.of(1, 1, 0, 0, 0, 1, 0),
      w: Float64Array.of(1, 2, 1, 0, 0, 1, 1),
    });
    const { analysis } = await audit(table, { label: 'y', prediction: 'p', weight: 'w', sensitive: ['g'], min_group_size: 0, bootstrap: 50 });
    const attr = attribute(analysis, 'g');
    expect(attr.groups.find((g) => g.key.g === 'B')!.rates.selection_rate).toBeNull();
    // A: weight 1 + 2 of 4 selected; C: 1 of 2.
    expect(attr.aggregates.demographic_parity_difference).toBeCloseTo(3 / 4 - 1 / 2, 12);
    expect(attr.aggregate_intervals.demographic_parity_difference).not.toBeNull();
  });
});

describe('the bootstrap scope', () => {
  it('draws only the inequality indices when asked, from the same resamples as a full run', async () => {
    const { bootstrapIntervals } = await import('../../src/metrics/bootstrap.js');
    const { AGGREGATE_NAMES, INEQUALITY_AGGREGATES } = await import('../../src/metrics/aggregates.js');
    // Two groups' nine cells (3 · label + prediction): A TN 40, FP 20, FN 10, TP 30; B TN 42, FP 8, FN 18, TP 12.
    const cells = Float64Array.of(40, 20, 0, 10, 30, 0, 0, 0, 0, 42, 8, 0, 18, 12, 0, 0, 0, 0);
    const base = { cells, rows: Float64Array.of(100, 80), targets: [{ group_of: Int32Array.of(0, 1), groups: 2, eligible: Int32Array.of(0, 1), impact_reference: 0, reference: 0 }] };
    const context = { has_label: true, has_prediction: true, outcome: 'prediction' as const, favorable: 'positive' as const };
    const [all] = bootstrapIntervals([base], context, 200, 3, 'all');
    const [only] = bootstrapIntervals([base], context, 200, 3, 'inequality');
    AGGREGATE_NAMES.forEach((name, a) => {
      if ((INEQUALITY_AGGREGATES as readonly string[]).includes(name)) expect(only.aggregates[a], name).toEqual(all.aggregates[a]);
      else expect(only.aggregates[a], name).toBeNull();
    });
    expect(only.group_impact_ratio).toEqual([null, null]);
    expect(all.group_impact_ratio[1]).not.toBeNull();
  });
});
