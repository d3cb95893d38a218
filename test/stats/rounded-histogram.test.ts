import { makeData, Float64 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { mergeRegressionGroups, RegressionCollector, settleRegressionCounts, type RegressionCounts } from '../../src/metrics/regression/collect.js';
import { histogramOf, histogramQuantiles, largestCdfDistances, mergeHistograms, type Histogram } from '../../src/stats/histogram.js';
import { emptyHistogram } from '../../src/stats/histogram.js';
import { mergeRoundedCounts, roundHistogram, roundingErrorOf, roundSignificant, RoundedHistogramBuilder } from '../../src/stats/rounded-histogram.js';
import { testRandom } from '../metrics/fixtures.js';

/**
 * A second rounding, by arithmetic instead of bits: |x| = m × 2^e with 1 ≤ m < 2, m rounded half
 * up to a multiple of 2^(1 − S). Exact for normal numbers: scaling by powers of two is.
 */
function plainRound(x: number, significant: number): number {
  if (x === 0) return 0;
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  const step = 2 ** (e + 1 - significant);
  return Math.sign(x) * Math.floor(a / step + 0.5) * step;
}

function plain(h: Histogram): { values: number[]; weights: number[] } {
  return { values: Array.from(h.values), weights: Array.from(h.weights) };
}

describe('rounding to significant bits', () => {
  it('rounds to nearest, ties away from zero, by hand', () => {
    expect(roundSignificant(1 + 2 ** -14, 13)).toBe(1);
    expect(roundSignificant(1 + 2 ** -12, 13)).toBe(1 + 2 ** -12);
    // Exactly half a step (2^-13) rounds up in magnitude.
    expect(roundSignificant(1 + 2 ** -13, 13)).toBe(1 + 2 ** -12);
    expect(roundSignificant(-(1 + 2 ** -13), 13)).toBe(-(1 + 2 ** -12));
    expect(roundSignificant(1 + 2 ** -13 - 2 ** -40, 13)).toBe(1);
    // 3 significant bits: 7 = 111₂ stays, 8.9 = 1000.111…₂ → 1000₂ (8), and 9 = 1001₂, 11 = 1011₂,
    // 15 = 1111₂ are ties, away from zero: 1010₂ (10), 1100₂ (12), 10000₂ (16).
    expect([7, 8.9, 9, 11, 15].map((x) => roundSignificant(x, 3))).toEqual([7, 8, 10, 12, 16]);
    expect(Object.is(roundSignificant(-0, 13), 0)).toBe(true);
    expect(roundSignificant(Infinity, 13)).toBe(Infinity);
    expect(roundSignificant(-Infinity, 13)).toBe(-Infinity);
    expect(roundSignificant(NaN, 13)).toBeNaN();
    // The largest finite number does not round to infinity.
    expect(Number.isFinite(roundSignificant(Number.MAX_VALUE, 13))).toBe(true);
  });

  it('matches a rounding by arithmetic to the bit, within 2^-S of each value, monotone', () => {
    const random = testRandom(31);
    for (const bits of [1, 4, 13, 20]) {
      const xs = Array.from({ length: 5000 }, () => (random() < 0.5 ? -1 : 1) * Math.exp((random() - 0.5) * 80));
      for (const x of xs) {
        const r = roundSignificant(x, bits);
        expect(r).toBe(plainRound(x, bits));
        expect(Math.abs(r - x)).toBeLessThanOrEqual(2 ** -bits * Math.abs(x));
        expect(roundSignificant(r, bits)).toBe(r);
      }
      const sorted = [...xs].sort((a, b) => a - b).map((x) => roundSignificant(x, bits));
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]).toBeGreaterThanOrEqual(sorted[i - 1]);
    }
  });

  it('rounds a histogram by adding the weights of values that round alike, and commutes with merging', () => {
    const h = histogramOf(Float64Array.of(7, 8.9, 9, 9.5, 11, 15, 16), Float64Array.of(1, 0.125, 2, 0.5, 0.25, 1, 4));
    // 3 bits: 7 → 7, 8.9 → 8, 9 and 9.5 → 10, 11 → 12, 15 and 16 → 16.
    expect(plain(roundHistogram(h, 3))).toEqual({ values: [7, 8, 10, 12, 16], weights: [1, 0.125, 2.5, 0.25, 5] });
    const random = testRandom(32);
    for (let trial = 0; trial < 20; trial++) {
      const part = () => histogramOf(Float64Array.from({ length: 300 }, () => random() * 50 - 10), Float64Array.from({ length: 300 }, () => Math.ceil(random() * 16) / 8));
      const a = part();
      const b = part();
      expect(plain(roundHistogram(mergeHistograms(a, b), 6))).toEqual(plain(mergeHistograms(roundHistogram(a, 6), roundHistogram(b, 6))));
      const once = roundHistogram(a, 6);
      expect(plain(roundHistogram(once, 6))).toEqual(plain(once));
    }
  });
});

