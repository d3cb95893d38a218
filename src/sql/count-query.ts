/**
 * The count query (DESIGN §2): one `GROUP BY` over the raw values of every column an audit
 * reads, run by the engine that holds the data. Its result — one row per distinct combination of
 * sensitive values, strata, label, prediction and score, with its row count and weight sum — is
 * all fairaudit needs: attributes and intersections are marginals of it, and numeric columns are
 * binned afterwards exactly as the file path bins them. Grouping raw values first and coding the
 * small result in fairaudit is about twice as fast on DuckDB as coding every row in SQL.
 *
 * By default the query is one joint `GROUP BY`: fairaudit then holds the same joint table a file
 * audit holds, so even the bootstrap draws (which resample the joint table, all attributes at
 * once) are the same. With `groupingSets` it groups by `GROUPING SETS` instead, one set per
 * attribute and intersection the audit reports (every dialect here has them): the result holds
 * each table's rows rather than every combination of every attribute, which is far smaller when
 * attributes have many values; a `fa_grouping_<column>` column per sensitive attribute says which
 * set a row belongs to (`GROUPING()`: 1 when the column is summed over). Counts, rates, aggregates
 * and checks are the same; the bootstrap then resamples each table on its own, as a file audit
 * does when its joint table is too large, so the intervals of the inequality indices differ by
 * their random draws. A score column needs every attribute of each row beside its score (exact
 * AUC compares the scores within each group), so with one the query is always joint.
 *
 * Columns with cut points in the config (`bins:`) are binned in SQL instead, so a continuous
 * column (income) does not make the result as long as the table; the query then returns the bin's
 * index, 0 below the first cut point. No value from the data or the command line is ever written
 * into the query: identifiers are quoted, and cut points are numbers from the config.
 */
import type { BinSpec } from '../results/index.js';
import type { ResolvedConfig, Task } from '../config/types.js';
import { UserError } from '../errors.js';
import { configBins } from '../metrics/bins.js';
import { auditCombinations } from '../metrics/combinations.js';
import type { AuditColumns } from '../metrics/statistics.js';
import { quoteIdentifier, quoteTableName, type SqlDialect } from './dialect.js';

/** Names of the count columns the query adds after the audit's own columns. */
export const COUNT_COLUMNS = {
  /** Rows in the combination. */
  rows: 'fa_rows',
  /** Sum of the weights (weighted audits only). */
  weight: 'fa_weight',
  /** Rows whose weight is missing (counted with weight 0, as the file path does). */
  weightMissing: 'fa_weight_missing',
  /** Smallest weight (a negative weight is refused, as the file path refuses it). */
  weightMin: 'fa_weight_min',
} as const;

/** The prefix of the column that says whether a sensitive column is summed over in a row's grouping set. */
export const GROUPING_PREFIX = 'fa_grouping_';

/** Options of {@link countQuery}. */
export interface CountQueryOptions {
  /** Group by one `GROUPING SETS` set per attribute and intersection instead of jointly (default false; see the module comment). */
  groupingSets?: boolean;
  /**
   * The audit's task when known: a multiclass audit's query is always joint, since its statistics
   * are per joint group (a regression audit has its own query: task-query.ts).
   */
  task?: Task;
}

/** Where the rows come from: a table (or view) name, or a query's text. */
export type SqlRelation = { table: string } | { query: string };

/** The columns of the count table, the audit's columns first (each once), in query order. */
export function countQueryColumns(columns: AuditColumns): string[] {
  const names = [...columns.sensitive, columns.strata, columns.label, columns.prediction, columns.score].filter((c): c is string => !!c);
  return [...new Set(names)];
}

/**
 * The bins the count query applies in SQL: config `bins:` of sensitive and strata columns. Other
 * numeric columns are grouped raw and binned (age bands, quartiles) when the result is decoded.
 */
export function sqlBins(columns: AuditColumns, config: Pick<ResolvedConfig, 'bins'>): Record<string, BinSpec> {
  const out: Record<string, BinSpec> = {};
  for (const name of [...columns.sensitive, ...(columns.strata ? [columns.strata] : [])]) {
    const edges = config.bins?.[name];
    if (edges && edges.length > 0) out[name] = configBins(name, edges);
  }
  return out;
}

