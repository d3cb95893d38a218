/**
 * What the CSV readers share once a file is opened (src/load/csv.ts): how its records are laid
 * out, the step past the header, and the count of repeated header rows a pass leaves in the
 * file's dialect. Both passes over the body use them: the scan into Arrow batches (./csv.ts) and
 * the sample that only counts rows (./csv-sample.ts).
 */
import type { Field } from 'apache-arrow';
import type { CsvByteTokenizer } from './csv-tokenizer.js';
import type { Dialect } from './dialect.js';
import type { ColumnKind } from './infer.js';
import type { TextSource, Utf8Window } from './text-stream.js';

/** How the body of one opened CSV file (or one part of it) is read. */
export interface CsvLayout {
  source: TextSource;
  /** The delimiter the tokenizers split on (a tab for a space-aligned file). */
  delimiter: string;
  /** Line number of the first record after the header. */
  firstLine: number;
  names: string[];
  kinds: ColumnKind[];
  fields: Field[];
  /** The header line, dropped wherever it repeats in the body. */
  skipRecord?: string;
  /** The whole file's dialect, whose count of dropped header rows a full pass updates. */
  dialect?: Dialect;
  /** A part read by another thread: a dropped header row sends the count back to one thread, which counts them. */
  inPart?: boolean;
}

/**
 * Fills `window` and steps past its first `headerBytes` bytes (the header may span several
 * reads); returns the position of the body's first byte.
 */
export async function skipHeader(window: Utf8Window, headerBytes: number): Promise<number> {
  await window.fill(0);
  let pos = window.start;
  for (let skip = headerBytes; ; ) {
    const dropped = Math.min(skip, window.end - pos);
    pos += dropped;
    skip -= dropped;
    if (skip === 0 || window.done) return pos;
    await window.fill(pos);
    pos = window.start;
  }
}

/**
 * Records in the file's dialect the header rows `tokenizer` dropped. A partial pass (a sample
 * that stopped early) sees fewer than a full one: the most seen is kept.
 */
export function noteRepeatedHeaders(layout: CsvLayout, tokenizer: CsvByteTokenizer): void {
  const dialect = layout.dialect;
  if (dialect && tokenizer.skipped >= (dialect.repeated_header_rows ?? 0) && tokenizer.skipped > 0) {
    dialect.repeated_header_rows = tokenizer.skipped;
    dialect.repeated_header_lines = [...tokenizer.skippedLines];
  }
}