describe('distances and quantiles of rounded histograms', () => {
  it('stay within the stated bounds of the exact ones: KS by the largest bucket share, W1 by 2^-S × the two mean |x|, quantiles rounded', () => {
    const random = testRandom(33);
    for (let trial = 0; trial < 20; trial++) {
      // Few significant bits, so rounding moves the numbers; groups with shifted, skewed values.
      const bits = 3 + (trial % 5);
      const k = 2 + (trial % 4);
      const exact = Array.from({ length: k }, (_, g) => {
        const n = 200 + Math.floor(random() * 400);
        const xs = Float64Array.from({ length: n }, () => Math.exp(random() * 3) - 2 + g * 0.3);
        const ws = trial % 2 ? Float64Array.from({ length: n }, () => 0.5 + random()) : null;
        return histogramOf(xs, ws);
      });
      const rounded = exact.map((h) => roundHistogram(h, bits));
      const want = largestCdfDistances(exact);
      const got = largestCdfDistances(rounded);
      const errors = rounded.map((h) => roundingErrorOf(h, bits)!);
      const ksBound = Math.max(...errors.map((e) => e.bucketShare));
      const means = errors.map((e) => e.meanAbs).sort((a, b) => b - a);
      const w1Bound = 2 ** -bits * (means[0] + means[1]);
      expect(Math.abs(got.ks! - want.ks!)).toBeLessThanOrEqual(ksBound + 1e-12);
      expect(Math.abs(got.wasserstein! - want.wasserstein!)).toBeLessThanOrEqual(w1Bound * (1 + 1e-9));
      // Rounding is monotone: each quantile of the rounded values is the exact quantile, rounded.
      exact.forEach((h, g) => {
        const ps = [0.1, 0.25, 0.5, 0.75, 0.9];
        expect(histogramQuantiles(rounded[g], ps)).toEqual(histogramQuantiles(h, ps).map((q) => roundSignificant(q!, bits)));
      });
    }
  });
});

describe('a regression collector past the bound of distinct values', () => {
  const random = testRandom(34);
  const n = 40_000;
  const groups = 4;
  const slots = Int32Array.from({ length: n }, () => Math.floor(random() * groups));
  const y = Float64Array.from({ length: n }, () => Math.exp(random() * 4));
  const p = Float64Array.from({ length: n }, (_, i) => (random() < 0.02 ? NaN : y[i] * (0.8 + 0.4 * random())));
  const w = Float64Array.from({ length: n }, () => Math.ceil(random() * 16) / 8);
  const precision = { bound: 5_000, significant_bits: 9 };

  /** One collector over rows [from, to). */
  function collect(from: number, to: number, bound = precision.bound): RegressionCounts {
    const m = to - from;
    const data = (values: Float64Array) => makeData({ type: new Float64(), length: m, data: values.slice(from, to) });
    const collector = new RegressionCollector('y', 'p', true, { ...precision, bound });
    collector.read(data(y), data(p), m, new Int8Array(m), new Int8Array(m));
    collector.count(slots.slice(from, to), w.slice(from, to), m);
    return collector.finish();
  }

  /** Two collectors' statistics merged as the task statistics merge them. */
  function merged(a: RegressionCounts, b: RegressionCounts): RegressionCounts {
    const groupsOf = a.groups.map((g, i) => mergeRegressionGroups(g, b.groups[i]));
    return settleRegressionCounts({ groups: groupsOf, precision: a.precision }, !!(a.rounded || b.rounded));
  }

  function expectSame(got: RegressionCounts, want: RegressionCounts): void {
    expect(got.rounded).toBe(want.rounded);
    for (let g = 0; g < groups; g++) {
      expect(plain(got.groups[g].values)).toEqual(plain(want.groups[g].values));
      expect(plain(got.groups[g].errors)).toEqual(plain(want.groups[g].errors));
    }
  }

  it('rounds its histograms to the exact ones rounded, and keeps the sums exact', () => {
    const one = collect(0, n);
    const exact = collect(0, n, Infinity);
    expect(one.rounded).toBe(true);
    expect(exact.rounded).toBe(false);
    for (let g = 0; g < groups; g++) {
      expect(plain(one.groups[g].values)).toEqual(plain(roundHistogram(exact.groups[g].values, precision.significant_bits)));
      expect(plain(one.groups[g].errors)).toEqual(plain(roundHistogram(exact.groups[g].errors, precision.significant_bits)));
      expect(Array.from(one.groups[g].sums)).toEqual(Array.from(exact.groups[g].sums));
    }
  });

  it('gives the same histograms to the bit however the rows are split: one part past the bound, neither, or both', () => {
    const whole = collect(0, n);
    // The first part alone passes the bound, the second does not.
    expectSame(merged(collect(0, n - 500), collect(n - 500, n)), whole);
    expectSame(merged(collect(n - 500, n), collect(0, n - 500)), whole);
    // Neither passes alone (about 2 × 1,000 distinct values each), their merge does.
    const bound = 3_000;
    const under = (from: number, to: number) => collect(from, to, bound);
    const a = under(0, 1_000);
    const b = under(1_000, 2_000);
    expect(a.rounded || b.rounded).toBe(false);
    const both = merged(a, b);
    expect(both.rounded).toBe(true);
    expectSame(both, under(0, 2_000));
    // Both pass alone.
    expectSame(merged(collect(0, n / 2), collect(n / 2, n)), whole);
  });

  it('stays exact below the bound', () => {
    const few = collect(0, 1_000);
    expect(few.rounded).toBe(false);
    const rows = [...Array(1_000).keys()].filter((i) => slots[i] === 0 && p[i] === p[i]);
    expect(plain(few.groups[0].values)).toEqual(plain(histogramOf(Float64Array.from(rows, (i) => p[i]), Float64Array.from(rows, (i) => w[i]))));
  });
});

