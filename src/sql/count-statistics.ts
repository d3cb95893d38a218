/**
 * From a count table to the group statistics every metric is computed from: the result of the
 * count query ({@link countQuery}), whether an engine returned it or a user saved it from their
 * warehouse, becomes the same {@link GroupStatistics} one streaming pass over the rows would
 * give. Values are read by the file path's own encoders (trimming, `(missing)`, `positive`, bins),
 * each distinct combination once, with its row count as multiplicity — so the numbers equal the
 * file path's. A count table made with `GROUPING SETS` holds one table per attribute and
 * intersection: each becomes one of the statistics' per-combination tables, and what covers
 * every row once (row counts, outcome values, bins) is read from one set.
 */
import type { BinSpec } from '../results/index.js';
import { DEFAULTS, type ResolvedConfig } from '../config/types.js';
import { UserError } from '../errors.js';
import type { Warnings } from '../warnings.js';
import { valueText } from '../metrics/arrow-data.js';
import { ageBins, isAgeLike, MAX_CODED_CATEGORIES, quartileBins } from '../metrics/bins.js';
import { auditCombinations } from '../metrics/combinations.js';
import { CELLS, emptyTable, groupCount, strides, type CountTable } from '../metrics/count-table.js';
import { FeatureEncoder } from '../metrics/features.js';
import { MISSING, OutcomeEncoder, type OutcomeValues } from '../metrics/outcome.js';
import { canonicalStatistics, JOINT_GROUP_LIMIT, validateStatistics, type AuditColumns, type GroupStatistics, type ScoreRows } from '../metrics/statistics.js';
import { decideTask, DETECTION_ROWS, settledTask, type OutcomeSample, type TaskDetection } from '../metrics/task.js';
import { COUNT_COLUMNS, GROUPING_PREFIX, sqlBins } from './count-query.js';
import { plainValue, type CountRows } from './count-rows.js';
import { isRegressionTable, partOf, regressionTableTask, taskStatisticsFromCounts } from './task-counts.js';

/** Options of {@link statisticsFromCounts}. */
export interface CountOptions {
  /** Whether the user set `threshold` (scores outside [0, 1] need one); as in collectStatistics. */
  thresholdGiven?: boolean;
  /** Names the count table in errors ("the count table of postgres://…", a file path). */
  file?: string;
  /** The audit's task when the engine decided it before counting; else it is decided from the count table. */
  task?: TaskDetection;
}


function numberAt(value: unknown): number {
  const x = plainValue(value);
  if (x === null || x === undefined) return NaN;
  return typeof x === 'number' ? x : Number(x);
}

/**
 * The group statistics of a count table (see the module comment). Throws a UserError when a
 * column is missing from it or a count is not a whole number, and every error the file path
 * throws for the same values (a three-valued label, negative weights, scores outside [0, 1]).
 */
