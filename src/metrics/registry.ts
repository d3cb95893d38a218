/**
 * The metric registry: one row per metric fairaudit computes — its label, its definition with the
 * formula, what it needs, the direction in which it gets worse, and, for the headline metrics, the
 * default policy limit and drift tolerance. Everything that lists metrics (the aggregate order of
 * `audit.json`, the default policy and drift, the history's key metrics, the report's definitions)
 * is derived from here, so adding a metric is one row plus its kernel and test.
 *
 * The disparity aggregates are generated from one family table (name × the rates it compares),
 * each family giving `<name>_difference` and `<name>_ratio`, as Fairlearn builds its fairness
 * metrics from a base metric × an aggregation.
 */

/**
 * What a metric needs from the data: `outcome` is the column the audit judges (the prediction, or
 * the label in a label-only audit); `label` and `prediction` are both columns; `score` the score.
 */
export type Need = 'outcome' | 'label' | 'prediction' | 'score';

import type { HarmfulDirection, RateName } from '../results/vocabulary.js';

/** Which way a metric moves when fairness gets worse: a results contract type. */
export type { HarmfulDirection } from '../results/vocabulary.js';

/** What the metric is computed over. */
export type MetricScope = 'rate' | 'aggregate' | 'group';

/** A headline metric: judged by default, kept in the history, always shown first. */
export interface Headline {
  /** Position in the default policy, the default drift list and the report (1 first). */
  rank: number;
  /** The default policy limit. */
  limit: { min: number } | { max: number };
  /** The default drift tolerance: the largest change in the harmful direction that passes. */
  max_change: number;
}

/** One metric of the registry. */
export interface MetricRow {
  /** A short label for tables. */
  label: string;
  /** What it is, with the formula in words (the report prints it). */
  definition: string;
  scope: MetricScope;
  needs: readonly Need[];
  harmful: HarmfulDirection;
  /** How the value is printed: as a percentage or as a plain number. */
  kind: 'percent' | 'number';
  /** For aggregates over per-group rates: the rates they compare (notes name groups whose rate is null). */
  rates?: readonly RateName[];
  headline?: Headline;
  /** Computed only in audits of this task (multiclass or regression); binary audits leave it out. */
  task?: 'multiclass' | 'regression';
}

/** A row as written below: scope and kind are filled in by section. */
type Row = Omit<MetricRow, 'scope' | 'kind'> & { kind?: MetricRow['kind'] };

const OUTCOME: readonly Need[] = ['outcome'];
const LABEL: readonly Need[] = ['label'];
const BOTH: readonly Need[] = ['label', 'prediction'];

// ---- per-group rates ------------------------------------------------------------------------

