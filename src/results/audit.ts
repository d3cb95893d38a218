/**
 * The results of an audit: one plain object, written as versioned JSON (`audit.json`, DESIGN §12)
 * and rendered by the report. Field names are snake_case, exactly as in DESIGN §4 and §5.
 * `schemas/audit.schema.json` describes the same shape for other tools; the tests validate every
 * produced file against it. Fields are only ever added (optional), never renamed, within `@1`.
 */
import type { AuditMetadata, ResolvedConfig, Severity } from '../config/types.js';
import type { Comparison, ModelFile } from './comparison.js';
import type { DiscoveryResult } from './discovery.js';
import type { FileProvenance, SqlSourceProvenance, Warning } from './input.js';
import type { MaskManifest } from './masking.js';
import type { RepresentativenessResult } from './representativeness.js';
import type { RateName } from './vocabulary.js';

export const RESULTS_SCHEMA = 'fairaudit/audit@1' as const;

/** A closed interval [low, high]. */
export type Interval = [number, number];

export type { RateName } from './vocabulary.js';

/** Confusion counts of one group (sums of weights when `weight` is set). */
export interface GroupCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** Rows with a missing label (their prediction still counts for selection rate). */
  label_missing: number;
  /** Rows with a missing prediction (their label still counts for base rate). */
  prediction_missing: number;
  /** Rows with both missing. */
  both_missing: number;
}

/** A group's key: feature → value as shown (`(missing)` for nulls, bin labels for numbers). */
export type GroupKey = Record<string, string>;

/** One group of an attribute or intersection. */
export interface GroupResult {
  key: GroupKey;
  /** Rows (weighted sum when `weight` is set). */
  n: number;
  /** Unweighted rows, when `weight` is set (eligibility counts rows, not weights). */
  rows?: number;
  /** n ÷ total of this attribute. */
  share: number;
  counts: GroupCounts;
  /** Each rate, or null when its denominator is zero (see `null_reasons`). */
  rates: Record<RateName, number | null>;
  /** Why a rate is null, e.g. "no actual positives in this group". */
  null_reasons: Partial<Record<RateName, string>>;
  /** 95% Wilson score interval of each non-null proportion rate. */
  intervals: Partial<Record<RateName, Interval>>;
  /** Whether the group is large enough to judge and enters aggregates and verdicts. */
  eligible: boolean;
  /** Why not eligible ("too small to judge: n = 12 < 30"). */
  ineligible_reason?: string;
  /** favorable_rate ÷ the reference group's favorable_rate; null when undefined. */
  impact_ratio: number | null;
  /**
   * 95% interval of impact_ratio (src/stats/extreme-intervals.ts): the MOVER interval from the two
   * groups' Wilson limits, whose upper end, against the highest rate, is a simultaneous bound over
   * all groups; it contains impact_ratio. Null when impact_ratio is null, when the group is not
   * eligible, for the impact reference itself (its ratio is 1 by definition), or when intervals
   * are off (bootstrap 0).
   */
  impact_ratio_interval?: Interval | null;
  /** True when impact_ratio < 0.8. */
  four_fifths_flag: boolean | null;
  /** ½[(FPR_g − FPR_ref) + (TPR_g − TPR_ref)], AIF360's definition. */
  average_odds_difference: number | null;
  /**
   * 95% interval of average_odds_difference against the fixed `reference` group: the MOVER
   * interval of the four rates' Wilson limits; it contains the estimate. Null when
   * average_odds_difference is null, when the group is not eligible, for the reference group
   * itself (its difference is 0 by definition), or when intervals are off (bootstrap 0).
   */
  average_odds_difference_interval?: Interval | null;
  /**
   * The group's share of all predicted positives of its attribute (Aequitas' `ppr`; of positive
   * labels when the audit has no predictions); null when there are none.
   */
  ppr?: number | null;
  /**
   * Aequitas' disparities: each of the group's rates (and `ppr`) divided by the `reference`
   * group's; null where either is null or the reference's is 0.
   */
  disparities?: Partial<Record<RateName | 'ppr', number | null>>;
  /** Test of this group's favorable rate against the reference group's. */
  test?: { method: 'fisher' | 'z'; p_value: number; q_value: number } | null;
  /** Score metrics when a score column is set. */
  scores?: GroupScoreMetrics;
  /** Pre-training (label) metrics of this group against the rest, when a label is set. */
  dataset?: GroupDatasetMetrics;
  /** Multiclass: each class one-vs-rest, by class name. */
  classes?: Record<string, ClassGroupResult>;
  /** Multiclass: the K×K confusion matrix (rows: label class, columns: predicted class, in `classes` order). */
  confusion?: { classes: string[]; matrix: number[][] };
  /** Multiclass: the share of the group's labels and predictions in each class. */
  class_distribution?: { label?: Record<string, number | null>; prediction?: Record<string, number | null> };
  /** Regression: the group's error and distribution metrics. */
  regression?: GroupRegressionMetrics;
}

