/**
 * The shapes of group statistics (DESIGN §2): the columns an audit reads, the options of a pass,
 * and the mergeable statistics one pass returns. Collecting lives in statistics.ts, the bins
 * pre-pass in statistics-bins.ts, merging and validating in statistics-merge.ts.
 */
import type { BinSpec } from '../results/index.js';
import type { Combination } from './combinations.js';
import type { CountTable } from './count-table.js';
import type { FeatureDomain } from './features.js';
import type { OutcomeValues, PositiveSetting } from './outcome.js';
import type { TaskDetection } from './task.js';
import type { TaskStatistics } from './task-statistics.js';

/** The columns an audit reads, by role. */
export interface AuditColumns {
  label?: string;
  prediction?: string;
  score?: string;
  weight?: string;
  strata?: string;
  sensitive: string[];
}

/** Options of {@link collectStatistics}. */
export interface CollectOptions {
  /**
   * Whether the user set `threshold` (flag or config). Scores outside [0, 1] are refused unless it
   * is, since the default 0.5 only makes sense for probabilities. Default: true when
   * `config.threshold` differs from the default 0.5, else false.
   */
  thresholdGiven?: boolean;
  /** Rows per batch asked of the source (default: the source's own). */
  batchSize?: number;
  /**
   * Bins decided beforehand, by sensitive or strata column (null: not binned). Partial passes run
   * in parallel must share bins to merge; a column missing here gets its bins from a pre-pass.
   */
  bins?: Record<string, BinSpec | null>;
  /**
   * Whether to run {@link validateStatistics} at the end (default true). A partial pass whose
   * statistics are merged later turns it off and validates the merged result instead.
   */
  validate?: boolean;
  /**
   * The audit's task, decided once before counting (src/metrics/task.ts) so that partial passes
   * agree. Default: `config.task`, else binary. A multiclass or regression pass also fills
   * {@link GroupStatistics.task}.
   */
  task?: TaskDetection;
  /** Called once, when the first batch has been counted (the pipeline starts side work then). */
  onFirstBatch?: () => void;
  /** Called after each batch is counted with the rows counted so far (progress on a terminal). */
  onRows?: (rows: number) => void;
}

/** The score of each row that has one, with its label and its group id in each sensitive feature. */
export interface ScoreRows {
  length: number;
  score: Float64Array;
  /** 0, 1 or 2 (missing). */
  label: Int8Array;
  /** One array per sensitive feature (in `features` order), group ids. */
  groups: Int32Array[];
}

/** Everything the metrics need from the data: mergeable, and transferable to a worker thread. */
export interface GroupStatistics {
  format: 'fairaudit/group-statistics@1';
  columns: AuditColumns;
  weighted: boolean;
  /** Where predictions come from: a column, the score against the threshold, or nowhere. */
  prediction_source: 'column' | 'score' | 'none';
  threshold: number;
  threshold_given: boolean;
  positive?: PositiveSetting;
  outcomes: { label: OutcomeValues | null; prediction: OutcomeValues | null };
  /** The sensitive features in order, then the strata feature when set. */
  features: FeatureDomain[];
  combinations: Combination[];
  /**
   * One table over every feature, or — when that cross product would be too large — one table per
   * combination (with the strata feature last when set).
   */
  tables: CountTable[];
  scores: ScoreRows | null;
  /** Smallest and largest score seen. */
  score_range: [number, number] | null;
  rows: {
    read: number;
    /** Unweighted rows per cell (3 · label + prediction), over all groups. */
    cells: Float64Array;
    /** Rows whose weight was missing (counted with weight 0). */
    missing_weight: number;
  };
  /**
   * A multiclass or regression audit's statistics (absent for binary). Its count table then
   * counts presence: 0 for a value, 2 for a missing one.
   */
  task?: TaskStatistics;
  /** The audit's task and how it was decided (binary ones too). */
  detection?: TaskDetection;
}

/** Largest joint table (in groups) before falling back to one table per combination. */
export const JOINT_GROUP_LIMIT = 1 << 18;