const RATE_ROWS = {
  selection_rate: { label: 'Selection rate', definition: 'Share of the group that the outcome selected (predicted positive): predicted positives ÷ rows in the group (PP ÷ n).', needs: OUTCOME, harmful: 'either' },
  base_rate: { label: 'Base rate', definition: 'Share of the group whose true outcome (label) is positive: actual positives ÷ rows in the group (P ÷ n).', needs: LABEL, harmful: 'either' },
  favorable_rate: {
    label: 'Favorable rate',
    definition: 'Share of the group that received the favorable outcome: the selection rate when a positive decision benefits the person, otherwise 1 − selection rate.',
    needs: OUTCOME,
    harmful: 'either',
  },
  tpr: { label: 'True positive rate (TPR)', definition: 'Of the people whose true outcome is positive, the share predicted positive: TP ÷ (TP + FN). Also called recall.', needs: BOTH, harmful: 'either' },
  fnr: { label: 'False negative rate (FNR)', definition: 'Of the people whose true outcome is positive, the share predicted negative: FN ÷ (TP + FN).', needs: BOTH, harmful: 'either' },
  fpr: { label: 'False positive rate (FPR)', definition: 'Of the people whose true outcome is negative, the share predicted positive: FP ÷ (FP + TN).', needs: BOTH, harmful: 'either' },
  tnr: { label: 'True negative rate (TNR)', definition: 'Of the people whose true outcome is negative, the share predicted negative: TN ÷ (FP + TN).', needs: BOTH, harmful: 'either' },
  ppv: { label: 'Precision (PPV)', definition: 'Of the people predicted positive, the share whose true outcome is positive: TP ÷ (TP + FP).', needs: BOTH, harmful: 'either' },
  fdr: { label: 'False discovery rate (FDR)', definition: 'Of the people predicted positive, the share whose true outcome is negative: FP ÷ (TP + FP).', needs: BOTH, harmful: 'either' },
  npv: { label: 'Negative predictive value (NPV)', definition: 'Of the people predicted negative, the share whose true outcome is negative: TN ÷ (TN + FN).', needs: BOTH, harmful: 'either' },
  for: { label: 'False omission rate (FOR)', definition: 'Of the people predicted negative, the share whose true outcome is positive: FN ÷ (TN + FN).', needs: BOTH, harmful: 'either' },
  accuracy: { label: 'Accuracy', definition: 'Share of the group whose prediction equals the true outcome: (TP + TN) ÷ n.', needs: BOTH, harmful: 'either' },
  treatment_equality: { label: 'Treatment equality', definition: 'False negatives per false positive in the group: FN ÷ FP.', needs: BOTH, harmful: 'either', kind: 'number' },
} as const satisfies Record<RateName, Row>;

// ---- disparity families: each gives <family>_difference and <family>_ratio --------------------

/** The text of one generated aggregate, when it says more than the rate-derived default. */
interface FamilyText {
  label: string;
  definition: string;
  headline?: Headline;
}

interface Family {
  rates: readonly RateName[];
  needs: readonly Need[];
  difference?: FamilyText;
  ratio?: FamilyText;
}

/** The disparity families, in `audit.json` order. Adding one is one line here. */
const FAMILIES = {
  demographic_parity: {
    rates: ['selection_rate'],
    needs: OUTCOME,
    difference: {
      label: 'Demographic parity difference',
      definition: 'Highest minus lowest selection rate among the judged groups. 0 means every group is selected at the same rate.',
      headline: { rank: 2, limit: { max: 0.1 }, max_change: 0.05 },
    },
    ratio: { label: 'Demographic parity ratio', definition: 'Lowest ÷ highest selection rate among the judged groups. 1 means every group is selected at the same rate.' },
  },
  equalized_odds: {
    rates: ['tpr', 'fpr'],
    needs: BOTH,
    difference: {
      label: 'Equalized odds difference',
      definition: 'The larger of two gaps among the judged groups: highest minus lowest TPR, and highest minus lowest FPR. 0 means the model errs alike for every group.',
      headline: { rank: 3, limit: { max: 0.1 }, max_change: 0.05 },
    },
    ratio: { label: 'Equalized odds ratio', definition: 'The smaller of two ratios among the judged groups: lowest ÷ highest TPR, and lowest ÷ highest FPR.' },
  },
  equal_opportunity: {
    rates: ['tpr'],
    needs: BOTH,
    difference: {
      label: 'Equal opportunity difference',
      definition: 'Highest minus lowest true positive rate among the judged groups: how unequally people with a positive true outcome are recognized.',
    },
    ratio: { label: 'Equal opportunity ratio', definition: 'Lowest ÷ highest true positive rate among the judged groups.' },
  },
  predictive_parity: {
    rates: ['ppv'],
    needs: BOTH,
    difference: {
      label: 'Predictive parity difference',
      definition: 'Highest minus lowest precision (PPV) among the judged groups: how unequally a positive prediction is borne out.',
    },
    ratio: { label: 'Predictive parity ratio', definition: 'Lowest ÷ highest precision (PPV) among the judged groups.' },
  },
  accuracy: { rates: ['accuracy'], needs: BOTH },
  fpr: { rates: ['fpr'], needs: BOTH },
  fnr: { rates: ['fnr'], needs: BOTH },
  fdr: { rates: ['fdr'], needs: BOTH },
  for: { rates: ['for'], needs: BOTH },
} as const satisfies Record<string, Family>;

