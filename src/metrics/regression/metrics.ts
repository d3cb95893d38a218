/**
 * Regression metrics from sufficient statistics (DESIGN §14), pure: per group n, mean label,
 * mean prediction, mean error (ŷ − y), MAE, RMSE and R² from weighted sums; the share above
 * overall quantiles and the distribution's quartiles from exact histograms; and the aggregates
 * over judged groups (differences, ratios, the worst group's loss, largest KS and Wasserstein-1
 * distances between two groups).
 */
import type { GroupRegressionMetrics } from '../../results/index.js';
import { histogramQuantiles, histogramTotal, largestCdfDistances, sharesAbove, unionQuantiles, type Histogram } from '../../stats/histogram.js';
import type { RegressionAggregateName } from '../registry.js';
import { SUM, type RegressionGroupSums } from './collect.js';

/** The overall thresholds of statistical parity at thresholds. */
export interface Thresholds {
  median: number | null;
  p75: number | null;
  p90: number | null;
}

/** The median, 75th and 90th percentile (type 1: smallest value with F(x) ≥ p) of a histogram. */
export function thresholdsOf(h: Histogram): Thresholds {
  const [median, p75, p90] = histogramQuantiles(h, [0.5, 0.75, 0.9]);
  return { median, p75, p90 };
}

/** {@link thresholdsOf} the rows of all of `parts` (the joint groups), without merging them. */
export function thresholdsOfParts(parts: readonly Histogram[]): Thresholds {
  const [median, p75, p90] = unionQuantiles(parts, [0.5, 0.75, 0.9]);
  return { median, p75, p90 };
}

/**
 * A group's metrics. `has` says which outcome columns the audit reads; a metric needing one it
 * lacks is null, as is every metric of a group without rows, and R² of constant labels.
 *
 * @example
 * // rows (y, ŷ) = (1, 2), (3, 3): MAE 0.5, RMSE √0.5, R² = 1 − 1 ÷ 2 = 0.5
 */
export function groupRegression(g: RegressionGroupSums, has: { label: boolean; prediction: boolean }, thresholds: Thresholds): GroupRegressionMetrics {
  const s = g.sums;
  const w = s[SUM.w];
  const reasons: Record<string, string> = {};
  const both = has.label && has.prediction;
  const of = (ok: boolean, value: () => number, name: string, why: string): number | null => {
    if (!(w > 0)) {
      reasons[name] = 'no rows in this group hold every outcome column';
      return null;
    }
    if (!ok) {
      reasons[name] = why;
      return null;
    }
    return value();
  };
  const noBoth = 'needs both a label and a prediction';
  const sst = s[SUM.yy] - (s[SUM.y] * s[SUM.y]) / w;
  const r2 = of(both, () => 1 - s[SUM.ee] / sst, 'r2', noBoth);
  // Σ(y − ȳ)² from sums loses digits to cancellation; a relative floor says "constant" honestly.
  const constant = w > 0 && !(sst > 1e-12 * Math.max(1, s[SUM.yy]));
  // Shares above the three thresholds in one pass over the group's values.
  const [above50, above75, above90] = sharesAbove(g.values, [thresholds.median, thresholds.p75, thresholds.p90]);
  const metrics: GroupRegressionMetrics = {
    n: w,
    mean_label: of(has.label, () => s[SUM.y] / w, 'mean_label', 'needs a label'),
    mean_prediction: of(has.prediction, () => s[SUM.p] / w, 'mean_prediction', 'needs a prediction'),
    mean_error: of(both, () => s[SUM.e] / w, 'mean_error', noBoth),
    mae: of(both, () => s[SUM.abs] / w, 'mae', noBoth),
    rmse: of(both, () => Math.sqrt(s[SUM.ee] / w), 'rmse', noBoth),
    r2: r2 !== null && constant ? null : r2,
    share_above: {
      median: above50,
      p75: above75,
      p90: above90,
    },
    distribution: distributionOf(g.values),
  };
  if (r2 !== null && constant) reasons.r2 = 'the labels of this group are constant, so R² is undefined';
  if (Object.keys(reasons).length > 0) metrics.null_reasons = reasons;
  return metrics;
}

function distributionOf(h: Histogram): GroupRegressionMetrics['distribution'] {
  if (!(histogramTotal(h) > 0)) return null;
  const [q1, median, q3] = histogramQuantiles(h, [0.25, 0.5, 0.75]) as number[];
  return {
    min: h.values[0],
    q1,
    median,
    q3,
    max: h.values[h.values.length - 1],
  };
}

/** One judged group as the aggregates read it. */
export interface JudgedGroup {
  metrics: GroupRegressionMetrics;
  values: Histogram;
  /** The favorable share (above the median, or at or below it when `favorable: negative`). */
  favorable: number | null;
}

/**
 * The regression aggregates over judged groups, with a note for each null one. Differences are
 * max − min, ratios min ÷ max (null unless every value is positive), `max_mae`/`max_rmse` the
 * worst group's loss, KS and Wasserstein-1 the largest between two groups.
 */
export function regressionAggregates(groups: readonly JudgedGroup[]): { values: Record<RegressionAggregateName, number | null>; notes: Record<string, string> } {
  const notes: Record<string, string> = {};
  const pick = (f: (m: GroupRegressionMetrics) => number | null) => groups.map((g) => f(g.metrics)).filter((x): x is number => x !== null);
  const spread = (xs: number[]) => (xs.length >= 2 ? Math.max(...xs) - Math.min(...xs) : null);
  const ratio = (xs: number[]) => (xs.length >= 2 && xs.every((x) => x > 0) ? Math.min(...xs) / Math.max(...xs) : null);
  const largest = (xs: number[]) => (xs.length >= 1 ? Math.max(...xs) : null);
  const meanPrediction = pick((m) => m.mean_prediction);
  const meanLabel = pick((m) => m.mean_label);
  const mae = pick((m) => m.mae);
  const rmse = pick((m) => m.rmse);
  const above = pick((m) => m.share_above.median);
  // Both distances from one walk per pair.
  const distances = largestCdfDistances(groups.map((g) => g.values));
  const values: Record<RegressionAggregateName, number | null> = {
    mean_prediction_difference: spread(meanPrediction),
    mean_prediction_ratio: ratio(meanPrediction),
    mean_label_difference: spread(meanLabel),
    mean_label_ratio: ratio(meanLabel),
    mean_error_difference: spread(pick((m) => m.mean_error)),
    mae_difference: spread(mae),
    mae_ratio: ratio(mae),
    rmse_difference: spread(rmse),
    rmse_ratio: ratio(rmse),
    r2_difference: spread(pick((m) => m.r2)),
    max_mae: largest(mae),
    max_rmse: largest(rmse),
    ks_distance: distances.ks,
    wasserstein_distance: distances.wasserstein,
    above_median_difference: spread(above),
    above_median_ratio: above.length >= 2 && Math.max(...above) > 0 ? Math.min(...above) / Math.max(...above) : null,
    above_p75_difference: spread(pick((m) => m.share_above.p75)),
    above_p90_difference: spread(pick((m) => m.share_above.p90)),
  };
  for (const [name, v] of Object.entries(values)) {
    if (v === null) notes[name] = name.endsWith('_ratio') ? 'needs two judged groups with positive values' : 'needs judged groups with this metric defined';
  }
  return { values, notes };
}
