/**
 * CSV and TSV files (optionally gzipped, in any supported encoding): delimiter and header sniffed,
 * column types inferred from the first rows, then streamed into Arrow batches with strings as
 * dictionary codes.
 */
import { Field, Schema, type RecordBatch } from 'apache-arrow';
import { stat, open } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { makeBatch } from './batch.js';
import { columnBuilder, type ColumnBuilder } from './columns.js';
import { CsvByteTokenizer, CsvTokenizer, ValuesSink, readHeaderRecord, type FieldSink } from './csv-tokenizer.js';
import { WHITESPACE, fieldCounts, preambleOf, sniffDelimiter } from './delimiter.js';
import { sampleCsv } from './csv-sample.js';
import { noteRepeatedHeaders, skipHeader, type CsvLayout } from './csv-layout.js';
import type { Dialect, RenamedColumn } from './dialect.js';
import { looksLikeHeader, numberedColumnNames, uniqueColumnNames } from './header.js';
import type { FileReader, ScanContext } from './file-reader.js';
import { INFERENCE_ROWS, arrowTypeOf, inferTextKind, missingWordsIn } from './infer.js';
import type { SourcePart } from './source-part.js';
import { RecordTooLong, lineTooLong, plainUtf8, rangeTextWindow, readTextStart, textWindow, type TextSource, type Utf8Window } from './text-stream.js';

/** Characters read up front to sniff the delimiter and infer the column types. */
const SAMPLE_CHARS = 4 << 20;

/** How the user says a CSV/TSV file is laid out; what is left out is detected. */
export interface CsvReadOptions {
  /** Whether the first line is a header (default: detected, see {@link looksLikeHeader}). */
  header?: boolean;
  /** Names for every column, in order: they replace the header, or name a headerless file's columns. */
  columns?: readonly string[];
  /** `,` `;` `\t` `|`, or `' '` for runs of spaces and tabs (default: sniffed). */
  delimiter?: string;
  /** Whether the encoding was given by the user (recorded in the dialect). */
  encodingGiven?: boolean;
}

/**
 * Opens a CSV or TSV file: reads its start to find the delimiter (see {@link sniffDelimiter}),
 * whether the first line is a header (see {@link looksLikeHeader}), the column names (repeated
 * names made unique by {@link uniqueColumnNames}) and the column types (see
 * {@link inferTextKind}); copies of the header line in the body are dropped. How it was read is
 * the reader's {@link Dialect}. Throws {@link UserError} for an empty file, a header without rows,
 * `columns` that do not fit, or a bad row among the first ones.
 */
