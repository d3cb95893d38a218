/** One equal-width score bin of a calibration table. */
export interface CalibrationBin {
  /** Lower edge (inclusive). */
  low: number;
  /** Upper edge (exclusive, except 1 for the last bin). */
  high: number;
  /** Rows whose score falls in the bin. */
  n: number;
  /** Mean score in the bin; null when the bin is empty. */
  mean_score: number | null;
  /** Share of actual positives in the bin; null when the bin is empty. */
  positive_rate: number | null;
}

/** Calibration of a group's scores against its labels. */
export interface CalibrationResult {
  /** Mean score; null when the group has no scored rows. */
  mean_score: number | null;
  /** Share of actual positives; null when the group has no scored rows. */
  base_rate: number | null;
  /** Expected calibration error; null when the group has no scored rows. */
  ece: number | null;
  bins: CalibrationBin[];
}

/**
 * Calibration of scores in [0, 1] against binary labels, over `bins` equal-width bins of [0, 1]
 * (bin b holds b/B ≤ s < (b+1)/B, found as ⌊s·B⌋; a score of exactly 1 goes in the last bin).
 * Expected calibration error ECE = Σ_b (n_b / n)·|mean_score_b − positive_rate_b| (Naeini et al.
 * 2015; Guo et al. 2017). NaN scores (missing) are skipped.
 *
 * @param scores the model scores of one group, each in [0, 1].
 * @param positive 1 where the actual label is positive, 0 where negative.
 * @param length how many leading entries to use (default: all of `scores`).
 * @param bins number of bins (default 10).
 * @throws RangeError on a score outside [0, 1] or a bin count below 1 (scores are validated on
 *   loading, so this is a bug in the caller).
 *
 * @example
 * calibration(Float64Array.of(0.05, 0.15, 0.95), Uint8Array.of(0, 1, 1)).ece; // (|0.05−0| + |0.15−1| + |0.95−1|)/3 ≈ 0.3167
 */
export function calibration(scores: Float64Array, positive: Uint8Array, length = scores.length, bins = 10): CalibrationResult {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`calibration bins must be an integer ≥ 1, got ${bins}`);
  const count = new Float64Array(bins);
  const scoreSum = new Float64Array(bins);
  const positiveCount = new Float64Array(bins);
  for (let i = 0; i < length; i++) {
    const s = scores[i];
    if (s !== s) continue;
    if (!(s >= 0 && s <= 1)) throw new RangeError(`calibration: score ${s} at index ${i} is outside [0, 1]`);
    const b = Math.min(bins - 1, Math.floor(s * bins));
    count[b]++;
    scoreSum[b] += s;
    if (positive[i] !== 0) positiveCount[b]++;
  }

  let n = 0;
  let totalScore = 0;
  let totalPositive = 0;
  for (let b = 0; b < bins; b++) {
    n += count[b];
    totalScore += scoreSum[b];
    totalPositive += positiveCount[b];
  }
  const table: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const nb = count[b];
    const meanScore = nb > 0 ? scoreSum[b] / nb : null;
    const positiveRate = nb > 0 ? positiveCount[b] / nb : null;
    if (meanScore !== null && positiveRate !== null) ece += (nb / n) * Math.abs(meanScore - positiveRate);
    table.push({ low: b / bins, high: (b + 1) / bins, n: nb, mean_score: meanScore, positive_rate: positiveRate });
  }
  if (n === 0) return { mean_score: null, base_rate: null, ece: null, bins: table };
  return { mean_score: totalScore / n, base_rate: totalPositive / n, ece, bins: table };
}
