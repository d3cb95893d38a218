/** Reason given when a group has no actual positives, so its AUC is undefined. */
export const NO_POSITIVES = 'no actual positives in this group';
/** Reason given when a group has no actual negatives, so its AUC is undefined. */
export const NO_NEGATIVES = 'no actual negatives in this group';

/** An AUC, or null with the reason it is undefined. */
export interface AucResult {
  auc: number | null;
  reason?: string;
}

/**
 * Exact area under the ROC curve by the Mann–Whitney statistic:
 * AUC = U / (n₊·n₋), U = Σ over (positive, negative) pairs of [s₊ > s₋] + ½·[s₊ = s₋],
 * i.e. the probability that a random positive outscores a random negative, ties counted half.
 * Equals scikit-learn's `roc_auc_score` (which integrates the ROC curve with ties as diagonal
 * segments). O(n log n): the positives' and negatives' scores are copied into two Float64Arrays,
 * sorted natively, and merged in one sweep. NaN scores (missing) are skipped.
 *
 * @param scores the model scores of one group.
 * @param positive 1 where the actual label is positive, 0 where negative.
 * @param length how many leading entries to use (default: all of `scores`).
 * @returns the AUC, or null with {@link NO_POSITIVES} / {@link NO_NEGATIVES}.
 *
 * @example
 * exactAuc(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1)); // { auc: 0.75 }
 */
export function exactAuc(scores: Float64Array, positive: Uint8Array, length = scores.length): AucResult {
  let positives = 0;
  let valid = 0;
  for (let i = 0; i < length; i++) {
    if (scores[i] !== scores[i]) continue; // NaN: no score
    valid++;
    if (positive[i] !== 0) positives++;
  }
  const negatives = valid - positives;
  if (positives === 0) return { auc: null, reason: NO_POSITIVES };
  if (negatives === 0) return { auc: null, reason: NO_NEGATIVES };

  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < length; i++) {
    const s = scores[i];
    if (s !== s) continue;
    if (positive[i] !== 0) pos[ip++] = s;
    else neg[ineg++] = s;
  }
  pos.sort();
  neg.sort();
  return { auc: mannWhitneyU(pos, neg) / (positives * negatives) };
}

/** U of two ascending arrays: for each run of equal positive scores, the negatives below it plus half those equal. */
function mannWhitneyU(pos: Float64Array, neg: Float64Array): number {
  let u = 0;
  let below = 0;
  let i = 0;
  while (i < pos.length) {
    const s = pos[i];
    let run = 1;
    while (i + run < pos.length && pos[i + run] === s) run++;
    while (below < neg.length && neg[below] < s) below++;
    let equal = 0;
    while (below + equal < neg.length && neg[below + equal] === s) equal++;
    u += run * (below + 0.5 * equal);
    i += run;
  }
  return u;
}
