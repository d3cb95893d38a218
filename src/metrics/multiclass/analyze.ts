/**
 * Multiclass metrics (DESIGN §14): each class one-vs-rest through the binary metrics (counts,
 * rates, intervals, impact ratios, aggregates per class), the worst class of each aggregate as the
 * attribute's headline, the per-group K×K confusion matrix, the class distributions per group and
 * their largest distance between groups (TVD, JS), and — when `favorable:` lists classes — the
 * impact ratio and four-fifths rule on the share of favorable predictions. Pure.
 */
import type { AttributeResult, ClassGroupResult, GroupResult } from '../../results/index.js';
import { UserError } from '../../errors.js';
import type { ResolvedConfig } from '../../config/types.js';
import type { Warnings } from '../../warnings.js';
import { Warnings as Scratch } from '../../warnings.js';
import { jointKey } from '../joint-groups.js';
import { METRICS, SMALLEST_IMPACT_RATIO, isMetricName, type MulticlassAggregateName } from '../registry.js';
import type { GroupStatistics } from '../statistics-types.js';
import type { Analysis } from '../analysis.js';
import { binaryView } from './views.js';
import { blankRates } from '../blank-rates.js';

/** Analyzes a binary audit of some statistics (analyzeStatistics, passed in to keep this file below it). */
export type BinaryAnalyzer = (stats: GroupStatistics, config: ResolvedConfig, warnings: Warnings) => Analysis;

/**
 * The attributes of a multiclass audit. `skeleton` is the presence-only analysis (groups, sizes,
 * eligibility); its attributes are completed in place and returned.
 */
export function multiclassAttributes(stats: GroupStatistics, config: ResolvedConfig, skeleton: Analysis, analyze: BinaryAnalyzer): AttributeResult[] {
  const counts = stats.task!.multiclass!;
  const classes = counts.classes;
  // A favorable class the data never holds would make every favorable share 0 and silently drop the
  // impact ratio and its policy check; it is almost always a typo, so it stops the audit.
  const unknown = (config.favorable_classes ?? []).filter((c) => !classes.includes(c));
  if (unknown.length) {
    throw new UserError(`favorable: ${unknown.map((c) => `"${c}"`).join(', ')} ${unknown.length === 1 ? 'is not a class' : 'are not classes'} of the label or prediction (classes: ${classes.join(', ')})`, {
      column: stats.columns.label ?? stats.columns.prediction,
      hint: 'set favorable: (--favorable-classes) to classes the data holds',
    });
  }
  const quiet = { ...config, policy: [], favorable: 'positive' as const };
  const perClass = classes.map((c) => analyze(binaryView(stats, new Set([c])), quiet, new Scratch()));
  const favorable = config.favorable_classes?.length ? analyze(binaryView(stats, new Set(config.favorable_classes)), quiet, new Scratch()) : null;
  const sensitive = stats.columns.sensitive;

  return skeleton.attributes.map((attribute, a) => {
    const byKey = (result: AttributeResult) => new Map(result.groups.map((g) => [jointKey(attribute.features.map((f) => g.key[f])), g]));
    const classGroups = perClass.map((r) => byKey(r.attributes[a]));
    const favorableGroups = favorable ? byKey(favorable.attributes[a]) : null;
    const matrices = groupMatrices(stats, attribute.features.map((f) => sensitive.indexOf(f)));
    const groups: GroupResult[] = attribute.groups.map((group) => {
      const key = jointKey(attribute.features.map((f) => group.key[f]));
      const base = favorableGroups?.get(key) ?? blankRates(group, 'a multiclass audit has rates per class (see classes); set favorable: to a list of classes for one favorable rate');
      const out: GroupResult = { ...base, key: group.key, n: group.n, share: group.share, eligible: group.eligible, ...(group.ineligible_reason ? { ineligible_reason: group.ineligible_reason } : {}) };
      out.classes = Object.fromEntries(classes.map((c, k) => [c, classResult(classGroups[k].get(key))]));
      const m = matrices.get(key);
      if (m) {
        out.confusion = { classes, matrix: classes.map((_, i) => classes.map((_, j) => m[i * (classes.length + 1) + j])) };
        out.class_distribution = classDistribution(m, classes, stats);
      }
      return out;
    });
    const result: AttributeResult = { ...attribute, groups, aggregates: {}, aggregate_intervals: {}, aggregate_notes: {}, class_aggregates: {}, worst_class: {} };
    classes.forEach((c, k) => (result.class_aggregates![c] = perClass[k].attributes[a].aggregates));
    worstOfClasses(result, perClass.map((r) => r.attributes[a]), classes);
    if (favorable) {
      const f = favorable.attributes[a];
      result.aggregates[SMALLEST_IMPACT_RATIO] = f.aggregates[SMALLEST_IMPACT_RATIO] ?? null;
      result.aggregate_intervals[SMALLEST_IMPACT_RATIO] = f.aggregate_intervals[SMALLEST_IMPACT_RATIO] ?? null;
      result.aggregate_notes[SMALLEST_IMPACT_RATIO] = `on the share of favorable classes (${config.favorable_classes!.join(', ')})${f.aggregate_notes[SMALLEST_IMPACT_RATIO] ? `; ${f.aggregate_notes[SMALLEST_IMPACT_RATIO]}` : ''}`;
      delete result.worst_class![SMALLEST_IMPACT_RATIO];
      result.impact_reference = f.impact_reference;
    }
    distributionDistances(result, stats);
    return result;
  });
}


