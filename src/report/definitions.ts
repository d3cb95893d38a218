/**
 * The names and definitions (formulas in words) of every metric the report can show. Aggregates
 * named `<rate>_difference` / `<rate>_ratio` that are not listed are defined from their rate, so a
 * metric added to the engine still reads sensibly in the report.
 */
import type { RateName } from '../audit/results.js';

/** One metric as the report explains it. */
export interface MetricDefinition {
  /** The name in `audit.json`. */
  name: string;
  /** A short label for tables. */
  label: string;
  /** What it is, with the formula in words. */
  definition: string;
  /** How the value is printed: as a percentage or as a plain number. */
  kind: 'percent' | 'number';
}

const RATES: Record<RateName, [label: string, definition: string]> = {
  selection_rate: ['Selection rate', 'Share of the group that the outcome selected (predicted positive): predicted positives ÷ rows in the group (PP ÷ n).'],
  base_rate: ['Base rate', 'Share of the group whose true outcome (label) is positive: actual positives ÷ rows in the group (P ÷ n).'],
  favorable_rate: ['Favorable rate', 'Share of the group that received the favorable outcome: the selection rate when a positive decision benefits the person, otherwise 1 − selection rate.'],
  tpr: ['True positive rate (TPR)', 'Of the people whose true outcome is positive, the share predicted positive: TP ÷ (TP + FN). Also called recall.'],
  fnr: ['False negative rate (FNR)', 'Of the people whose true outcome is positive, the share predicted negative: FN ÷ (TP + FN).'],
  fpr: ['False positive rate (FPR)', 'Of the people whose true outcome is negative, the share predicted positive: FP ÷ (FP + TN).'],
  tnr: ['True negative rate (TNR)', 'Of the people whose true outcome is negative, the share predicted negative: TN ÷ (FP + TN).'],
  ppv: ['Precision (PPV)', 'Of the people predicted positive, the share whose true outcome is positive: TP ÷ (TP + FP).'],
  fdr: ['False discovery rate (FDR)', 'Of the people predicted positive, the share whose true outcome is negative: FP ÷ (TP + FP).'],
  npv: ['Negative predictive value (NPV)', 'Of the people predicted negative, the share whose true outcome is negative: TN ÷ (TN + FN).'],
  for: ['False omission rate (FOR)', 'Of the people predicted negative, the share whose true outcome is positive: FN ÷ (TN + FN).'],
  accuracy: ['Accuracy', 'Share of the group whose prediction equals the true outcome: (TP + TN) ÷ n.'],
  treatment_equality: ['Treatment equality', 'False negatives per false positive in the group: FN ÷ FP.'],
};

const AGGREGATES: Record<string, [label: string, definition: string]> = {
  impact_ratio: [
    'Impact ratio',
    "A group's favorable rate ÷ the favorable rate of the judged group with the highest favorable rate (the reference group). 1 means the same rate; below 0.8 fails the four-fifths rule of thumb. For an attribute, the smallest impact ratio of its judged groups.",
  ],
  demographic_parity_difference: ['Demographic parity difference', 'Highest minus lowest selection rate among the judged groups. 0 means every group is selected at the same rate.'],
  demographic_parity_ratio: ['Demographic parity ratio', 'Lowest ÷ highest selection rate among the judged groups. 1 means every group is selected at the same rate.'],
  equalized_odds_difference: ['Equalized odds difference', 'The larger of two gaps among the judged groups: highest minus lowest TPR, and highest minus lowest FPR. 0 means the model errs alike for every group.'],
  equalized_odds_ratio: ['Equalized odds ratio', 'The smaller of two ratios among the judged groups: lowest ÷ highest TPR, and lowest ÷ highest FPR.'],
  equal_opportunity_difference: ['Equal opportunity difference', 'Highest minus lowest true positive rate among the judged groups: how unequally people with a positive true outcome are recognized.'],
  equal_opportunity_ratio: ['Equal opportunity ratio', 'Lowest ÷ highest true positive rate among the judged groups.'],
  predictive_parity_difference: ['Predictive parity difference', 'Highest minus lowest precision (PPV) among the judged groups: how unequally a positive prediction is borne out.'],
  predictive_parity_ratio: ['Predictive parity ratio', 'Lowest ÷ highest precision (PPV) among the judged groups.'],
  average_odds_difference: ['Average odds difference', "Per group: ½ × [(the group's FPR − the reference group's FPR) + (the group's TPR − the reference group's TPR)]."],
  generalized_entropy_index: [
    'Generalized entropy index',
    'Inequality of a per-person benefit b = prediction − label + 1 over all rows: GE(α) = 1 ÷ (n·α·(α − 1)) × Σ[(b ÷ mean b)^α − 1], with α = 2. 0 means everyone receives the same benefit.',
  ],
  theil_index: ['Theil index', 'The generalized entropy index in the limit α → 1: the mean of (b ÷ mean b) × ln(b ÷ mean b). 0 means everyone receives the same benefit.'],
  class_imbalance: ['Class imbalance', '(rows of the other groups − rows of this group) ÷ all rows. Near 1: this group is rare in the data.'],
  dpl: ['Difference in positive label rates', "Label positive rate of the other groups minus this group's. Positive: this group's labels are less often positive."],
};

/** The definition of `name`; unknown names get a plain, honest fallback. */
export function metricDefinition(name: string): MetricDefinition {
  if (name in RATES) {
    const [label, definition] = RATES[name as RateName];
    return { name, label, definition, kind: name === 'treatment_equality' ? 'number' : 'percent' };
  }
  if (name in AGGREGATES) {
    const [label, definition] = AGGREGATES[name];
    return { name, label, definition, kind: 'number' };
  }
  const derived = /^(.+)_(difference|ratio)$/.exec(name);
  if (derived && derived[1] in RATES) {
    const [rateLabel] = RATES[derived[1] as RateName];
    const definition =
      derived[2] === 'difference'
        ? `Highest minus lowest ${lowerFirst(rateLabel)} among the judged groups. 0 means equal.`
        : `Lowest ÷ highest ${lowerFirst(rateLabel)} among the judged groups. 1 means equal.`;
    return { name, label: `${rateLabel.replace(/ \(.*\)$/, '')} ${derived[2]}`, definition, kind: 'number' };
  }
  return { name, label: name.replace(/_/g, ' '), definition: 'A metric computed by fairaudit; see audit.json for its value.', kind: 'number' };
}

/** The short label of `name`. */
export function metricLabel(name: string): string {
  return metricDefinition(name).label;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
