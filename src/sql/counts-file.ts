/**
 * `fairaudit audit --counts FILE`: an audit from the count table a user's own warehouse made
 * (Spark, Trino, BigQuery, Snowflake running the query `fairaudit sql` prints), saved as CSV,
 * Parquet, Arrow or JSON Lines. The file is read by the ordinary loaders; its rows are the
 * count query's rows, so the statistics equal those of a live engine over the same data.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { Field, Float64, Schema } from 'apache-arrow';
import { UserError } from '../errors.js';
import { openData } from '../load/open.js';
import type { DataSource } from '../load/source.js';
import type { SqlSourceProvenance } from '../results/index.js';
import { COUNT_COLUMNS } from './count-query.js';
import { plainValue, type CountRows } from './count-rows.js';
import { statisticsFromCounts } from './count-statistics.js';
import { countTableSha256 } from './source.js';
import { isRegressionTable } from './task-counts.js';

/** Options of {@link openCountsFile}. */
export interface CountsFileOptions {
  /** The query that made the file (`--counts-query q.sql`), recorded with its SHA-256. */
  queryFile?: string;
  /** The data set's name (default: the file's name). */
  name?: string;
  /**
   * The audit's outcome and weight columns. A count table stands for some without holding them
   * (the weight as `fa_weight`, a regression audit's label and prediction as histograms), so they
   * join its columns for the audit's column checks.
   */
  counted?: { label?: string; prediction?: string; weight?: string };
}

/** Opens a saved count table as a source whose statistics come from its rows. */
export async function openCountsFile(path: string, options: CountsFileOptions = {}): Promise<DataSource> {
  const data = await openData([path], { name: options.name });
  const counts: CountRows = { names: data.schema.fields.map((f) => f.name), rows: [] };
  for await (const batch of data.scan()) {
    const vectors = counts.names.map((_, j) => batch.getChildAt(j)!);
    for (let i = 0; i < batch.numRows; i++) counts.rows.push(vectors.map((v) => plainValue(v.get(i))));
  }
  if (!counts.names.includes(COUNT_COLUMNS.rows)) {
    throw new UserError(`the count table has no ${COUNT_COLUMNS.rows} column`, { file: path, hint: 'give --counts the saved result of the query `fairaudit sql` prints' });
  }
  const [file] = await data.provenance();
  let query: string | undefined;
  if (options.queryFile) {
    try {
      query = await readFile(options.queryFile, 'utf8');
    } catch {
      throw new UserError('cannot read the query file', { file: options.queryFile, hint: 'fix --counts-query' });
    }
  }
  const bytes = (await stat(path)).size;
  const provenance: SqlSourceProvenance = {
    engine: 'counts',
    ...(query !== undefined ? { query, sha256: createHash('sha256').update(query).digest('hex') } : {}),
    file: { path, bytes, sha256: file.sha256 },
    count_table_sha256: countTableSha256(counts),
    count_rows: counts.rows.length,
  };
  // The audit's columns are the count table's own (its count columns are not data).
  const fields = data.schema.fields.filter((f) => !(Object.values(COUNT_COLUMNS) as string[]).includes(f.name));
  const counted = options.counted ?? {};
  const standsFor = [
    ...(counts.names.includes(COUNT_COLUMNS.weight) ? [counted.weight] : []),
    ...(isRegressionTable(counts) ? [counted.label, counted.prediction] : []),
  ].filter((name): name is string => !!name && !fields.some((f) => f.name === name));
  for (const name of standsFor) fields.push(new Field(name, new Float64(), true));
  return {
    name: data.name,
    schema: new Schema(fields.map((f) => new Field(f.name, f.type, true))),
    files: [],
    place: path,
    async provenance() {
      return [];
    },
    // eslint-disable-next-line require-yield
    async *scan() {
      throw new UserError('a count table holds no rows to sample, so sensitive attributes cannot be discovered from it', {
        file: path,
        hint: 'name them with --sensitive or sensitive: in the config (the same as for fairaudit sql)',
      });
    },
    async countStatistics(columns, config, warnings, countOptions) {
      return statisticsFromCounts(counts, columns, config, warnings, { thresholdGiven: countOptions.thresholdGiven, file: path });
    },
    sourceProvenance: () => provenance,
  };
}
