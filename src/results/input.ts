/**
 * What the results record about their input: each file's provenance (format, bytes, SHA-256,
 * partitions, and for delimited text the dialect it was read with) and the run's warnings. The
 * loaders produce these values; the types live here, below every stage, because `audit.json`
 * carries them.
 */

/** The text encodings fairaudit decodes; every other stage sees UTF-8. */
export type TextEncoding = 'utf-8' | 'latin1' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** A column renamed because the header repeats its name. */
export interface RenamedColumn {
  /** 1-based position of the column in the file. */
  position: number;
  /** The name the header gives it. */
  from: string;
  /** The name fairaudit uses. */
  to: string;
}

/** How a choice of the dialect was made. */
export type DialectSource = 'detected' | 'given';

/**
 * How one CSV/TSV file was read. Field names are snake_case: the object lands in `audit.json`
 * (`input.files[].dialect`).
 */
export interface Dialect {
  /** `,` `;` `\t` `|`, or `' '` for runs of spaces and tabs (a space-aligned file). */
  delimiter: string;
  /** The quote character (RFC 4180 quoting: `""` inside a quoted value is one quote). */
  quote: '"';
  /** Whether the first line is a header (otherwise it is the first row). */
  header: boolean;
  /** How the first line ends. */
  line_ending: '\n' | '\r\n';
  /** The encoding the bytes were decoded from. */
  encoding: TextEncoding;
  /** Whether the delimiter, the header and the encoding were detected or given by a flag or config key. */
  decided: { delimiter: DialectSource; header: DialectSource; encoding: DialectSource };
  /** Where the column names come from: the header line, `--columns`, or `column_1…n` for a headerless file. */
  column_names: 'header' | 'given' | 'numbered';
  /** Columns renamed because the header repeats their names. */
  renamed_columns?: RenamedColumn[];
  /** Title or note lines above the header, skipped (the header is the line after them). */
  skipped_lines?: number;
  /** Rows in the body equal to the header line, dropped (counted by the last full read). */
  repeated_header_rows?: number;
  /** Line numbers of the first few dropped header rows. */
  repeated_header_lines?: number[];
  /** With a given delimiter that yields one column: a delimiter that splits every line the same way, and into how many fields. */
  other_delimiter?: { delimiter: string; fields: number };
  /** Columns read as numbers written with a decimal comma (`0,54` as 0.54, `1.234,5` as 1234.5). */
  decimal_comma_columns?: string[];
  /** Number columns where words such as `unknown`, `-` or `#N/A` stood for a missing value, as the first rows wrote them. */
  missing_words?: { column: string; words: string[] }[];
}

/** The input formats fairaudit reads. */
export type DataFormat = 'arrow' | 'arrow-stream' | 'parquet' | 'csv' | 'tsv' | 'jsonl';

/** Provenance of one input file (DESIGN §12 `input.files[]`). */
export interface FileProvenance {
  /** The path as given (or found below a given folder). */
  path: string;
  format: DataFormat;
  /** Whether the bytes were gzip-compressed (CSV, TSV, JSON Lines). */
  gzip?: boolean;
  bytes: number;
  /** Hex SHA-256 of the file's bytes as stored on disk. */
  sha256: string;
  /** Hive partition columns taken from its folder names (`key=value/`). */
  partitions?: Record<string, string>;
  /** CSV/TSV: how the file was read (delimiter, header, line end, encoding) and what was repaired. */
  dialect?: Dialect;
}

/** One deduplicated warning. */
export interface Warning {
  /** A stable code, e.g. `single-group`, `small-group`, `rows-missing-label`. */
  code: string;
  /** The text a user reads, with the fix. */
  message: string;
  /** How many times it was raised. */
  count: number;
}

/**
 * Provenance of an audit counted by a database engine (DuckDB, PostgreSQL) or read from a count
 * table the user's own warehouse made (`--counts`): it stands in for file hashes.
 */
export interface SqlSourceProvenance {
  /** `duckdb`, `postgres`, or `counts` for a saved count table. */
  engine: 'duckdb' | 'postgres' | 'counts';
  /** The engine's version as it reports it (`SELECT version()`). */
  engine_version?: string;
  /** The database address with every credential removed (`postgres://ana@db:5432/prod`, `duckdb:file.db`). */
  location?: string;
  /** The table or view audited. */
  table?: string;
  /** The query audited (`--query`, `--query-file`; for `--counts`, the `--counts-query` that made the file). */
  query?: string;
  /** Hex SHA-256 of the table name or query text as given. */
  sha256?: string;
  /** `--counts`: the count table file with its SHA-256. */
  file?: { path: string; bytes: number; sha256: string };
  /** Hex SHA-256 of the count table fairaudit received, as canonical JSON of its column names and rows. */
  count_table_sha256: string;
  /** Rows in the count table (distinct combinations of the audit's columns). */
  count_rows: number;
  /** The seeded sample discovery took in the engine, when it ran. */
  sample?: { rows: number; seed: number; method: string };
}
