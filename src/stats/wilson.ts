import type { Interval } from '../results/index.js';

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion `successes / n` (Wilson 1927): unlike the normal
 * approximation it stays inside [0, 1] and behaves at 0 and n successes. Null when n is 0.
 * `successes` and `n` may be weighted sums.
 *
 * @example
 * wilsonInterval(8, 10); // ≈ [0.4902, 0.9433]
 */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval | null {
  if (!(n > 0)) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
