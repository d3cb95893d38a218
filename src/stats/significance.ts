/**
 * Significance tests of one group's proportion against another's, and the Benjamini–Hochberg
 * correction applied across all the tests of an audit (DESIGN §6).
 */
import { logChoose } from './log-factorial.js';
import { twoSidedNormalP } from './normal.js';

/** Tables whose probability is within this relative tolerance of the observed one count as "as extreme" (as in SciPy). */
const FISHER_RELATIVE_TOLERANCE = 1e-7;
/** Fisher's exact test is used when any cell of the 2×2 table is below this count. */
const FISHER_MIN_CELL = 5;

/** The method and two-sided p-value of a comparison of two proportions. */
export interface ProportionComparison {
  method: 'fisher' | 'z';
  p_value: number;
}

/**
 * Two-sided p-value of Fisher's exact test on the 2×2 table [[a, b], [c, d]], defined as in
 * `scipy.stats.fisher_exact`: with the margins fixed, the [0,0] cell follows the hypergeometric
 * law P(x) = C(a+b, x)·C(c+d, a+c−x) / C(n, a+c), and p = Σ P(x) over the tables with
 * P(x) ≤ P(a)·(1 + 1e-7). Probabilities are walked outward from the mode with the ratio
 * P(x+1)/P(x) = (r₁−x)(c₁−x) / ((x+1)(r₂−c₁+x+1)), so the cost is the size of the support and
 * nothing overflows. Weighted (non-integer) counts are rounded to the nearest integer, since the
 * test is defined on counts.
 *
 * @example
 * fisherExactTwoSided(3, 1, 1, 3); // 34/70 ≈ 0.4857142857 (Fisher's tea-tasting table)
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  const [x, r1, r2, c1] = hypergeometricMargins(a, b, c, d);
  const n = r1 + r2;
  const low = Math.max(0, c1 - r2);
  const high = Math.min(r1, c1);
  if (low === high) return 1;
  const mode = Math.floor(((r1 + 1) * (c1 + 1)) / (n + 2));
  // Weights relative to the mode (which has the largest probability), so none overflows.
  const logModeWeight = logChoose(r1, mode) + logChoose(r2, c1 - mode);
  const observed = Math.exp(logChoose(r1, x) + logChoose(r2, c1 - x) - logModeWeight);
  const cutoff = observed * (1 + FISHER_RELATIVE_TOLERANCE);
  const ratioUp = (k: number): number => ((r1 - k) * (c1 - k)) / ((k + 1) * (r2 - c1 + k + 1));

  let total = 1;
  let extreme = 1 <= cutoff ? 1 : 0;
  let w = 1;
  for (let k = mode; k < high && w > 0; k++) {
    w *= ratioUp(k);
    total += w;
    if (w <= cutoff) extreme += w;
  }
  w = 1;
  for (let k = mode; k > low && w > 0; k--) {
    w /= ratioUp(k - 1);
    total += w;
    if (w <= cutoff) extreme += w;
  }
  return Math.min(1, extreme / total);
}

/** [a, r₁, r₂, c₁] rounded to counts: the [0,0] cell, the row sums and the first column sum. */
function hypergeometricMargins(a: number, b: number, c: number, d: number): [number, number, number, number] {
  const cells = [a, b, c, d].map((v, i) => {
    if (!(v >= 0 && v < Infinity)) throw new RangeError(`Fisher's exact test: cell ${i} is ${v}, expected a count ≥ 0`);
    return Math.round(v);
  });
  const [ra, rb, rc, rd] = cells;
  return [ra, ra + rb, rc + rd, ra + rc];
}

/**
 * Two-sided p-value of the pooled two-proportion z-test of x₁/n₁ against x₂/n₂:
 * p̂ = (x₁ + x₂)/(n₁ + n₂), z = (x₁/n₁ − x₂/n₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)), p = 2·(1 − Φ(|z|)).
 * Returns 1 (no evidence of a difference) when the pooled variance is 0 — all successes or all
 * failures — or when either group is empty. Counts may be weighted sums.
 *
 * @example
 * twoProportionZTest(60, 100, 40, 100); // z = 0.2/√(0.25·0.02) ≈ 2.828, p ≈ 0.004678
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): number {
  if (!(n1 > 0 && n2 > 0)) return 1;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return 1;
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  return twoSidedNormalP(z);
}

/**
 * Compares the proportions x₁/n₁ and x₂/n₂: Fisher's exact test when any cell of the 2×2 table
 * [[x₁, n₁ − x₁], [x₂, n₂ − x₂]] is below 5 (the usual validity rule of the normal
 * approximation), else the pooled two-proportion z-test.
 *
 * @example
 * compareProportions(2, 10, 8, 10); // { method: 'fisher', p_value: ≈ 0.0230 }
 */
export function compareProportions(x1: number, n1: number, x2: number, n2: number): ProportionComparison {
  const cells = [x1, n1 - x1, x2, n2 - x2];
  if (cells.some((cell) => cell < FISHER_MIN_CELL)) {
    return { method: 'fisher', p_value: fisherExactTwoSided(x1, n1 - x1, x2, n2 - x2) };
  }
  return { method: 'z', p_value: twoProportionZTest(x1, n1, x2, n2) };
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the order of the input: with the m p-values
 * sorted ascending, q₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎ / j). Rejecting every test with q ≤ α
 * controls the false discovery rate at α (Benjamini & Hochberg 1995). Equals R's
 * `p.adjust(p, "BH")` and statsmodels' `multipletests(p, method="fdr_bh")`.
 *
 * @throws RangeError when a p-value is NaN or outside [0, 1] (a bug in the caller).
 *
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.2]); // [0.04, 0.05333…, 0.05333…, 0.2]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Benjamini–Hochberg: p-value ${i} is ${p}, expected a number in [0, 1]`);
  });
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => pValues[i] - pValues[j]);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1];
    const p = pValues[index];
    // m/rank ≥ 1, so q ≥ p; the max only undoes rounding in p·m/rank.
    running = Math.min(running, Math.max(p, (p * m) / rank));
    q[index] = running;
  }
  return q;
}
