/**
 * Seeded bootstrap intervals of the regression aggregates (DESIGN §6, §14). Each judged group's
 * rows are redrawn (a multinomial draw of its row count, stratified by group, as the binary
 * bootstrap draws from the count table) from its exact histograms: the error histogram for the
 * error metrics, the value histogram for means and shares above the overall quantiles (held
 * fixed). A histogram with more than {@link MAX_BINS} distinct values is drawn from that many
 * consecutive bins of about equal weight, each carrying its exact sums, so a draw costs
 * O(groups × bins), never O(rows); within a bin the rows move together, which can narrow an
 * interval slightly. KS, Wasserstein-1 and R² have no interval. Pure.
 */
import type { Interval } from '../../results/index.js';
import type { Histogram } from '../../stats/histogram.js';
import { Multinomial, Rng } from '../../stats/rng.js';
import type { Thresholds } from './metrics.js';

/** Most bins a histogram is drawn from. */
export const MAX_BINS = 64;

/** Sums per bin of one histogram. */
export interface Bins {
  weight: Float64Array;
  sum: Float64Array;
  abs: Float64Array;
  squares: Float64Array;
  above: [Float64Array, Float64Array, Float64Array];
}

/** `k` empty bins. */
function emptyBins(k: number): Bins {
  return {
    weight: new Float64Array(k),
    sum: new Float64Array(k),
    abs: new Float64Array(k),
    squares: new Float64Array(k),
    above: [new Float64Array(k), new Float64Array(k), new Float64Array(k)],
  };
}

/** The bins of `h` (at most {@link MAX_BINS}, of about equal weight), counting weight above each cut. */
export function binsOf(h: Histogram, cuts: readonly (number | null)[]): Bins {
  const k = Math.min(MAX_BINS, h.values.length);
  let total = 0;
  for (let i = 0; i < h.weights.length; i++) total += h.weights[i];
  const out = emptyBins(k);
  let cumulative = 0;
  for (let i = 0; i < h.values.length; i++) {
    const x = h.values[i];
    const w = h.weights[i];
    const b = Math.min(k - 1, Math.floor((cumulative / total) * k));
    cumulative += w;
    out.weight[b] += w;
    out.sum[b] += w * x;
    out.abs[b] += w * Math.abs(x);
    out.squares[b] += w * x * x;
    for (let j = 0; j < 3; j++) {
      const cut = cuts[j];
      if (cut !== null && cut !== undefined && x > cut) out.above[j][b] += w;
    }
  }
  return out;
}

/** The bins of several histograms side by side (a group's joint groups: each bin keeps its exact sums). */
export function concatBins(parts: readonly Bins[]): Bins {
  const join = (pick: (b: Bins) => Float64Array) => {
    const out = new Float64Array(parts.reduce((n, b) => n + pick(b).length, 0));
    let at = 0;
    for (const b of parts) {
      out.set(pick(b), at);
      at += pick(b).length;
    }
    return out;
  };
  return {
    weight: join((b) => b.weight),
    sum: join((b) => b.sum),
    abs: join((b) => b.abs),
    squares: join((b) => b.squares),
    above: [join((b) => b.above[0]), join((b) => b.above[1]), join((b) => b.above[2])],
  };
}

/**
 * The bins of several histograms (a group's joint groups) as at most {@link MAX_BINS} bins: side
 * by side when they fit, else the parts' bins in order of their mean value, summed into
 * consecutive bins of about equal weight. Each bin still carries its rows' exact sums; a draw
 * then costs O(bins) per group however many joint groups the group holds (an attribute over one
 * column of a three-column intersection would otherwise draw from 20 × 64 bins).
 */
export function coarsenBins(parts: readonly Bins[]): Bins {
  const all = concatBins(parts);
  const n = all.weight.length;
  if (n <= MAX_BINS) return all;
  // Empty bins are never drawn; the others in order of mean, ties in the parts' order.
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => all.weight[i] > 0);
  const mean = Float64Array.from(all.sum, (s, i) => s / all.weight[i]);
  order.sort((a, b) => mean[a] - mean[b] || a - b);
  let total = 0;
  for (const i of order) total += all.weight[i];
  const k = Math.min(MAX_BINS, order.length);
  const out = emptyBins(k);
  let cumulative = 0;
  for (const i of order) {
    const b = Math.min(k - 1, Math.floor((cumulative / total) * k));
    cumulative += all.weight[i];
    out.weight[b] += all.weight[i];
    out.sum[b] += all.sum[i];
    out.abs[b] += all.abs[i];
    out.squares[b] += all.squares[i];
    for (let j = 0; j < 3; j++) out.above[j][b] += all.above[j][i];
  }
  return out;
}

