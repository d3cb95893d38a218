/**
 * What an audit reads: files and folders, a database (`duckdb:[FILE]`, `postgres://…`, `--url-env`
 * or `source:` in the config) with `--table` or `--query`, or a saved count table (`--counts`).
 * The flags that choose between them, and one function that opens the one chosen.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Argv } from 'yargs';
import { UserError } from '../errors.js';
import type { ResolvedConfig } from '../config/types.js';
import { openData, type OpenOptions } from '../load/open.js';
import type { DataSource } from '../load/source.js';
import { datasetName } from '../load/files.js';
import { derivedDatasetName } from '../mask/partition-paths.js';
import { isSqlAddress, redactedAddress, sqlLocation } from '../sql/url.js';
import type { SqlRelation } from '../sql/count-query.js';
import { numberFlag } from './number-flag.js';

/** The parsed source flags. */
export interface SourceArgs {
  data?: string[];
  table?: string;
  query?: string;
  queryFile?: string;
  urlEnv?: string;
  timeout?: number;
  groupingSets?: boolean;
  counts?: string;
  countsQuery?: string;
}

/** Adds the database and count-table flags to a command. */
export function sourceOptions<T>(y: Argv<T>, options: { counts?: boolean } = {}): Argv<T> {
  const out = y
    .option('table', { type: 'string', describe: 'database source: the table or view to audit (schema.table)' })
    .option('query', { type: 'string', describe: 'database source: a query whose rows are audited' })
    .option('query-file', { type: 'string', describe: 'database source: a file holding that query' })
    .option('url-env', { type: 'string', describe: 'database source: an environment variable holding the postgres:// or duckdb: URL' })
    .option('timeout', numberFlag('timeout', 'database source: seconds a query may run [default: none]', { min: 0 }))
    .option('grouping-sets', { type: 'boolean', describe: 'database source: count each attribute and intersection with GROUPING SETS, not one joint GROUP BY (for attributes with many values)' });
  if (!options.counts) return out as unknown as Argv<T>;
  return out
    .option('counts', { type: 'string', describe: 'audit a count table saved from the query `fairaudit sql` prints (CSV, Parquet, JSON Lines)' })
    .option('counts-query', { type: 'string', describe: 'with --counts: the query file that made it, recorded with its SHA-256' }) as unknown as Argv<T>;
}

/** The table or query the flags and config name, or a UserError. */
export async function sqlRelation(args: SourceArgs, config: Pick<ResolvedConfig, 'source'>): Promise<SqlRelation> {
  let query = args.query;
  if (args.queryFile !== undefined) {
    try {
      query = await readFile(args.queryFile, 'utf8');
    } catch {
      throw new UserError('cannot read the query file', { file: args.queryFile, hint: 'fix --query-file' });
    }
  }
  const table = args.table ?? (query === undefined ? config.source?.table : undefined);
  query ??= args.table === undefined ? config.source?.query : undefined;
  if (table !== undefined && query !== undefined) throw new UserError('both a table and a query are given', { hint: 'give one of --table and --query (or --query-file)' });
  if (table !== undefined) return { table };
  if (query !== undefined) return { query };
  throw new UserError('a database source needs a table or a query', { hint: 'add --table NAME, --query SQL or --query-file FILE (or source.table in the config)' });
}

/** Whether the flags and config choose a database rather than files. */
export function isDatabaseInput(args: SourceArgs, config: Pick<ResolvedConfig, 'source'>): boolean {
  const data = args.data ?? [];
  return (data.length === 1 && isSqlAddress(data[0])) || args.urlEnv !== undefined || (data.length === 0 && config.source !== undefined);
}

/**
 * Opens what an audit reads (see the module comment). A password in `source.url` of the config is
 * refused: the config is recorded in the results.
 */
export async function openAuditInput(
  args: SourceArgs,
  config: Pick<ResolvedConfig, 'source' | 'seed'> & Partial<Pick<ResolvedConfig, 'label' | 'prediction' | 'weight'>>,
  open: OpenOptions,
): Promise<DataSource> {
  const data = args.data ?? [];
  if (args.counts !== undefined) {
    if (data.length > 0 || args.urlEnv !== undefined) throw new UserError('--counts replaces the data: give one or the other', { hint: 'drop the data paths, or --counts' });
    const { openCountsFile } = await import('../sql/counts-file.js');
    return openCountsFile(args.counts, { queryFile: args.countsQuery, name: open.name ?? (await defaultDatasetName(args.counts)), counted: { label: config.label, prediction: config.prediction, weight: config.weight } });
  }
  if (isDatabaseInput(args, config)) {
    if (data.some((d) => !isSqlAddress(d)) || data.length > 1) {
      throw new UserError('a database source is audited alone', { hint: 'give one duckdb: or postgres:// address (or --url-env), not files beside it' });
    }
    const configUrl = config.source?.url;
    if (configUrl && redactedAddress(configUrl) !== configUrl && !/^duckdb:/i.test(configUrl)) {
      throw new UserError('source.url in the config holds a password, and the config is recorded in the results', {
        hint: 'remove it: use PGPASSWORD, ~/.pgpass, or source.url_env naming a variable that holds the URL',
      });
    }
    const urlEnv = args.urlEnv ?? (data.length === 0 ? config.source?.url_env : undefined);
    const location = sqlLocation(urlEnv === undefined ? (data[0] ?? configUrl) : undefined, urlEnv);
    const relation = await sqlRelation(args, config);
    const { openSqlSource } = await import('../sql/source.js');
    return openSqlSource(location, relation, { timeout: args.timeout, name: open.name, seed: config.seed, groupingSets: args.groupingSets });
  }
  if (args.table !== undefined || args.query !== undefined || args.queryFile !== undefined) {
    throw new UserError('--table and --query need a database source', { hint: 'give duckdb:[FILE] or postgres://USER@HOST/DB as the data, or --url-env NAME' });
  }
  if (data.length === 0) throw new UserError('no data to audit', { hint: 'give files or folders, a duckdb: or postgres:// address, --url-env NAME, or --counts FILE' });
  return openData(data, { ...open, name: open.name ?? (await defaultDatasetName(data[0])) });
}

/**
 * The dataset name of files the config does not name: the first path's file name without
 * extensions, or its folder name, unless that looks like an identifier
 * (`alice.smith@corp.example.csv`): then `masked-dataset`, for it names the report folder, the
 * masked copy and every report. Undefined when the path cannot be read: opening it says why.
 */
export async function defaultDatasetName(path: string): Promise<string | undefined> {
  const folder = await stat(path).then((s) => s.isDirectory(), () => undefined);
  return folder === undefined ? undefined : derivedDatasetName(datasetName(path, folder));
}
