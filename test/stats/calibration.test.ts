import { describe, expect, it } from 'vitest';
import { calibration } from '../../src/stats/calibration.js';

describe('calibration', () => {
  it('computes the expected calibration error over ten bins by hand', () => {
    // Bin [0.0, 0.1): 0.05 (neg), 0.08 (pos) → n 2, mean 0.065, rate 0.5, gap 0.435
    // Bin [0.3, 0.4): 0.35 (neg)             → n 1, mean 0.35,  rate 0,   gap 0.35
    // Bin [0.9, 1.0]: 0.9 (pos), 1.0 (pos)   → n 2, mean 0.95,  rate 1,   gap 0.05
    // ECE = (2·0.435 + 1·0.35 + 2·0.05)/5 = (0.87 + 0.35 + 0.1)/5 = 0.264
    const scores = Float64Array.of(0.05, 0.08, 0.35, 0.9, 1.0);
    const positive = Uint8Array.of(0, 1, 0, 1, 1);
    const result = calibration(scores, positive);
    expect(result.ece).toBeCloseTo(0.264, 12);
    expect(result.mean_score).toBeCloseTo((0.05 + 0.08 + 0.35 + 0.9 + 1.0) / 5, 12);
    expect(result.base_rate).toBeCloseTo(3 / 5, 12);
    expect(result.bins).toHaveLength(10);
    expect(result.bins[0]).toEqual({ low: 0, high: 0.1, n: 2, mean_score: expect.closeTo(0.065, 12), positive_rate: 0.5 });
    expect(result.bins[3]).toMatchObject({ n: 1, mean_score: 0.35, positive_rate: 0 });
    expect(result.bins[9]).toMatchObject({ low: 0.9, high: 1, n: 2, mean_score: 0.95, positive_rate: 1 });
    expect(result.bins[5]).toMatchObject({ n: 0, mean_score: null, positive_rate: null });
  });

  it('puts a score of exactly 1 in the last bin and a bin edge in the bin above it', () => {
    const result = calibration(Float64Array.of(1, 0.5, 0), Uint8Array.of(1, 0, 0), undefined, 4);
    // Four bins of width ¼: 0 → bin 0, 0.5 → bin 2 ([0.5, 0.75)), 1 → bin 3.
    expect(result.bins.map((b) => b.n)).toEqual([1, 0, 1, 1]);
    // Each occupied bin: |0 − 0| + |0.5 − 0| + |1 − 1| → ECE = 0.5/3.
    expect(result.ece).toBeCloseTo(0.5 / 3, 12);
  });

  it('is zero for perfectly calibrated bins', () => {
    // Bin [0.2, 0.3): four rows at 0.25, one positive → rate 0.25 = mean score.
    const result = calibration(Float64Array.of(0.25, 0.25, 0.25, 0.25), Uint8Array.of(1, 0, 0, 0));
    expect(result.ece).toBe(0);
  });

  it('skips missing scores and honours `length`', () => {
    // Only 0.15 (pos) and NaN are in the first two entries: one row, |0.15 − 1| = 0.85.
    const result = calibration(Float64Array.of(0.15, NaN, 0.95), Uint8Array.of(1, 1, 0), 2);
    expect(result.ece).toBeCloseTo(0.85, 12);
    expect(result.bins[1].n).toBe(1);
  });

  it('is null everywhere when the group has no scored rows', () => {
    const result = calibration(new Float64Array(0), new Uint8Array(0));
    expect(result.mean_score).toBeNull();
    expect(result.base_rate).toBeNull();
    expect(result.ece).toBeNull();
    expect(result.bins.every((b) => b.n === 0 && b.mean_score === null)).toBe(true);
  });

  it('rejects a score outside [0, 1]', () => {
    expect(() => calibration(Float64Array.of(1.2), Uint8Array.of(1))).toThrow(RangeError);
    expect(() => calibration(Float64Array.of(0.2), Uint8Array.of(1), 1, 0)).toThrow(RangeError);
  });
});
