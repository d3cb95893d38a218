import { Float64, Int32, makeData, type Data } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { RegressionCollector, SUMS, type RegressionCounts } from '../../src/metrics/regression/collect.js';
import { roundSignificant, type HistogramPrecision } from '../../src/stats/rounded-histogram.js';
import { testRandom } from './fixtures.js';

/** One audit's rows: outcome columns (null when the audit has none), joint groups, weights. */
interface Rows {
  y: Float64Array | null;
  p: Float64Array | null;
  slots: Int32Array;
  w: Float64Array | null;
}

/**
 * The collector's statistics computed the plain way: one loop over the rows in order, each row's
 * nine sums added into its group's array, and its value and error counted in Maps (-0 as 0);
 * then, if the groups' histograms together hold more distinct values than the bound, every value
 * rounded and the Maps merged by rounded value. Weights in the tests are multiples of 1/8 below
 * 4, so their sums are exact in any order and a Map's order of adding them cannot differ.
 */
function plainStatistics(rows: Rows, precision: HistogramPrecision) {
  const sums: Float64Array[] = [];
  const values: Map<number, number>[] = [];
  const errors: Map<number, number>[] = [];
  const both = rows.y !== null && rows.p !== null;
  const add = (m: Map<number, number>, x: number, w: number) => {
    const key = x === 0 ? 0 : x;
    m.set(key, (m.get(key) ?? 0) + w);
  };
  for (let i = 0; i < rows.slots.length; i++) {
    const y = rows.y ? rows.y[i] : 0;
    const p = rows.p ? rows.p[i] : 0;
    if (Number.isNaN(y) || Number.isNaN(p)) continue;
    const g = rows.slots[i];
    while (sums.length <= g) {
      sums.push(new Float64Array(SUMS));
      values.push(new Map());
      errors.push(new Map());
    }
    const w = rows.w ? rows.w[i] : 1;
    const e = p - y;
    const s = sums[g];
    s[0] += w;
    s[1] += w * y;
    s[2] += w * y * y;
    s[3] += w * p;
    s[4] += w * p * p;
    s[5] += w * e;
    s[6] += w * e * e;
    s[7] += w * Math.abs(e);
    s[8] += 1;
    add(values[g], rows.p ? p : y, w);
    if (both) add(errors[g], e, w);
  }
  let distinct = 0;
  for (let g = 0; g < sums.length; g++) distinct += values[g].size + errors[g].size;
  const rounded = distinct > precision.bound;
  const settle = (m: Map<number, number>) => {
    const out = new Map<number, number>();
    for (const [x, w] of m) add(out, rounded ? roundSignificant(x, precision.significant_bits) : x, w);
    const keys = [...out.keys()].sort((a, b) => a - b);
    return { values: keys, weights: keys.map((k) => out.get(k)!) };
  };
  return { rounded, groups: sums.map((s, g) => ({ sums: Array.from(s), values: settle(values[g]), errors: settle(errors[g]) })) };
}

/** The collector fed `rows` in batches of `batch` rows, through Arrow columns as an audit reads them. */
function collect(rows: Rows, precision: HistogramPrecision, batch: number, nulls = false): RegressionCounts {
  const collector = new RegressionCollector(rows.y ? 'y' : undefined, rows.p ? 'p' : undefined, rows.w !== null, precision);
  const n = rows.slots.length;
  const column = (values: Float64Array | null, from: number, to: number): Data | null => {
    if (!values) return null;
    const part = values.slice(from, to);
    if (!nulls) return makeData({ type: new Float64(), length: to - from, data: part });
    // Missing values as nulls of an integer column (read by copying) rather than as NaN doubles.
    const bitmap = new Uint8Array(Math.ceil((to - from) / 8));
    const ints = new Int32Array(to - from);
    for (let i = 0; i < part.length; i++) {
      if (Number.isNaN(part[i])) continue;
      bitmap[i >> 3] |= 1 << (i & 7);
      ints[i] = part[i];
    }
    return makeData({ type: new Int32(), length: to - from, data: ints, nullBitmap: bitmap });
  };
  for (let from = 0; from < n; from += batch) {
    const to = Math.min(n, from + batch);
    const m = to - from;
    collector.read(column(rows.y, from, to), column(rows.p, from, to), m, new Int8Array(m), new Int8Array(m));
    collector.count(rows.slots.slice(from, to), rows.w ? rows.w.slice(from, to) : null, m);
  }
  return collector.finish();
}

/** Every number's bits, so that -0 and 0, or two NaNs, are told apart. */
function bits(xs: ArrayLike<number>): string[] {
  return Array.from(new BigUint64Array(Float64Array.from(xs).buffer), (b) => b.toString(16));
}

function expectSame(got: RegressionCounts, want: ReturnType<typeof plainStatistics>): void {
  expect(got.rounded ?? false).toBe(want.rounded);
  expect(got.groups.length).toBe(want.groups.length);
  want.groups.forEach((g, i) => {
    const mine = got.groups[i];
    expect(bits(mine.sums)).toEqual(bits(g.sums));
    expect(bits(mine.values.values)).toEqual(bits(g.values.values));
    expect(bits(mine.values.weights)).toEqual(bits(g.values.weights));
    expect(bits(mine.errors.values)).toEqual(bits(g.errors.values));
    expect(bits(mine.errors.weights)).toEqual(bits(g.errors.weights));
  });
}

