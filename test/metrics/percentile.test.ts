import { describe, expect, it } from 'vitest';
import { typeSevenQuantile } from '../../src/metrics/bootstrap.js';

/** Type 7 by a full sort, written out as its definition: h = (m − 1)p, x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋). */
function naive(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  return low + 1 < sorted.length ? sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]) : sorted[low];
}

describe('bootstrap percentiles by selection', () => {
  it('equal the sorted type-7 quantile for random samples with ties', () => {
    let state = 99;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let trial = 0; trial < 200; trial++) {
      const length = 1 + Math.floor(next() * 1200);
      const values = Array.from({ length }, () => (trial % 3 === 0 ? Math.floor(next() * 7) : next() * 2 - 1));
      for (const p of [0, 0.025, 0.5, 0.975, 1]) {
        const expected = naive(values, p);
        expect(typeSevenQuantile(Float64Array.from(values), length, p)).toBeCloseTo(expected, 12);
      }
    }
  });

  it('interpolates between the two middle values of four', () => {
    // h = 3 · 0.5 = 1.5: x₁ + 0.5 (x₂ − x₁) = 2 + 0.5 · 1 = 2.5.
    expect(typeSevenQuantile(Float64Array.of(4, 1, 3, 2), 4, 0.5)).toBe(2.5);
  });
});