export async function openCsv(source: TextSource, format: 'csv' | 'tsv', options: CsvReadOptions = {}): Promise<FileReader> {
  let { text, complete } = await readTextStart(source, SAMPLE_CHARS);
  if (text.trim() === '') throw new UserError('the file is empty', { hint: 'give a file with a header and rows, or leave it out' });
  // Title or note lines above the table (an export's first lines) are skipped, and said so: read
  // as they are, the title became the header and the delimiter was guessed from it.
  const preamble = preambleOf(text.slice(0, 64 * 1024), options.delimiter === undefined ? undefined : [options.delimiter]);
  const skippedLines = preamble ? preamble.headerLine - 1 : 0;
  let preambleText = text.slice(0, lineStart(text, skippedLines));
  text = text.slice(preambleText.length);
  const sample = text.slice(0, 64 * 1024);
  const sniffed = preamble?.delimiter ?? sniffDelimiter(sample, format === 'tsv' ? '\t' : ',');
  const delimiter = options.delimiter ?? sniffed;
  const otherDelimiter = options.delimiter === undefined ? undefined : consistentOther(sample, delimiter, sniffed);
  if (delimiter === WHITESPACE) {
    source = { ...source, whitespace: true };
    ({ text, complete } = await readTextStart(source, SAMPLE_CHARS));
    preambleText = text.slice(0, lineStart(text, skippedLines));
    text = text.slice(preambleText.length);
  }
  // A space-aligned file reaches the tokenizers with each run of spaces turned into one tab.
  const tokenDelimiter = delimiter === WHITESPACE ? '\t' : delimiter;
  const first = readHeaderRecord(text, tokenDelimiter, complete);
  if (!first) {
    throw new UserError('the first line is longer than 4 MB, more than a header or a row can be', {
      line: 1,
      hint: 'check the file is delimited text with line ends, and that its quotes are closed',
    });
  }
  const fieldCount = first.fields.length;

  const samples = first.fields.map(() => new ValuesSink());
  const tokenizer = new CsvTokenizer(tokenDelimiter, fieldCount, samples, first.nextLine + skippedLines);
  tokenizer.parse(text, first.end, complete, INFERENCE_ROWS);
  const rows = tokenizer.records;
  const copies = new Set<number>();
  const firstValues = samples[0].values;
  for (let r = 0; r < rows; r++) if (firstValues[r] === first.fields[0] && first.fields.every((value, i) => samples[i].values[r] === value)) copies.add(r);
  const body = copies.size === 0 ? samples.map((sink) => sink.values) : samples.map((sink) => sink.values.filter((_, r) => !copies.has(r)));
  const bodyKinds = body.map((column) => inferTextKind(column));
  const header = options.header ?? looksLikeHeader(first.fields, body, bodyKinds);
  if (header && rows - copies.size === 0 && complete) throw new UserError('the file has a header but no rows', { hint: 'give a file with data rows, or leave it out' });

  let names: string[];
  let renamed: RenamedColumn[] = [];
  if (options.columns) names = givenColumnNames(options.columns, fieldCount);
  else if (header) ({ names, renamed } = uniqueColumnNames(first.fields));
  else names = numberedColumnNames(fieldCount);
  // Without a header the first record is a row, and copies of it are rows too.
  const kinds = header ? bodyKinds : samples.map((sink, i) => inferTextKind([first.fields[i], ...sink.values]));
  const fields = names.map((name, i) => new Field(name, arrowTypeOf(kinds[i]), true));

  const headerText = text.slice(0, first.end);
  const dialect: Dialect = {
    delimiter,
    quote: '"',
    header,
    line_ending: headerText.endsWith('\r\n') ? '\r\n' : '\n',
    encoding: source.encoding ?? 'utf-8',
    decided: { delimiter: options.delimiter === undefined ? 'detected' : 'given', header: options.header === undefined ? 'detected' : 'given', encoding: options.encodingGiven ? 'given' : 'detected' },
    column_names: options.columns ? 'given' : header ? 'header' : 'numbered',
  };
  if (renamed.length > 0) dialect.renamed_columns = renamed;
  if (skippedLines > 0) dialect.skipped_lines = skippedLines;
  const decimalComma = names.filter((_, i) => kinds[i] === 'decimal_comma');
  if (decimalComma.length > 0) dialect.decimal_comma_columns = decimalComma;
  const missingWords = names.flatMap((column, i) => {
    if (kinds[i] !== 'number' && kinds[i] !== 'decimal_comma') return [];
    const words = missingWordsIn(header ? body[i] : [first.fields[i], ...body[i]]);
    return words.length > 0 ? [{ column, words }] : [];
  });
  if (missingWords.length > 0) dialect.missing_words = missingWords;
  if (otherDelimiter) dialect.other_delimiter = otherDelimiter;

  const headerBytes = Buffer.byteLength(preambleText) + (header ? Buffer.byteLength(headerText) : 0);
  const skipRecord = header ? headerText.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '') : undefined;
  const layout: CsvLayout = { source, delimiter: tokenDelimiter, firstLine: skippedLines + (header ? first.nextLine : 1), names, kinds, fields, skipRecord, dialect };
  return {
    schema: new Schema(fields),
    dialect,
    scan: (columns, batchSize, context, onHashed) => scanCsv(layout, textWindow(source, onHashed), headerBytes, layout.firstLine, columns, batchSize, context),
    sample: (columns, size, seed, onHashed) => sampleCsv(layout, textWindow(source, onHashed), headerBytes, columns, size, seed),
    split: source.gzip || !plainUtf8(source) ? undefined : (count, options) => splitCsv(layout, headerBytes, count, options?.minPartBytes ?? MIN_PART_BYTES),
  };
}

