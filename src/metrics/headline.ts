/**
 * The headline metrics as named functions of an attribute's groups, the way Fairlearn names
 * `demographic_parity_difference` and `equalized_odds_difference`: each takes the per-group rates
 * (for instance `attribute.groups` of an `audit.json`) and runs the same aggregate kernel the audit
 * runs, over the groups that are judged. Pure.
 */
import type { RateName } from '../results/index.js';
import { AGGREGATE_COUNT, AGGREGATE_INDEX, computeAggregates } from './aggregates.js';
import { CELLS } from './count-table.js';
import { RATE_COUNT, RATE_INDEX, RATE_NAMES } from './rates.js';
import type { AggregateName } from './registry.js';

/** One group as the headline metrics read it: its rates (null or absent where undefined). */
export interface GroupRates {
  rates: Partial<Record<RateName, number | null>>;
  /** Whether the group is judged (large enough); groups marked `false` are left out. Default true. */
  eligible?: boolean;
}

/** The aggregate `name` over the eligible `groups`, null where undefined (the audit's own kernel). */
function aggregateOf(name: AggregateName, groups: readonly GroupRates[]): number | null {
  const rates = new Float64Array(groups.length * RATE_COUNT).fill(NaN);
  groups.forEach((group, g) => {
    for (const rate of RATE_NAMES) {
      const value = group.rates[rate];
      if (value !== null && value !== undefined) rates[g * RATE_COUNT + RATE_INDEX[rate]] = value;
    }
  });
  const eligible = Int32Array.from(groups.flatMap((group, g) => (group.eligible === false ? [] : [g])));
  // The rate aggregates read no cells; empty cells only leave the inequality indices undefined.
  const out = new Float64Array(AGGREGATE_COUNT);
  computeAggregates(rates, new Float64Array(groups.length * CELLS), eligible, out);
  const value = out[AGGREGATE_INDEX[name]];
  return value === value ? value : null;
}

/**
 * Demographic parity difference: max_g SR_g − min_g SR_g over the judged groups, with the selection
 * rate SR = predicted positives ÷ rows. 0 means every group is selected at the same rate; null with
 * fewer than two groups whose selection rate is defined.
 *
 * @example
 * demographicParityDifference([{ rates: { selection_rate: 0.5 } }, { rates: { selection_rate: 0.3 } }]); // 0.2
 */
export function demographicParityDifference(groups: readonly GroupRates[]): number | null {
  return aggregateOf('demographic_parity_difference', groups);
}

/**
 * Equalized odds difference: max(max_g TPR_g − min_g TPR_g, max_g FPR_g − min_g FPR_g) over the
 * judged groups, with TPR = TP ÷ (TP + FN) and FPR = FP ÷ (FP + TN) (Fairlearn's `worst_case`).
 * 0 means the model errs alike for every group; null when either gap is undefined.
 *
 * @example
 * equalizedOddsDifference([{ rates: { tpr: 0.8, fpr: 0.1 } }, { rates: { tpr: 0.7, fpr: 0.25 } }]); // 0.15
 */
export function equalizedOddsDifference(groups: readonly GroupRates[]): number | null {
  return aggregateOf('equalized_odds_difference', groups);
}

/**
 * Impact ratio of an attribute: min_g FR_g ÷ max_g FR_g over the judged groups, with the favorable
 * rate FR (the selection rate, or its complement when a positive decision is unfavorable) — the
 * smallest group impact ratio against the group with the highest favorable rate (EEOC four-fifths
 * rule: below 0.8 fails). Null with fewer than two defined rates or when the highest is 0. (Under
 * `impact_ratio_reference: reference` the audit divides by the chosen reference group instead.)
 *
 * @example
 * impactRatio([{ rates: { favorable_rate: 0.5 } }, { rates: { favorable_rate: 0.3 } }]); // 0.6
 */
export function impactRatio(groups: readonly GroupRates[]): number | null {
  return aggregateOf('impact_ratio', groups);
}
