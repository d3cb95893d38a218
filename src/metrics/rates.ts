/**
 * Per-group rates (DESIGN §4) from a group's nine cells (3 · label + prediction, each 0, 1 or 2 for
 * missing). Rows with a missing label still count for the selection rate, rows with a missing
 * prediction still count for the base rate; the confusion rates use rows that have both.
 */
import type { GroupCounts, RateName } from '../results/index.js';
import type { Favorable } from '../config/types.js';
import { CELL } from './count-table.js';

/** Every rate, in the order of the rate arrays below. */
export const RATE_NAMES: readonly RateName[] = [
  'base_rate', 'selection_rate', 'favorable_rate',
  'tpr', 'fnr', 'fpr', 'tnr', 'ppv', 'fdr', 'npv', 'for',
  'accuracy', 'treatment_equality',
];
export const RATE_COUNT = RATE_NAMES.length;
/** Index of each rate in rate arrays. */
export const RATE_INDEX = Object.fromEntries(RATE_NAMES.map((name, i) => [name, i])) as Record<RateName, number>;

/** Rates that are proportions (and so get a Wilson interval). */
export const PROPORTION_RATES: readonly RateName[] = RATE_NAMES.filter((r) => r !== 'treatment_equality');

/** What an audit has, which decides the rates that exist at all. */
export interface RateContext {
  has_label: boolean;
  has_prediction: boolean;
  /** What selection and favorable rates are computed on. */
  outcome: 'prediction' | 'label';
  favorable: Favorable;
}

const NO_PREDICTIONS = 'no predictions';
export const NO_LABELS = 'no labels';

/** Why a rate is null when its denominator is zero. */
const ZERO_DENOMINATOR_REASONS: Record<RateName, string> = {
  base_rate: 'no labelled rows in this group',
  selection_rate: 'no predictions in this group',
  favorable_rate: 'no predictions in this group',
  tpr: 'no actual positives in this group',
  fnr: 'no actual positives in this group',
  fpr: 'no actual negatives in this group',
  tnr: 'no actual negatives in this group',
  ppv: 'no predicted positives in this group',
  fdr: 'no predicted positives in this group',
  npv: 'no predicted negatives in this group',
  for: 'no predicted negatives in this group',
  accuracy: 'no rows with both a label and a prediction in this group',
  treatment_equality: 'no false positives in this group',
};

/**
 * Writes numerator and denominator of every rate of the group at `cells[at … at+9)` into
 * `out[2r]`, `out[2r+1]` (r in {@link RATE_NAMES} order). A rate the audit cannot have (no label,
 * no prediction) gets denominator −1.
 *
 * With TN, FP, FN, TP the cells where both are present, L₀/L₁ rows labelled 0/1 and P₀/P₁ rows
 * predicted 0/1: base_rate = L₁/(L₀+L₁); selection_rate = P₁/(P₀+P₁) (on the label, L₁/(L₀+L₁),
 * when the audit has no predictions); favorable_rate = selection_rate or its complement;
 * tpr = TP/(TP+FN), fnr = FN/(TP+FN), fpr = FP/(FP+TN), tnr = TN/(FP+TN), ppv = TP/(TP+FP),
 * fdr = FP/(TP+FP), npv = TN/(TN+FN), for = FN/(TN+FN), accuracy = (TP+TN)/(TP+FP+TN+FN),
 * treatment_equality = FN/FP.
 */
