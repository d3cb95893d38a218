import { makeData, Float64 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { RegressionCollector, SUM } from '../../src/metrics/regression/collect.js';
import { HASHED_MAX, HistogramBuilder } from '../../src/stats/histogram-builder.js';
import { emptyHistogram, histogramOf, mergeHistograms, type Histogram } from '../../src/stats/histogram.js';
import { testRandom } from '../metrics/fixtures.js';

/** A histogram the plain way: a Map from value to summed weight, then the keys sorted. */
function plainHistogram(values: number[], weights: number[]): { values: number[]; weights: number[] } {
  const sums = new Map<number, number>();
  values.forEach((x, i) => {
    if (Number.isNaN(x)) return;
    // Map keys already treat -0 and 0 as one (SameValueZero).
    sums.set(x, (sums.get(x) ?? 0) + weights[i]);
  });
  const keys = [...sums.keys()].sort((a, b) => a - b);
  return { values: keys.map((k) => (k === 0 ? 0 : k)), weights: keys.map((k) => sums.get(k)!) };
}

function plain(h: Histogram): { values: number[]; weights: number[] } {
  return { values: Array.from(h.values), weights: Array.from(h.weights) };
}

/** Weights in eighths: their sums are exact in any order, so any correct histogram matches to the bit. */
function eighths(random: () => number, n: number): number[] {
  return Array.from({ length: n }, () => (1 + Math.floor(random() * 24)) / 8);
}

/** Where two histograms first differ (-1 when equal to the bit): toEqual is slow on long arrays. */
function firstDifference(a: { values: number[]; weights: number[] }, b: { values: number[]; weights: number[] }): number {
  if (a.values.length !== b.values.length) return Math.min(a.values.length, b.values.length);
  for (let i = 0; i < a.values.length; i++) if (!Object.is(a.values[i], b.values[i]) || a.weights[i] !== b.weights[i]) return i;
  return -1;
}

/**
 * The builder fairaudit had before the hash table, as the reference for weighted sums: rows
 * buffered (1,024 at first, doubling until 65,536 or the histogram's size), sorted into a
 * histogram and merged into the one before.
 */
function bufferAndSort(values: number[], weights: number[]): Histogram {
  let buffer = new Float64Array(1024);
  let bufferWeights = new Float64Array(1024);
  let length = 0;
  let folded = emptyHistogram();
  values.forEach((x, i) => {
    if (length === buffer.length) {
      if (length < Math.max(1 << 16, folded.values.length)) {
        const grown = new Float64Array(length * 2);
        grown.set(buffer);
        buffer = grown;
        const grownWeights = new Float64Array(length * 2);
        grownWeights.set(bufferWeights);
        bufferWeights = grownWeights;
      } else {
        folded = mergeHistograms(folded, histogramOf(buffer, bufferWeights, length));
        length = 0;
      }
    }
    buffer[length] = x;
    bufferWeights[length++] = weights[i];
  });
  return mergeHistograms(folded, histogramOf(buffer, bufferWeights, length));
}

describe('histogram builder', () => {
  it('adds weights as the buffer-and-sort builder did, to the bit, across its chunks and the move to buffers', () => {
    const random = testRandom(33);
    const n = 330_000;
    const cases: Record<string, (i: number) => number> = {
      'few values': () => Math.floor(random() * 200),
      continuous: () => random() * 1000,
      'few values, then continuous': (i) => (i < 200_000 ? Math.floor(random() * 300) : random() * 1000),
    };
    for (const [name, draw] of Object.entries(cases)) {
      const values = Array.from({ length: n }, (_, i) => draw(i));
      // Weights with long fractions: any other order of addition would show in the last bits.
      const weights = Array.from({ length: n }, () => 0.1 + random() * 5.3);
      const b = new HistogramBuilder(true);
      values.forEach((x, i) => b.add(x, weights[i]));
      expect([name, firstDifference(plain(b.finish()), plain(bufferAndSort(values, weights)))]).toEqual([name, -1]);
    }
  });

  it('builds the exact histogram of few distinct values with ties, NaN, -0 and weights', () => {
    const random = testRandom(5);
    const values = Array.from({ length: 5000 }, () => {
      const r = random();
      if (r < 0.05) return NaN;
      if (r < 0.1) return -0;
      return Math.round(random() * 300) - 100;
    });
    const weights = eighths(random, values.length);
    const b = new HistogramBuilder(true);
    values.forEach((x, i) => b.add(x, weights[i]));
    const h = plain(b.finish());
    expect(h).toEqual(plainHistogram(values, weights));
    expect(Object.is(h.values[h.values.indexOf(0)], 0)).toBe(true);
  });

  it('keeps the exact histogram once the distinct values outgrow the hash table and are buffered', () => {
    const random = testRandom(9);
    // Continuous values with every tenth one repeated: well past HASHED_MAX distinct values.
    const values: number[] = [];
    for (let i = 0; i < 3 * HASHED_MAX + 70_000; i++) values.push(i % 10 === 0 && i > 0 ? values[i - 7] : random() * 1000 - 500);
    values[123] = NaN;
    const weights = eighths(random, values.length);
    const weighted = new HistogramBuilder(true);
    const unweighted = new HistogramBuilder(false);
    values.forEach((x, i) => {
      weighted.add(x, weights[i]);
      unweighted.add(x, 1);
    });
    expect(firstDifference(plain(weighted.finish()), plainHistogram(values, weights))).toBe(-1);
    expect(firstDifference(plain(unweighted.finish()), plainHistogram(values, values.map(() => 1)))).toBe(-1);
  });

  it('takes more values after a histogram was read from it, in either mode', () => {
    for (const n of [1000, 2 * HASHED_MAX + 70_000]) {
      const values = Array.from({ length: 2 * n }, (_, i) => (i % 5 === 0 ? 3 : i * 0.37));
      const b = new HistogramBuilder(false);
      values.slice(0, n).forEach((x) => b.add(x, 1));
      expect(firstDifference(plain(b.finish()), plainHistogram(values.slice(0, n), values.slice(0, n).map(() => 1)))).toBe(-1);
      values.slice(n).forEach((x) => b.add(x, 1));
      expect(firstDifference(plain(b.finish()), plainHistogram(values, values.map(() => 1)))).toBe(-1);
    }
  });

  it('gives the histogram of one value, and of none', () => {
    const b = new HistogramBuilder(false);
    expect(plain(b.finish())).toEqual({ values: [], weights: [] });
    for (let i = 0; i < 100; i++) b.add(2.5, 1);
    expect(plain(b.finish())).toEqual({ values: [2.5], weights: [100] });
  });
});

describe('regression collector', () => {
  it('sums and histograms each joint group as a plain per-row pass does, with missing values, weights and a constant group', () => {
    const random = testRandom(21);
    const n = 30_000;
    const groups = 7;
    const slots = Int32Array.from({ length: n }, () => Math.floor(random() * groups));
    const y = Float64Array.from({ length: n }, (_, i) => (random() < 0.03 ? NaN : slots[i] === 6 ? 4 : Math.round(random() * 40) / 4));
    const p = Float64Array.from({ length: n }, (_, i) => (random() < 0.03 ? NaN : slots[i] === 6 ? 4 : i % 3 === 0 ? random() * 10 : Math.round(random() * 40) / 4));
    const w = Float64Array.from(eighths(random, n));
    const data = (values: Float64Array) => makeData({ type: new Float64(), length: n, data: values });
    const collector = new RegressionCollector('y', 'p', true);
    collector.read(data(y), data(p), n, new Int8Array(n), new Int8Array(n));
    collector.count(slots, w, n);
    const result = collector.finish();
    for (let g = 0; g < groups; g++) {
      const rows = [...Array(n).keys()].filter((i) => slots[i] === g && !Number.isNaN(y[i]) && !Number.isNaN(p[i]));
      const got = result.groups[g];
      expect(plain(got.values)).toEqual(plainHistogram(rows.map((i) => p[i]), rows.map((i) => w[i])));
      expect(plain(got.errors)).toEqual(plainHistogram(rows.map((i) => p[i] - y[i]), rows.map((i) => w[i])));
      expect(got.sums[SUM.rows]).toBe(rows.length);
      expect(got.sums[SUM.w]).toBe(rows.reduce((s, i) => s + w[i], 0));
      expect(got.sums[SUM.abs]).toBeCloseTo(rows.reduce((s, i) => s + w[i] * Math.abs(p[i] - y[i]), 0), 8);
    }
    // The constant group: one value, no error.
    expect(plain(result.groups[6].values).values).toEqual([4]);
    expect(plain(result.groups[6].errors).values).toEqual([0]);
  });
});

describe('the counts of an unweighted histogram builder', () => {
  it('hold each value with its row count, whatever the order, hashing or past the hash table', () => {
    const random = testRandom(77);
    for (const distinct of [50, HASHED_MAX * 3]) {
      const xs = Float64Array.from({ length: distinct * 4 }, () => Math.floor(random() * distinct) / 7);
      const b = new HistogramBuilder(false);
      for (const x of xs) b.add(x, 1);
      const c = b.counts();
      const summed = new Map<number, number>();
      c.values.forEach((x, i) => summed.set(x, (summed.get(x) ?? 0) + c.weights[i]));
      const keys = [...summed.keys()].sort((a, d) => a - d);
      expect({ values: keys, weights: keys.map((k) => summed.get(k)!) }).toEqual(plainHistogram(Array.from(xs), Array.from(xs, () => 1)));
    }
  });
});

describe('an unweighted histogram builder over whole values', () => {
  it('counts small whole values, -0, halves and large values as a plain count does, below and past the hash table', () => {
    const random = testRandom(78);
    for (const spread of [300, HASHED_MAX * 2]) {
      const xs = Array.from({ length: spread * 3 }, () => {
        const u = random();
        if (u < 0.05) return -0;
        if (u < 0.6) return Math.floor(random() * 5000) - 2500;
        if (u < 0.8) return Math.floor(random() * 400) / 2;
        return Math.floor(random() * spread) * 1000;
      });
      const b = new HistogramBuilder(false);
      for (const x of xs) b.add(x, 1);
      expect(plain(b.finish())).toEqual(plainHistogram(xs, xs.map(() => 1)));
    }
  });

  it('keeps values a hair from whole ones apart from them (3 + 2^-45 is not 3, 2^-60 is not 0)', () => {
    const xs = [3, 3 + 2 ** -45, 3, -(2 ** -60), 0, 2 ** -60, -7 - 2 ** -40, -7, 1e-300];
    const b = new HistogramBuilder(false);
    for (const x of xs) b.add(x, 1);
    expect(plain(b.finish())).toEqual(plainHistogram(xs, xs.map(() => 1)));
    expect(b.finish().values.length).toBe(8);
  });
});
