/**
 * A multiclass or regression audit's statistics (src/metrics/task-statistics.ts) from a count
 * table, so that an engine's `GROUP BY` gives the numbers one streaming pass over the rows gives.
 *
 * - A joint count table (one row per distinct sensitive values, label and prediction, with its
 *   rows and weight) is fed to the file path's own collector, each row once with its weight as
 *   multiplicity: the same class encoding and order, the same joint groups, the same sums and
 *   histograms (a regression outcome with few distinct values can be audited this way too).
 * - A regression count table (src/sql/task-query.ts) gives each joint group's exact histograms
 *   of label, prediction and error; the group's sums are taken over them, so they are exact
 *   where the values and weights allow (whole numbers, halves…) and otherwise differ from a file
 *   audit's only by the order of summation. Histograms drive the bootstrap, so its intervals are
 *   the file audit's.
 */
import { Bool, Float64, Utf8, vectorFromArray, type Data } from 'apache-arrow';
import type { ResolvedConfig } from '../config/types.js';
import { placed, UserError } from '../errors.js';
import type { FeatureEncoder } from '../metrics/features.js';
import { jointKey } from '../metrics/joint-groups.js';
import { SUM, SUMS, type RegressionGroupSums } from '../metrics/regression/collect.js';
import type { AuditColumns } from '../metrics/statistics.js';
import { decideTask, DETECTION_ROWS, type OutcomeSample, type TaskDetection } from '../metrics/task.js';
import { TaskCollector, type TaskStatistics } from '../metrics/task-statistics.js';
import { emptyHistogram, histogramOf, type Histogram } from '../stats/histogram.js';
import { COUNT_COLUMNS } from './count-query.js';
import { plainValue, type CountRows } from './count-rows.js';
import { HAS_LABEL_COLUMN, HAS_PREDICTION_COLUMN, PART_COLUMN, VALUE_COLUMN, type RegressionPart } from './task-query.js';

/** What {@link taskStatisticsFromCounts} reads: the count table's rows that count every row once, as decoded. */
export interface TaskCountInput {
  /** The whole count table (a regression table's histogram parts are read from it). */
  counts: CountRows;
  /** The rows that count every row once: the table's, or its `rows` part. */
  rows: unknown[][];
  at: (name: string) => number;
  /** Rows each of `rows` stands for. */
  n: Float64Array;
  /** Weight sum of each of `rows` (weighted audits). */
  weight: Float64Array | null;
  /** Group ids of each of `rows` in each sensitive feature. */
  ids: Int32Array[];
  /** The sensitive features' encoders (their domains name the joint groups). */
  encoders: FeatureEncoder[];
  /** The group id of feature `f` for a count-table row, as the caller decodes it (bins applied). */
  idOf: (f: number, row: unknown[]) => number;
  columns: AuditColumns;
  config: ResolvedConfig;
  detection: TaskDetection;
  /** Names the count table in errors. */
  file?: string;
}

/** Whether `counts` is a regression count table (it has {@link PART_COLUMN}). */
export function isRegressionTable(counts: CountRows): boolean {
  return counts.names.includes(PART_COLUMN);
}

/** A function giving the part of each row of the regression count table `counts`. */
export function partOf(counts: CountRows): (row: unknown[]) => RegressionPart {
  const at = counts.names.indexOf(PART_COLUMN);
  return (row) => String(row[at]) as RegressionPart;
}

/**
 * The multiclass or regression statistics of a count table (see the module comment); writes
 * each row's presence of label and prediction (0 present, 2 missing) into `labels` and
 * `predictions`, as the file path's count table holds them. Throws a UserError for what the file
 * path refuses (too many classes, a non-numeric or infinite regression outcome).
 */
export function taskStatisticsFromCounts(input: TaskCountInput, labels: Int8Array, predictions: Int8Array): TaskStatistics {
  try {
    return isRegressionTable(input.counts) ? regressionFromParts(input, labels, predictions) : fromJointTable(input, labels, predictions);
  } catch (error) {
    // The collector's errors name the column; the source is named here.
    throw placed(error, { file: input.file });
  }
}