/** Seeded rows: `kind` says what the outcomes look like. */
function rowsOf(seed: number, n: number, options: { groups: number; kind: 'continuous' | 'integer' | 'awkward'; weighted?: boolean; labelOnly?: boolean; missing?: number }): Rows {
  const random = testRandom(seed);
  const y = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (options.kind === 'integer') {
      y[i] = Math.floor(random() * 30);
      p[i] = Math.max(0, y[i] + Math.floor(random() * 7) - 3);
    } else if (options.kind === 'continuous') {
      y[i] = Math.exp(random() * 8) * (random() < 0.1 ? -1 : 1);
      p[i] = y[i] * (0.5 + random());
    } else {
      // Zeros of both signs, equal label and prediction (an error of 0), huge and tiny magnitudes.
      const pick = random();
      y[i] = pick < 0.1 ? 0 : pick < 0.2 ? -0 : pick < 0.25 ? 2 ** 1023 * (1 + random() * 0.9) : (random() < 0.5 ? -1 : 1) * 2 ** ((random() - 0.5) * 200);
      const other = random();
      p[i] = other < 0.1 ? -0 : other < 0.2 ? y[i] : other < 0.25 ? -(2 ** 1023) * (1 + random() * 0.9) : other < 0.3 ? 0 : y[i] * (0.25 + random());
      // No overflow to infinity in p − y: huge values meet only small ones.
      if (Math.abs(y[i]) > 2 ** 1000 && Math.abs(p[i]) > 2 ** 1000) p[i] = 1;
    }
    if (options.missing && random() < options.missing) (random() < 0.5 ? y : p)[i] = NaN;
  }
  // Some groups far more common than others, and group ids up to `groups` − 1 seen late.
  const slots = Int32Array.from({ length: n }, () => Math.floor(options.groups * random() ** 2));
  const w = options.weighted ? Float64Array.from({ length: n }, () => (1 + Math.floor(random() * 31)) / 8) : null;
  return { y, p: options.labelOnly ? null : p, slots, w };
}

describe('the regression collector against a plain row-by-row computation', () => {
  const exact: HistogramPrecision = { bound: 1 << 18, significant_bits: 13 };
  const small: HistogramPrecision = { bound: 3_000, significant_bits: 11 };

  it('gives the same sums and histograms to the bit, unweighted, below the bound and past it mid-batch', () => {
    const rows = rowsOf(1, 60_000, { groups: 12, kind: 'continuous', missing: 0.02 });
    expectSame(collect(rows, exact, 25_000), plainStatistics(rows, exact));
    // The bound is passed inside the first batch, between two of its checks.
    expectSame(collect(rows, small, 25_000), plainStatistics(rows, small));
    expectSame(collect(rows, small, 7_000), plainStatistics(rows, small));
  });

  it('gives the same to the bit with weights, below and past the bound', () => {
    const rows = rowsOf(2, 50_000, { groups: 9, kind: 'continuous', weighted: true, missing: 0.01 });
    expectSame(collect(rows, exact, 20_000), plainStatistics(rows, exact));
    expectSame(collect(rows, small, 20_000), plainStatistics(rows, small));
  });

  it('gives the same for a label-only audit (the label is the distributed value, no errors)', () => {
    const rows = rowsOf(3, 40_000, { groups: 6, kind: 'continuous', labelOnly: true, missing: 0.05 });
    expectSame(collect(rows, exact, 16_000), plainStatistics(rows, exact));
    expectSame(collect(rows, small, 16_000), plainStatistics(rows, small));
  });

  it('gives the same for zeros of both signs, zero errors, huge and tiny values, with and without weights', () => {
    for (const weighted of [false, true]) {
      const rows = rowsOf(4, 40_000, { groups: 5, kind: 'awkward', weighted, missing: 0.01 });
      expectSame(collect(rows, exact, 16_384), plainStatistics(rows, exact));
      expectSame(collect(rows, small, 16_384), plainStatistics(rows, small));
    }
  });

  it('gives the same for integer-valued outcomes read from integer columns with nulls', () => {
    const rows = rowsOf(5, 80_000, { groups: 20, kind: 'integer', missing: 0.03 });
    expectSame(collect(rows, exact, 30_000, true), plainStatistics(rows, exact));
    const weighted = rowsOf(6, 50_000, { groups: 20, kind: 'integer', weighted: true, missing: 0.03 });
    expectSame(collect(weighted, exact, 30_000, true), plainStatistics(weighted, exact));
  });

  it('gives the same over many joint groups, most of them small', () => {
    const rows = rowsOf(7, 60_000, { groups: 700, kind: 'continuous', missing: 0.01 });
    expectSame(collect(rows, exact, 10_000), plainStatistics(rows, exact));
    expectSame(collect(rows, small, 10_000), plainStatistics(rows, small));
  });
});
