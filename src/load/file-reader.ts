/**
 * What every format reader offers the data source: the file's own schema, and batches of the
 * columns a scan asks for.
 */
import type { RecordBatch, Schema } from 'apache-arrow';
import type { Dialect, ReadWarning } from './dialect.js';
import { DICTIONARY_BOUND, GrowingDictionary } from './dictionary.js';
import type { SourcePart } from './source-part.js';
import type { Sample } from './source.js';

/**
 * Most distinct values a string column is dictionary-coded with before it goes plain:
 * `FAIRAUDIT_DICTIONARY_BOUND` when it is a whole number ≥ 1, else {@link DICTIONARY_BOUND}. Less
 * memory for many distinct values, or (tests) a column that turns plain after a few values.
 */
export function dictionaryBound(): number {
  const given = Number(process.env.FAIRAUDIT_DICTIONARY_BOUND);
  return Number.isInteger(given) && given >= 1 ? given : DICTIONARY_BOUND;
}

/** State shared by the files of one scan: one growing dictionary per string column. */
export class ScanContext {
  private readonly dictionaries = new Map<string, GrowingDictionary>();
  private readonly bound = dictionaryBound();

  /** @param transient Batches may share memory (`ScanOptions.transient` in ./source.ts). */
  constructor(readonly transient = false) {}

  /** The dictionary of column `name` for this scan. */
  dictionary(name: string): GrowingDictionary {
    let dictionary = this.dictionaries.get(name);
    if (!dictionary) this.dictionaries.set(name, (dictionary = new GrowingDictionary(this.bound)));
    return dictionary;
  }
}

/** Options of {@link FileReader.split}. */
export interface SplitOptions {
  /** Smallest part of a text file, in bytes (default 8 MiB). */
  minPartBytes?: number;
}

/** One open input file. */
export interface FileReader {
  /** The file's own columns (hive partition columns are added by the data source). */
  readonly schema: Schema;
  /** How a delimited text file was read (CSV/TSV only); scans update its counts. */
  readonly dialect?: Dialect;
  /** Other formats' warnings about how `path` was read (JSON Lines: words read as missing numbers). */
  warnings?(path: string): ReadWarning[];
  /**
   * Batches holding exactly `columns` (names from {@link schema}, in that order), at most about
   * `batchSize` rows each. `onHashed` receives the file's SHA-256 when the scan read every byte;
   * without it (the hash is known already) the scan need not hash.
   */
  scan(columns: readonly string[], batchSize: number, context: ScanContext, onHashed?: (sha256: string) => void): AsyncIterable<RecordBatch>;
  /**
   * The seeded reservoir sample of `size` rows of `columns` that {@link reservoirSample} draws
   * over {@link scan}, value for value, drawn without building every row (CSV/TSV only). Like a
   * full scan, it passes the file's SHA-256 to `onHashed` and throws what a scan throws.
   */
  sample?(columns: readonly string[], size: number, seed: number, onHashed?: (sha256: string) => void): Promise<Sample>;
  /**
   * Splits the file into about `count` parts that can be read on their own (by worker threads), in
   * row order; undefined when the format cannot split or the file is too small to gain from it.
   */
  split?(count: number, options?: SplitOptions): Promise<SourcePart[] | undefined>;
}