/** One judged group as the bootstrap draws it. */
export interface BootstrapGroup {
  /** Unweighted rows: the size of each draw. */
  rows: number;
  /** The bins of its errors (those of its joint groups side by side). */
  errorBins: Bins;
  values: Histogram;
}

/** Totals of a draw into `t` (n, sum, abs, squares, above ×3): Σ over bins of count × the bin's per-weight sums. */
function drawn(bins: Bins, counts: Float64Array, t: Float64Array): void {
  t.fill(0);
  const [above0, above1, above2] = bins.above;
  for (let b = 0; b < bins.weight.length; b++) {
    const c = counts[b];
    if (c === 0) continue;
    const per = c / bins.weight[b];
    t[0] += c;
    t[1] += per * bins.sum[b];
    t[2] += per * bins.abs[b];
    t[3] += per * bins.squares[b];
    t[4] += per * above0[b];
    t[5] += per * above1[b];
    t[6] += per * above2[b];
  }
}

/**
 * One bootstrap metric per group, for the aggregates of a draw: `value[i]` where `defined[i]`
 * (a metric a group lacks is null, as in {@link regressionAggregates}).
 */
class DrawnMetric {
  readonly value: Float64Array;
  readonly defined: Uint8Array;
  constructor(groups: number) {
    this.value = new Float64Array(groups);
    this.defined = new Uint8Array(groups);
  }

  set(i: number, ok: boolean, x: number): void {
    this.defined[i] = ok ? 1 : 0;
    this.value[i] = ok ? x : 0;
  }

  /** Max and min over the defined values (NaN among them makes both NaN, as Math.max does), how many, and whether all are > 0. */
  extremes(): { count: number; max: number; min: number; positive: boolean } {
    let count = 0;
    let max = -Infinity;
    let min = Infinity;
    let positive = true;
    for (let i = 0; i < this.value.length; i++) {
      if (!this.defined[i]) continue;
      const x = this.value[i];
      count++;
      max = Math.max(max, x);
      min = Math.min(min, x);
      if (!(x > 0)) positive = false;
    }
    return { count, max, min, positive };
  }
}

/**
 * The aggregates {@link regressionAggregates} gives for groups with these metrics, each recorded
 * when finite: differences are max − min, ratios min ÷ max (every value positive), the worst
 * group's loss the max, the impact ratio the favorable shares' min ÷ max. R², KS and
 * Wasserstein-1 are not drawn. Written out over typed arrays: a draw is thousands of these.
 */
function recordAggregates(m: Record<'meanPrediction' | 'meanLabel' | 'meanError' | 'mae' | 'rmse' | 'above50' | 'above75' | 'above90' | 'favorable', DrawnMetric>, record: (name: string, x: number | null) => void): void {
  const spread = (e: ReturnType<DrawnMetric['extremes']>) => (e.count >= 2 ? e.max - e.min : null);
  const ratio = (e: ReturnType<DrawnMetric['extremes']>) => (e.count >= 2 && e.positive ? e.min / e.max : null);
  const prediction = m.meanPrediction.extremes();
  const label = m.meanLabel.extremes();
  const mae = m.mae.extremes();
  const rmse = m.rmse.extremes();
  const above = m.above50.extremes();
  record('mean_prediction_difference', spread(prediction));
  record('mean_prediction_ratio', ratio(prediction));
  record('mean_label_difference', spread(label));
  record('mean_label_ratio', ratio(label));
  record('mean_error_difference', spread(m.meanError.extremes()));
  record('mae_difference', spread(mae));
  record('mae_ratio', ratio(mae));
  record('rmse_difference', spread(rmse));
  record('rmse_ratio', ratio(rmse));
  record('max_mae', mae.count >= 1 ? mae.max : null);
  record('max_rmse', rmse.count >= 1 ? rmse.max : null);
  record('above_median_difference', spread(above));
  record('above_median_ratio', above.count >= 2 && above.max > 0 ? above.min / above.max : null);
  record('above_p75_difference', spread(m.above75.extremes()));
  record('above_p90_difference', spread(m.above90.extremes()));
  const favorable = m.favorable.extremes();
  record('impact_ratio', favorable.count >= 2 && favorable.max > 0 ? favorable.min / favorable.max : null);
}

