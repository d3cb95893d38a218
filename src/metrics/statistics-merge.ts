/**
 * Group statistics after counting: validated once over the whole data, put in canonical order,
 * groups joined (`merge_case`), and partial statistics (files, row ranges, worker threads) merged
 * by addition into what one pass over all rows would give.
 */
import { UserError } from '../errors.js';
import type { Warnings } from '../warnings.js';
import { CELLS, groupCount, marginalize, relayout } from './count-table.js';
import { compareGroupValues, MAX_TRIMMED_KEPT, type FeatureDomain } from './features.js';
import { checkOutcomeValues, checkPositiveMatches, mergeOutcomeValues, type OutcomeValues } from './outcome.js';
import { mergeTaskStatistics } from './task-statistics.js';
import { JOINT_GROUP_LIMIT, type GroupStatistics, type ScoreRows } from './statistics-types.js';

/**
 * Checks what only the whole data can tell (also after merging partial statistics): binary
 * outcomes, labels present, scores inside [0, 1] when they make the predictions. Throws a
 * UserError or adds warnings.
 */
export function validateStatistics(stats: GroupStatistics, warnings: Warnings): void {
  const { columns } = stats;
  if (stats.outcomes.label) checkOutcomeValues(stats.outcomes.label, stats.positive, warnings);
  if (stats.outcomes.prediction) checkOutcomeValues(stats.outcomes.prediction, stats.positive, warnings);
  checkPositiveMatches([stats.outcomes.label, stats.outcomes.prediction], stats.positive);
  if (stats.rows.read === 0) throw new UserError('the data has no rows', { hint: 'check the input files' });
  const c = stats.rows.cells;
  const labelled = c[0] + c[1] + c[2] + c[3] + c[4] + c[5];
  const predicted = c[0] + c[1] + c[3] + c[4] + c[6] + c[7];
  if (columns.label && labelled === 0) {
    if (stats.prediction_source === 'none') {
      throw new UserError('every label is missing, so there is nothing to audit', {
        column: columns.label,
        hint: 'check the --label column, or audit predictions with --prediction',
      });
    }
    warnings.add('all-labels-missing', `Every value of the label column "${columns.label}" is missing: only selection rates can be measured. Check --label.`);
  }
  if (stats.prediction_source !== 'none' && predicted === 0) {
    const column = columns.prediction ?? columns.score;
    if (!columns.label || labelled === 0) {
      throw new UserError('every prediction is missing, so there is nothing to audit', { column, hint: 'check the --prediction or --score column' });
    }
    warnings.add('all-predictions-missing', `Every value of "${column}" is missing: only label metrics can be measured.`);
  }
  if (stats.prediction_source === 'score' && stats.score_range && !stats.threshold_given) {
    const [min, max] = stats.score_range;
    if (min < 0 || max > 1) {
      throw new UserError(`scores range from ${min} to ${max}, outside [0, 1], and no threshold is given`, {
        column: columns.score,
        hint: 'set threshold (--threshold X or threshold: in the config) to the score at which a prediction is positive',
      });
    }
  }
}

/** The order of a domain's values for output: bins, numbers, text, `(missing)` last. */
function canonicalOrder(domain: FeatureDomain, values: readonly string[]): string[] {
  return [...values].sort((a, b) => compareGroupValues(domain, a, b));
}

function remapTo(from: readonly string[], to: readonly string[]): Int32Array {
  const index = new Map(to.map((v, i) => [v, i]));
  return Int32Array.from(from, (v) => index.get(v)!);
}

/** The same statistics with each feature's values in canonical order and tables at exact size. */
export function canonicalStatistics(stats: GroupStatistics): GroupStatistics {
  const orders = stats.features.map((d) => canonicalOrder(d, d.values));
  return reindex(stats, orders);
}

/**
 * The same statistics with some groups joined: `renames[f]` maps values of feature f to the
 * value of the group they join (values it leaves out stay). Counts add up; values end in
 * canonical order. Used to merge groups whose values differ only by case (`merge_case`).
 */
export function joinGroups(stats: GroupStatistics, renames: readonly (ReadonlyMap<string, string> | null)[]): GroupStatistics {
  const renamed = stats.features.map((d, f) => d.values.map((v) => renames[f]?.get(v) ?? v));
  const orders = stats.features.map((d, f) => canonicalOrder(d, [...new Set(renamed[f])]));
  const joined = reindex(stats, orders, renamed);
  if (!stats.task) return joined;
  const rename = (key: string[]) => key.map((v, f) => renames[f]?.get(v) ?? v);
  return { ...joined, task: mergeTaskStatistics(stats.task, null, rename) };
}

/**
 * Re-expresses `stats` over the given per-feature value lists (each a superset of its own, or of
 * `renamed`: each current value's new value, when groups are joined).
 */
