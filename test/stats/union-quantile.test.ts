import { describe, expect, it } from 'vitest';
import { emptyHistogram, histogramOf, unionQuantile, unionQuantiles } from '../../src/stats/histogram.js';
import { Rng } from '../../src/stats/rng.js';

describe('quantiles of several histograms without merging them', () => {
  it('are the type-1 quantiles of all their rows, found by a plain sort', () => {
    const rng = new Rng(19);
    // Parts that overlap, share values, and include an empty one.
    const rows = Array.from({ length: 5 }, (_, k) => Array.from({ length: k === 3 ? 0 : 300 + 50 * k }, () => Math.round(rng.next() * 200) / 4 - k));
    const parts = rows.map((r) => histogramOf(Float64Array.from(r), null));
    const sorted = rows.flat().sort((a, b) => a - b);
    for (const p of [0.01, 0.25, 0.5, 0.75, 0.9, 1]) {
      // Type 1: the value at rank ⌈p·n⌉ (1-based).
      expect(unionQuantile(parts, p), `p = ${p}`).toBe(sorted[Math.ceil(p * sorted.length) - 1]);
    }
  });

  it('weigh rows by their weights: {1 (w 3), 4 (w 1)} and {2 (w 1), 3 (w 1)}', () => {
    const parts = [histogramOf(Float64Array.of(1, 4), Float64Array.of(3, 1)), histogramOf(Float64Array.of(2, 3), Float64Array.of(1, 1))];
    // Total 6: F(1) = 3 reaches half, F(2) = 4 reaches 0.6, F(3) = 5 reaches 0.8, F(4) = 6.
    expect(unionQuantiles(parts, [0.5, 0.6, 0.8, 0.9])).toEqual([1, 2, 3, 4]);
    expect(unionQuantiles([emptyHistogram()], [0.5])).toEqual([null]);
  });
});