/** The `FROM` clause's relation: a quoted table name, or the query as a subquery. */
export function relationSql(dialect: SqlDialect, relation: SqlRelation): string {
  if ('table' in relation) return quoteTableName(dialect, relation.table);
  const query = relation.query.trim().replace(/;\s*$/, '').trim();
  if (query === '') throw new UserError('the query is empty', { hint: 'give the rows to audit with --query SQL, --query-file FILE or --table NAME' });
  return `(\n${query}\n) AS fa_source`;
}

function sqlNumber(x: number): string {
  if (!Number.isFinite(x)) throw new UserError(`a cut point under bins: is ${x}`, { hint: 'cut points must be finite numbers' });
  return String(x);
}

/** How a grouped column is selected and grouped by: its name, or the CASE of its bin under `bins:`. */
export interface KeyExpression {
  name: string;
  select: string;
  group: string;
}

/** The select and group expressions of the columns `names` (config cut points applied in SQL). */
export function keyExpressions(dialect: SqlDialect, names: readonly string[], bins: Record<string, BinSpec>): KeyExpression[] {
  const q = (name: string) => quoteIdentifier(dialect, name);
  return names.map((name) => {
    const spec = bins[name];
    if (!spec) return { name, select: q(name), group: q(name) };
    // Bin i holds edges[i−1] ≤ x < edges[i], as binIndex does.
    const whens = spec.edges.map((edge, i) => `WHEN ${q(name)} < ${sqlNumber(edge)} THEN ${i}`).join(' ');
    const expression = `CASE WHEN ${q(name)} IS NULL THEN NULL ${whens} ELSE ${spec.edges.length} END`;
    return { name, select: `${expression} AS ${q(name)}`, group: expression };
  });
}

/** The count columns ({@link COUNT_COLUMNS}): rows, and with a weight column its sum, missing count and minimum. */
export function countExpressions(dialect: SqlDialect, weight: string | undefined): string[] {
  const q = (name: string) => quoteIdentifier(dialect, name);
  const counts = [`COUNT(*) AS ${q(COUNT_COLUMNS.rows)}`];
  if (weight) {
    const w = q(weight);
    counts.push(`SUM(${w}) AS ${q(COUNT_COLUMNS.weight)}`, `COUNT(*) - COUNT(${w}) AS ${q(COUNT_COLUMNS.weightMissing)}`, `MIN(${w}) AS ${q(COUNT_COLUMNS.weightMin)}`);
  }
  return counts;
}

/**
 * The count query in `dialect` for the audit's `columns` over `relation` (see the module
 * comment). The result has one column per {@link countQueryColumns} entry, named as the column,
 * then {@link COUNT_COLUMNS}.
 *
 * @example
 * countQuery('postgres', { table: 'preds' }, { label: 'y', prediction: 'p', sensitive: ['sex'] }, config);
 * // SELECT "sex", "y", "p", COUNT(*) AS "fa_rows" FROM "preds" GROUP BY "sex", "y", "p"
 */
export function countQuery(
  dialect: SqlDialect,
  relation: SqlRelation,
  columns: AuditColumns,
  config: Pick<ResolvedConfig, 'bins' | 'intersections' | 'mode'>,
  options: CountQueryOptions = {},
): string {
  const q = (name: string) => quoteIdentifier(dialect, name);
  const keys = keyExpressions(dialect, countQueryColumns(columns), sqlBins(columns, config));
  const counts = countExpressions(dialect, columns.weight);
  const from = `FROM ${relationSql(dialect, relation)}`;
  // A multiclass audit counts (label class, prediction class) per joint group: always one joint GROUP BY.
  if (columns.score || !options.groupingSets || options.task === 'multiclass') {
    const select = [...keys.map((k) => k.select), ...counts].join(',\n  ');
    return `SELECT\n  ${select}\n${from}\nGROUP BY\n  ${keys.map((k) => k.group).join(',\n  ')}`;
  }
  const group = new Map(keys.map((k) => [k.name, k.group]));
  // Strata, label and prediction are in every set; the sensitive columns of one table in each.
  const always = keys.filter((k) => !columns.sensitive.includes(k.name)).map((k) => k.group);
  const sets = auditCombinations(columns.sensitive, config).map((c) => `(${[...c.features.map((f) => group.get(f)!), ...always].join(', ')})`);
  const grouping = columns.sensitive.map((name) => `GROUPING(${group.get(name)}) AS ${q(GROUPING_PREFIX + name)}`);
  const select = [...keys.map((k) => k.select), ...grouping, ...counts].join(',\n  ');
  return `SELECT\n  ${select}\n${from}\nGROUP BY GROUPING SETS (\n  ${sets.join(',\n  ')}\n)`;
}