export function statisticsFromCounts(
  counts: CountRows,
  columns: AuditColumns,
  config: ResolvedConfig,
  warnings: Warnings,
  options: CountOptions = {},
): GroupStatistics {
  const at = (name: string): number => {
    const i = counts.names.indexOf(name);
    if (i < 0) {
      throw new UserError(`the count table has no column "${name}" (it has ${counts.names.join(', ')})`, {
        file: options.file,
        hint: 'make the count table with `fairaudit sql` and the same flags or config as this audit',
      });
    }
    return i;
  };
  // A regression count table's `rows` part counts every row once; its other parts are histograms.
  const regressionTable = isRegressionTable(counts);
  const part = partOf(counts);
  const rows = regressionTable ? counts.rows.filter((row) => part(row) === 'rows') : counts.rows;
  const m = rows.length;
  const nAt = at(COUNT_COLUMNS.rows);
  const n = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const x = numberAt(rows[r][nAt]);
    if (!(Number.isInteger(x) && x >= 0)) {
      throw new UserError(`the count table's ${COUNT_COLUMNS.rows} column holds ${String(rows[r][nAt])} in row ${r + 1}; expected a whole number`, {
        file: options.file,
        hint: 'save the count query\'s result as it is',
      });
    }
    n[r] = x;
  }
  const featureNames = [...columns.sensitive, ...(columns.strata ? [columns.strata] : [])];
  const sets = groupingSets(counts, columns.sensitive, at, options.file);
  // One set covers every row once: the sums over all rows are taken over it.
  const whole = sets ? sets.map((signature) => signature === sets[0]) : rows.map(() => true);
  let counted = 0;
  for (let r = 0; r < m; r++) counted += n[r];
  const detection =
    options.task ?? (regressionTable ? (settledTask(columns, config) ?? regressionTableTask(counts, columns, counted)) : countTableTask(counts, columns, config, at, n, whole));
  const binary = detection.task === 'binary';
  if (regressionTable && detection.task !== 'regression') {
    throw new UserError(`the count table was made for a regression audit, not a ${detection.task} one`, {
      file: options.file,
      hint: 'make the count table with `fairaudit sql` and the same task as this audit',
    });
  }
  if (!binary && sets) {
    // Multiclass and regression statistics are per joint group of the sensitive columns.
    throw new UserError(`a ${detection.task} audit needs a joint count table, not one made with GROUPING SETS (${detection.reason})`, {
      file: options.file,
      hint: `make the count table with \`fairaudit sql --task ${detection.task}\` without --grouping-sets`,
    });
  }
  const grouped = (f: number, r: number) => !sets || f >= columns.sensitive.length || sets[r][f] === '1';
  const binnedInSql = sqlBins(columns, config);
  // A column's values are read from the first set grouped by it (each set counts every row once).
  const firstSet = featureNames.map((_, f) => (sets ? sets.find((_signature, r) => grouped(f, r)) : undefined));
  const bins = decideBins(featureNames, rows, at, n, binnedInSql, (f, r) => grouped(f, r) && (!sets || sets[r] === firstSet[f]));
  const encoders = featureNames.map(
    (name, f) => new FeatureEncoder(name, f < columns.sensitive.length ? 'sensitive' : 'strata', config.max_groups, bins[name] ?? undefined, { trim: config.trim }),
  );
  const featureColumns = featureNames.map((name) => at(name));
  const featureBins = featureNames.map((name) => binnedInSql[name]);
  const idOf = (f: number, row: unknown[]): number => {
    const value = plainValue(row[featureColumns[f]]);
    const spec = featureBins[f];
    // SQL returned bin i: a value that falls in it (−∞ for the first).
    if (spec && value !== null && value !== undefined) return encoders[f].idOfValue(Number(value) === 0 ? -Infinity : spec.edges[Number(value) - 1]);
    return encoders[f].idOfValue(value);
  };
  const ids = featureNames.map((name, f) => {
    const column = at(name);
    if (!binnedInSql[name] && rows.some((row) => typeof row[column] === 'boolean')) {
      // A boolean column's groups are false and true even when one of them has no row, as read from a file.
      encoders[f].idOf('false');
      encoders[f].idOf('true');
    }
    // A column summed over in this row's grouping set has no group here.
    return Int32Array.from(rows, (row, r) => (grouped(f, r) ? idOf(f, row) : -1));
  });

  const labels = new Int8Array(m).fill(MISSING);
  const predictions = new Int8Array(m).fill(MISSING);
  const label = binary && columns.label ? outcomes(columns.label, 'label', rows, at(columns.label), n, labels, config, whole) : null;
  const prediction = binary && columns.prediction ? outcomes(columns.prediction, 'prediction', rows, at(columns.prediction), n, predictions, config, whole) : null;
  // A multiclass or regression audit reads its outcomes itself; a score plays no part in it (as in a file audit).
  const predictionSource: GroupStatistics['prediction_source'] = columns.prediction ? 'column' : columns.score && binary ? 'score' : 'none';

  let scores: ScoreRows | null = null;
  let scoreRange: [number, number] | null = null;
  if (columns.score && binary) {
    const s = Float64Array.from(rows, (row) => numberAt(row[at(columns.score!)]));
    scoreRange = scoreSummary(s, columns.score);
    if (predictionSource === 'score') for (let r = 0; r < m; r++) predictions[r] = s[r] !== s[r] ? MISSING : s[r] >= config.threshold ? 1 : 0;
    scores = expandScores(s, labels, ids.slice(0, columns.sensitive.length), n);
  }

  let weight: Float64Array | null = null;
  let missingWeight = 0;
  if (columns.weight) {
    const w = at(COUNT_COLUMNS.weight);
    const missing = at(COUNT_COLUMNS.weightMissing);
    const min = at(COUNT_COLUMNS.weightMin);
    weight = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      const lowest = numberAt(rows[r][min]);
      if (lowest < 0 || lowest === Infinity) {
        throw new UserError(`the weight column holds ${lowest}; weights must be finite and not negative`, { column: columns.weight, hint: 'fix the weights or choose another --weight column' });
      }
      const sum = numberAt(rows[r][w]);
      weight[r] = sum === sum ? sum : 0;
      if (whole[r]) missingWeight += numberAt(rows[r][missing]) || 0;
    }
  }

  const task = binary
    ? undefined
    : taskStatisticsFromCounts(
        { counts, rows, at, n, weight, ids: ids.slice(0, columns.sensitive.length), encoders: encoders.slice(0, columns.sensitive.length), idOf, columns, config, detection, file: options.file },
        labels,
        predictions,
      );

  const combinations = auditCombinations(columns.sensitive, config);
  const sizes = encoders.map((e) => Math.max(1, e.domain.values.length));
  const strata = columns.strata ? [featureNames.length - 1] : [];
  const layouts =
    !sets && groupCount(sizes) <= JOINT_GROUP_LIMIT
      ? [featureNames.map((_, f) => f)]
      : combinations.map((c) => [...c.features.map((name) => featureNames.indexOf(name)), ...strata]);
  const tables = layouts.map((features) => {
    const signature = columns.sensitive.map((_, f) => (features.includes(f) ? '1' : '0')).join('');
    if (sets && m > 0 && !sets.includes(signature)) {
      throw new UserError(`the count table has no rows for ${features.map((f) => featureNames[f]).join(' × ')}`, {
        file: options.file,
        hint: 'make the count table with `fairaudit sql` and the same sensitive columns and intersections as this audit',
      });
    }
    const table = emptyTable(features, features.map((f) => sizes[f]), weight !== null);
    if (groupCount(table.sizes) > JOINT_GROUP_LIMIT) {
      throw new UserError(`the intersection ${features.map((f) => featureNames[f]).join(' × ')} has too many groups to count`, {
        hint: 'set intersections: to fewer or smaller combinations (or none), bin numeric columns, or lower max_groups',
      });
    }
    addCounts(table, ids, labels, predictions, n, weight, sets ? (r) => sets[r] === signature : () => true);
    return table;
  });
  const rowCells = new Float64Array(CELLS);
  let read = 0;
  for (let r = 0; r < m; r++) {
    if (!whole[r]) continue;
    rowCells[labels[r] * 3 + predictions[r]] += n[r];
    read += n[r];
  }

  const stats: GroupStatistics = {
    format: 'fairaudit/group-statistics@1',
    columns,
    weighted: !!columns.weight,
    prediction_source: predictionSource,
    threshold: config.threshold,
    threshold_given: options.thresholdGiven ?? config.threshold !== DEFAULTS.threshold,
    ...(config.positive !== undefined ? { positive: config.positive } : {}),
    outcomes: { label, prediction },
    features: encoders.map((e) => e.domain),
    combinations,
    tables,
    scores,
    score_range: scoreRange,
    rows: { read, cells: rowCells, missing_weight: missingWeight },
    ...(task ? { task } : {}),
    detection,
  };
  validateStatistics(stats, warnings);
  return canonicalStatistics(stats);
}