/**
 * 95% percentile intervals of the regression aggregates and the impact ratio from `draws` seeded
 * draws; an aggregate whose interval would miss its estimate is widened to it. Null where the
 * estimate is null or fewer than half the draws define it.
 */
export function regressionIntervals(
  groups: readonly BootstrapGroup[],
  estimates: Record<string, number | null>,
  thresholds: Thresholds,
  has: { label: boolean; prediction: boolean },
  favorableNegative: boolean,
  draws: number,
  seed: number,
): Record<string, Interval | null> {
  const out: Record<string, Interval | null> = {};
  if (draws <= 0 || groups.length === 0) return out;
  const rng = new Rng(seed);
  const cuts = [thresholds.median, thresholds.p75, thresholds.p90];
  const valueBins = groups.map((g) => binsOf(g.values, cuts));
  const errorBins = groups.map((g) => g.errorBins);
  const samples: Record<string, number[]> = {};
  const both = has.label && has.prediction;
  // One count array per group and histogram for every draw (multinomial clears it first).
  const valueCounts = valueBins.map((b) => new Float64Array(b.weight.length));
  const errorCounts = errorBins.map((b) => new Float64Array(b.weight.length));
  const valueDraws = valueBins.map((b) => new Multinomial(b.weight));
  const errorDraws = errorBins.map((b) => new Multinomial(b.weight));
  const v = new Float64Array(7);
  const e = new Float64Array(7);
  const k = groups.length;
  const metrics = {
    meanPrediction: new DrawnMetric(k),
    meanLabel: new DrawnMetric(k),
    meanError: new DrawnMetric(k),
    mae: new DrawnMetric(k),
    rmse: new DrawnMetric(k),
    above50: new DrawnMetric(k),
    above75: new DrawnMetric(k),
    above90: new DrawnMetric(k),
    favorable: new DrawnMetric(k),
  };
  const above = [metrics.above50, metrics.above75, metrics.above90];
  const record = (name: string, x: number | null) => {
    if (x !== null && Number.isFinite(x)) (samples[name] ??= []).push(x);
  };
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < k; i++) {
      const vCounts = valueCounts[i];
      if (vCounts.length) valueDraws[i].draw(rng, groups[i].rows, vCounts);
      drawn(valueBins[i], vCounts, v);
      const eCounts = errorCounts[i];
      if (eCounts.length) errorDraws[i].draw(rng, groups[i].rows, eCounts);
      drawn(errorBins[i], eCounts, e);
      const hasValues = v[0] > 0;
      const hasErrors = both && e[0] > 0;
      metrics.meanLabel.set(i, !has.prediction && hasValues, v[1] / v[0]);
      metrics.meanPrediction.set(i, has.prediction && hasValues, v[1] / v[0]);
      metrics.meanError.set(i, hasErrors, e[1] / e[0]);
      metrics.mae.set(i, hasErrors, e[2] / e[0]);
      metrics.rmse.set(i, hasErrors, Math.sqrt(e[3] / e[0]));
      for (let j = 0; j < 3; j++) above[j].set(i, cuts[j] !== null && hasValues, v[4 + j] / v[0]);
      const share = v[4] / v[0];
      metrics.favorable.set(i, cuts[0] !== null && hasValues, favorableNegative ? 1 - share : share);
    }
    recordAggregates(metrics, record);
  }
  for (const [name, estimate] of Object.entries(estimates)) {
    const xs = samples[name];
    if (estimate === null || !xs || xs.length < draws / 2 || name === 'ks_distance' || name === 'wasserstein_distance' || name === 'r2_difference') {
      out[name] = null;
      continue;
    }
    xs.sort((a, b) => a - b);
    const at = (p: number) => xs[Math.min(xs.length - 1, Math.max(0, Math.round(p * (xs.length - 1))))];
    out[name] = [Math.min(at(0.025), estimate), Math.max(at(0.975), estimate)];
  }
  return out;
}
