import { describe, expect, it } from 'vitest';
import { computeStudentizedRangeQuantile, studentizedRangeQuantile } from '../../src/stats/extreme-intervals.js';
import { Q95_BY_GROUPS, Q95_FIRST_GROUPS, Q95_LAST_GROUPS } from '../../src/stats/studentized-range-table.js';

/**
 * A second, deliberately plain implementation of P(range of G standard normals ≤ q):
 * Φ by a running trapezoid sum of φ on a fine grid, the outer integral by the trapezoid rule,
 * Φ(x − q) by linear interpolation. Nothing is shared with the code under test.
 */
function plainRangeCdf(q: number, groups: number): number {
  const from = -10;
  const step = 0.001;
  const n = 20_000;
  const density = new Float64Array(n + 1);
  const cdf = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) density[i] = Math.exp(-0.5 * (from + i * step) ** 2) / Math.sqrt(2 * Math.PI);
  for (let i = 1; i <= n; i++) cdf[i] = cdf[i - 1] + ((density[i - 1] + density[i]) * step) / 2;
  const cdfAt = (x: number): number => {
    const t = (x - from) / step;
    if (t <= 0) return 0;
    if (t >= n) return cdf[n];
    const i = Math.floor(t);
    return cdf[i] + (t - i) * (cdf[i + 1] - cdf[i]);
  };
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const x = from + i * step;
    const inner = Math.max(0, cdf[i] - cdfAt(x - q));
    sum += (i === 0 || i === n ? 0.5 : 1) * density[i] * inner ** (groups - 1);
  }
  return groups * sum * step;
}

describe('the table of studentized range 95% points', () => {
  it('holds one entry per group count from 2 to 256, rising with the number of groups', () => {
    expect(Q95_FIRST_GROUPS).toBe(2);
    expect(Q95_LAST_GROUPS).toBe(256);
    expect(Q95_BY_GROUPS).toHaveLength(255);
    for (let i = 1; i < Q95_BY_GROUPS.length; i++) expect(Q95_BY_GROUPS[i]).toBeGreaterThan(Q95_BY_GROUPS[i - 1]);
  });

  it('gives for two groups the two-sided normal point times √2, as theory says', () => {
    expect(Q95_BY_GROUPS[0]).toBeCloseTo(1.959963984540054 * Math.SQRT2, 8);
  });

  it('puts 95% of the range below each entry, by a second, plain integration', () => {
    for (const groups of [2, 3, 5, 10, 20, 50, 100, 256]) {
      expect(plainRangeCdf(Q95_BY_GROUPS[groups - 2], groups)).toBeCloseTo(0.95, 5);
    }
  });

  it('matches published values of Tukey q(0.95; G, ∞)', () => {
    // Printed tables of the studentized range (those behind Tukey HSD), infinite degrees of freedom.
    const published: [number, number][] = [[3, 3.314], [4, 3.633], [5, 3.858], [6, 4.03], [8, 4.286], [10, 4.474], [20, 5.012]];
    for (const [groups, q] of published) expect(Q95_BY_GROUPS[groups - 2]).toBeCloseTo(q, 3);
  });

  it('is what the quantile search computes, so looking up instead of computing changes no interval', () => {
    for (const groups of [2, 3, 7, 16, 37, 128, 256]) {
      expect(Q95_BY_GROUPS[groups - 2]).toBeCloseTo(computeStudentizedRangeQuantile(groups, 0.95), 9);
      expect(studentizedRangeQuantile(groups, 0.95)).toBe(Q95_BY_GROUPS[groups - 2]);
    }
    // Beyond the table, and at other levels, the quantile is computed.
    expect(studentizedRangeQuantile(257, 0.95)).toBeGreaterThan(Q95_BY_GROUPS[254]);
    expect(studentizedRangeQuantile(10, 0.9)).toBeLessThan(Q95_BY_GROUPS[8]);
  });
});
