/**
 * Regression attributes (DESIGN §14): each group of each attribute and intersection gets its
 * regression metrics (summed over the joint groups it holds), each attribute the regression
 * aggregates over its judged groups, and the impact ratio becomes that of the favorable share at
 * the overall median (the share above it, or at or below it when `favorable: negative`) — the
 * LL144 scoring rate's impact ratio, so the four-fifths rule reads the same. Pure.
 */
import type { AttributeResult, GroupResult, HistogramRounding } from '../../results/index.js';
import type { ResolvedConfig } from '../../config/types.js';
import { emptyHistogram, histogramTotal, mergeAllHistograms, type Histogram } from '../../stats/histogram.js';
import { jointKey } from '../joint-groups.js';
import { SMALLEST_IMPACT_RATIO } from '../registry.js';
import type { GroupStatistics } from '../statistics-types.js';
import { binsOf, coarsenBins, concatBins, regressionIntervals, type Bins, type BootstrapGroup } from './bootstrap.js';
import { DEFAULT_PRECISION, mergeRoundedCounts, roundingErrorOf } from '../../stats/rounded-histogram.js';
import { settleRegressionCounts, SUM, SUMS, type RegressionCounts, type RegressionGroupSums } from './collect.js';
import { groupRegression, regressionAggregates, thresholdsOfParts, type JudgedGroup, type Thresholds } from './metrics.js';
import { blankRates } from '../blank-rates.js';

/** The four-fifths rule. */
const FOUR_FIFTHS = 0.8;

function emptyGroup(): RegressionGroupSums {
  return { sums: new Float64Array(SUMS), values: emptyHistogram(), errors: emptyHistogram() };
}

/** The regression statistics of each group of an attribute over `features` (sensitive indices), by key. */
export function attributeGroups(
  stats: GroupStatistics,
  features: readonly number[],
  errorBinsOf: (g: RegressionGroupSums) => Bins = (g) => binsOf(g.errors, NO_CUTS),
): Map<string, AttributeGroup> {
  const task = stats.task!;
  // Rounded histograms of counts merge through pages instead of a heap over the parts.
  const rounded = task.regression!.rounded ? (task.regression!.precision ?? DEFAULT_PRECISION).significant_bits : null;
  const members = new Map<string, { key: string; group: RegressionGroupSums }[]>();
  task.keys.forEach((key, g) => {
    const group = task.regression!.groups[g];
    if (!group) return;
    const text = jointKey(features.map((f) => key[f]));
    const list = members.get(text);
    const member = { key: jointKey(key), group };
    if (list) list.push(member);
    else members.set(text, [member]);
  });
  const out = new Map<string, AttributeGroup>();
  for (const [text, unsorted] of members) {
    // In key order, so that the bins, and so the bootstrap draws, do not depend on reading order.
    const list = unsorted.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((m) => m.group);
    const sums = new Float64Array(SUMS);
    for (const g of list) for (let j = 0; j < SUMS; j++) sums[j] += g.sums[j];
    // Values merge as a balanced tree (one after another would cost O(rows × groups)); errors are
    // only drawn from, so their joint groups' bins are combined instead of being merged.
    const parts = list.map((g) => g.values);
    out.set(text, {
      sums,
      values: (rounded !== null && parts.length > 2 ? mergeRoundedCounts(parts, rounded) : null) ?? mergeAllHistograms(parts),
      errors: emptyHistogram(),
      errorBins: coarsenBins(list.map(errorBinsOf)),
    });
  }
  return out;
}

const NO_CUTS = [null, null, null];

/** An attribute's group: its sums and value histogram, and the bins its errors are drawn from. */
export interface AttributeGroup extends RegressionGroupSums {
  errorBins: Bins;
}

