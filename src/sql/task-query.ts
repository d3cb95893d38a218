/**
 * The count queries of multiclass and regression audits (DESIGN §14), and the query that decides
 * an audit's task where the data lives.
 *
 * A multiclass audit needs, per joint group, the weight of each (label class, prediction class)
 * cell: that is the binary count query's joint `GROUP BY` over the raw label and prediction, so
 * it is the same query (never `GROUPING SETS`: the statistics are per joint group).
 *
 * A regression audit needs, per joint group, sums over the rows holding every outcome column it
 * reads and the exact histograms of the prediction (or the label without one), the label and the
 * error (prediction − label); the sums are taken from those histograms when the result is read
 * (src/sql/task-counts.ts), in one order on every engine. Grouping by raw label and prediction
 * would return a row per row of a continuous outcome, so the query is four `GROUP BY`s joined by
 * `UNION ALL`, one per part, told apart by {@link PART_COLUMN}:
 * - `rows`: per sensitive values and strata, rows by whether label and prediction are present
 *   (the presence count table every audit's eligibility and row counts come from);
 * - `label`, `prediction`, `error`: per sensitive values, the rows (and weight) of each distinct
 *   value, over the rows that hold every outcome column read.
 * Values are cast to the dialect's double so that the error is the IEEE difference a file audit
 * computes. Each part scans the relation once (a query is repeated as a subquery, never put in a
 * CTE, which PostgreSQL would materialize).
 */
import type { ResolvedConfig } from '../config/types.js';
import type { AuditColumns } from '../metrics/statistics.js';
import { decideTask, DETECTION_ROWS, MANY_VALUES, settledTask, type OutcomeSample, type TaskDetection } from '../metrics/task.js';
import { countExpressions, countQuery, keyExpressions, relationSql, sqlBins, type CountQueryOptions, type SqlRelation } from './count-query.js';
import type { CountRows } from './count-rows.js';
import { doubleType, quoteIdentifier, type SqlDialect } from './dialect.js';
import type { SqlColumnKind } from './engine.js';

/** The column of a regression count table that says which part a row belongs to. */
export const PART_COLUMN = 'fa_part';
/** The value a histogram part's row counts (null in the `rows` part). */
export const VALUE_COLUMN = 'fa_value';
/** In the `rows` part: 1 when the label is present, else 0. */
export const HAS_LABEL_COLUMN = 'fa_has_label';
/** In the `rows` part: 1 when the prediction is present, else 0. */
export const HAS_PREDICTION_COLUMN = 'fa_has_prediction';
/** The parts of a regression count table (see the module comment). */
export type RegressionPart = 'rows' | 'label' | 'prediction' | 'error';

/**
 * The count query of an audit whose task is `options.task` (binary when unset): the binary count
 * query, joint for multiclass, {@link regressionCountQuery} for regression.
 */
export function auditCountQuery(
  dialect: SqlDialect,
  relation: SqlRelation,
  columns: AuditColumns,
  config: Pick<ResolvedConfig, 'bins' | 'intersections' | 'mode'>,
  options: CountQueryOptions = {},
): string {
  if (options.task === 'regression') return regressionCountQuery(dialect, relation, columns, config);
  return countQuery(dialect, relation, columns, config, options);
}

/**
 * The regression count query (see the module comment). Its result has the audit's sensitive
 * and strata columns, then {@link PART_COLUMN}, {@link VALUE_COLUMN}, {@link HAS_LABEL_COLUMN},
 * {@link HAS_PREDICTION_COLUMN} and the count columns.
 */