describe('a rounded histogram builder', () => {
  it('gives each rounded value the count of its rows, unweighted as weighted, over thousands of pages', () => {
    const random = testRandom(35);
    // Both signs, magnitudes over 2^-60 … 2^60 and a few zeros: rows land on thousands of pages.
    const xs = Float64Array.from({ length: 60_000 }, () => (random() < 0.01 ? 0 : (random() < 0.5 ? -1 : 1) * 2 ** ((random() - 0.5) * 120)));
    const plainCounts = new Map<number, number>();
    for (const x of xs) {
      const r = plainRound(x, 13);
      plainCounts.set(r, (plainCounts.get(r) ?? 0) + 1);
    }
    const keys = [...plainCounts.keys()].sort((a, b) => a - b);
    const want = { values: keys, weights: keys.map((k) => plainCounts.get(k)!) };
    for (const weighted of [false, true]) {
      // Starting from the rounded histogram of the first rows, as a collector does past the bound.
      const b = new RoundedHistogramBuilder(13, histogramOf(xs.subarray(0, 500), null), weighted);
      // Finished half-way (which lets its pages go), then given the rest.
      for (let i = 500; i < 30_000; i++) b.add(xs[i], 1);
      b.finish();
      for (let i = 30_000; i < xs.length; i++) b.add(xs[i], 1);
      expect(plain(b.finish())).toEqual(want);
      expect(plain(b.finish())).toEqual(want);
    }
  });

  it('moves from 32-bit counts to float sums past its most rows, with the same histogram', () => {
    const random = testRandom(38);
    const xs = Float64Array.from({ length: 5_000 }, () => Math.exp(random() * 20));
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(plainRound(x, 9), (counts.get(plainRound(x, 9)) ?? 0) + 1);
    const keys = [...counts.keys()].sort((a, b) => a - b);
    // At most 1,200 rows in counts: passed by the rows before, by added rows, and after a finish.
    for (const maxCount of [100, 1_200, 4_000]) {
      const b = new RoundedHistogramBuilder(9, histogramOf(xs.subarray(0, 300), null), false, maxCount);
      for (let i = 300; i < 2_500; i++) b.add(xs[i], 1);
      b.finish();
      for (let i = 2_500; i < xs.length; i++) b.add(xs[i], 1);
      expect(plain(b.finish())).toEqual({ values: keys, weights: keys.map((k) => counts.get(k)!) });
    }
  });

  it('counts past 16 bits: a value of a hundred thousand rows and more, added by rows, by merged counts and after a finish', () => {
    // Counts of 65,535, 65,536, 65,537, 2^17 and 300,001 rows cross where 16-bit counts spill over.
    const wanted = new Map<number, number>([
      [1, 65_535],
      [2, 65_536],
      [3, 65_537],
      [-4, 2 ** 17],
      [5, 300_001],
      [6, 1],
    ]);
    for (const maxCount of [undefined, 400_000]) {
      const b = new RoundedHistogramBuilder(13, histogramOf(Float64Array.of(5, 5, 6), null), false, maxCount);
      const rows: number[] = [];
      for (const [x, c] of wanted) for (let i = 0; i < c; i++) rows.push(x);
      // Less the rows `before` held (two 5s and the 6), and 100,000 5s and 70,000 3s given as merged counts.
      rows.splice(rows.indexOf(6), 1);
      rows.splice(rows.indexOf(5), 2 + 100_000);
      rows.splice(rows.indexOf(3), 65_537);
      const random = testRandom(39);
      for (let i = rows.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [rows[i], rows[j]] = [rows[j], rows[i]];
      }
      const half = rows.length >> 1;
      for (let i = 0; i < half; i++) b.add(rows[i], 1);
      b.addCounts({ values: Float64Array.of(5, 3), weights: Float64Array.of(100_000, 65_537) });
      b.finish();
      for (let i = half; i < rows.length; i++) b.add(rows[i], 1);
      const keys = [...wanted.keys()].sort((a, c) => a - c);
      expect(plain(b.finish())).toEqual({ values: keys, weights: keys.map((k) => wanted.get(k)!) });
    }
  });

  it('refuses a weight other than 1 when unweighted', () => {
    expect(() => new RoundedHistogramBuilder(13, emptyHistogram(), false).add(1, 2)).toThrow();
  });
});