/** A disparity family's name (`equalized_odds`). */
export type DisparityFamily = keyof typeof FAMILIES;
/** A generated disparity aggregate (`equalized_odds_difference`). */
export type DisparityName = `${DisparityFamily}_${'difference' | 'ratio'}`;

// ---- the other aggregates --------------------------------------------------------------------

const OTHER_AGGREGATE_ROWS = {
  // Two things are called impact ratio: this aggregate (the smallest group impact ratio of an
  // attribute) and each group's own ratio (`GroupResult.impact_ratio`). Both keep the name in
  // audit.json; the code calls them smallest impact ratio and group impact ratio.
  impact_ratio: {
    label: 'Impact ratio',
    definition:
      "A group's favorable rate ÷ the favorable rate of the judged group with the highest favorable rate (the reference group). 1 means the same rate; below 0.8 fails the four-fifths rule of thumb. For an attribute, the smallest impact ratio of its judged groups.",
    needs: OUTCOME,
    harmful: 'down',
    rates: ['favorable_rate'],
    headline: { rank: 1, limit: { min: 0.8 }, max_change: 0.05 },
  },
  generalized_entropy_index: {
    label: 'Generalized entropy index',
    definition:
      'Inequality of a per-person benefit b = prediction − label + 1 over all rows: GE(α) = 1 ÷ (n·α·(α − 1)) × Σ[(b ÷ mean b)^α − 1], with α = 2. 0 means everyone receives the same benefit.',
    needs: BOTH,
    harmful: 'up',
  },
  theil_index: {
    label: 'Theil index',
    definition: 'The generalized entropy index in the limit α → 1: the mean of (b ÷ mean b) × ln(b ÷ mean b). 0 means everyone receives the same benefit.',
    needs: BOTH,
    harmful: 'up',
  },
  // Lower is fairer, but drift has always judged the between-group indices on the absolute change;
  // they keep that rule here so a baseline comparison does not change its verdicts.
  between_group_generalized_entropy_index: {
    label: 'Between-group generalized entropy index',
    definition:
      'The generalized entropy index (α = 2) of the benefit when every person is given the mean benefit of their group: the part of the inequality that lies between groups. 0 means every group receives the same mean benefit.',
    needs: BOTH,
    harmful: 'either',
  },
  between_group_theil_index: {
    label: 'Between-group Theil index',
    definition: 'The Theil index when every person is given the mean benefit of their group: the part of the inequality that lies between groups.',
    needs: BOTH,
    harmful: 'either',
  },
} as const satisfies Record<string, Row>;

/** The inequality indices of the benefit b = ŷ − y + 1, in `audit.json` order. */
export const INEQUALITY_AGGREGATES = ['generalized_entropy_index', 'theil_index', 'between_group_generalized_entropy_index', 'between_group_theil_index'] as const satisfies readonly (keyof typeof OTHER_AGGREGATE_ROWS)[];

// ---- aggregates of multiclass and regression audits (DESIGN §14) --------------------------------

// Distances and worst-group losses are judged by drift on the absolute change, as every metric
// without a _difference or _ratio suffix always has been.
const MULTICLASS_AGGREGATE_ROWS = {
  label_distribution_tvd: {
    label: 'Label class distribution distance (TVD)',
    definition: "The largest total variation distance between two judged groups' label class distributions: ½ Σ_c |p_a(c) − p_b(c)|. 0 means every group has the same mix of classes.",
    needs: LABEL,
    harmful: 'either',
    task: 'multiclass',
  },
  label_distribution_js: {
    label: 'Label class distribution divergence (JS)',
    definition: "The largest Jensen–Shannon divergence (natural log) between two judged groups' label class distributions: the mean KL divergence of each to their average. 0 means the same mix.",
    needs: LABEL,
    harmful: 'either',
    task: 'multiclass',
  },
  prediction_distribution_tvd: {
    label: 'Predicted class distribution distance (TVD)',
    definition: "The largest total variation distance between two judged groups' predicted class distributions. 0 means every group is predicted the same mix of classes.",
    needs: ['prediction'],
    harmful: 'either',
    task: 'multiclass',
  },
  prediction_distribution_js: {
    label: 'Predicted class distribution divergence (JS)',
    definition: "The largest Jensen–Shannon divergence (natural log) between two judged groups' predicted class distributions.",
    needs: ['prediction'],
    harmful: 'either',
    task: 'multiclass',
  },
} as const satisfies Record<string, Row>;

