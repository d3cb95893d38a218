import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { binsOf, coarsenBins, concatBins, MAX_BINS } from '../../src/metrics/regression/bootstrap.js';
import { histogramOf } from '../../src/stats/histogram.js';
import { attribute, audit, plainMaeDifferenceInterval, testRandom } from './fixtures.js';

const NO_CUTS = [null, null, null];

/** Errors of `parts` joint groups, each with `size` continuous values (all distinct). */
function jointErrors(seed: number, parts: number, size: number): number[][] {
  const random = testRandom(seed);
  return Array.from({ length: parts }, (_, k) => Array.from({ length: size }, () => (random() - 0.5) * 10 + k));
}

describe('bins of a group drawn from several joint groups', () => {
  it('stand side by side while they fit in the bin budget', () => {
    // Three joint groups of 10 distinct values: 30 bins, each one value.
    const parts = jointErrors(1, 3, 10).map((e) => binsOf(histogramOf(Float64Array.from(e), null), NO_CUTS));
    expect(coarsenBins(parts)).toEqual(concatBins(parts));
  });

  it('are summed into at most the bin budget, keeping the exact totals and ascending means', () => {
    const errors = jointErrors(2, 8, 200);
    const parts = errors.map((e) => binsOf(histogramOf(Float64Array.from(e), null), NO_CUTS));
    const bins = coarsenBins(parts);
    expect(bins.weight.length).toBe(MAX_BINS);
    const rows = errors.flat();
    const total = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0);
    expect(total(bins.weight)).toBe(rows.length);
    expect(total(bins.sum)).toBeCloseTo(rows.reduce((s, e) => s + e, 0), 8);
    expect(total(bins.abs)).toBeCloseTo(rows.reduce((s, e) => s + Math.abs(e), 0), 8);
    expect(total(bins.squares)).toBeCloseTo(rows.reduce((s, e) => s + e * e, 0), 6);
    // About equal weight: 1600 rows over 64 bins is 25 each, off by at most one joint group's bin
    // (200 rows in 64 bins: 3 or 4 rows), which moves as a whole.
    for (const w of bins.weight) expect(Math.abs(w - 25)).toBeLessThanOrEqual(4);
    const means = Array.from(bins.sum, (s, b) => s / bins.weight[b]);
    for (let b = 1; b < means.length; b++) expect(means[b]).toBeGreaterThanOrEqual(means[b - 1]);
  });

  it('give an MAE-difference interval like a plain row bootstrap when a group holds many joint groups', async () => {
    const random = testRandom(41);
    // Attribute g over a second column h of 8 levels: each g group draws from 8 joint groups of
    // 100 rows with continuous errors, so its 8 × 64 bins are combined into 64.
    const rows = Array.from({ length: 1600 }, (_, i) => {
      const g = i % 2 ? 'a' : 'b';
      const h = `h${Math.floor(i / 2) % 8}`;
      const y = random() * 10;
      return { g, h, y, p: y + (random() - 0.5) * (g === 'a' ? 3 : 2) };
    });
    const table = tableFromArrays({ g: rows.map((r) => r.g), h: rows.map((r) => r.h), y: Float64Array.from(rows, (r) => r.y), p: Float64Array.from(rows, (r) => r.p) });
    const config = { label: 'y', prediction: 'p', sensitive: ['g', 'h'], task: 'regression' as const, min_group_size: 0, bootstrap: 1000, seed: 5 };
    const result = attribute((await audit(table, config)).analysis, 'g');
    const errors = ['a', 'b'].map((g) => rows.filter((r) => r.g === g).map((r) => Math.abs(r.p - r.y))) as [number[], number[]];
    const [plainLo, plainHi] = plainMaeDifferenceInterval(errors, 1000, random);
    const [lo, hi] = result.aggregate_intervals.mae_difference!;
    const width = plainHi - plainLo;
    expect(Math.abs(lo - plainLo)).toBeLessThan(0.2 * width);
    expect(Math.abs(hi - plainHi)).toBeLessThan(0.2 * width);
  });
});