/**
 * With a given `delimiter` that splits no line of `sample`: the sniffed delimiter and its field
 * count when it splits every line into the same two or more fields; otherwise undefined.
 */
function consistentOther(sample: string, delimiter: string, sniffed: string): { delimiter: string; fields: number } | undefined {
  if (sniffed === delimiter || fieldCounts(sample, delimiter).some((n) => n > 1)) return undefined;
  const counts = fieldCounts(sample, sniffed);
  return counts.length > 0 && counts[0] >= 2 && counts.every((n) => n === counts[0]) ? { delimiter: sniffed, fields: counts[0] } : undefined;
}

/** `--columns` checked against the file: one name per field, each once. */
function givenColumnNames(columns: readonly string[], fieldCount: number): string[] {
  if (columns.length !== fieldCount) {
    throw new UserError(`--columns names ${columns.length} column${columns.length === 1 ? '' : 's'}, but the first line has ${fieldCount} field${fieldCount === 1 ? '' : 's'}`, {
      line: 1,
      hint: 'name every column, in order (--columns, or columns: in the config)',
    });
  }
  const seen = new Set<string>();
  for (const name of columns) {
    if (seen.has(name)) throw new UserError(`--columns names "${name}" twice`, { hint: 'give each column its own name (--columns, or columns: in the config)' });
    seen.add(name);
  }
  return [...columns];
}

/** Smallest CSV part worth a thread of its own (default of `minPartBytes`). */
const MIN_PART_BYTES = 8 << 20;

/**
 * Byte ranges of the rows of an uncompressed CSV file, each starting just after a line feed. A
 * line feed may sit inside a quoted value; a part that starts there fails to parse (a ragged row,
 * an unclosed quote, or text after a quote) and the caller reads the file in one piece instead.
 * Parts parsed without error from a true record start end at one, so when every part parses the
 * split was right.
 */
async function splitCsv(layout: CsvLayout, headerBytes: number, count: number, minPartBytes: number): Promise<SourcePart[] | undefined> {
  const { size } = await stat(layout.source.path);
  const bodyBytes = size - headerBytes;
  if (bodyBytes < 2 * minPartBytes || count < 2) return undefined;
  const parts = Math.max(1, Math.min(count, Math.floor(bodyBytes / Math.max(1, minPartBytes))));
  const handle = await open(layout.source.path, 'r');
  const bounds: number[] = [];
  try {
    const probe = Buffer.alloc(1 << 16);
    // The header's position counts decoded characters, after a byte-order mark the decoder dropped.
    const { bytesRead: head } = await handle.read(probe, 0, 3, 0);
    if (head === 3 && probe[0] === 0xef && probe[1] === 0xbb && probe[2] === 0xbf) headerBytes += 3;
    bounds.push(headerBytes);
    for (let k = 1; k < parts; k++) {
      let at = Math.max(headerBytes + Math.floor((bodyBytes * k) / parts), bounds[bounds.length - 1]);
      for (;;) {
        const { bytesRead } = await handle.read(probe, 0, probe.length, at);
        if (bytesRead === 0) {
          at = size;
          break;
        }
        const newline = probe.subarray(0, bytesRead).indexOf(10);
        if (newline >= 0) {
          at += newline + 1;
          break;
        }
        at += bytesRead;
      }
      if (at < size && at > bounds[bounds.length - 1]) bounds.push(at);
    }
  } finally {
    await handle.close();
  }
  bounds.push(size);
  const { delimiter, names, kinds, skipRecord } = layout;
  const { maxRecordBytes } = layout.source;
  return bounds.slice(0, -1).map((start, i) => ({ kind: 'csv', path: layout.source.path, delimiter, names, kinds, skipRecord, maxRecordBytes, start, end: bounds[i + 1] }));
}

