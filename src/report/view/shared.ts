/**
 * What the view's sections share: the rates shown, the dataset metrics, the words of verdicts.
 * Pure.
 */
import { HEADLINE_METRICS } from '../../metrics/registry.js';
import type { GroupResult, RateName, Verdict } from '../../results/index.js';

/** The rates shown as columns of the group tables, in this order, when any group has a value. */
export const GROUP_RATES: RateName[] = ['selection_rate', 'favorable_rate', 'tpr', 'fpr', 'ppv', 'accuracy'];

/** The pre-training metrics of a label audit, in table order, with short headers. */
export const DATASET_METRICS: { key: keyof NonNullable<GroupResult['dataset']>; label: string; digits?: number }[] = [
  { key: 'class_imbalance', label: 'CI' },
  { key: 'dpl', label: 'DPL' },
  // Divergences of similar distributions are small: four decimals keep them from reading 0.000.
  { key: 'kl', label: 'KL', digits: 4 },
  { key: 'js', label: 'JS', digits: 4 },
  { key: 'l2', label: 'L2' },
  { key: 'tvd', label: 'TVD' },
  { key: 'ks', label: 'KS' },
];

/** Summary metrics always in an attribute's first table, checked or not (the trend draws them too). */
export const KEY_AGGREGATES: readonly string[] = HEADLINE_METRICS;

/** Table headers short enough for a row of six rates; the full name is the header's tooltip. */
export const SHORT_LABELS: Partial<Record<RateName, string>> = { tpr: 'TPR', fpr: 'FPR', ppv: 'PPV' };

/** Rates the report shows somewhere; undefined values of others are not worth a reader's time. */
export const SHOWN_RATES = new Set<RateName>(['base_rate', ...GROUP_RATES]);

/** A verdict as the report writes it. */
export const VERDICT_WORDS: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', 'insufficient-data': 'INSUFFICIENT DATA' };

/** The group of rows with no value, as the engine names it (`MISSING_GROUP` in metrics/features.ts, kept out of the report's imports). */
export const MISSING_GROUP = '(missing)';

/** The prefix of drift checks against a baseline (`drift:impact_ratio`). */
export const DRIFT_PREFIX = 'drift:';
