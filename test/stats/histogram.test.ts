import { describe, expect, it } from 'vitest';
import { cdfDistances, histogramOf, histogramQuantile, histogramQuantiles, ksDistance, sharesAbove, largestCdfDistances, mergeAllHistograms, mergeHistograms, shareAbove, wassersteinDistance, type Histogram } from '../../src/stats/histogram.js';
import { testRandom } from '../metrics/fixtures.js';

/** KS by brute force: the empirical CDFs compared at every value of either sample. */
function plainKs(a: number[], b: number[]): number {
  const cdf = (xs: number[], t: number) => xs.filter((x) => x <= t).length / xs.length;
  return Math.max(...[...a, ...b].map((t) => Math.abs(cdf(a, t) - cdf(b, t))));
}

/** W1 of two equal-size samples: the mean absolute difference of the sorted samples. */
function plainW1(a: number[], b: number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.reduce((sum, v, i) => sum + Math.abs(v - y[i]), 0) / x.length;
}

/** Weighted KS and W1 by brute force: both CDFs recomputed at every point of either sample. */
function plainWeighted(a: number[], wa: number[], b: number[], wb: number[]): { ks: number; w1: number } {
  const cdf = (xs: number[], ws: number[], t: number) => {
    let below = 0;
    let total = 0;
    xs.forEach((x, i) => {
      total += ws[i];
      if (x <= t) below += ws[i];
    });
    return below / total;
  };
  const points = [...new Set([...a, ...b])].sort((p, q) => p - q);
  let ks = 0;
  let w1 = 0;
  points.forEach((t, k) => {
    const gap = Math.abs(cdf(a, wa, t) - cdf(b, wb, t));
    ks = Math.max(ks, gap);
    if (k + 1 < points.length) w1 += gap * (points[k + 1] - t);
  });
  return { ks, w1 };
}

