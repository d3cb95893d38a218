import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { attribute, audit, dict, testRandom } from './fixtures.js';

interface Row {
  g: string;
  h: string;
  y: number;
  p: number;
  w: number;
}

function randomRows(n: number, seed: number): Row[] {
  const random = testRandom(seed);
  const groups = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'];
  // Each group its own base rate and error rates, so the gaps are not zero.
  const tprs = [0.9, 0.8, 0.7, 0.6, 0.75, 0.85];
  const fprs = [0.1, 0.2, 0.3, 0.15, 0.25, 0.05];
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(random() * groups.length);
    const y = random() < 0.3 + 0.05 * k ? 1 : 0;
    const p = random() < (y ? tprs[k] : fprs[k]) ? 1 : 0;
    rows.push({ g: groups[k], h: random() < 0.5 ? 'x' : 'z', y, p, w: 0.5 + random() * 2 });
  }
  return rows;
}

/**
 * Fairlearn's definitions, written out as a plain loop over rows: MetricFrame by group, then
 * `between_groups` differences (max − min) and ratios (min ÷ max); equalized odds takes the worse
 * of the TPR and FPR aggregations (`worst_case`). Weighted means when `weighted`.
 */
function fairlearn(rows: Row[], key: (r: Row) => string, weighted: boolean) {
  const by = new Map<string, { w: number; wp: number; wy: number; wyp: number; wn: number; wnp: number }>();
  for (const r of rows) {
    const k = key(r);
    const s = by.get(k) ?? { w: 0, wp: 0, wy: 0, wyp: 0, wn: 0, wnp: 0 };
    const w = weighted ? r.w : 1;
    s.w += w;
    s.wp += w * r.p;
    if (r.y === 1) {
      s.wy += w;
      s.wyp += w * r.p;
    } else {
      s.wn += w;
      s.wnp += w * r.p;
    }
    by.set(k, s);
  }
  const selection = [...by.values()].map((s) => s.wp / s.w);
  const tpr = [...by.values()].map((s) => s.wyp / s.wy);
  const fpr = [...by.values()].map((s) => s.wnp / s.wn);
  const difference = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
  const ratio = (xs: number[]) => Math.min(...xs) / Math.max(...xs);
  return {
    demographic_parity_difference: difference(selection),
    demographic_parity_ratio: ratio(selection),
    equalized_odds_difference: Math.max(difference(tpr), difference(fpr)),
    equalized_odds_ratio: Math.min(ratio(tpr), ratio(fpr)),
    equal_opportunity_difference: difference(tpr),
    equal_opportunity_ratio: ratio(tpr),
  };
}

function tableOf(rows: Row[]) {
  return tableFromArrays({
    g: dict(rows.map((r) => r.g)) as never,
    h: dict(rows.map((r) => r.h)) as never,
    y: Int32Array.from(rows.map((r) => r.y)),
    p: Int32Array.from(rows.map((r) => r.p)),
    w: Float64Array.from(rows.map((r) => r.w)),
  });
}

describe("Fairlearn's between_groups definitions", () => {
  for (const seed of [1, 2, 3]) {
    it(`equal the aggregates with min_group_size 0 on random data with six groups (seed ${seed})`, async () => {
      const rows = randomRows(3000, seed);
      const { analysis } = await audit(tableOf(rows), { label: 'y', prediction: 'p', sensitive: ['g', 'h'], min_group_size: 0 });
      const expected = fairlearn(rows, (r) => r.g, false);
      const actual = attribute(analysis, 'g').aggregates;
      for (const [name, value] of Object.entries(expected)) expect(actual[name], name).toBeCloseTo(value, 12);
      // The intersection is a MetricFrame over the pair of features.
      const pair = fairlearn(rows, (r) => `${r.g}|${r.h}`, false);
      const pairActual = attribute(analysis, 'g × h').aggregates;
      for (const [name, value] of Object.entries(pair)) expect(pairActual[name], name).toBeCloseTo(value, 12);
    });
  }

  it('equal the aggregates with sample weights', async () => {
    const rows = randomRows(3000, 9);
    const { analysis } = await audit(tableOf(rows), { label: 'y', prediction: 'p', weight: 'w', sensitive: ['g'], min_group_size: 0 });
    const expected = fairlearn(rows, (r) => r.g, true);
    const actual = attribute(analysis, 'g').aggregates;
    for (const [name, value] of Object.entries(expected)) expect(actual[name], name).toBeCloseTo(value, 12);
  });
});
