import { describe, expect, it } from 'vitest';
import { histogramOf } from '../../src/stats/histogram.js';
import { RADIX_MIN, radixSortFloat64 } from '../../src/stats/radix-sort.js';
import { Rng } from '../../src/stats/rng.js';

/** A histogram the plain way: a Map from value to summed weight (rows in order), keys sorted by comparison. */
function plainHistogram(values: number[], weights: number[] | null): { values: number[]; weights: number[] } {
  const sums = new Map<number, number>();
  values.forEach((x, i) => {
    if (Number.isNaN(x)) return;
    // Map keys treat -0 and 0 as one key already.
    sums.set(x, (sums.get(x) ?? 0) + (weights ? weights[i] : 1));
  });
  const keys = [...sums.keys()].sort((a, b) => a - b);
  return { values: keys.map((k) => (k === 0 ? 0 : k)), weights: keys.map((k) => sums.get(k)!) };
}

/** Values of every sign and scale, with ties, ±0, tiny and huge magnitudes. */
function uglyValues(rng: Rng, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 7;
    const u = rng.next();
    if (kind === 0) out.push(Math.round(u * 50) - 25);
    else if (kind === 1) out.push((u - 0.5) * 1e-300);
    else if (kind === 2) out.push((u - 0.5) * 1e300);
    else if (kind === 3) out.push(u < 0.5 ? -0 : 0);
    else if (kind === 4) out.push(Math.round(u * 1000) * 100);
    else out.push((u - 0.5) * 2000);
  }
  return out;
}

describe('radix sort of float64 values', () => {
  it('orders values of every sign and scale as a comparison sort does', () => {
    const rng = new Rng(7);
    const values = uglyValues(rng, 10_000).map((x) => (x === 0 ? 0 : x));
    const sorted = Float64Array.from(values);
    radixSortFloat64(sorted, null);
    const expected = [...values].sort((a, b) => a - b);
    expect(Array.from(sorted)).toEqual(expected);
  });

  it('carries each weight with its value and keeps equal values in input order', () => {
    // Hand-made: value 2 appears with weights 20 then 21; value -1 with 10.
    const v = Float64Array.of(2, -1, 2, 0.5);
    const w = Float64Array.of(20, 10, 21, 5);
    radixSortFloat64(v, w);
    expect(Array.from(v)).toEqual([-1, 0.5, 2, 2]);
    expect(Array.from(w)).toEqual([10, 5, 20, 21]);
  });

  it('sorts integer-valued columns whose high digits never change (skipped passes)', () => {
    const rng = new Rng(3);
    const values = Array.from({ length: 5000 }, () => Math.floor(rng.next() * 300));
    const sorted = Float64Array.from(values);
    radixSortFloat64(sorted, null);
    expect(Array.from(sorted)).toEqual([...values].sort((a, b) => a - b));
  });
});

describe('histograms of long inputs (the radix path)', () => {
  it('equal the plain Map histogram, unweighted and weighted, with NaN rows left out', () => {
    const rng = new Rng(11);
    const n = RADIX_MIN * 3 + 17;
    const values = uglyValues(rng, n);
    values[5] = NaN;
    values[n - 1] = NaN;
    // Weights that are exact in binary, so any summing order gives the same bits.
    const weights = Array.from({ length: n }, () => Math.floor(rng.next() * 8) / 4);
    for (const w of [null, weights]) {
      const h = histogramOf(Float64Array.from(values), w ? Float64Array.from(w) : null);
      const plain = plainHistogram(values, w);
      expect(Array.from(h.values)).toEqual(plain.values);
      expect(Array.from(h.weights)).toEqual(plain.weights);
      expect(Object.is(h.values[plain.values.indexOf(0)], -0)).toBe(false);
    }
  });

  it('read only the first `length` values and leave the input untouched', () => {
    const values = Float64Array.from({ length: RADIX_MIN * 2 }, (_, i) => (i * 7919) % 1000);
    const copy = values.slice();
    const h = histogramOf(values, null, RADIX_MIN + 1);
    const plain = plainHistogram(Array.from(copy.subarray(0, RADIX_MIN + 1)), null);
    expect(Array.from(h.values)).toEqual(plain.values);
    expect(Array.from(h.weights)).toEqual(plain.weights);
    expect(values).toEqual(copy);
  });
});
