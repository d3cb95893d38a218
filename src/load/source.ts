/**
 * The loader contract. Every stage after loading consumes a {@link DataSource}: the schema up
 * front, then Arrow record batches streamed one at a time, never the whole table.
 */
import type { RecordBatch, Schema } from 'apache-arrow';
import type { SampledValue, ValueKind } from '../arrow/cells.js';
import type { ReadWarning } from './dialect.js';
import type { SqlSourceProvenance } from '../results/index.js';
import type { ResolvedConfig } from '../config/types.js';
import type { AuditColumns, GroupStatistics } from '../metrics/statistics-types.js';
import type { Warnings } from '../warnings.js';

import type { FileProvenance } from '../results/input.js';

/** The input formats fairaudit reads, and one file's provenance: the results contract's types. */
export type { DataFormat, FileProvenance } from '../results/input.js';

/** Options for one scan of the data. */
export interface ScanOptions {
  /** Read only these columns (in this order); all when omitted. Loaders that can project do. */
  columns?: readonly string[];
  /** Rows per batch hint; loaders may differ. */
  batchSize?: number;
  /**
   * The caller is done with each batch before it asks for the next (a count, not a copy), so
   * loaders may read the next batch into the same memory. Default false.
   */
  transient?: boolean;
}

/** One column of a {@link Sample}, one entry per sampled row. */
export interface SampledColumn {
  name: string;
  /** Arrow type as text (`Utf8`, `Int32`, `Dictionary<Int32, Utf8>`, …). */
  type: string;
  kind: ValueKind;
  values: SampledValue[];
}

/** A seeded sample of rows, decoded to plain values: what discovery's rules run on. */
export interface Sample {
  /** Rows in the sample. */
  rows: number;
  /** Rows in the data it was drawn from. */
  rowsSeen: number;
  columns: SampledColumn[];
}

/** One or more files read as one table. */
export interface DataSource {
  /** A short name for the data (the file or folder name without extension), used for `reports/<name>/`. */
  name: string;
  /** The unified schema of every file, hive partition columns included. */
  schema: Schema;
  /** The files, in read order; `sha256` is filled in by {@link DataSource.provenance}. */
  files: FileProvenance[];
  /**
   * The files with their SHA-256. Hashes are computed from the bytes a full scan streams anyway
   * where the format allows (so hashing costs no second read); whatever a scan did not cover is
   * hashed here.
   */
  provenance(): Promise<FileProvenance[]>;
  /**
   * Streams the rows as Arrow record batches. May be called more than once (discovery samples,
   * then the audit counts). String columns from CSV and JSON Lines arrive dictionary-encoded.
   * Throws {@link UserError} for bad bytes, naming the file and, where it can, the line.
   */
  scan(options?: ScanOptions): AsyncIterable<RecordBatch>;
  /**
   * What a user must know about how the files were read (a header guessed absent, columns
   * renamed, repeated header rows dropped, an unusual delimiter); dropped rows are counted by the
   * scans so far. Sources that read no text files may leave it out.
   */
  readWarnings?(): ReadWarning[];
  /**
   * A seeded sample of `size` rows (all rows when there are fewer) of `columns` (default: every
   * column), decoding only the rows drawn; the same seed gives the same sample. Sources that can
   * reach rows directly (Parquet, by row-group blocks) implement it natively; sources without it
   * are sampled by streaming {@link DataSource.scan} through a reservoir (src/load/sample.ts).
   */
  sample?(size: number, seed: number, columns?: readonly string[]): Promise<Sample>;
  /**
   * Sources that hold their rows in a database engine count the audit's group statistics there
   * (one `GROUP BY`, see src/sql/) instead of streaming rows; the audit then uses this in place
   * of its own pass. Equals what a pass over the same rows gives.
   */
  countStatistics?(columns: AuditColumns, config: ResolvedConfig, warnings: Warnings, options: { thresholdGiven?: boolean }): Promise<GroupStatistics>;
  /**
   * How an error names a source that is not one file: a database address without credentials
   * and its table (`postgres://ana@db/prod (table preds)`), or a count table's file.
   */
  place?: string;
  /** Where such a source's rows were counted (engine, version, table or query, hashes); after {@link DataSource.countStatistics}. */
  sourceProvenance?(): SqlSourceProvenance | undefined;
  /** Releases what the source holds open (a database connection). */
  close?(): Promise<void>;
}