const REGRESSION_AGGREGATE_ROWS = {
  mean_prediction_difference: { label: 'Mean prediction difference', definition: 'Highest minus lowest mean prediction among the judged groups.', needs: ['prediction'], harmful: 'up', task: 'regression' },
  mean_prediction_ratio: { label: 'Mean prediction ratio', definition: 'Lowest ÷ highest mean prediction among the judged groups (null when a mean is not positive).', needs: ['prediction'], harmful: 'down', task: 'regression' },
  mean_label_difference: { label: 'Mean label difference', definition: 'Highest minus lowest mean label among the judged groups.', needs: LABEL, harmful: 'up', task: 'regression' },
  mean_label_ratio: { label: 'Mean label ratio', definition: 'Lowest ÷ highest mean label among the judged groups (null when a mean is not positive).', needs: LABEL, harmful: 'down', task: 'regression' },
  mean_error_difference: {
    label: 'Mean error difference',
    definition: 'Highest minus lowest mean error (prediction − label) among the judged groups: how unequally the model over- or under-predicts.',
    needs: BOTH,
    harmful: 'up',
    task: 'regression',
  },
  mae_difference: { label: 'MAE difference', definition: 'Highest minus lowest mean absolute error |prediction − label| among the judged groups.', needs: BOTH, harmful: 'up', task: 'regression' },
  mae_ratio: { label: 'MAE ratio', definition: 'Lowest ÷ highest mean absolute error among the judged groups. 1 means equal errors.', needs: BOTH, harmful: 'down', task: 'regression' },
  rmse_difference: { label: 'RMSE difference', definition: 'Highest minus lowest root mean squared error √(mean (prediction − label)²) among the judged groups.', needs: BOTH, harmful: 'up', task: 'regression' },
  rmse_ratio: { label: 'RMSE ratio', definition: 'Lowest ÷ highest root mean squared error among the judged groups.', needs: BOTH, harmful: 'down', task: 'regression' },
  r2_difference: { label: 'R² difference', definition: 'Highest minus lowest coefficient of determination R² = 1 − Σ(ŷ − y)² ÷ Σ(y − ȳ)² among the judged groups.', needs: BOTH, harmful: 'up', task: 'regression' },
  max_mae: { label: 'Worst group MAE (bounded group loss)', definition: "The largest group's mean absolute error among the judged groups: the loss bound of bounded group loss.", needs: BOTH, harmful: 'either', task: 'regression' },
  max_rmse: { label: 'Worst group RMSE (bounded group loss)', definition: 'The largest root mean squared error among the judged groups.', needs: BOTH, harmful: 'either', task: 'regression' },
  ks_distance: {
    label: 'Kolmogorov–Smirnov distance',
    definition: "The largest KS distance sup_x |F_a(x) − F_b(x)| between two judged groups' distributions of the prediction (of the label without predictions), from exact histograms. 0 means identical distributions. Past 262,144 distinct values (over all groups) the histograms hold each value rounded to 13 significant bits, and this distance, Wasserstein-1 and the quantiles come from the rounded values, within the error bounds the results record per attribute (histogram); means and errors stay exact.",
    needs: OUTCOME,
    harmful: 'either',
    task: 'regression',
  },
  wasserstein_distance: {
    label: 'Wasserstein-1 distance',
    definition: "The largest earth mover's distance ∫ |F_a(x) − F_b(x)| dx between two judged groups' distributions of the prediction (of the label without predictions), in the outcome's units.",
    needs: OUTCOME,
    harmful: 'either',
    task: 'regression',
  },
  above_median_difference: {
    label: 'Above-median share difference',
    definition: 'Statistical parity at the overall median: highest minus lowest share of a judged group whose prediction is above the median of all rows.',
    needs: OUTCOME,
    harmful: 'up',
    task: 'regression',
  },
  above_median_ratio: { label: 'Above-median share ratio', definition: 'Lowest ÷ highest share of a judged group above the overall median.', needs: OUTCOME, harmful: 'down', task: 'regression' },
  above_p75_difference: { label: 'Above-75th-percentile share difference', definition: 'Highest minus lowest share of a judged group above the 75th percentile of all rows.', needs: OUTCOME, harmful: 'up', task: 'regression' },
  above_p90_difference: { label: 'Above-90th-percentile share difference', definition: 'Highest minus lowest share of a judged group above the 90th percentile of all rows.', needs: OUTCOME, harmful: 'up', task: 'regression' },
} as const satisfies Record<string, Row>;