/**
 * Bins of each feature as the file path decides them: config cut points (applied in SQL), age
 * bands for an age-like numeric column, none for a few whole numbers (coded categories), else
 * quartiles of its values — here weighted by each value's row count, which equals quartiles of
 * the rows.
 */
function decideBins(
  names: string[],
  rows: unknown[][],
  at: (name: string) => number,
  n: Float64Array,
  inSql: Record<string, BinSpec>,
  counted: (f: number, r: number) => boolean,
): Record<string, BinSpec | null> {
  const out: Record<string, BinSpec | null> = {};
  for (const [f, name] of names.entries()) {
    if (inSql[name]) {
      out[name] = inSql[name];
      continue;
    }
    const column = at(name);
    const values = rows.filter((_, r) => counted(f, r)).map((row) => plainValue(row[column])).filter((v) => v !== null && v !== undefined);
    if (values.length === 0 || !values.every((v) => typeof v === 'number')) {
      out[name] = null;
      continue;
    }
    if (isAgeLike(name)) {
      out[name] = ageBins(name);
      continue;
    }
    const byValue = new Map<number, number>();
    rows.forEach((row, r) => {
      const x = plainValue(row[column]);
      if (counted(f, r) && typeof x === 'number' && x === x) byValue.set(x, (byValue.get(x) ?? 0) + n[r]);
    });
    const distinct = [...byValue.keys()].filter((x) => byValue.get(x)! > 0);
    if (distinct.every((x) => Number.isInteger(x)) && distinct.length <= MAX_CODED_CATEGORIES) {
      out[name] = null;
      continue;
    }
    out[name] = weightedQuartileBins(name, byValue);
  }
  return out;
}

