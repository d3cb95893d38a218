/**
 * A database table or query as a {@link DataSource}: its columns up front, a seeded sample drawn
 * by the engine for discovery and `init`, and the audit's group statistics counted by the engine
 * ({@link DataSource.countStatistics}): rows never travel to fairaudit for an audit, only the
 * count table does.
 */
import { createHash } from 'node:crypto';
import { Bool, Field, Float64, Schema, Table, Utf8, vectorFromArray, type DataType, type RecordBatch } from 'apache-arrow';
import type { SqlSourceProvenance } from '../results/index.js';
import type { DataSource, ScanOptions } from '../load/source.js';
import { UserError } from '../errors.js';
import { settledTask } from '../metrics/task.js';
import { relationSql, type SqlRelation } from './count-query.js';
import type { CountRows } from './count-rows.js';
import { statisticsFromCounts } from './count-statistics.js';
import type { EngineOptions, SqlColumn, SqlEngine } from './engine.js';
import { auditCountQuery, taskDetectionQuery, taskFromDetection } from './task-query.js';
import { locationSecrets, locationText, type SqlLocation } from './url.js';

/** Rows of the seeded sample discovery and `init` read (the file path's default sample size). */
export const SAMPLE_ROWS = 100_000;

/** Options of {@link openSqlSource}. */
export interface SqlSourceOptions extends EngineOptions {
  /** The data set's name (default: the table's name, or `query`). */
  name?: string;
  /** Seed of the discovery sample (the audit's seed). */
  seed?: number;
  /** Count with `GROUPING SETS` rather than one joint GROUP BY (`--grouping-sets`; see count-query.ts). */
  groupingSets?: boolean;
}

/**
 * Hex SHA-256 of a count table as canonical JSON (names, then rows as received): the bytes of
 * `JSON.stringify({ names, rows })`, hashed in pieces so that a long table (a regression audit's
 * histograms) is never one string.
 */
export function countTableSha256(counts: CountRows): string {
  const hash = createHash('sha256');
  let piece = `{"names":${JSON.stringify(counts.names)},"rows":[`;
  counts.rows.forEach((row, r) => {
    piece += (r > 0 ? ',' : '') + JSON.stringify(row);
    if (piece.length >= 1 << 20) {
      hash.update(piece);
      piece = '';
    }
  });
  return hash.update(piece + ']}').digest('hex');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function arrowType(column: SqlColumn): DataType {
  return column.kind === 'number' ? new Float64() : column.kind === 'boolean' ? new Bool() : new Utf8();
}

/**
 * Connects to the database at `location` and reads the columns of `relation`. Throws a UserError
 * (naming the source without its password) when the engine cannot load, connect or find it.
 */
export async function openSqlSource(location: SqlLocation, relation: SqlRelation, options: SqlSourceOptions = {}): Promise<DataSource> {
  const engine: SqlEngine =
    location.engine === 'duckdb'
      ? await (await import('./duckdb.js')).openDuckDb(location.path, options)
      : await (await import('./postgres.js')).openPostgres(location.url, locationSecrets(location), options);
  let columns: SqlColumn[];
  let version: string;
  const from = relationSql(engine.dialect, relation);
  try {
    columns = await engine.describe(from);
    version = await engine.version();
  } catch (error) {
    await engine.close();
    throw error;
  }
  const schema = new Schema(columns.map((c) => new Field(c.name, arrowType(c), true)));
  const shown = locationText(location);
  const text = 'table' in relation ? relation.table : relation.query;
  let provenance: SqlSourceProvenance | undefined;
  let sampled: SqlSourceProvenance['sample'];
  const seed = options.seed ?? 42;

  return {
    name: options.name ?? ('table' in relation ? (relation.table.split('.').pop() ?? 'table').replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '') || 'table' : 'query'),
    schema,
    files: [],
    place: 'table' in relation ? `${shown} (table ${relation.table})` : `${shown} (query)`,
    async provenance() {
      return [];
    },
    async *scan(scanOptions: ScanOptions = {}): AsyncIterable<RecordBatch> {
      // Only discovery and init scan a SQL source: they get the engine's seeded sample.
      const names = scanOptions.columns ? [...scanOptions.columns] : columns.map((c) => c.name);
      const sample = await engine.sample(from, names, SAMPLE_ROWS, seed);
      sampled = { rows: sample.rows.rows.length, seed, method: sample.method };
      const vectors = Object.fromEntries(
        names.map((name, j) => {
          const field = schema.fields.find((f) => f.name === name)!;
          return [name, vectorFromArray(sample.rows.rows.map((row) => row[j] ?? null), field.type)];
        }),
      );
      yield* new Table(vectors).batches;
    },
    async countStatistics(auditColumns, config, warnings, countOptions) {
      // The task decides the query, so it is decided first, from the engine's distinct values.
      const kinds = new Map(columns.map((c) => [c.name, c.kind]));
      const settled = settledTask(auditColumns, config);
      const task = settled ?? taskFromDetection(await engine.query(taskDetectionQuery(engine.dialect, relation, auditColumns, kinds)), auditColumns, config, kinds);
      if (task.task === 'regression') {
        for (const [column, role] of [[auditColumns.label, 'label'], [auditColumns.prediction, 'prediction']] as const) {
          if (column && kinds.get(column) !== 'number') {
            throw new UserError(`the ${role} column is not a number column; a regression audit needs numbers`, {
              file: shown,
              column,
              hint: 'choose a numeric column, or set task: multiclass (--task multiclass) for classes',
            });
          }
        }
      }
      const sql = auditCountQuery(engine.dialect, relation, auditColumns, config, { groupingSets: options.groupingSets, task: task.task });
      const counts = await engine.query(sql);
      provenance = {
        engine: engine.engine,
        engine_version: version,
        location: shown,
        ...('table' in relation ? { table: relation.table } : { query: relation.query }),
        sha256: sha256(text),
        count_table_sha256: countTableSha256(counts),
        count_rows: counts.rows.length,
        ...(sampled ? { sample: sampled } : {}),
      };
      return statisticsFromCounts(counts, auditColumns, config, warnings, { thresholdGiven: countOptions.thresholdGiven, file: shown, task });
    },
    sourceProvenance: () => provenance,
    close: () => engine.close(),
  };
}