// ---- per-group metrics beside the rates ------------------------------------------------------

const GROUP_ROWS = {
  average_odds_difference: {
    label: 'Average odds difference',
    definition: "Per group: ½ × [(the group's FPR − the reference group's FPR) + (the group's TPR − the reference group's TPR)].",
    needs: BOTH,
    harmful: 'up',
  },
  auc: {
    label: 'AUC',
    definition:
      'Area under the ROC curve of the score within the group: the chance that a randomly chosen person with a positive true outcome scores higher than one with a negative outcome (ties count half). 0.5 is chance, 1 is perfect ranking.',
    needs: ['label', 'score'],
    harmful: 'either',
  },
  mean_score: {
    label: 'Mean score',
    definition: 'The average score of the group. Compared with the base rate, it shows whether scores over- or under-state the outcome for the group.',
    needs: ['score'],
    harmful: 'either',
  },
  ece: {
    label: 'Expected calibration error (ECE)',
    definition: 'Scores are put in 10 equal-width bins; ECE is the row-weighted mean of |mean score − share of positive labels| over the bins. 0 means the scores match the observed rates.',
    needs: ['label', 'score'],
    harmful: 'either',
  },
  scoring_rate: { label: 'Scoring rate', definition: "Share of the group scored above the median score of the whole sample (NYC Local Law 144's scoring rate).", needs: ['score'], harmful: 'either' },
  scoring_impact_ratio: {
    label: 'Scoring impact ratio',
    definition:
      "The group's scoring rate ÷ the highest scoring rate among the judged groups (NYC Local Law 144's impact ratio for scores); below 0.8 fails the four-fifths rule of thumb.",
    needs: ['score'],
    harmful: 'down',
  },
  test_q_value: {
    label: 'Test against the reference group',
    definition:
      "Whether the group's favorable rate differs from the reference group's by more than chance: Fisher's exact test when a count is below 5, otherwise a two-proportion z-test. p is the test's p-value; q is the p-value adjusted for the number of tests in the whole audit (Benjamini–Hochberg). q below 0.05 is a difference unlikely to be chance.",
    needs: OUTCOME,
    harmful: 'either',
  },
  conditional_demographic_disparity: {
    label: 'Conditional demographic disparity (CDD)',
    definition:
      "Demographic disparity (the group's share of the rows with a negative label minus its share of the rows with a positive label) computed within each stratum and averaged, weighted by stratum size; strata without both labels are left out. Positive: the group is more often among the negatives than among the positives, even within strata.",
    needs: LABEL,
    harmful: 'either',
  },
  class_imbalance: { label: 'Class imbalance', definition: '(rows of the other groups − rows of this group) ÷ all rows. Near 1: this group is rare in the data.', needs: [], harmful: 'either' },
  dpl: {
    label: 'Difference in positive label rates (DPL)',
    definition: "Label positive rate of the other groups minus this group's. Positive: this group's labels are less often positive.",
    needs: LABEL,
    harmful: 'either',
  },
  kl: {
    label: 'Kullback–Leibler divergence (KL)',
    definition:
      "How different this group's label distribution is from the other groups': Σ pₐ·ln(pₐ ÷ p_d) over the two label values, pₐ of the other groups and p_d of this group (Clarify's direction); n/a when this group lacks a label value the others have. 0 means the same distribution.",
    needs: LABEL,
    harmful: 'either',
  },
  js: {
    label: 'Jensen–Shannon divergence (JS)',
    definition: 'A symmetric, bounded version of KL: the mean KL of each distribution to their average. 0 means the same label distribution.',
    needs: LABEL,
    harmful: 'either',
  },
  l2: { label: 'L2 norm (Lp)', definition: "Euclidean distance between this group's label distribution and the other groups'. 0 means the same distribution.", needs: LABEL, harmful: 'either' },
  tvd: {
    label: 'Total variation distance (TVD)',
    definition: "Half the summed absolute differences between this group's label distribution and the other groups'. For a yes/no label it equals the absolute DPL.",
    needs: LABEL,
    harmful: 'either',
  },
  ks: {
    label: 'Kolmogorov–Smirnov distance (KS)',
    definition: 'The largest gap, over the two label values, between the share of this group and the share of the other groups with that value.',
    needs: LABEL,
    harmful: 'either',
  },
} as const satisfies Record<string, Row>;

