import { describe, expect, it } from 'vitest';
import { quantiles } from '../../src/stats/quantiles.js';

describe('quantiles', () => {
  it('interpolates linearly between order statistics (type 7, as NumPy by default)', () => {
    // Sorted 1, 2, 3, 4 (m = 4), h = 3p:
    //   p = 0 → x₀ = 1; p = ¼ → h = 0.75 → 1 + 0.75·1 = 1.75; p = ½ → h = 1.5 → 2.5;
    //   p = ¾ → h = 2.25 → 3.25; p = 1 → x₃ = 4.
    expect(quantiles(Float64Array.of(4, 1, 3, 2), [0, 0.25, 0.5, 0.75, 1])).toEqual([1, 1.75, 2.5, 3.25, 4]);
  });

  it('gives the middle value as the median of an odd count and keeps the order of probs', () => {
    // 10, 20, 30, 40, 100: median h = 2 → 30; p = 0.9 → h = 3.6 → 40 + 0.6·60 = 76.
    const result = quantiles(Float64Array.of(100, 30, 10, 40, 20), [0.9, 0.5]);
    expect(result[0]).toBeCloseTo(76, 12);
    expect(result[1]).toBe(30);
  });

  it('ignores missing (NaN) values, honours `length` and leaves the input untouched', () => {
    const values = Float64Array.of(5, NaN, 1, 3, 1000);
    // First four entries without the NaN: 1, 3, 5 → median 3, quartiles 2 and 4.
    expect(quantiles(values, [0.25, 0.5, 0.75], 4)).toEqual([2, 3, 4]);
    expect(Array.from(values)).toEqual([5, NaN, 1, 3, 1000]);
  });

  it('returns the value itself for a single value and copes with infinities', () => {
    expect(quantiles(Float64Array.of(7), [0, 0.5, 1])).toEqual([7, 7, 7]);
    expect(quantiles(Float64Array.of(Infinity, Infinity, 1), [0.75])).toEqual([Infinity]);
  });

  it('refuses when every value is missing or a probability is outside [0, 1]', () => {
    expect(() => quantiles(Float64Array.of(NaN, NaN), [0.5])).toThrow(RangeError);
    expect(() => quantiles(new Float64Array(0), [0.5])).toThrow(RangeError);
    expect(() => quantiles(Float64Array.of(1, 2), [1.5])).toThrow(RangeError);
  });
});