function reindex(stats: GroupStatistics, orders: string[][], renamed?: string[][]): GroupStatistics {
  const remaps = stats.features.map((d, f) => remapTo(renamed?.[f] ?? d.values, orders[f]));
  const tables = stats.tables.map((t) =>
    relayout(
      t,
      t.features.map((f) => Math.max(1, orders[f].length)),
      t.features.map((f) => remaps[f]),
    ),
  );
  let scores = stats.scores;
  if (scores) {
    const s = scores;
    scores = { ...s, groups: s.groups.map((g, f) => Int32Array.from(g, (id) => remaps[f][id])) };
  }
  return { ...stats, features: stats.features.map((d, f) => ({ ...d, values: orders[f] })), tables, scores };
}

/**
 * The statistics of the union of the rows of `a` and `b` (two partial passes over the same audit
 * setup): domains united, counts added, score rows concatenated. Equals one pass over all rows.
 */
export function mergeStatistics(a: GroupStatistics, b: GroupStatistics): GroupStatistics {
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const shape = (s: GroupStatistics) => [s.columns, s.weighted, s.prediction_source, s.threshold, s.positive, s.task?.detection.task, s.features.map((f) => [f.name, f.role, f.bins])];
  if (!same(shape(a), shape(b))) throw new Error('mergeStatistics: the two statistics come from different audit setups');
  const orders = a.features.map((d, f) => canonicalOrder(d, [...new Set([...d.values, ...b.features[f].values])]));
  let left = reindex(a, orders);
  let right = reindex(b, orders);
  const joint = (s: GroupStatistics) => s.tables.length === 1 && s.tables[0].features.length === s.features.length;
  const sizes = orders.map((o) => Math.max(1, o.length));
  if (joint(left) !== joint(right) || (joint(left) && groupCount(sizes) > JOINT_GROUP_LIMIT)) {
    left = splitStatistics(left);
    right = splitStatistics(right);
  }
  const tables = left.tables.map((t, i) => {
    const u = right.tables[i];
    const cells = t.cells.slice();
    for (let c = 0; c < cells.length; c++) cells[c] += u.cells[c];
    let rows: Float64Array | null = null;
    if (t.rows && u.rows) {
      rows = t.rows.slice();
      for (let g = 0; g < rows.length; g++) rows[g] += u.rows[g];
    }
    return { features: t.features, sizes: t.sizes, cells, rows };
  });
  const cells = a.rows.cells.slice();
  for (let c = 0; c < CELLS; c++) cells[c] += b.rows.cells[c];
  return {
    ...left,
    features: left.features.map((d, f) => withTrimmed(d, b.features[f].trimmed)),
    outcomes: {
      label: mergeSeen(a.outcomes.label, b.outcomes.label),
      prediction: mergeSeen(a.outcomes.prediction, b.outcomes.prediction),
    },
    tables,
    scores: concatScores(left.scores, right.scores),
    score_range: a.score_range && b.score_range ? [Math.min(a.score_range[0], b.score_range[0]), Math.max(a.score_range[1], b.score_range[1])] : (a.score_range ?? b.score_range),
    rows: { read: a.rows.read + b.rows.read, cells, missing_weight: a.rows.missing_weight + b.rows.missing_weight },
    ...(a.task ? { task: mergeTaskStatistics(a.task, b.task ?? null) } : {}),
  };
}

/** `domain` noting also the trimmed values another part saw (at most {@link MAX_TRIMMED_KEPT}). */
function withTrimmed(domain: FeatureDomain, more: readonly string[] | undefined): FeatureDomain {
  if (!more?.length) return domain;
  const trimmed = [...new Set([...(domain.trimmed ?? []), ...more])].sort().slice(0, MAX_TRIMMED_KEPT);
  return { ...domain, trimmed };
}

function mergeSeen(a: OutcomeValues | null, b: OutcomeValues | null): OutcomeValues | null {
  if (!a || !b) return a ?? b;
  return mergeOutcomeValues(a, b);
}

/** Statistics whose joint table is replaced by one table per combination. */
function splitStatistics(stats: GroupStatistics): GroupStatistics {
  if (!(stats.tables.length === 1 && stats.tables[0].features.length === stats.features.length)) return stats;
  const joint = stats.tables[0];
  const index = new Map(stats.features.map((d, i) => [d.name, i]));
  const strata = stats.columns.strata ? [index.get(stats.columns.strata)!] : [];
  const tables = stats.combinations.map((c) => {
    const features = [...c.features.map((n) => index.get(n)!), ...strata];
    return marginalize(joint, features, features.map((f) => joint.sizes[f]));
  });
  return { ...stats, tables };
}

function concatScores(a: ScoreRows | null, b: ScoreRows | null): ScoreRows | null {
  if (!a || !b) return a ?? b;
  const join = <T extends Float64Array | Int8Array | Int32Array>(x: T, y: T): T => {
    const out = new (x.constructor as new (n: number) => T)(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return { length: a.length + b.length, score: join(a.score, b.score), label: join(a.label, b.label), groups: a.groups.map((g, f) => join(g, b.groups[f])) };
}
