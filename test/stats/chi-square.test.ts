import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail, logGamma, regularizedGammaQ } from '../../src/stats/chi-square.js';
import { twoSidedNormalP } from '../../src/stats/normal.js';

describe('the chi-square upper tail', () => {
  it('with 2 degrees of freedom is exp(−x/2), its closed form', () => {
    for (const x of [0.1, 1, 4, 5.991464547107979, 20]) expect(chiSquareUpperTail(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
  });

  it('with 1 degree of freedom is the two-sided normal p-value of √x', () => {
    for (const x of [0.5, 2, 3.841458820694124, 10]) expect(chiSquareUpperTail(x, 1)).toBeCloseTo(twoSidedNormalP(Math.sqrt(x)), 9);
  });

  it('gives 0.05 at the tabled critical values (df 1, 3, 10)', () => {
    expect(chiSquareUpperTail(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareUpperTail(7.814727903251178, 3)).toBeCloseTo(0.05, 10);
    expect(chiSquareUpperTail(18.307038053275146, 10)).toBeCloseTo(0.05, 10);
  });

  it('is 1 at 0 and stays within [0, 1] far in the tail', () => {
    expect(chiSquareUpperTail(0, 4)).toBe(1);
    const far = chiSquareUpperTail(500, 3);
    expect(far).toBeGreaterThanOrEqual(0);
    expect(far).toBeLessThan(1e-100);
  });

  it('Q(1, x) is exp(−x) and ln Γ matches factorials', () => {
    expect(regularizedGammaQ(1, 2)).toBeCloseTo(Math.exp(-2), 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});
