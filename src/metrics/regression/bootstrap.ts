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
import type { GroupRegressionMetrics, Interval } from '../../results/index.js';
import { emptyHistogram, type Histogram } from '../../stats/histogram.js';
import { multinomial, Rng } from '../../stats/rng.js';
import { regressionAggregates, type JudgedGroup, type Thresholds } from './metrics.js';

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

/** Totals of a draw: Σ over bins of count × the bin's per-weight sums. */
function drawn(bins: Bins, counts: Float64Array) {
  const t = { n: 0, sum: 0, abs: 0, squares: 0, above: [0, 0, 0] };
  for (let b = 0; b < bins.weight.length; b++) {
    const c = counts[b];
    if (c === 0) continue;
    const per = c / bins.weight[b];
    t.n += c;
    t.sum += per * bins.sum[b];
    t.abs += per * bins.abs[b];
    t.squares += per * bins.squares[b];
    for (let j = 0; j < 3; j++) t.above[j] += per * bins.above[j][b];
  }
  return t;
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
  // KS and Wasserstein-1 get no interval: every draw passes the same empty histogram.
  const none = emptyHistogram();
  const both = has.label && has.prediction;
  // One count array per group and histogram for every draw (multinomial clears it first).
  const valueCounts = valueBins.map((b) => new Float64Array(b.weight.length));
  const errorCounts = errorBins.map((b) => new Float64Array(b.weight.length));
  for (let d = 0; d < draws; d++) {
    const judged: JudgedGroup[] = groups.map((g, i) => {
      const vCounts = valueCounts[i];
      if (vCounts.length) multinomial(rng, g.rows, valueBins[i].weight, vCounts);
      const v = drawn(valueBins[i], vCounts);
      const eCounts = errorCounts[i];
      if (eCounts.length) multinomial(rng, g.rows, errorBins[i].weight, eCounts);
      const e = drawn(errorBins[i], eCounts);
      const share = (j: number) => (cuts[j] === null || !(v.n > 0) ? null : v.above[j] / v.n);
      const metrics: GroupRegressionMetrics = {
        n: v.n,
        mean_label: has.prediction || !(v.n > 0) ? null : v.sum / v.n,
        mean_prediction: has.prediction && v.n > 0 ? v.sum / v.n : null,
        mean_error: both && e.n > 0 ? e.sum / e.n : null,
        mae: both && e.n > 0 ? e.abs / e.n : null,
        rmse: both && e.n > 0 ? Math.sqrt(e.squares / e.n) : null,
        r2: null,
        share_above: { median: share(0), p75: share(1), p90: share(2) },
        distribution: null,
      };
      const above = metrics.share_above.median;
      return { metrics, values: none, favorable: above === null ? null : favorableNegative ? 1 - above : above };
    });
    const { values } = regressionAggregates(judged);
    const record = (name: string, x: number | null) => {
      if (x !== null && Number.isFinite(x)) (samples[name] ??= []).push(x);
    };
    for (const [name, x] of Object.entries(values)) record(name, x);
    const favorable = judged.map((g) => g.favorable).filter((x): x is number => x !== null);
    const best = Math.max(...favorable);
    record('impact_ratio', favorable.length >= 2 && best > 0 ? Math.min(...favorable) / best : null);
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