/**
 * {@link quartileBins} of the rows whose values are `byValue`'s keys, each repeated as often as
 * its count: the sorted values are expanded once, so the same type-7 quantiles come out exactly.
 * The expansion is as long as the rows, but only for a numeric sensitive column without cut
 * points, which the README asks users of large tables to give.
 */
function weightedQuartileBins(name: string, byValue: Map<number, number>): BinSpec | null {
  let total = 0;
  for (const c of byValue.values()) total += c;
  const expanded = new Float64Array(total);
  let i = 0;
  for (const [x, c] of byValue) {
    expanded.fill(x, i, i + c);
    i += c;
  }
  return quartileBins(name, expanded, total);
}

/** Encodes one outcome column of the count table into `out`, with each value's rows counted by `n`. */
function outcomes(
  column: string,
  role: 'label' | 'prediction',
  rows: unknown[][],
  index: number,
  n: Float64Array,
  out: Int8Array,
  config: ResolvedConfig,
  whole: readonly boolean[],
): OutcomeValues {
  const encoder = new OutcomeEncoder(column, role, config.positive, { trim: config.trim });
  rows.forEach((row, r) => (out[r] = encoder.outcomeOf(plainValue(row[index]))));
  // The encoder counted one row per distinct value: count the rows each stands for instead.
  const seen = encoder.seen;
  seen.rows = seen.rows.map(() => 0);
  seen.more_rows = [0, 0];
  rows.forEach((row, r) => {
    if (out[r] === MISSING || !whole[r]) return;
    const text = valueText(plainValue(row[index]));
    const key = (config.trim !== false ? text.trim() : text).toLowerCase();
    const i = seen.values.indexOf(key);
    if (i >= 0) seen.rows[i] += n[r];
    else seen.more_rows[out[r] === 1 ? 1 : 0] += n[r];
  });
  return seen;
}

function scoreSummary(s: Float64Array, column: string): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const x of s) {
    if (x === Infinity || x === -Infinity) throw new UserError('the score column holds an infinite value', { column, hint: 'scores must be finite numbers' });
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return min <= max ? [min, max] : null;
}