describe('exact histograms', () => {
  it('hold each distinct value once with its row count, and merge to the histogram of all rows', () => {
    const h = histogramOf(Float64Array.of(3, 1, 3, NaN, 2, 3), null);
    expect(Array.from(h.values)).toEqual([1, 2, 3]);
    expect(Array.from(h.weights)).toEqual([1, 1, 3]);
    const merged = mergeHistograms(histogramOf(Float64Array.of(1, 5), null), histogramOf(Float64Array.of(5, 0), null));
    expect(Array.from(merged.values)).toEqual([0, 1, 5]);
    expect(Array.from(merged.weights)).toEqual([1, 1, 2]);
  });

  it('sum weights of equal values when rows are weighted', () => {
    const h = histogramOf(Float64Array.of(2, 1, 2), Float64Array.of(0.5, 2, 1.5));
    expect(Array.from(h.values)).toEqual([1, 2]);
    expect(Array.from(h.weights)).toEqual([2, 2]);
  });

  it('take the smallest value whose cumulative share reaches p as the quantile (type 1)', () => {
    const h = histogramOf(Float64Array.of(1, 2, 3, 4), null);
    // F(1) = .25, F(2) = .5, F(3) = .75, F(4) = 1 (by hand).
    expect(histogramQuantile(h, 0.5)).toBe(2);
    expect(histogramQuantile(h, 0.51)).toBe(3);
    expect(histogramQuantile(h, 0.9)).toBe(4);
    expect(shareAbove(h, 2)).toBe(0.5);
    // Several at once, in one pass, give the same (by hand from the CDF above).
    expect(histogramQuantiles(h, [0.9, 0.25, 0.5])).toEqual([4, 1, 2]);
    expect(sharesAbove(h, [2, null, 0, 4])).toEqual([0.5, null, 1, 0]);
    expect(sharesAbove(histogramOf(new Float64Array(0), null), [1])).toEqual([null]);
  });

  it('give the KS and Wasserstein-1 distances of the raw samples', () => {
    const random = testRandom(3);
    for (let trial = 0; trial < 20; trial++) {
      const a = Array.from({ length: 40 }, () => Math.round(random() * 20) / 2);
      const b = Array.from({ length: 40 }, () => Math.round(random() * 24) / 2);
      const ha = histogramOf(Float64Array.from(a), null);
      const hb = histogramOf(Float64Array.from(b), null);
      expect(ksDistance(ha, hb)).toBeCloseTo(plainKs(a, b), 12);
      expect(wassersteinDistance(ha, hb)).toBeCloseTo(plainW1(a, b), 12);
    }
  });

  it('measure distances of a hand-made pair: {0, 1} against {1, 2}', () => {
    const a = histogramOf(Float64Array.of(0, 1), null);
    const b = histogramOf(Float64Array.of(1, 2), null);
    expect(ksDistance(a, b)).toBe(0.5);
    expect(wassersteinDistance(a, b)).toBe(1);
    expect(ksDistance(a, histogramOf(new Float64Array(0), null))).toBeNull();
  });

  it('give the largest KS and the largest Wasserstein-1 distance over every pair of weighted groups', () => {
    const random = testRandom(11);
    for (let trial = 0; trial < 10; trial++) {
      // Four groups with ties and weights in eighths; the last is sometimes constant.
      const groups = Array.from({ length: 4 }, (_, g) => {
        const n = 5 + Math.floor(random() * 30);
        const xs = Array.from({ length: n }, () => (g === 3 && trial % 2 === 0 ? 7 : Math.round(random() * (10 + 4 * g)) / 2));
        const ws = Array.from({ length: n }, () => (1 + Math.floor(random() * 16)) / 8);
        return { xs, ws };
      });
      let ks = 0;
      let w1 = 0;
      for (let i = 0; i < 4; i++) {
        for (let j = i + 1; j < 4; j++) {
          const d = plainWeighted(groups[i].xs, groups[i].ws, groups[j].xs, groups[j].ws);
          ks = Math.max(ks, d.ks);
          w1 = Math.max(w1, d.w1);
        }
      }
      const histograms = groups.map((g) => histogramOf(Float64Array.from(g.xs), Float64Array.from(g.ws)));
      const largest = largestCdfDistances([...histograms, histogramOf(new Float64Array(0), null)]);
      expect(largest.ks).toBeCloseTo(ks, 12);
      expect(largest.wasserstein).toBeCloseTo(w1, 12);
    }
  });

  it('take the largest KS and Wasserstein-1 over two to seven groups as the pair-by-pair distances and brute force give them', () => {
    const random = testRandom(23);
    for (let trial = 0; trial < 20; trial++) {
      // Two to seven groups of continuous and tied values, weighted or not, some sharing values.
      const k = 2 + (trial % 6);
      const weighted = trial % 3 !== 0;
      const groups = Array.from({ length: k }, (_, g) => {
        const n = 1 + Math.floor(random() * 40);
        const xs = Array.from({ length: n }, () => (random() < 0.3 ? Math.round(random() * 8) : (random() - 0.2) * (5 + g)));
        const ws = Array.from({ length: n }, () => (weighted ? 0.25 + random() * 3 : 1));
        return { xs, ws };
      });
      let ks = 0;
      let w1 = 0;
      let pairKs = 0;
      let pairW1 = 0;
      const histograms = groups.map((g) => histogramOf(Float64Array.from(g.xs), weighted ? Float64Array.from(g.ws) : null));
      for (let i = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++) {
          const d = plainWeighted(groups[i].xs, groups[i].ws, groups[j].xs, groups[j].ws);
          ks = Math.max(ks, d.ks);
          w1 = Math.max(w1, d.w1);
          const pair = cdfDistances(histograms[i], histograms[j])!;
          pairKs = Math.max(pairKs, pair.ks);
          pairW1 = Math.max(pairW1, pair.wasserstein);
        }
      }
      const largest = largestCdfDistances(histograms);
      expect(largest.ks).toBe(pairKs);
      expect(largest.wasserstein).toBe(pairW1);
      expect(largest.ks).toBeCloseTo(ks, 12);
      expect(largest.wasserstein).toBeCloseTo(w1, 10);
    }
  });

  it('have no largest distance with fewer than two groups holding rows', () => {
    const one = histogramOf(Float64Array.of(1, 2), null);
    expect(largestCdfDistances([one, histogramOf(new Float64Array(0), null)])).toEqual({ ks: null, wasserstein: null });
    expect(largestCdfDistances([])).toEqual({ ks: null, wasserstein: null });
  });

  it('merge many parts into the histogram a pairwise merge gives, weights of shared values added in its order to the bit', () => {
    const random = testRandom(17);
    // The reference: merge neighbours level by level.
    const pairwise = (parts: Histogram[]): Histogram => {
      let level = parts;
      while (level.length > 1) {
        const next: Histogram[] = [];
        for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? mergeHistograms(level[i], level[i + 1]) : level[i]);
        level = next;
      }
      return level[0];
    };
    for (const k of [3, 4, 5, 7, 8, 20, 25]) {
      const parts = Array.from({ length: k }, (_, p) => {
        if (p % 6 === 5) return histogramOf(new Float64Array(0), null);
        const n = 1 + Math.floor(random() * 200);
        // Shared small integers (ties across parts) and continuous values; weights with long fractions.
        const xs = Float64Array.from({ length: n }, () => (random() < 0.5 ? Math.floor(random() * 30) : random() * 100));
        const ws = Float64Array.from({ length: n }, () => 0.1 + random() * 3.7);
        return histogramOf(xs, ws);
      });
      const expected = pairwise(parts);
      const got = mergeAllHistograms(parts);
      expect(Array.from(got.values)).toEqual(Array.from(expected.values));
      expect(Array.from(got.weights)).toEqual(Array.from(expected.weights));
    }
    expect(Array.from(mergeAllHistograms([]).values)).toEqual([]);
  });
});