/** The statistics of a joint count table, through the file path's collector (see the module comment). */
function fromJointTable(input: TaskCountInput, labels: Int8Array, predictions: Int8Array): TaskStatistics {
  const { rows, at, n, weight, ids, encoders, columns, config, detection } = input;
  const m = rows.length;
  const collector = new TaskCollector(detection, columns, config, encoders, true);
  const data = (column: string | undefined) => (column ? arrowData(rows.map((row) => plainValue(row[at(column)]))) : null);
  collector.read(data(columns.label), data(columns.prediction), m, labels, predictions);
  // Each count-table row once, its weight (or row count) as multiplicity.
  collector.count(ids, weight ?? n, m);
  const out = collector.finish(!!columns.weight);
  // The collector counted one row per count-table row: count the rows each stands for instead.
  const rowsOf = new Map<string, number>();
  const complete = new Map<string, number>();
  for (let r = 0; r < m; r++) {
    const key = jointKey(ids.map((g, f) => encoders[f].domain.values[g[r]]));
    rowsOf.set(key, (rowsOf.get(key) ?? 0) + n[r]);
    if (labels[r] !== 2 || !columns.label) {
      if (predictions[r] !== 2 || !columns.prediction) complete.set(key, (complete.get(key) ?? 0) + n[r]);
    }
  }
  if (out.multiclass?.rows) out.multiclass.rows = out.keys.map((key) => rowsOf.get(jointKey(key)) ?? 0);
  out.regression?.groups.forEach((group, g) => {
    if (group) group.sums[SUM.rows] = complete.get(jointKey(out.keys[g])) ?? 0;
  });
  return out;
}

/**
 * The task of a regression count table's audit when `task:` does not set it, decided as a file's
 * is (src/metrics/task.ts) from the distinct values of its label and prediction histograms, over
 * `rows` rows: a table made for regression of an outcome with three classes is then read as a
 * multiclass audit, which the caller refuses.
 */
export function regressionTableTask(counts: CountRows, columns: AuditColumns, rows: number): TaskDetection {
  const value = counts.names.indexOf(VALUE_COLUMN);
  const part = partOf(counts);
  const samples = (['label', 'prediction'] as const)
    .filter((role) => !!columns[role])
    .map((role): OutcomeSample => {
      const distinct = new Set<number>();
      for (const row of counts.rows) if (part(row) === role) distinct.add(Number(plainValue(row[value])));
      return { column: columns[role]!, role, numeric: true, distinct: distinct.size, whole: [...distinct].every((x) => Number.isInteger(x)) };
    });
  return decideTask(samples, false, Math.min(rows, DETECTION_ROWS));
}

/** An Arrow column of count-table values: numbers, booleans, or text. */
function arrowData(values: unknown[]): Data {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.every((v) => typeof v === 'number')) return vectorFromArray(values as (number | null)[], new Float64()).data[0];
  if (present.every((v) => typeof v === 'boolean')) return vectorFromArray(values as (boolean | null)[], new Bool()).data[0];
  return vectorFromArray(values.map((v) => (v === null || v === undefined ? null : String(v))), new Utf8()).data[0];
}

/** One joint group's histogram entries of one part, before they are sorted and merged. */
interface Entries {
  values: number[];
  weights: number[];
  rows: number;
}