/** The score of every row that has one (each distinct score repeated by its count), as the file path keeps them. */
function expandScores(s: Float64Array, labels: Int8Array, groups: Int32Array[], n: Float64Array): ScoreRows {
  let length = 0;
  for (let r = 0; r < s.length; r++) if (s[r] === s[r]) length += n[r];
  const out: ScoreRows = { length, score: new Float64Array(length), label: new Int8Array(length), groups: groups.map(() => new Int32Array(length)) };
  let i = 0;
  for (let r = 0; r < s.length; r++) {
    if (s[r] !== s[r] || n[r] === 0) continue;
    const end = i + n[r];
    out.score.fill(s[r], i, end);
    out.label.fill(labels[r], i, end);
    groups.forEach((g, f) => out.groups[f].fill(g[r], i, end));
    i = end;
  }
  return out;
}

/** Adds each count-table row into `table`: its rows (or weight sum) into its group's cell. */
function addCounts(
  table: CountTable,
  ids: Int32Array[],
  labels: Int8Array,
  predictions: Int8Array,
  n: Float64Array,
  weight: Float64Array | null,
  inTable: (r: number) => boolean,
): void {
  const s = strides(table.sizes);
  for (let r = 0; r < n.length; r++) {
    if (!inTable(r)) continue;
    let g = 0;
    table.features.forEach((f, j) => (g += ids[f][r] * s[j]));
    table.cells[g * CELLS + labels[r] * 3 + predictions[r]] += weight ? weight[r] : n[r];
    if (table.rows) table.rows[g] += n[r];
  }
}

/**
 * Which sensitive columns each row of a `GROUPING SETS` count table is grouped by, as a string of
 * 1s and 0s in `sensitive` order; null for a joint count table (no grouping columns).
 */
function groupingSets(counts: CountRows, sensitive: readonly string[], at: (name: string) => number, file: string | undefined): string[] | null {
  const present = sensitive.filter((name) => counts.names.includes(GROUPING_PREFIX + name));
  if (present.length === 0) return null;
  if (present.length < sensitive.length) {
    const missing = sensitive.find((name) => !present.includes(name))!;
    throw new UserError(`the count table has no column "${GROUPING_PREFIX + missing}"`, {
      file,
      hint: 'make the count table with `fairaudit sql` and the same sensitive columns as this audit',
    });
  }
  const columns = sensitive.map((name) => at(GROUPING_PREFIX + name));
  // GROUPING() is 1 when the column is summed over, 0 when the row is grouped by it.
  return counts.rows.map((row) => columns.map((c) => (numberAt(row[c]) === 0 ? '1' : '0')).join(''));
}

/**
 * The task of a count table's audit, decided as a file's is (src/metrics/task.ts) from the
 * distinct values of its label and prediction columns. The engine counted only binary
 * statistics, so the caller refuses any other task rather than audit it as yes/no.
 */
function countTableTask(
  counts: CountRows,
  columns: AuditColumns,
  config: ResolvedConfig,
  at: (name: string) => number,
  n: Float64Array,
  whole: readonly boolean[],
): TaskDetection {
  const settled = settledTask(columns, config);
  if (settled) return settled;
  const roles = ([[columns.label, 'label'], [columns.prediction, 'prediction']] as const).filter((r): r is [string, 'label' | 'prediction'] => !!r[0]);
  const samples = roles.map(([column, role]): OutcomeSample => {
    const i = at(column);
    const distinct = new Set<string>();
    let numeric = true;
    let whole = true;
    for (const row of counts.rows) {
      const value = plainValue(row[i]);
      if (value === null || value === undefined) continue;
      if (typeof value === 'number') {
        if (!Number.isInteger(value)) whole = false;
      } else if (typeof value !== 'bigint') numeric = false;
      distinct.add(typeof value === 'string' ? value.trim() : String(value));
    }
    return { column, role, numeric, distinct: distinct.size, whole };
  });
  // Rows of one grouping set count every row once; the file path decides on its first rows, as many.
  let rows = 0;
  n.forEach((x, r) => {
    if (whole[r]) rows += x;
  });
  return decideTask(samples, false, Math.min(rows, DETECTION_ROWS));
}