// ---- the derived names and lists ---------------------------------------------------------------

/** An aggregate of an attribute or intersection (`audit.json` `aggregates`). */
export type AggregateName = DisparityName | keyof typeof OTHER_AGGREGATE_ROWS | MulticlassAggregateName | RegressionAggregateName;
/** An aggregate only a multiclass audit computes. */
export type MulticlassAggregateName = keyof typeof MULTICLASS_AGGREGATE_ROWS;
/** An aggregate of a regression audit (`mae_difference`, `ks_distance`, …). */
export type RegressionAggregateName = keyof typeof REGRESSION_AGGREGATE_ROWS;
/** A per-group metric beside the rates. */
export type GroupMetricName = keyof typeof GROUP_ROWS;
/** Every metric the registry knows: a typo in a name does not compile. */
export type MetricName = RateName | AggregateName | GroupMetricName;
/**
 * The aggregate `impact_ratio`: an attribute's smallest group impact ratio. Each group's own ratio
 * to the reference (`GroupResult.impact_ratio`) is the group impact ratio; both keep the name
 * `impact_ratio` in audit.json and in configs.
 */
export const SMALLEST_IMPACT_RATIO = 'impact_ratio' as const satisfies keyof typeof OTHER_AGGREGATE_ROWS;

/** A headline metric. */
export type HeadlineName = 'impact_ratio' | 'demographic_parity_difference' | 'equalized_odds_difference';

/** The disparity families as the kernel reads them: the rates each compares, in `audit.json` order. */
export const DISPARITY_SPECS: readonly { name: DisparityFamily; rates: readonly RateName[] }[] = Object.entries(FAMILIES).map(([name, family]) => ({
  name: name as DisparityFamily,
  rates: family.rates,
}));

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

/** The row of a generated aggregate; without its own text it is defined from its rate. */
function familyRow(family: Family, side: 'difference' | 'ratio'): MetricRow {
  const text = family[side];
  const rateLabel = RATE_ROWS[family.rates[0]].label;
  const label = text?.label ?? `${rateLabel.replace(/ \(.*\)$/, '')} ${side}`;
  const definition =
    text?.definition ??
    (side === 'difference'
      ? `Highest minus lowest ${lowerFirst(rateLabel)} among the judged groups. 0 means equal.`
      : `Lowest ÷ highest ${lowerFirst(rateLabel)} among the judged groups. 1 means equal.`);
  const row: MetricRow = { label, definition, scope: 'aggregate', needs: family.needs, harmful: side === 'difference' ? 'up' : 'down', kind: 'number', rates: family.rates };
  if (text?.headline) row.headline = text.headline;
  return row;
}

