import { describe, expect, it } from 'vitest';
import { normalUpperTail, twoSidedNormalP } from '../../src/stats/normal.js';
import { Rng } from '../../src/stats/rng.js';
import {
  benjaminiHochberg,
  compareProportions,
  fisherExactTwoSided,
  twoProportionZTest,
} from '../../src/stats/significance.js';

/** C(n, k) as an exact BigInt. */
function choose(n: number, k: number): bigint {
  let result = 1n;
  for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}

/**
 * Fisher's two-sided p by brute force in exact integers: every table with the same margins, its
 * weight C(r1, x)·C(r2, c1 − x), and the sum of the weights not above the observed one.
 */
function naiveFisher(a: number, b: number, c: number, d: number): number {
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const observed = choose(r1, a) * choose(r2, c1 - a);
  let total = 0n;
  let extreme = 0n;
  for (let x = Math.max(0, c1 - r2); x <= Math.min(r1, c1); x++) {
    const w = choose(r1, x) * choose(r2, c1 - x);
    total += w;
    if (w <= observed) extreme += w;
  }
  // Scale to keep 15 significant digits through the BigInt division.
  return Number((extreme * 10n ** 18n) / total) / 1e18;
}

describe('fisherExactTwoSided', () => {
  it("gives 34/70 on Fisher's tea-tasting table [[3, 1], [1, 3]]", () => {
    // Margins 4, 4 / 4, 4 of 8: P(x) = C(4, x)·C(4, 4 − x) / C(8, 4) = C(4, x)² / 70
    //   x = 0: 1/70, 1: 16/70, 2: 36/70, 3: 16/70, 4: 1/70.
    // Observed x = 3 (16/70); tables at most as likely: x = 0, 1, 3, 4 → (1 + 16 + 16 + 1)/70.
    expect(fisherExactTwoSided(3, 1, 1, 3)).toBeCloseTo(34 / 70, 12);
    expect(34 / 70).toBeCloseTo(0.4857142857, 10);
  });

  it('sums the hypergeometric tail on both sides of an asymmetric table', () => {
    // [[1, 9], [11, 3]]: rows 10, 14, first column 12, n = 24 (the textbook dieting example,
    // two-sided p ≈ 0.002759). P(x) ∝ C(10, x)·C(14, 12 − x); the observed x = 1 has weight
    // 10·C(14, 11) = 3640; below it: x = 0 (C(14, 12) = 91), x = 10 (C(14, 2) = 91),
    // x = 9 (10·C(14, 3) = 3640, equal); total C(24, 12) = 2704156.
    // p = (91 + 3640 + 3640 + 91) / 2704156 = 7462 / 2704156.
    expect(fisherExactTwoSided(1, 9, 11, 3)).toBeCloseTo(7462 / 2704156, 12);
    expect(7462 / 2704156).toBeCloseTo(0.002759, 6);
  });

  it('agrees with a brute-force exact-integer implementation on random tables', () => {
    const rng = new Rng(123);
    for (let t = 0; t < 300; t++) {
      const cell = (): number => Math.floor(rng.next() * (t % 3 === 0 ? 6 : 40));
      const [a, b, c, d] = [cell(), cell(), cell(), cell()];
      const expected = naiveFisher(a, b, c, d);
      const actual = fisherExactTwoSided(a, b, c, d);
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 + 1e-9 * expected);
    }
  });

  it('is unchanged by swapping rows, swapping columns or transposing', () => {
    const p = fisherExactTwoSided(7, 2, 3, 12);
    expect(fisherExactTwoSided(3, 12, 7, 2)).toBeCloseTo(p, 13);
    expect(fisherExactTwoSided(2, 7, 12, 3)).toBeCloseTo(p, 13);
    expect(fisherExactTwoSided(7, 3, 2, 12)).toBeCloseTo(p, 13);
  });

  it('returns 1 when the margins allow a single table, and handles very large margins', () => {
    expect(fisherExactTwoSided(0, 0, 5, 7)).toBe(1);
    expect(fisherExactTwoSided(4, 6, 0, 0)).toBe(1);
    // A big imbalance with a cell of 3: the p-value is tiny but finite and in [0, 1].
    const p = fisherExactTwoSided(3, 999_997, 50_000, 950_000);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-100);
    // Near-identical proportions on big margins: not significant.
    expect(fisherExactTwoSided(3, 999_997, 4, 999_996)).toBeGreaterThan(0.9);
  });

  it('rounds weighted counts to whole tables and rejects negative cells', () => {
    expect(fisherExactTwoSided(3.2, 0.9, 1.1, 2.8)).toBeCloseTo(34 / 70, 12);
    expect(() => fisherExactTwoSided(-1, 2, 3, 4)).toThrow(RangeError);
  });
});

