/**
 * The intervals of max − min, min ÷ max and group ratios (src/stats/extreme-intervals.ts) against
 * an independent generator: seeded simulations on planted tables (many groups of 40 rows, a few
 * of 2000, rates near 0 and 1) count how often the 95% interval covers the true value, which is
 * known exactly from the planted rates. Each design runs 2000 tables, so a coverage figure has a
 * standard error of about 0.5 percentage points.
 */
import { describe, expect, it } from 'vitest';
import {
  rangeDifferenceInterval,
  rangeRatioInterval,
  ratioInterval,
  studentizedRangeQuantile,
  type Proportion,
} from '../../src/stats/extreme-intervals.js';
import { testRandom } from '../metrics/fixtures.js';

interface Design {
  name: string;
  sizes: number[];
  rates: number[];
}

const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

/** Draws each group's successes as a sum of Bernoulli trials (independent of the code under test). */
function draw(design: Design, random: () => number): Proportion[] {
  return design.sizes.map((n, g) => {
    let x = 0;
    for (let i = 0; i < n; i++) if (random() < design.rates[g]) x++;
    return { x, n };
  });
}

function coverage(design: Design, tables: number, seed: number) {
  const random = testRandom(seed);
  const truthGap = Math.max(...design.rates) - Math.min(...design.rates);
  const truthRatio = Math.min(...design.rates) / Math.max(...design.rates);
  const truthFirst = design.rates[0] / design.rates[design.rates.length - 1];
  let gap = 0;
  let ratio = 0;
  let first = 0;
  let contained = 0;
  for (let t = 0; t < tables; t++) {
    const groups = draw(design, random);
    const p = groups.map((g) => g.x / g.n);
    const [dl, dh] = rangeDifferenceInterval(groups)!;
    const [rl, rh] = rangeRatioInterval(groups)!;
    const [fl, fh] = ratioInterval(groups[0], groups[groups.length - 1])!;
    if (dl <= truthGap + 1e-12 && truthGap <= dh + 1e-12) gap++;
    if (rl <= truthRatio + 1e-12 && truthRatio <= rh + 1e-12) ratio++;
    if (fl <= truthFirst + 1e-12 && truthFirst <= fh + 1e-12) first++;
    const estimateGap = Math.max(...p) - Math.min(...p);
    const estimateRatio = Math.min(...p) / Math.max(...p);
    if (dl <= estimateGap && estimateGap <= dh && rl <= estimateRatio && estimateRatio <= rh) contained++;
  }
  return { gap: gap / tables, ratio: ratio / tables, first: first / tables, contained: contained / tables };
}

/** Designs where the intervals are tight: all groups equal, or well-separated extreme groups. */
const TIGHT: Design[] = [
  // The README's labels-only case: every group planted equal, a dozen small cells and two large.
  { name: 'all equal near 0 (12 × 40 rows, 2 × 2000)', sizes: [...repeat(40, 12), 2000, 2000], rates: repeat(0.1, 14) },
  { name: 'all equal at 0.5 (10 × 80 rows)', sizes: repeat(80, 10), rates: repeat(0.5, 10) },
  {
    name: 'extremes near 0 and 1 in large groups, 8 small groups between',
    sizes: [...repeat(40, 8), 2000, 2000, 2000],
    rates: [0.3, 0.3, 0.4, 0.4, 0.5, 0.5, 0.6, 0.6, 0.05, 0.5, 0.95],
  },
  { name: 'two large groups near 1', sizes: [800, 500], rates: [0.9, 0.96] },
];

/** Designs where nearly tied extremes make the simultaneous end conservative. */
const CONSERVATIVE: Design[] = [
  {
    name: 'many small groups near 0, nearly tied',
    sizes: [...repeat(40, 8), 2000, 2000, 2000],
    rates: [0.02, 0.05, 0.08, 0.1, 0.1, 0.05, 0.03, 0.06, 0.04, 0.05, 0.06],
  },
  {
    name: 'many small groups near 1, nearly tied',
    sizes: [...repeat(40, 12), 3000, 3000],
    rates: [0.97, 0.9, 0.95, 0.99, 0.93, 0.96, 0.92, 0.94, 0.98, 0.91, 0.95, 0.96, 0.9, 0.97],
  },
];

describe('intervals of max − min and min ÷ max over groups', () => {
  it('use the studentized range quantile, equal to published tables', () => {
    // Harter (1960), infinite degrees of freedom, 95%: 2.772 (2 groups), 3.314 (3), 4.474 (10), 5.012 (20).
    expect(studentizedRangeQuantile(2)).toBeCloseTo(1.959964 * Math.SQRT2, 4);
    expect(studentizedRangeQuantile(3)).toBeCloseTo(3.314, 3);
    expect(studentizedRangeQuantile(10)).toBeCloseTo(4.474, 3);
    expect(studentizedRangeQuantile(20)).toBeCloseTo(5.012, 3);
  });

  it('reduce to Newcombe’s hybrid score interval for two groups, its upper end raised to Agresti–Caffo’s where that is higher', () => {
    // Newcombe (1998) method 10, example (h): 5/56 − 0/29 → 0.0893, interval −0.0381 to 0.1926;
    // a gap cannot be negative, so its lower end is floored at 0.
    const [low, high] = rangeDifferenceInterval([{ x: 5, n: 56 }, { x: 0, n: 29 }])!;
    expect(low).toBe(0);
    expect(high).toBeCloseTo(0.1926, 4);
    // Example (a): 56/70 − 48/80 = 0.2, interval 0.0524 to 0.3339. The upper end is the larger of
    // Newcombe's and Agresti–Caffo's: 57/72 − 49/82 + 1.96·√(57/72·15/72/72 + 49/82·33/82/82) ≈ 0.3358.
    const [l2, h2] = rangeDifferenceInterval([{ x: 56, n: 70 }, { x: 48, n: 80 }])!;
    expect(l2).toBeCloseTo(0.0524, 4);
    const pa = 57 / 72;
    const pb = 49 / 82;
    const agrestiCaffo = pa - pb + 1.959963984540054 * Math.sqrt((pa * (1 - pa)) / 72 + (pb * (1 - pb)) / 82);
    expect(agrestiCaffo).toBeGreaterThan(0.3339);
    expect(h2).toBeCloseTo(agrestiCaffo, 12);
  });

  it.each(TIGHT.map((d, i) => [d.name, i] as const))('%s: covered 93–97 percent of the time', (_name, i) => {
    const design = TIGHT[i];
    const c = coverage(design, 2000, 100 + i);
    expect(c.contained).toBe(1);
    for (const key of ['gap', 'ratio', 'first'] as const) {
      expect(c[key], key).toBeGreaterThanOrEqual(0.93);
      expect(c[key], key).toBeLessThanOrEqual(0.97);
    }
  });

  it.each(CONSERVATIVE.map((d, i) => [d.name, i] as const))('%s: covered at least 93 percent of the time', (_name, i) => {
    const design = CONSERVATIVE[i];
    const c = coverage(design, 2000, 200 + i);
    expect(c.contained).toBe(1);
    for (const key of ['gap', 'ratio', 'first'] as const) expect(c[key], key).toBeGreaterThanOrEqual(0.93);
  });
});
