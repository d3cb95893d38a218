/**
 * Pre-training (label-only) metrics of SageMaker Clarify for a binary label: group d (the group
 * being audited) against the rest a (every other row), with Clarify's sign conventions. Inputs are
 * counts, or weighted sums of counts.
 *
 * Every function returns `number | null`; null means the metric is undefined for these counts, and
 * each TSDoc says exactly when (always a zero denominator, or for KL an outcome that d never has
 * and a does).
 */

/** The label-distribution divergences between the rest a and group d. */
export interface LabelDivergences {
  /** KL(P_a ‖ P_d); null when a group is empty or P_d(x) = 0 < P_a(x) for an outcome x. */
  kl: number | null;
  /** Jensen–Shannon divergence; null when a group is empty. */
  js: number | null;
  /** L2 distance (Clarify's LP with p = 2); null when a group is empty. */
  l2: number | null;
  /** Total variation distance; null when a group is empty. */
  tvd: number | null;
  /** Kolmogorov–Smirnov distance; null when a group is empty. */
  ks: number | null;
}

/** One stratum (value of the `strata` column) for conditional demographic disparity. */
export interface DisparityStratum {
  /** Rows of group d with a negative (rejected) label in the stratum. */
  rejectedD: number;
  /** All rows with a negative label in the stratum. */
  rejectedAll: number;
  /** Rows of group d with a positive (accepted) label in the stratum. */
  acceptedD: number;
  /** All rows with a positive label in the stratum. */
  acceptedAll: number;
  /** All rows of the stratum (the weight n_i). */
  n: number;
}

/**
 * Class imbalance CI = (n_a − n_d) / (n_a + n_d), in [−1, 1]; positive when group d is the smaller
 * one. Null when both counts are 0.
 *
 * @example
 * classImbalance(70, 30); // (70 − 30)/100 = 0.4
 */
export function classImbalance(nA: number, nD: number): number | null {
  const total = nA + nD;
  return total > 0 ? (nA - nD) / total : null;
}

/**
 * Difference in positive proportions in labels DPL = q_a − q_d, with q = positives / n; positive
 * when the rest has the higher positive-label rate. Null when either group is empty.
 *
 * @example
 * labelRateGap(40, 80, 5, 20); // 0.5 − 0.25 = 0.25
 */
export function labelRateGap(posA: number, nA: number, posD: number, nD: number): number | null {
  if (!(nA > 0 && nD > 0)) return null;
  return posA / nA - posD / nD;
}

/**
 * Divergences between the label distributions P_a = (q_a, 1 − q_a) of the rest and
 * P_d = (q_d, 1 − q_d) of group d, natural logarithms, 0·ln 0 = 0:
 * - KL = Σₓ P_a(x) ln(P_a(x)/P_d(x)) (Clarify's direction, KL(P_a ‖ P_d));
 * - JS = ½[KL(P_a ‖ M) + KL(P_d ‖ M)] with M = ½(P_a + P_d);
 * - L2 = √Σₓ (P_a(x) − P_d(x))²; TVD = ½ Σₓ |P_a(x) − P_d(x)|; KS = maxₓ |P_a(x) − P_d(x)|.
 *
 * Unlike Clarify's implementation, which silently drops an outcome that either group lacks, both
 * outcomes always count: KL is null when d lacks an outcome that a has (it is infinite), and the
 * other four stay defined. All five are null when either group is empty.
 *
 * @example
 * labelDivergences(1, 2, 1, 4).tvd; // P_a = (½, ½), P_d = (¼, ¾): ½(¼ + ¼) = 0.25
 */
export function labelDivergences(posA: number, nA: number, posD: number, nD: number): LabelDivergences {
  if (!(nA > 0 && nD > 0)) return { kl: null, js: null, l2: null, tvd: null, ks: null };
  // The negative share is computed from its own count rather than as 1 − q, to keep its digits.
  const pa = [posA / nA, (nA - posA) / nA];
  const pd = [posD / nD, (nD - posD) / nD];
  const m = [0.5 * (pa[0] + pd[0]), 0.5 * (pa[1] + pd[1])];
  const kl = klDivergence(pa, pd);
  const js = 0.5 * (klDivergence(pa, m)! + klDivergence(pd, m)!);
  let squares = 0;
  let absolute = 0;
  let largest = 0;
  for (let x = 0; x < 2; x++) {
    const gap = Math.abs(pa[x] - pd[x]);
    squares += gap * gap;
    absolute += gap;
    largest = Math.max(largest, gap);
  }
  return { kl, js, l2: Math.sqrt(squares), tvd: 0.5 * absolute, ks: largest };
}

/** Σₓ p(x) ln(p(x)/q(x)), or null when q(x) = 0 < p(x) for some x. */
function klDivergence(p: readonly number[], q: readonly number[]): number | null {
  let sum = 0;
  for (let x = 0; x < p.length; x++) {
    if (p[x] === 0) continue;
    if (q[x] === 0) return null;
    sum += p[x] * Math.log(p[x] / q[x]);
  }
  return sum;
}

/**
 * Conditional demographic disparity (Clarify's CDDL): per stratum i,
 * DD_i = n_d^rejected_i / n^rejected_i − n_d^accepted_i / n^accepted_i (group d's share of the
 * rejections minus its share of the acceptances; positive when d is rejected more than it is
 * accepted), and CDD = Σ n_i·DD_i / Σ n_i. A stratum with no rejections or no acceptances has no
 * DD and is left out of both sums (Clarify instead counts the missing share as 0, which biases DD
 * by a whole share). Null when no stratum remains.
 *
 * @example
 * conditionalDemographicDisparity([
 *   { rejectedD: 6, rejectedAll: 10, acceptedD: 2, acceptedAll: 10, n: 20 }, // DD = 0.6 − 0.2 = 0.4
 *   { rejectedD: 1, rejectedAll: 5, acceptedD: 3, acceptedAll: 15, n: 20 },  // DD = 0.2 − 0.2 = 0
 * ]); // (20·0.4 + 20·0)/40 = 0.2
 */
export function conditionalDemographicDisparity(strata: readonly DisparityStratum[]): number | null {
  let weighted = 0;
  let weight = 0;
  for (const s of strata) {
    if (!(s.rejectedAll > 0 && s.acceptedAll > 0)) continue;
    const dd = s.rejectedD / s.rejectedAll - s.acceptedD / s.acceptedAll;
    weighted += s.n * dd;
    weight += s.n;
  }
  return weight > 0 ? weighted / weight : null;
}