function classResult(group: GroupResult | undefined): ClassGroupResult {
  if (!group) throw new Error('multiclass: a group of the presence view is missing from a class view');
  return {
    counts: group.counts,
    rates: group.rates,
    null_reasons: group.null_reasons,
    intervals: group.intervals,
    impact_ratio: group.impact_ratio,
    four_fifths_flag: group.four_fifths_flag,
  };
}

/**
 * Each aggregate's worst class: the largest value of one that gets worse upwards (differences,
 * indices), the smallest of one that gets worse downwards (ratios); its interval and the class go
 * with it. A class whose value is null is passed over (its note says why).
 */
function worstOfClasses(result: AttributeResult, perClass: AttributeResult[], classes: readonly string[]): void {
  const names = new Set(perClass.flatMap((r) => Object.keys(r.aggregates)));
  for (const name of names) {
    const down = isMetricName(name) && METRICS[name].harmful === 'down';
    let worst = -1;
    perClass.forEach((r, k) => {
      const v = r.aggregates[name];
      if (v === null || v === undefined) return;
      const w = worst < 0 ? null : perClass[worst].aggregates[name]!;
      if (w === null || (down ? v < w : v > w)) worst = k;
    });
    if (worst < 0) {
      result.aggregates[name] = null;
      result.aggregate_intervals[name] = null;
      result.aggregate_notes[name] = `undefined for every class${perClass[0]?.aggregate_notes[name] ? ` (${perClass[0].aggregate_notes[name]})` : ''}`;
      continue;
    }
    result.aggregates[name] = perClass[worst].aggregates[name]!;
    result.aggregate_intervals[name] = perClass[worst].aggregate_intervals[name] ?? null;
    result.worst_class![name] = classes[worst];
    const note = perClass[worst].aggregate_notes[name];
    result.aggregate_notes[name] = `worst class: ${classes[worst]}${note ? `; ${note}` : ''}`;
  }
}

/** The (K+1)² class matrix of each group of an attribute (summed over the joint groups in it), by key. */
function groupMatrices(stats: GroupStatistics, features: number[]): Map<string, Float64Array> {
  const task = stats.task!;
  const out = new Map<string, Float64Array>();
  task.keys.forEach((key, g) => {
    const text = jointKey(features.map((f) => key[f]));
    const m = task.multiclass!.cells[g];
    const into = out.get(text);
    if (into) for (let c = 0; c < m.length; c++) into[c] += m[c];
    else out.set(text, m.slice());
  });
  return out;
}

function classDistribution(m: Float64Array, classes: readonly string[], stats: GroupStatistics): GroupResult['class_distribution'] {
  const k = classes.length;
  const side = k + 1;
  const shares = (row: boolean) => {
    const totals = classes.map((_, c) => {
      let sum = 0;
      for (let o = 0; o < side; o++) sum += row ? m[c * side + o] : m[o * side + c];
      return sum;
    });
    const total = totals.reduce((x, y) => x + y, 0);
    return Object.fromEntries(classes.map((c, i) => [c, total > 0 ? totals[i] / total : null]));
  };
  return {
    ...(stats.columns.label ? { label: shares(true) } : {}),
    ...(stats.prediction_source !== 'none' ? { prediction: shares(false) } : {}),
  };
}

/** Total variation distance ½ Σ |p − q| of two distributions over the same classes. */
export function totalVariation(p: readonly number[], q: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += Math.abs(p[i] - q[i]);
  return sum / 2;
}

/** Jensen–Shannon divergence (natural log) of two distributions over the same classes. */
export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) sum += 0.5 * p[i] * Math.log(p[i] / m);
    if (q[i] > 0) sum += 0.5 * q[i] * Math.log(q[i] / m);
  }
  return sum;
}

/** The largest TVD and JS between two eligible groups' label and predicted class distributions. */
function distributionDistances(result: AttributeResult, stats: GroupStatistics): void {
  const classes = stats.task!.multiclass!.classes;
  const sides: ['label' | 'prediction', MulticlassAggregateName, MulticlassAggregateName][] = [];
  if (stats.columns.label) sides.push(['label', 'label_distribution_tvd', 'label_distribution_js']);
  if (stats.prediction_source !== 'none') sides.push(['prediction', 'prediction_distribution_tvd', 'prediction_distribution_js']);
  for (const [side, tvdName, jsName] of sides) {
    const dists = result.groups
      .filter((g) => g.eligible && g.class_distribution?.[side])
      .map((g) => classes.map((c) => g.class_distribution![side]![c]))
      .filter((d): d is number[] => d.every((x) => x !== null));
    let tvd: number | null = null;
    let js: number | null = null;
    for (let i = 0; i < dists.length; i++) {
      for (let j = i + 1; j < dists.length; j++) {
        tvd = Math.max(tvd ?? 0, totalVariation(dists[i], dists[j]));
        js = Math.max(js ?? 0, jensenShannon(dists[i], dists[j]));
      }
    }
    result.aggregates[tvdName] = tvd;
    result.aggregates[jsName] = js;
    result.aggregate_intervals[tvdName] = null;
    result.aggregate_intervals[jsName] = null;
    if (tvd === null) {
      const note = 'needs two judged groups with rows';
      result.aggregate_notes[tvdName] = note;
      result.aggregate_notes[jsName] = note;
    }
  }
}