/** Completes the presence-only attributes of `skeleton` as regression attributes. */
export function regressionAttributes(given: GroupStatistics, config: ResolvedConfig, attributes: readonly AttributeResult[]): AttributeResult[] {
  // Statistics from any engine or merge: rounded here iff all of their rows pass the bound.
  const settled = settleRegressionCounts(given.task!.regression!);
  const stats: GroupStatistics = { ...given, task: { ...given.task!, regression: settled } };
  const has = { label: !!stats.columns.label, prediction: stats.prediction_source !== 'none' };
  // The overall quantiles from the joint groups' histograms as they are: merging all rows into one
  // histogram would cost a pass per doubling of the group count and a copy of every value.
  const thresholds = thresholdsOfParts(stats.task!.regression!.groups.filter((g) => !!g).map((g) => g.values));
  const sensitive = stats.columns.sensitive;
  // Each joint group's error bins serve every attribute and intersection: computed once.
  const errorBins = new Map<RegressionGroupSums, Bins>();
  const errorBinsOf = (g: RegressionGroupSums) => {
    let bins = errorBins.get(g);
    if (!bins) errorBins.set(g, (bins = binsOf(g.errors, NO_CUTS)));
    return bins;
  };
  return attributes.map((attribute) => {
    const sums = attributeGroups(stats, attribute.features.map((f) => sensitive.indexOf(f)), errorBinsOf);
    const judged: JudgedGroup[] = [];
    const drawn: BootstrapGroup[] = [];
    const groups: GroupResult[] = attribute.groups.map((group) => {
      const g = sums.get(jointKey(attribute.features.map((f) => group.key[f]))) ?? { ...emptyGroup(), errorBins: concatBins([]) };
      const metrics = groupRegression(g, has, thresholds);
      const above = metrics.share_above.median;
      const favorable = above === null ? null : config.favorable === 'negative' ? 1 - above : above;
      if (group.eligible) {
        judged.push({ metrics, values: g.values, favorable });
        drawn.push({ rows: g.sums[SUM.rows], errorBins: g.errorBins, values: g.values });
      }
      return { ...blankRates(group, 'a regression audit has no yes/no rates (see regression)'), regression: metrics, favorable_share: favorable } as GroupResult & { favorable_share: number | null };
    });
    const { values, notes } = regressionAggregates(judged);
    const result: AttributeResult = { ...attribute, groups, aggregates: { ...values }, aggregate_intervals: {}, aggregate_notes: notes };
    if (settled.rounded) result.histogram = roundingOf(settled, judged, thresholds);
    impactRatios(result);
    for (const g of result.groups) delete (g as GroupResult & { favorable_share?: number | null }).favorable_share;
    const intervals = regressionIntervals(drawn, result.aggregates, thresholds, has, config.favorable === 'negative', config.bootstrap, config.seed);
    for (const name of Object.keys(result.aggregates)) result.aggregate_intervals[name] = intervals[name] ?? null;
    return result;
  });
}

/**
 * What rounding the histograms can have moved in an attribute's distances (src/stats/rounded-histogram.ts):
 * KS by the largest share of one judged group's weight in one rounded value, Wasserstein-1 by
 * 2^-bits × the sum of the two largest judged groups' mean |x|, and the shares above a threshold
 * by the largest share of one judged group's weight in the rounded value that is the threshold.
 */
function roundingOf(counts: RegressionCounts, judged: readonly JudgedGroup[], thresholds: Thresholds): HistogramRounding {
  const { bound, significant_bits: bits } = counts.precision ?? DEFAULT_PRECISION;
  const errors = judged.map((g) => roundingErrorOf(g.values, bits)).filter((e) => e !== null);
  const means = errors.map((e) => e.meanAbs).sort((a, b) => b - a);
  return {
    exact: false,
    significant_bits: bits,
    bound,
    ks_error: Math.max(0, ...errors.map((e) => e.bucketShare)),
    wasserstein_error: 2 ** -bits * ((means[0] ?? 0) + (means[1] ?? 0)),
    share_above_error: thresholdShareError(judged, thresholds),
  };
}

/**
 * The most rounding can have moved a judged group's share above (or at or below) a threshold,
 * and so the spread of those shares. Rounding is monotone, so the rounded threshold is the exact
 * one rounded, and the only rows counted on the wrong side are those rounded onto it: at most
 * the group's weight in that one rounded value. All groups err the same way (down), so a
 * difference of two shares moves by at most the larger of their errors.
 */
function thresholdShareError(judged: readonly JudgedGroup[], thresholds: Thresholds): number {
  let worst = 0;
  for (const { values } of judged) {
    const total = histogramTotal(values);
    if (!(total > 0)) continue;
    for (const t of [thresholds.median, thresholds.p75, thresholds.p90]) {
      if (t !== null) worst = Math.max(worst, weightAt(values, t) / total);
    }
  }
  return worst;
}

/** The weight of value `x` in histogram `h` (its values ascending). */
function weightAt(h: Histogram, x: number): number {
  let lo = 0;
  let hi = h.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (h.values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < h.values.length && h.values[lo] === x ? h.weights[lo] : 0;
}

/** Group impact ratios, the four-fifths flags and the attribute's smallest impact ratio, on favorable shares. */
function impactRatios(result: AttributeResult): void {
  const shares = result.groups.map((g) => (g.eligible ? (g as GroupResult & { favorable_share: number | null }).favorable_share : null));
  const best = Math.max(...shares.map((s) => s ?? -Infinity));
  const reference = shares.indexOf(best);
  result.impact_reference = best > 0 ? result.groups[reference].key : null;
  let smallest: number | null = null;
  result.groups.forEach((g, i) => {
    const s = shares[i];
    g.impact_ratio = s !== null && best > 0 ? s / best : null;
    g.four_fifths_flag = g.impact_ratio === null ? null : g.impact_ratio < FOUR_FIFTHS;
    if (g.impact_ratio !== null) smallest = smallest === null ? g.impact_ratio : Math.min(smallest, g.impact_ratio);
  });
  const judged = shares.filter((s) => s !== null).length;
  result.aggregates[SMALLEST_IMPACT_RATIO] = judged >= 2 ? smallest : null;
  result.aggregate_intervals[SMALLEST_IMPACT_RATIO] = null;
  if (judged < 2 || best <= 0) result.aggregate_notes[SMALLEST_IMPACT_RATIO] = 'needs two judged groups, one with rows above the overall median';
  else result.aggregate_notes[SMALLEST_IMPACT_RATIO] = 'on the share of each group above the overall median (the favorable side under favorable:)';
}