/** Regression statistics from a regression count table's parts (see src/sql/task-query.ts). */
function regressionFromParts(input: TaskCountInput, labels: Int8Array, predictions: Int8Array): TaskStatistics {
  const { counts, rows, at, ids, encoders, columns } = input;
  const hasLabel = at(HAS_LABEL_COLUMN);
  const hasPrediction = at(HAS_PREDICTION_COLUMN);
  // The joint groups, in order first seen, with every group a row of the table holds (looked up by their ids).
  const keys: string[][] = [];
  const slot = new Map<string, number>();
  const slotOf = (groupIds: number[]) => {
    const text = groupIds.join(',');
    let s = slot.get(text);
    if (s === undefined) {
      slot.set(text, (s = keys.length));
      keys.push(groupIds.map((g, f) => encoders[f].domain.values[g]));
    }
    return s;
  };
  rows.forEach((row, r) => {
    labels[r] = columns.label && Number(row[hasLabel]) === 1 ? 0 : 2;
    predictions[r] = columns.prediction && Number(row[hasPrediction]) === 1 ? 0 : 2;
    slotOf(ids.map((g) => g[r]));
  });
  const part = partOf(counts);

  const value = at(VALUE_COLUMN);
  const rowsAt = at(COUNT_COLUMNS.rows);
  const weightAt = columns.weight ? at(COUNT_COLUMNS.weight) : -1;
  const parts = new Map<RegressionPart, Entries[]>();
  for (const row of counts.rows) {
    const kind = part(row);
    if (kind === 'rows') continue;
    const role = kind === 'error' ? null : kind;
    const x = Number(plainValue(row[value]));
    if (x === Infinity || x === -Infinity) {
      throw new UserError(`the ${role ?? 'label or prediction'} column holds an infinite value`, {
        column: role ? columns[role] : undefined,
        file: input.file,
        hint: 'regression outcomes must be finite numbers',
      });
    }
    if (x !== x) {
      throw new UserError(`the ${role ?? 'label or prediction'} column holds NaN, which a database counts as a value, not as missing`, {
        column: role ? columns[role] : undefined,
        file: input.file,
        hint: 'store missing outcomes as NULL, or turn NaN into NULL in the query (NULLIF)',
      });
    }
    const s = slotOf(encoders.map((_, f) => input.idOf(f, row)));
    const list = parts.get(kind) ?? parts.set(kind, []).get(kind)!;
    const entries = (list[s] ??= { values: [], weights: [], rows: 0 });
    const count = Number(plainValue(row[rowsAt]));
    const w = weightAt >= 0 ? Number(plainValue(row[weightAt])) : count;
    entries.values.push(x === 0 ? 0 : x);
    entries.weights.push(w === w ? w : 0);
    entries.rows += count;
  }

  const histogram = (part: RegressionPart, s: number): Histogram => {
    const e = parts.get(part)?.[s];
    return e ? histogramOf(Float64Array.from(e.values), Float64Array.from(e.weights)) : emptyHistogram();
  };
  const both = !!columns.label && !!columns.prediction;
  const groups = keys.map((_, s): RegressionGroupSums => {
    const y = columns.label ? histogram('label', s) : emptyHistogram();
    const p = columns.prediction ? histogram('prediction', s) : emptyHistogram();
    const errors = both ? histogram('error', s) : emptyHistogram();
    const values = columns.prediction ? p : y;
    const sums = new Float64Array(SUMS);
    sums[SUM.rows] = parts.get(columns.prediction ? 'prediction' : 'label')?.[s]?.rows ?? 0;
    sums[SUM.w] = sumOf(values, (w) => w);
    if (columns.label) {
      sums[SUM.y] = sumOf(y, (w, x) => w * x);
      sums[SUM.yy] = sumOf(y, (w, x) => w * x * x);
    }
    if (columns.prediction) {
      sums[SUM.p] = sumOf(p, (w, x) => w * x);
      sums[SUM.pp] = sumOf(p, (w, x) => w * x * x);
    }
    // The error is ŷ − y, with a missing column read as 0 (as the file path's collector reads it).
    const e = both ? errors : values;
    const sign = both || columns.prediction ? 1 : -1;
    sums[SUM.e] = sign * sumOf(e, (w, x) => w * x);
    sums[SUM.ee] = sumOf(e, (w, x) => w * x * x);
    sums[SUM.abs] = sumOf(e, (w, x) => w * Math.abs(x));
    return { sums, values, errors };
  });
  return { detection: input.detection, keys, regression: { groups } };
}

/** Σ over a histogram's values of `term(weight, value)`, in ascending order of value. */
function sumOf(h: Histogram, term: (w: number, x: number) => number): number {
  let total = 0;
  for (let i = 0; i < h.values.length; i++) total += term(h.weights[i], h.values[i]);
  return total;
}