/** One class of a multiclass group, one-vs-rest: the counts and rates of a binary audit of that class. */
export interface ClassGroupResult {
  counts: GroupCounts;
  rates: Record<RateName, number | null>;
  null_reasons: Partial<Record<RateName, string>>;
  intervals: Partial<Record<RateName, Interval>>;
  /** The class's selection rate ÷ the highest among eligible groups. */
  impact_ratio: number | null;
  four_fifths_flag: boolean | null;
}

/** A regression group's metrics, over its rows that hold every outcome column read. */
export interface GroupRegressionMetrics {
  /** Rows (sum of weights when weighted) with every outcome column present. */
  n: number;
  mean_label: number | null;
  mean_prediction: number | null;
  /** Mean of prediction − label. */
  mean_error: number | null;
  mae: number | null;
  rmse: number | null;
  /** 1 − Σ(ŷ − y)² ÷ Σ(y − ȳ)²; null when the group's labels are constant. */
  r2: number | null;
  /** Share of the group above the overall median, 75th and 90th percentile (statistical parity at thresholds). */
  share_above: { median: number | null; p75: number | null; p90: number | null };
  /** Why a metric is null. */
  null_reasons?: Record<string, string>;
  /** Quartiles and extremes of the group's distribution (prediction, or label without one) for charts. */
  distribution: { min: number; q1: number; median: number; q3: number; max: number } | null;
}

/** Score metrics of one group (DESIGN §5 "Scores"). */
export interface GroupScoreMetrics {
  /** Exact Mann–Whitney AUC with ties; null when the group lacks positives or negatives. */
  auc: number | null;
  auc_null_reason?: string;
  mean_score: number | null;
  /** Expected calibration error over 10 equal-width bins. */
  ece: number | null;
  /** LL144 scoring rate: share of the group above the whole sample's median score. */
  scoring_rate: number | null;
  /** Why `ece` is null (no labels, scores that are not probabilities, no labelled scored rows). */
  ece_null_reason?: string;
  /** scoring_rate ÷ the highest scoring_rate among eligible groups (LL144 impact ratio for scores). */
  scoring_impact_ratio?: number | null;
}

/** Pre-training metrics of group d against the rest a (Clarify's sign conventions). */
export interface GroupDatasetMetrics {
  /** (n_a − n_d)/(n_a + n_d). */
  class_imbalance: number | null;
  /** q_a − q_d: label positive rate of the rest minus this group's. */
  dpl: number | null;
  kl: number | null;
  js: number | null;
  l2: number | null;
  tvd: number | null;
  ks: number | null;
}

/** The bins of a numeric sensitive column. */
export interface BinSpec {
  feature: string;
  /** Cut points: bin i holds edges[i-1] ≤ x < edges[i]. */
  edges: number[];
  labels: string[];
  /** How they were chosen. */
  method: 'config' | 'age' | 'quartiles';
}

/** One policy check's outcome. */
export type Verdict = 'pass' | 'warn' | 'fail' | 'insufficient-data';

export interface CheckResult {
  metric: string;
  /** The attribute or intersection name. */
  attribute: string;
  value: number | null;
  threshold: number;
  direction: 'max' | 'min';
  severity: Severity;
  verdict: Verdict;
  /** The 95% interval of the value, when there is one (it decides fail, warn or pass). */
  interval?: Interval | null;
  /** True when the interval crosses the threshold: the verdict could go either way. */
  inconclusive: boolean;
  /** For per-group metrics (impact_ratio): the group that decided the value. */
  group?: GroupKey;
  /** A sentence for people: what was measured against what. */
  message: string;
  /** Set when a person accepted this finding in the config (scheduled audits). */
  accepted?: { reason: string; owner: string; expires: string; expired: boolean };
}

/** One sensitive attribute or intersection of attributes. */
export interface AttributeResult {
  /** `race`, or `race × sex` for an intersection. */
  name: string;
  features: string[];
  kind: 'attribute' | 'intersection';
  bins?: BinSpec[];
  groups: GroupResult[];
  /**
   * The impact-ratio reference: the group with the highest favorable rate among eligible groups,
   * or `reference` under `impact_ratio_reference: reference`.
   */
  impact_reference: GroupKey | null;
  /** The largest group, or the configured one ("to reference" differences, tests). */
  reference: GroupKey | null;
  /** DESIGN §5 aggregates over eligible groups; null when undefined. `impact_ratio` is the smallest group impact ratio. */
  aggregates: Record<string, number | null>;
  /**
   * 95% interval of each non-null aggregate: differences, ratios and the impact ratio from the
   * groups' Wilson limits (src/stats/extreme-intervals.ts), inequality indices from the seeded
   * bootstrap. An interval that does not contain its aggregate has a note in `aggregate_notes`.
   */
  aggregate_intervals: Record<string, Interval | null>;
  /** Why an aggregate is null, or which groups a null rate left out of it. */
  aggregate_notes: Record<string, string>;
  /** Conditional demographic disparity over `strata`, when set. */
  conditional_demographic_disparity?: Record<string, number | null>;
  /** Multiclass: each class's aggregates (one-vs-rest); `aggregates` holds the worst class of each. */
  class_aggregates?: Record<string, Record<string, number | null>>;
  /** Multiclass: the class whose value each aggregate in `aggregates` is. */
  worst_class?: Record<string, string>;
  /** Regression: present when the histograms were rounded past the bound of distinct values. */
  histogram?: HistogramRounding;
  checks: CheckResult[];
}