/**
 * Reads bytes `part.start` to `part.end` of a CSV file (see {@link splitCsv}) with the column
 * types decided for the whole file. Line numbers in errors count from the part's start.
 */
export function csvPartReader(part: Extract<SourcePart, { kind: 'csv' }>): FileReader {
  const fields = part.names.map((name, i) => new Field(name, arrowTypeOf(part.kinds[i]), true));
  const layout: CsvLayout = { source: { path: part.path, gzip: false, maxRecordBytes: part.maxRecordBytes }, delimiter: part.delimiter, firstLine: 1, names: part.names, kinds: part.kinds, fields, skipRecord: part.skipRecord, inPart: true };
  return {
    schema: new Schema(fields),
    scan: (columns, batchSize, context) => scanCsv(layout, rangeTextWindow(part.path, part.start, part.end, part.maxRecordBytes), 0, 1, columns, batchSize, context),
  };
}

/**
 * Batches of `columns` from the bytes of `window` after its first `headerBytes` bytes (past a
 * byte-order mark), tokenized as bytes and read into one reused buffer.
 */
/** Cells of one batch across its columns (8 Mi: 64 MB of numbers) before wide files get shorter batches. */
const BATCH_CELLS = 8 << 20;

async function* scanCsv(
  layout: CsvLayout,
  window: Utf8Window,
  headerBytes: number,
  firstLine: number,
  columns: readonly string[],
  batchSize: number,
  context: ScanContext,
): AsyncGenerator<RecordBatch> {
  const index = new Map(layout.names.map((name, i) => [name, i]));
  const wanted = columns.map((name) => index.get(name) as number);
  // Each column's builder holds a batch of cells: a very wide file (10,000 columns) gets shorter
  // batches, so a batch stays near BATCH_CELLS cells whatever the width.
  batchSize = Math.max(1, Math.min(batchSize, Math.floor(BATCH_CELLS / Math.max(1, wanted.length))));
  const builders: ColumnBuilder[] = wanted.map((i) => columnBuilder(layout.names[i], layout.kinds[i], layout.fields[i].type, batchSize, context.dictionary(layout.names[i]), context.transient));
  const sinks: (FieldSink | undefined)[] = layout.names.map(() => undefined);
  wanted.forEach((i, k) => (sinks[i] = builders[k]));
  const fields = wanted.map((i) => layout.fields[i]);
  const skip = layout.skipRecord === undefined ? undefined : new TextEncoder().encode(layout.skipRecord);
  const tokenizer = new CsvByteTokenizer(layout.delimiter, layout.names.length, sinks, firstLine, skip);

  let rows = 0;
  function flush(): RecordBatch {
    const batch = makeBatch(fields, builders.map((b) => b.flush()), rows);
    rows = 0;
    return batch;
  }

  try {
    let pos = await skipHeader(window, headerBytes);
    for (;;) {
      const final = window.done;
      for (;;) {
        pos = tokenizer.parse(window.bytes, pos, window.end, final, batchSize - rows);
        rows += tokenizer.records;
        if (tokenizer.skipped > 0 && layout.inPart) {
          throw new UserError('this part of the file repeats the header line', { hint: 'counted again on one thread, which drops those rows' });
        }
        if (rows < batchSize) break;
        yield flush();
      }
      if (final) break;
      await window.fill(pos);
      pos = window.start;
    }
  } catch (error) {
    if (error instanceof RecordTooLong) throw lineTooLong(tokenizer.line, error.limit);
    throw error;
  } finally {
    await window.close();
    noteRepeatedHeaders(layout, tokenizer);
  }
  if (rows > 0) yield flush();
}

/** The offset in `text` where its line `skip + 1` starts (after `skip` line ends). */
function lineStart(text: string, skip: number): number {
  let at = 0;
  for (let i = 0; i < skip; i++) {
    const end = text.indexOf('\n', at);
    if (end < 0) return text.length;
    at = end + 1;
  }
  return at;
}