describe('normal tail', () => {
  it('matches published standard normal tail probabilities', () => {
    // Q(z) = ½·erfc(z/√2), tabulated values.
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalUpperTail(1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalUpperTail(0)).toBe(0.5);
    expect(normalUpperTail(-1)).toBeCloseTo(1 - 0.15865525393145707, 14);
    // In the tail, relative precision matters.
    expect(normalUpperTail(3) / 0.0013498980316300946 - 1).toBeLessThan(1e-12);
    expect(Math.abs(normalUpperTail(5) / 2.866515718791939e-7 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(normalUpperTail(10) / 7.619853024160527e-24 - 1)).toBeLessThan(1e-12);
    expect(twoSidedNormalP(-1.959963984540054)).toBeCloseTo(0.05, 14);
  });
});

describe('twoProportionZTest', () => {
  it('gives the pooled two-sided p-value worked by hand', () => {
    // 60/100 against 40/100: pooled p̂ = 100/200 = 0.5; se = √(0.25·(1/100 + 1/100)) = √0.005;
    // z = 0.2/√0.005 = 2√2, so p = 2·Q(2√2) = erfc(2√2/√2) = erfc(2) = 0.004677734981047266.
    expect(twoProportionZTest(60, 100, 40, 100)).toBeCloseTo(0.004677734981047266, 14);
    // The test is symmetric in the two groups.
    expect(twoProportionZTest(40, 100, 60, 100)).toBeCloseTo(0.004677734981047266, 14);
  });

  it('gives p = 1 when the pooled variance is 0 or a group is empty', () => {
    expect(twoProportionZTest(0, 10, 0, 20)).toBe(1);
    expect(twoProportionZTest(10, 10, 20, 20)).toBe(1);
    expect(twoProportionZTest(0, 0, 5, 20)).toBe(1);
  });
});

describe('compareProportions', () => {
  it("uses Fisher's exact test when a cell is below 5", () => {
    // [[2, 8], [8, 2]]: P(x) ∝ C(10, x)² over x = 0..10, C(20, 10) = 184756. As extreme as x = 2
    // (weight 45² = 2025): x = 0, 1, 2, 8, 9, 10 → 2·(1 + 100 + 2025) = 4252.
    expect(compareProportions(2, 10, 8, 10)).toEqual({ method: 'fisher', p_value: expect.closeTo(4252 / 184756, 12) });
    // n₁ − x₁ = 4 is a cell below 5 too.
    expect(compareProportions(96, 100, 80, 100).method).toBe('fisher');
  });

  it('uses the z-test when every cell is at least 5', () => {
    expect(compareProportions(60, 100, 40, 100)).toEqual({ method: 'z', p_value: expect.closeTo(0.004677734981047266, 14) });
    expect(compareProportions(5, 10, 5, 10).method).toBe('z');
  });
});

/** BH by its definition: q_i = min over p_j ≥ p_i of min(1, m·p_j / rank_j), rank_j = #{k : p_k ≤ p_j}. */
function naiveBh(p: number[]): number[] {
  const m = p.length;
  return p.map((pi) => {
    let q = 1;
    for (const pj of p) {
      if (pj < pi) continue;
      const rank = p.filter((pk) => pk <= pj).length;
      q = Math.min(q, (m * pj) / rank);
    }
    return q;
  });
}

describe('benjaminiHochberg', () => {
  it('adjusts a worked list, keeping the input order', () => {
    // Sorted: 0.01 (rank 1), 0.03 (2), 0.04 (3), 0.2 (4); m·p/rank = 0.04, 0.06, 0.0533, 0.2;
    // running minimum from the top: 0.2, 0.0533, 0.0533, 0.04.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.2]);
    expect(q[0]).toBeCloseTo(0.04, 15);
    expect(q[1]).toBeCloseTo(0.16 / 3, 15);
    expect(q[2]).toBeCloseTo(0.16 / 3, 15);
    expect(q[3]).toBeCloseTo(0.2, 15);
  });

  it('equals the definition on random lists with ties, monotone in p and capped at 1', () => {
    const rng = new Rng(31);
    for (let t = 0; t < 50; t++) {
      const m = 1 + Math.floor(rng.next() * 30);
      const p = Array.from({ length: m }, () => Math.round(rng.next() * 20) / 20);
      const q = benjaminiHochberg(p);
      const expected = naiveBh(p);
      let violations = 0;
      for (let i = 0; i < m; i++) {
        if (Math.abs(q[i] - expected[i]) > 1e-14 || q[i] < p[i] || q[i] > 1) violations++;
        for (let j = 0; j < m; j++) if (p[i] <= p[j] && q[i] > q[j]) violations++;
      }
      expect(violations).toBe(0);
    }
  });

  it('handles an empty list and rejects NaN p-values', () => {
    expect(benjaminiHochberg([])).toEqual([]);
    expect(() => benjaminiHochberg([0.1, NaN])).toThrow(RangeError);
    expect(() => benjaminiHochberg([1.2])).toThrow(RangeError);
  });
});
