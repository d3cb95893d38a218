/**
 * DuckDB, embedded (`duckdb:[FILE]`): an in-memory database whose queries read Parquet, CSV and
 * JSON files, folders and globs, or a database file opened read-only. Its 70 MB of native code is
 * imported only here, when such a source is audited, so file audits start as fast as before.
 */
import { UserError } from '../errors.js';
import type { CountRows } from './count-rows.js';
import { quoteIdentifier } from './dialect.js';
import type { EngineOptions, SqlColumn, SqlColumnKind, SqlEngine } from './engine.js';

type DuckDbModule = typeof import('@duckdb/node-api');
type Connection = Awaited<ReturnType<InstanceType<DuckDbModule['DuckDBInstance']>['connect']>>;

/** DuckDB's package, or a UserError naming the source `shown` when its native code cannot load here. */
async function loadDuckDb(shown: string): Promise<DuckDbModule> {
  try {
    return await import('@duckdb/node-api');
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UserError(`DuckDB is not available on this platform (${process.platform}-${process.arch}): ${reason}`, {
      file: shown,
      hint: 'reinstall with npm install on a platform @duckdb/node-api ships binaries for, or audit the files directly',
    });
  }
}

const NUMBER_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/i;

/** Result column types whose items are already plain values (text, numbers, 64-bit integers as bigint, booleans). */
const PLAIN_TYPES = /^(VARCHAR|BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE)$/;

function kindOf(type: string): SqlColumnKind {
  if (NUMBER_TYPES.test(type)) return 'number';
  if (/^BOOLEAN$/i.test(type)) return 'boolean';
  return 'text';
}

/** A DuckDB value as a plain one: integers as numbers, decimals as doubles, the rest as text. */
function plain(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value ?? null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Opens DuckDB on `path` (`:memory:`, or a database file read-only). Throws a UserError when
 * DuckDB cannot load or the file cannot be opened.
 */
export async function openDuckDb(path: string, options: EngineOptions = {}): Promise<SqlEngine> {
  const shown = `duckdb:${path === ':memory:' ? '' : path}`;
  const duckdb = await loadDuckDb(shown);
  let connection: Connection;
  let instance: InstanceType<DuckDbModule['DuckDBInstance']>;
  try {
    instance = await duckdb.DuckDBInstance.create(path, path === ':memory:' ? {} : { access_mode: 'READ_ONLY' });
    connection = await instance.connect();
  } catch (error) {
    throw new UserError(`${shown}: cannot open the database: ${firstLine(error)}`, { file: undefined, hint: 'check the path after duckdb: (an existing DuckDB file), or use duckdb: alone for an in-memory database' });
  }

  const run = async (sql: string): Promise<CountRows> => {
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    if (options.timeout) {
      timer = setTimeout(() => {
        timedOut = true;
        connection.interrupt();
      }, options.timeout * 1000);
    }
    try {
      const result = await connection.run(sql);
      const names = result.columnNames();
      if (!result.columnTypes().every((type) => PLAIN_TYPES.test(String(type)))) return { names, rows: (await result.getRowsJS()).map((row) => row.map(plain)) };
      // Text, numbers and booleans are read item by item from each chunk's vectors: a long count
      // table (a regression audit's histograms) reads in half the time and memory of getRowsJS.
      const rows: unknown[][] = [];
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const vectors = names.map((_, j) => chunk!.getColumnVector(j));
        for (let r = 0; r < chunk.rowCount; r++) rows.push(vectors.map((vector) => plain(vector.getItem(r))));
      }
      return { names, rows };
    } catch (error) {
      if (timedOut) throw new UserError(`${shown}: the query ran longer than --timeout ${options.timeout} s and was cancelled`, { hint: 'raise --timeout, or audit a smaller table or query' });
      throw duckDbError(shown, error);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    engine: 'duckdb',
    dialect: 'duckdb',
    async version() {
      const result = await run('SELECT version()');
      return String(result.rows[0][0]);
    },
    async describe(relation) {
      const result = await run(`DESCRIBE SELECT * FROM ${relation}`);
      const name = result.names.indexOf('column_name');
      const type = result.names.indexOf('column_type');
      return result.rows.map((row): SqlColumn => ({ name: String(row[name]), kind: kindOf(String(row[type])) }));
    },
    query: run,
    async sample(relation, columns, rows, seed) {
      const list = columns.map((c) => quoteIdentifier('duckdb', c)).join(', ');
      // Reservoir sampling with a fixed seed gives the same rows on the same data, run after run.
      const method = `USING SAMPLE reservoir(${rows} ROWS) REPEATABLE (${seed})`;
      return { rows: await run(`SELECT ${list} FROM ${relation} ${method}`), method };
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** A DuckDB error as one line naming the source, with the fix for the usual kinds. */
function duckDbError(shown: string, error: unknown): UserError {
  const message = firstLine(error);
  let hint = 'check the query (--query, --query-file) or the table name (--table)';
  if (/Catalog Error: Table/i.test(message)) hint = 'check the table name (--table), or read files with --query "SELECT * FROM \'data/*.parquet\'"';
  else if (/Referenced column|not found in FROM clause/i.test(message)) hint = 'check the column names in the flags or config against the table';
  else if (/IO Error|No files found/i.test(message)) hint = 'check the file paths in the query';
  return new UserError(`${shown}: ${message}`, { hint });
}
