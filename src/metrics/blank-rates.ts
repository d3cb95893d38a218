/**
 * A group of a multiclass or regression audit keeps the binary fields the results contract has,
 * but their yes/no meaning does not carry over: rates null (each with `reason`), confusion counts
 * zero, no ratios, tests or disparities.
 */
import type { GroupResult } from '../results/index.js';

/** `group` with its binary rates blanked, each null rate explained by `reason`. */
export function blankRates(group: GroupResult, reason: string): GroupResult {
  const rates = Object.fromEntries(Object.keys(group.rates).map((r) => [r, null])) as GroupResult['rates'];
  return {
    ...group,
    counts: { ...group.counts, tp: 0, fp: 0, tn: 0, fn: 0 },
    rates,
    null_reasons: Object.fromEntries(Object.keys(rates).map((r) => [r, reason])),
    intervals: {},
    impact_ratio: null,
    impact_ratio_interval: null,
    four_fifths_flag: null,
    average_odds_difference: null,
    average_odds_difference_interval: null,
    test: null,
    disparities: undefined,
    ppr: undefined,
    dataset: undefined,
  };
}