export function rateFractions(cells: Float64Array, at: number, context: RateContext, out: Float64Array): void {
  const tn = cells[at + CELL.tn];
  const fp = cells[at + CELL.fp];
  const fn = cells[at + CELL.fn];
  const tp = cells[at + CELL.tp];
  const l0 = tn + fp + cells[at + CELL.labelNegativePredictionMissing];
  const l1 = fn + tp + cells[at + CELL.labelPositivePredictionMissing];
  const p0 = tn + fn + cells[at + CELL.labelMissingPredictedNegative];
  const p1 = fp + tp + cells[at + CELL.labelMissingPredictedPositive];
  const label = context.has_label;
  const both = label && context.has_prediction;
  set(out, 0, l1, l0 + l1, label);
  const onPrediction = context.outcome === 'prediction';
  const sNum = onPrediction ? p1 : l1;
  const sDen = onPrediction ? p0 + p1 : l0 + l1;
  const sHas = onPrediction ? context.has_prediction : label;
  set(out, 1, sNum, sDen, sHas);
  set(out, 2, context.favorable === 'positive' ? sNum : sDen - sNum, sDen, sHas);
  set(out, 3, tp, tp + fn, both);
  set(out, 4, fn, tp + fn, both);
  set(out, 5, fp, fp + tn, both);
  set(out, 6, tn, fp + tn, both);
  set(out, 7, tp, tp + fp, both);
  set(out, 8, fp, tp + fp, both);
  set(out, 9, tn, tn + fn, both);
  set(out, 10, fn, tn + fn, both);
  set(out, 11, tp + tn, tp + tn + fp + fn, both);
  set(out, 12, fn, fp, both);
}

function set(out: Float64Array, r: number, numerator: number, denominator: number, exists: boolean): void {
  out[2 * r] = numerator;
  out[2 * r + 1] = exists ? denominator : -1;
}

/** Every rate of one group into `out[r]`, NaN where undefined (fractions scratch: 2 · RATE_COUNT). */
export function groupRates(cells: Float64Array, at: number, context: RateContext, fractions: Float64Array, out: Float64Array, outAt: number): void {
  rateFractions(cells, at, context, fractions);
  for (let r = 0; r < RATE_COUNT; r++) {
    const den = fractions[2 * r + 1];
    out[outAt + r] = den > 0 ? fractions[2 * r] / den : NaN;
  }
}

/** Why rate r is null given its denominator from {@link rateFractions}. */
export function nullReason(rate: RateName, denominator: number, context: RateContext): string {
  if (denominator >= 0) {
    if (context.outcome === 'label' && (rate === 'selection_rate' || rate === 'favorable_rate')) return ZERO_DENOMINATOR_REASONS.base_rate;
    return ZERO_DENOMINATOR_REASONS[rate];
  }
  const needsLabel = rate === 'base_rate' || (rate !== 'selection_rate' && rate !== 'favorable_rate') || context.outcome === 'label';
  return needsLabel && !context.has_label ? NO_LABELS : NO_PREDICTIONS;
}

/**
 * The confusion counts of a group as reported (DESIGN §12). Without a prediction column no row
 * lacks a prediction that should have one: every row without a label counts as `label_missing`,
 * and `prediction_missing` and `both_missing` are 0 (a labels-only audit does not read as
 * missing data).
 */
export function groupCounts(cells: Float64Array, at: number, hasPrediction = true): GroupCounts {
  if (!hasPrediction) {
    return {
      tp: cells[at + CELL.tp],
      fp: cells[at + CELL.fp],
      tn: cells[at + CELL.tn],
      fn: cells[at + CELL.fn],
      label_missing: cells[at + CELL.labelMissingPredictedNegative] + cells[at + CELL.labelMissingPredictedPositive] + cells[at + CELL.bothMissing],
      prediction_missing: 0,
      both_missing: 0,
    };
  }
  return {
    tp: cells[at + CELL.tp],
    fp: cells[at + CELL.fp],
    tn: cells[at + CELL.tn],
    fn: cells[at + CELL.fn],
    label_missing: cells[at + CELL.labelMissingPredictedNegative] + cells[at + CELL.labelMissingPredictedPositive],
    prediction_missing: cells[at + CELL.labelNegativePredictionMissing] + cells[at + CELL.labelPositivePredictionMissing],
    both_missing: cells[at + CELL.bothMissing],
  };
}
