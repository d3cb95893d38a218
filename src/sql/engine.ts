/**
 * What fairaudit asks of a database engine it runs itself: its version, the columns of a
 * relation, a query's rows, a seeded sample. DuckDB ({@link openDuckDb}) and PostgreSQL
 * ({@link openPostgres}) implement it; every other warehouse runs the emitted count query itself.
 */
import type { CountRows } from './count-rows.js';
import type { SqlDialect } from './dialect.js';

/** How a column's values arrive: numbers, booleans, or anything else read as text. */
export type SqlColumnKind = 'number' | 'boolean' | 'text';

/** One column of a relation. */
export interface SqlColumn {
  name: string;
  kind: SqlColumnKind;
}

/** A connected engine. Every method throws a UserError naming the source (never its password). */
export interface SqlEngine {
  readonly engine: 'duckdb' | 'postgres';
  readonly dialect: SqlDialect;
  /** The engine's version as it reports it. */
  version(): Promise<string>;
  /** The columns of `relation` (a quoted table name or a parenthesized query). */
  describe(relation: string): Promise<SqlColumn[]>;
  /** The rows `sql` returns, as plain values. */
  query(sql: string): Promise<CountRows>;
  /** A seeded sample of at most `rows` rows of `columns` of `relation`, and how it was drawn (recorded in the results). */
  sample(relation: string, columns: readonly string[], rows: number, seed: number): Promise<{ rows: CountRows; method: string }>;
  close(): Promise<void>;
}

/** Options of opening an engine. */
export interface EngineOptions {
  /** Seconds a query may run before it is cancelled (`--timeout`); none by default. */
  timeout?: number;
}