function regressionCountQuery(
  dialect: SqlDialect,
  relation: SqlRelation,
  columns: AuditColumns,
  config: Pick<ResolvedConfig, 'bins'>,
): string {
  const q = (name: string) => quoteIdentifier(dialect, name);
  const double = (expression: string) => `CAST(${expression} AS ${doubleType(dialect)})`;
  const bins = sqlBins(columns, config);
  const sensitive = keyExpressions(dialect, columns.sensitive, bins);
  const strata = columns.strata ? keyExpressions(dialect, [columns.strata], bins)[0] : null;
  const counts = countExpressions(dialect, columns.weight);
  const from = `FROM ${relationSql(dialect, relation)}`;
  const present = (column: string | undefined) => (column ? `CASE WHEN ${q(column)} IS NULL THEN 0 ELSE 1 END` : '0');
  const select = (items: string[]) => `SELECT\n  ${items.join(',\n  ')}`;
  const groupBy = (items: string[]) => `GROUP BY\n  ${items.join(',\n  ')}`;

  const rowsPresence = [present(columns.label), present(columns.prediction)];
  const rows = [
    select([
      ...sensitive.map((k) => k.select),
      ...(strata ? [strata.select] : []),
      `'rows' AS ${q(PART_COLUMN)}`,
      `${double('NULL')} AS ${q(VALUE_COLUMN)}`,
      `${rowsPresence[0]} AS ${q(HAS_LABEL_COLUMN)}`,
      `${rowsPresence[1]} AS ${q(HAS_PREDICTION_COLUMN)}`,
      ...counts,
    ]),
    from,
    // An absent column's constant 0 is selected, never grouped by: a number in GROUP BY names a select column.
    groupBy([...sensitive.map((k) => k.group), ...(strata ? [strata.group] : []), ...rowsPresence.filter((p) => p !== '0')]),
  ].join('\n');

  // The rows a regression group's sums and histograms are over: every outcome column read is present.
  const complete = [columns.label, columns.prediction].filter((c): c is string => !!c).map((c) => `${q(c)} IS NOT NULL`);
  const histogram = (part: RegressionPart, value: string) =>
    [
      select([
        ...sensitive.map((k) => k.select),
        ...(strata ? [`NULL AS ${q(strata.name)}`] : []),
        `'${part}' AS ${q(PART_COLUMN)}`,
        `${value} AS ${q(VALUE_COLUMN)}`,
        `NULL AS ${q(HAS_LABEL_COLUMN)}`,
        `NULL AS ${q(HAS_PREDICTION_COLUMN)}`,
        ...counts,
      ]),
      from,
      `WHERE ${complete.join(' AND ')}`,
      groupBy([...sensitive.map((k) => k.group), value]),
    ].join('\n');
  const parts = [rows];
  if (columns.label) parts.push(histogram('label', double(q(columns.label))));
  if (columns.prediction) parts.push(histogram('prediction', double(q(columns.prediction))));
  if (columns.label && columns.prediction) parts.push(histogram('error', `${double(q(columns.prediction))} - ${double(q(columns.label))}`));
  return parts.join('\nUNION ALL\n');
}

/**
 * The query that shows the engine enough of the label and prediction to decide the task as a
 * file audit does (src/metrics/task.ts), over the first {@link DETECTION_ROWS} rows the engine
 * returns (a `LIMIT` stops the scan there, so deciding costs next to nothing): their count, and
 * per column its distinct values (text trimmed and compared without case, as the detection
 * compares them) and, for a number column, whether every value is whole. `kinds` gives each
 * column's kind as the engine reported it.
 */
export function taskDetectionQuery(dialect: SqlDialect, relation: SqlRelation, columns: AuditColumns, kinds: ReadonlyMap<string, SqlColumnKind>): string {
  const q = (name: string) => quoteIdentifier(dialect, name);
  const read = outcomeRoles(columns).map(([column]) => q(column));
  const first = `(\nSELECT ${read.length ? read.join(', ') : '1 AS fa_one'} FROM ${relationSql(dialect, relation)} LIMIT ${DETECTION_ROWS}\n) AS fa_first`;
  const items = [`COUNT(*) AS ${q('fa_rows')}`];
  for (const [column, role] of outcomeRoles(columns)) {
    const kind = kinds.get(column) ?? 'text';
    // Any other type (an enum, a date) is compared as its text; VARCHAR names text in both engines that run this.
    const value = kind === 'text' ? `NULLIF(LOWER(TRIM(CAST(${q(column)} AS VARCHAR))), '')` : q(column);
    items.push(`COUNT(DISTINCT ${value}) AS ${q(`fa_${role}_distinct`)}`);
    if (kind === 'number') items.push(`MIN(CASE WHEN ${q(column)} = FLOOR(${q(column)}) THEN 1 WHEN ${q(column)} IS NOT NULL THEN 0 END) AS ${q(`fa_${role}_whole`)}`);
  }
  return `SELECT\n  ${items.join(',\n  ')}\nFROM ${first}`;
}

/** The task {@link taskDetectionQuery}'s one row shows (or the one `task:` or `positive:` settles). */
export function taskFromDetection(result: CountRows | null, columns: AuditColumns, config: ResolvedConfig, kinds: ReadonlyMap<string, SqlColumnKind>): TaskDetection {
  const settled = settledTask(columns, config);
  if (settled || !result) return settled ?? decideTask([], false, 0);
  const row = result.rows[0] ?? [];
  const get = (name: string) => {
    const i = result.names.indexOf(name);
    return i < 0 || row[i] === null || row[i] === undefined ? null : Number(row[i]);
  };
  const samples = outcomeRoles(columns).map(([column, role]): OutcomeSample => ({
    column,
    role,
    numeric: kinds.get(column) === 'number',
    // The file path stops counting a little above MANY_VALUES.
    distinct: Math.min(get(`fa_${role}_distinct`) ?? 0, MANY_VALUES + 2),
    whole: get(`fa_${role}_whole`) !== 0,
  }));
  return decideTask(samples, false, Math.min(get('fa_rows') ?? 0, DETECTION_ROWS));
}

function outcomeRoles(columns: AuditColumns): [string, 'label' | 'prediction'][] {
  return ([[columns.label, 'label'], [columns.prediction, 'prediction']] as const).filter((r): r is [string, 'label' | 'prediction'] => !!r[0]);
}
