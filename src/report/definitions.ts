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
  between_group_generalized_entropy_index: [
    'Between-group generalized entropy index',
    'The generalized entropy index (α = 2) of the benefit when every person is given the mean benefit of their group: the part of the inequality that lies between groups. 0 means every group receives the same mean benefit.',
  ],
  between_group_theil_index: ['Between-group Theil index', 'The Theil index when every person is given the mean benefit of their group: the part of the inequality that lies between groups.'],
  auc: ['AUC', "Area under the ROC curve of the score within the group: the chance that a randomly chosen person with a positive true outcome scores higher than one with a negative outcome (ties count half). 0.5 is chance, 1 is perfect ranking."],
  mean_score: ['Mean score', 'The average score of the group. Compared with the base rate, it shows whether scores over- or under-state the outcome for the group.'],
  ece: ['Expected calibration error (ECE)', 'Scores are put in 10 equal-width bins; ECE is the row-weighted mean of |mean score − share of positive labels| over the bins. 0 means the scores match the observed rates.'],
  scoring_rate: ['Scoring rate', "Share of the group scored above the median score of the whole sample (NYC Local Law 144's scoring rate)."],
  scoring_impact_ratio: ['Scoring impact ratio', "The group's scoring rate ÷ the highest scoring rate among the judged groups (NYC Local Law 144's impact ratio for scores); below 0.8 fails the four-fifths rule of thumb."],
  test_q_value: [
    'Test against the reference group',
    "Whether the group's favorable rate differs from the reference group's by more than chance: Fisher's exact test when a count is below 5, otherwise a two-proportion z-test. p is the test's p-value; q is the p-value adjusted for the number of tests in the whole audit (Benjamini–Hochberg). q below 0.05 is a difference unlikely to be chance.",
  ],
  conditional_demographic_disparity: [
    'Conditional demographic disparity (CDD)',
    "Demographic disparity (the group's share of the rows with a negative label minus its share of the rows with a positive label) computed within each stratum and averaged, weighted by stratum size; strata without both labels are left out. Positive: the group is more often among the negatives than among the positives, even within strata.",
  ],
  class_imbalance: ['Class imbalance', '(rows of the other groups − rows of this group) ÷ all rows. Near 1: this group is rare in the data.'],
  dpl: ['Difference in positive label rates (DPL)', "Label positive rate of the other groups minus this group's. Positive: this group's labels are less often positive."],
  kl: ['Kullback–Leibler divergence (KL)', "How different this group's label distribution is from the other groups': Σ pₐ·ln(pₐ ÷ p_d) over the two label values, pₐ of the other groups and p_d of this group (Clarify's direction); n/a when this group lacks a label value the others have. 0 means the same distribution."],
  js: ['Jensen–Shannon divergence (JS)', "A symmetric, bounded version of KL: the mean KL of each distribution to their average. 0 means the same label distribution."],
  l2: ['L2 norm (Lp)', "Euclidean distance between this group's label distribution and the other groups'. 0 means the same distribution."],
  tvd: ['Total variation distance (TVD)', "Half the summed absolute differences between this group's label distribution and the other groups'. For a yes/no label it equals the absolute DPL."],
  ks: ['Kolmogorov–Smirnov distance (KS)', "The largest gap, over the two label values, between the share of this group and the share of the other groups with that value."],
};

/** The prefix of drift checks (`drift:impact_ratio`), as the comparison with a baseline names them. */
const DRIFT_PREFIX = 'drift:';

/** The definition of `name`; unknown names get a plain, honest fallback. */
export function metricDefinition(name: string): MetricDefinition {
  if (name.startsWith(DRIFT_PREFIX)) {
    const base = metricDefinition(name.slice(DRIFT_PREFIX.length));
    return {
      name,
      label: `Drift: ${lowerFirst(base.label)}`,
      definition: `How much worse ${lowerFirst(base.label)} got since the baseline run: the change in the harmful direction (a fall for a ratio, a rise for a difference, either way for a rate). The check fails or warns when it is larger than the drift tolerance of the config; an improvement never fails.`,
      kind: 'number',
    };
  }
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