function withScope(rows: Record<string, Row>, scope: MetricScope, kind: MetricRow['kind']): [string, MetricRow][] {
  return Object.entries(rows).map(([name, row]) => [name, { kind, ...row, scope }]);
}

/** The registry: every metric by name, rates first, then aggregates in `audit.json` order. */
export const METRICS: Readonly<Record<MetricName, MetricRow>> = Object.fromEntries([
  ...withScope(RATE_ROWS, 'rate', 'percent'),
  ...Object.entries(FAMILIES).flatMap(([name, family]) => [
    [`${name}_difference`, familyRow(family, 'difference')],
    [`${name}_ratio`, familyRow(family, 'ratio')],
  ]),
  ...withScope(OTHER_AGGREGATE_ROWS, 'aggregate', 'number'),
  ...withScope(MULTICLASS_AGGREGATE_ROWS, 'aggregate', 'number'),
  ...withScope(REGRESSION_AGGREGATE_ROWS, 'aggregate', 'number'),
  ...withScope(GROUP_ROWS, 'group', 'number'),
]) as Record<MetricName, MetricRow>;

const ALL_NAMES = Object.keys(METRICS) as MetricName[];

/** Every aggregate name of a binary audit (multiclass takes them per class), in `audit.json` order. */
export const AGGREGATE_NAMES: readonly AggregateName[] = ALL_NAMES.filter((name) => METRICS[name].scope === 'aggregate' && !METRICS[name].task) as AggregateName[];

/** The aggregates a multiclass audit adds to the worst-class ones, in `audit.json` order. */
export const MULTICLASS_AGGREGATES = Object.keys(MULTICLASS_AGGREGATE_ROWS) as MulticlassAggregateName[];

/** The aggregates of a regression audit, in `audit.json` order. */
export const REGRESSION_AGGREGATES = Object.keys(REGRESSION_AGGREGATE_ROWS) as RegressionAggregateName[];

/** The headline metrics, by rank: the default policy, the default drift and the report's first table. */
export const HEADLINE_METRICS: readonly HeadlineName[] = ALL_NAMES.filter((name) => METRICS[name].headline)
  .sort((a, b) => METRICS[a].headline!.rank - METRICS[b].headline!.rank) as HeadlineName[];

/** The per-group metrics of a score (AUC, calibration, the LL144 scoring rate), in report order. */
export const SCORE_METRICS: readonly GroupMetricName[] = ALL_NAMES.filter((name) => METRICS[name].scope === 'group' && METRICS[name].needs.includes('score')) as GroupMetricName[];

/** True when `name` is a metric of the registry. */
export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRICS, name);
}

/** True when `name` is an aggregate of an attribute or intersection (what a policy check bounds). */
export function isAggregateName(name: string): name is AggregateName {
  return isMetricName(name) && METRICS[name].scope === 'aggregate';
}

/** The registry row of `name`, or undefined for a name fairaudit does not compute. */
export function metricRow(name: string): MetricRow | undefined {
  return isMetricName(name) ? METRICS[name] : undefined;
}

/** True when `name` compares predictions with labels, so it is undefined in an audit without both. */
export function needsLabelAndPrediction(name: MetricName): boolean {
  const { needs } = METRICS[name];
  return needs.includes('label') && needs.includes('prediction');
}

/** The default policy limit and drift tolerance of each headline metric, by rank. */
export function headlineDefaults(): { metric: HeadlineName; limit: Headline['limit']; max_change: number }[] {
  return HEADLINE_METRICS.map((metric) => {
    const { limit, max_change } = METRICS[metric].headline!;
    return { metric, limit, max_change };
  });
}
