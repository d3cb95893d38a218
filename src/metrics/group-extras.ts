/**
 * The per-group metrics beyond rates: pre-training (label) metrics of each group against the rest,
 * conditional demographic disparity over strata, and score metrics (AUC, calibration, the LL144
 * scoring rate).
 */
import type { GroupDatasetMetrics, GroupScoreMetrics } from '../results/index.js';
import { exactAuc } from '../stats/auc.js';
import { calibration } from '../stats/calibration.js';
import { classImbalance, conditionalDemographicDisparity, labelDivergences, labelRateGap, type DisparityStratum } from '../stats/distribution.js';
import { CELL, CELLS } from './count-table.js';
import { NO_LABELS } from './rates.js';

function labelled(cells: Float64Array, at: number): { positives: number; n: number } {
  const l0 = cells[at + CELL.tn] + cells[at + CELL.fp] + cells[at + CELL.labelNegativePredictionMissing];
  const l1 = cells[at + CELL.fn] + cells[at + CELL.tp] + cells[at + CELL.labelPositivePredictionMissing];
  return { positives: l1, n: l0 + l1 };
}

function rowsOf(cells: Float64Array, at: number): number {
  let n = 0;
  for (let c = 0; c < CELLS; c++) n += cells[at + c];
  return n;
}

/**
 * Dataset metrics of every group d against the rest a (all other groups of the attribute), from
 * the groups' cells (group × 9): class imbalance on rows, DPL and the label divergences on
 * labelled rows (DESIGN §5, Clarify's sign conventions).
 */
export function datasetMetrics(cells: Float64Array, groups: number): GroupDatasetMetrics[] {
  let totalRows = 0;
  let totalPositives = 0;
  let totalLabelled = 0;
  for (let g = 0; g < groups; g++) {
    totalRows += rowsOf(cells, g * CELLS);
    const l = labelled(cells, g * CELLS);
    totalPositives += l.positives;
    totalLabelled += l.n;
  }
  const out: GroupDatasetMetrics[] = [];
  for (let g = 0; g < groups; g++) {
    const nD = rowsOf(cells, g * CELLS);
    const d = labelled(cells, g * CELLS);
    const posA = totalPositives - d.positives;
    const nA = totalLabelled - d.n;
    const divergences = labelDivergences(posA, nA, d.positives, d.n);
    out.push({
      class_imbalance: classImbalance(totalRows - nD, nD),
      dpl: labelRateGap(posA, nA, d.positives, d.n),
      ...divergences,
    });
  }
  return out;
}

/**
 * Conditional demographic disparity of each group over the strata, from a table of
 * (group, stratum) cells laid out as group + groups · stratum, on labels (rejected = label 0).
 */
export function conditionalDisparities(cells: Float64Array, groups: number, strata: number): (number | null)[] {
  const rejected = new Float64Array(strata);
  const accepted = new Float64Array(strata);
  for (let s = 0; s < strata; s++) {
    for (let g = 0; g < groups; g++) {
      const at = (g + groups * s) * CELLS;
      const l = labelled(cells, at);
      accepted[s] += l.positives;
      rejected[s] += l.n - l.positives;
    }
  }
  const out: (number | null)[] = [];
  for (let g = 0; g < groups; g++) {
    const list: DisparityStratum[] = [];
    for (let s = 0; s < strata; s++) {
      const l = labelled(cells, (g + groups * s) * CELLS);
      list.push({
        rejectedD: l.n - l.positives,
        rejectedAll: rejected[s],
        acceptedD: l.positives,
        acceptedAll: accepted[s],
        n: rejected[s] + accepted[s],
      });
    }
    out.push(conditionalDemographicDisparity(list));
  }
  return out;
}

/** Scores of one group: every scored row, and whether its label is known and positive. */
export interface GroupScores {
  score: Float64Array;
  /** 0, 1 or 2 (missing label). */
  label: Int8Array;
}

const SCORES_OUT_OF_RANGE = 'scores outside [0, 1] are not probabilities';

/**
 * Score metrics of one group (unweighted): exact AUC and ECE over its labelled rows, mean score
 * over all its scored rows, and the LL144 scoring rate — the share of its rows scoring above
 * `median`, the whole sample's median score.
 */
export function scoreMetrics(group: GroupScores, median: number | null, hasLabel: boolean, probabilities: boolean): GroupScoreMetrics {
  const n = group.score.length;
  let sum = 0;
  let above = 0;
  let labelledRows = 0;
  for (let i = 0; i < n; i++) {
    sum += group.score[i];
    if (median !== null && group.score[i] > median) above++;
    if (group.label[i] !== 2) labelledRows++;
  }
  const scores = new Float64Array(labelledRows);
  const positive = new Uint8Array(labelledRows);
  for (let i = 0, j = 0; i < n; i++) {
    if (group.label[i] === 2) continue;
    scores[j] = group.score[i];
    positive[j++] = group.label[i];
  }
  const out: GroupScoreMetrics = {
    auc: null,
    mean_score: n > 0 ? sum / n : null,
    ece: null,
    scoring_rate: n > 0 && median !== null ? above / n : null,
  };
  if (!hasLabel) {
    out.auc_null_reason = NO_LABELS;
    out.ece_null_reason = NO_LABELS;
    return out;
  }
  const auc = exactAuc(scores, positive);
  out.auc = auc.auc;
  if (auc.reason) out.auc_null_reason = auc.reason;
  if (!probabilities) out.ece_null_reason = SCORES_OUT_OF_RANGE;
  else if (labelledRows === 0) out.ece_null_reason = 'no labelled rows with a score in this group';
  else out.ece = calibration(scores, positive, labelledRows, 10).ece;
  return out;
}

/**
 * The LL144 impact ratio of scoring rates: each group's scoring_rate ÷ the reference's. The
 * reference is the highest scoring rate among `eligible` groups (the LL144 rule) when `reference`
 * is null, else the scoring rate of group `reference` (`impact_ratio_reference: reference`), so a
 * chosen reference drives the scoring table as it drives the favorable-rate impact ratios. Null
 * where a rate is null, or the reference's rate is null or not above 0 (or `reference` is −1: no
 * reference group).
 *
 * @example
 * scoringImpactRatios([0.2, 0.5, 0.4], [0, 1, 2], null); // [0.4, 1, 0.8]
 * scoringImpactRatios([0.2, 0.5, 0.4], [0, 1, 2], 2);    // [0.5, 1.25, 1]
 */
export function scoringImpactRatios(rates: readonly (number | null)[], eligible: Iterable<number>, reference: number | null): (number | null)[] {
  let top = 0;
  if (reference === null) {
    for (const g of eligible) {
      const rate = rates[g];
      if (rate !== null && rate > top) top = rate;
    }
  } else {
    top = rates[reference] ?? 0;
  }
  return rates.map((rate) => (rate !== null && top > 0 ? rate / top : null));
}