describe('an unweighted regression collector past the bound', () => {
  it('gives each group the exact histograms of its rows, rounded, as a row-by-row count does', () => {
    const random = testRandom(36);
    const n = 30_000;
    const slots = Int32Array.from({ length: n }, () => Math.floor(random() * 3));
    const y = Float64Array.from({ length: n }, () => Math.exp(random() * 6));
    const p = Float64Array.from({ length: n }, (_, i) => (random() < 0.02 ? NaN : y[i] * (0.5 + random())));
    const bits = 8;
    const collector = new RegressionCollector('y', 'p', false, { bound: 2_000, significant_bits: bits });
    // In two batches: the first passes the bound part-way, the second starts rounded.
    for (const [from, to] of [[0, 20_000], [20_000, n]]) {
      const m = to - from;
      const data = (values: Float64Array) => makeData({ type: new Float64(), length: m, data: values.slice(from, to) });
      collector.read(data(y), data(p), m, new Int8Array(m), new Int8Array(m));
      collector.count(slots.slice(from, to), null, m);
    }
    const got = collector.finish();
    expect(got.rounded).toBe(true);
    for (let g = 0; g < 3; g++) {
      const rows = [...Array(n).keys()].filter((i) => slots[i] === g && p[i] === p[i]);
      const count = (xs: number[]) => {
        const m = new Map<number, number>();
        for (const x of xs) m.set(plainRound(x, bits), (m.get(plainRound(x, bits)) ?? 0) + 1);
        const keys = [...m.keys()].sort((a, b) => a - b);
        return { values: keys, weights: keys.map((k) => m.get(k)!) };
      };
      expect(plain(got.groups[g].values)).toEqual(count(rows.map((i) => p[i])));
      expect(plain(got.groups[g].errors)).toEqual(count(rows.map((i) => p[i] - y[i])));
    }
  });
});

describe('merging rounded histograms of counts', () => {
  it('adds the counts of each rounded value over all parts, as a plain count of their rows does', () => {
    const random = testRandom(37);
    const rows = Array.from({ length: 7 }, (_, p) => Array.from({ length: 3000 + p * 500 }, () => plainRound((random() < 0.5 ? -1 : 1) * Math.exp(random() * 30 - 15), 9)));
    const parts = rows.map((xs) => roundHistogram(histogramOf(Float64Array.from(xs), null), 9));
    const counts = new Map<number, number>();
    for (const x of rows.flat()) counts.set(x, (counts.get(x) ?? 0) + 1);
    const keys = [...counts.keys()].sort((a, b) => a - b);
    expect(plain(mergeRoundedCounts(parts, 9)!)).toEqual({ values: keys, weights: keys.map((k) => counts.get(k)!) });
  });

  it('declines weights that are not whole counts, so they merge the general way', () => {
    const h = histogramOf(Float64Array.of(1, 2), Float64Array.of(0.5, 1));
    expect(mergeRoundedCounts([h, h, h], 9)).toBeNull();
    expect(mergeRoundedCounts([histogramOf(Float64Array.of(1), Float64Array.of(0))], 9)).toBeNull();
  });
});