/**
 * How a regression attribute's distributions were held when its column had more distinct values
 * than `bound`: each value rounded to `significant_bits` (relative error at most
 * 2^-significant_bits), with what that can move. Means, MAE, RMSE and R² come from exact sums.
 */
export interface HistogramRounding {
  exact: false;
  significant_bits: number;
  /** Distinct values (over the joint groups' histograms) kept exact. */
  bound: number;
  /** The most `ks_distance` can differ from the exact one: the largest share of one group's weight in one rounded value. */
  ks_error: number;
  /** The most `wasserstein_distance` can differ from the exact one: 2^-bits × the two largest groups' mean |x|. */
  wasserstein_error: number;
  /**
   * The most a group's `share_above` (median, p75, p90) and the `above_*_difference` aggregates
   * can differ from the exact ones: the largest share of one group's weight in the rounded value
   * that is a threshold.
   */
  share_above_error: number;
}

/**
 * Where the history ended once a run's line was appended: recorded in that run's audit.json, so a
 * copy of the report kept elsewhere shows lines later cut from the end (`history verify --report`).
 */
export interface HistoryRecord {
  /** The history file as given to `--history`. */
  path: string;
  /** Lines in the history, this run's included. */
  lines: number;
  /** SHA-256 of this run's line (its exact bytes, without the newline). */
  last_line_sha256: string;
}

/** The whole results object (`audit.json`). */
export interface AuditResults {
  schema: typeof RESULTS_SCHEMA;
  tool: { name: 'fairaudit'; version: string };
  /** ISO time the audit finished. */
  created_at: string;
  duration_ms: number;
  /** The seed of every random choice (bootstrap). */
  seed: number;
  input: {
    name: string;
    files: FileProvenance[];
    rows_read: number;
    /** Rows with a label or prediction (the ones metrics use). */
    rows_used: number;
    rows_missing_label: number;
    rows_missing_prediction: number;
    /** Where the rows were counted when not read from files: a database engine, or a saved count table (`--counts`). */
    source?: SqlSourceProvenance;
  };
  config: ResolvedConfig;
  /** SHA-256 of the resolved config as canonical JSON. */
  config_sha256: string;
  /** What the rates are computed on: the model's predictions, or the labels when there are none. */
  outcome: 'prediction' | 'label';
  columns: { label?: string; prediction?: string; score?: string; weight?: string; strata?: string; sensitive: string[] };
  attributes: AttributeResult[];
  /** Every check of every attribute, flattened. */
  checks: CheckResult[];
  /** The overall verdict: the worst check verdict (insufficient-data only when nothing was judged). */
  verdict: Verdict;
  /** The exit code this audit earns under `fail_on`. */
  exit_code: 0 | 1;
  warnings: Warning[];
  /** How the sensitive attributes were chosen, when discovery picked them (sensitive-attribute discovery). */
  discovery?: DiscoveryResult;
  /** Masking manifest and risk figures, when masking ran. */
  masking?: MaskManifest;
  /** SHA-256 of each model artifact given with `--model`, so a comparison can flag a changed model. */
  models?: ModelFile[];
  /** Comparison with a baseline, when one was given (scheduled audits). */
  comparison?: Comparison;
  /** Where the history given to `--history` ended once this run's line was appended. */
  history?: HistoryRecord;
  /** Who audited what (`audit:` in the config), with `date` defaulting to the day the audit ran. */
  audit?: AuditMetadata & { date: string };
  /**
   * Observed shares against the declared `population:` (95% Wilson intervals, gaps, chi-square
   * goodness of fit) and the data gaps of the audit (EU AI Act Art. 10(2)(h), 10(3)).
   */
  representativeness?: RepresentativenessResult;
  /** The kind of outcome audited and how that was decided (absent in results written before it existed: binary). */
  task?: TaskResult;
}

/** The task of an audit, as recorded in the results. */
export interface TaskResult {
  name: 'binary' | 'multiclass' | 'regression';
  /** True when fairaudit chose it from the data, false when `task:` set it. */
  detected: boolean;
  reason: string;
  /** Multiclass: the classes, in output order. */
  classes?: string[];
  /** Multiclass: the favorable classes, when `favorable:` lists them. */
  favorable_classes?: string[];
  /** How distributions, quantiles and intervals of this task are computed. */
  method?: string;
}
