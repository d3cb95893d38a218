/**
 * CSV and TSV files (optionally gzipped): delimiter sniffed, header row, column types inferred from
 * the first rows, then streamed into Arrow batches with strings as dictionary codes.
 */
import { Field, Schema, type RecordBatch } from 'apache-arrow';
import { stat, open } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { makeBatch } from './batch.js';
import { columnBuilder, type ColumnBuilder } from './columns.js';
import { CsvByteTokenizer, CsvTokenizer, ValuesSink, readHeaderRecord, type FieldSink } from './csv-tokenizer.js';
import { sniffDelimiter } from './delimiter.js';
import type { FileReader, ScanContext } from './file-reader.js';
import { INFERENCE_ROWS, arrowTypeOf, inferTextKind, type ColumnKind } from './infer.js';
import type { SourcePart } from './parts.js';
import { rangeTextWindow, readTextStart, textWindow, type TextSource, type Utf8Window } from './text-stream.js';

/** Characters read up front to sniff the delimiter and infer the column types. */
const SAMPLE_CHARS = 4 << 20;

/**
 * Opens a CSV or TSV file: reads its start to find the delimiter, the header and the column types
 * (see {@link inferTextKind}). Throws {@link UserError} for an empty file, a header without rows,
 * a duplicate column name, or a bad row among the first ones.
 */
export async function openCsv(source: TextSource, format: 'csv' | 'tsv'): Promise<FileReader> {
  const { text, complete } = await readTextStart(source, SAMPLE_CHARS);
  if (text.trim() === '') throw new UserError('the file is empty', { hint: 'give a file with a header and rows, or leave it out' });
  const delimiter = sniffDelimiter(text.slice(0, 64 * 1024), format === 'tsv' ? '\t' : ',');
  const header = readHeaderRecord(text, delimiter, complete);
  if (!header) throw new UserError('the header row is longer than 4 MB', { hint: 'check the file is delimited text' });
  const names = columnNames(header.fields);

  const samples = names.map(() => new ValuesSink());
  const tokenizer = new CsvTokenizer(delimiter, names.length, samples, header.nextLine);
  tokenizer.parse(text, header.end, complete, INFERENCE_ROWS);
  if (tokenizer.records === 0 && complete) throw new UserError('the file has a header but no rows', { hint: 'give a file with data rows, or leave it out' });
  const kinds = samples.map((sample) => inferTextKind(sample.values));
  const fields = names.map((name, i) => new Field(name, arrowTypeOf(kinds[i]), true));

  const headerBytes = Buffer.byteLength(text.slice(0, header.end));
  const layout: CsvLayout = { source, delimiter, firstLine: header.nextLine, names, kinds, fields };
  return {
    schema: new Schema(fields),
    scan: (columns, batchSize, context, onHashed) => scanCsv(layout, textWindow(source, onHashed), headerBytes, layout.firstLine, columns, batchSize, context),
    split: source.gzip ? undefined : (count, options) => splitCsv(layout, headerBytes, count, options?.minPartBytes ?? MIN_PART_BYTES),
  };
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
  const { delimiter, names, kinds } = layout;
  return bounds.slice(0, -1).map((start, i) => ({ kind: 'csv', path: layout.source.path, delimiter, names, kinds, start, end: bounds[i + 1] }));
}

/**
 * Reads bytes `part.start` to `part.end` of a CSV file (see {@link splitCsv}) with the column
 * types decided for the whole file. Line numbers in errors count from the part's start.
 */
export function csvPartReader(part: Extract<SourcePart, { kind: 'csv' }>): FileReader {
  const fields = part.names.map((name, i) => new Field(name, arrowTypeOf(part.kinds[i]), true));
  const layout: CsvLayout = { source: { path: part.path, gzip: false }, delimiter: part.delimiter, firstLine: 1, names: part.names, kinds: part.kinds, fields };
  return {
    schema: new Schema(fields),
    scan: (columns, batchSize, context) => scanCsv(layout, rangeTextWindow(part.path, part.start, part.end), 0, 1, columns, batchSize, context),
  };
}

interface CsvLayout {
  source: TextSource;
  delimiter: string;
  firstLine: number;
  names: string[];
  kinds: ColumnKind[];
  fields: Field[];
}

/**
 * Batches of `columns` from the bytes of `window` after its first `headerBytes` bytes (past a
 * byte-order mark), tokenized as bytes and read into one reused buffer.
 */
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
  const builders: ColumnBuilder[] = wanted.map((i) => columnBuilder(layout.names[i], layout.kinds[i], layout.fields[i].type, batchSize, context.dictionary(layout.names[i]), context.transient));
  const sinks: (FieldSink | undefined)[] = layout.names.map(() => undefined);
  wanted.forEach((i, k) => (sinks[i] = builders[k]));
  const fields = wanted.map((i) => layout.fields[i]);
  const tokenizer = new CsvByteTokenizer(layout.delimiter, layout.names.length, sinks, firstLine);

  let rows = 0;
  function flush(): RecordBatch {
    const batch = makeBatch(fields, builders.map((b) => b.flush()), rows);
    rows = 0;
    return batch;
  }

  try {
    await window.fill(0);
    let pos = window.start;
    // The header may span several reads: drop bytes until it has gone by.
    for (let skip = headerBytes; ; ) {
      const dropped = Math.min(skip, window.end - pos);
      pos += dropped;
      skip -= dropped;
      if (skip === 0 || window.done) break;
      await window.fill(pos);
      pos = window.start;
    }
    for (;;) {
      const final = window.done;
      for (;;) {
        pos = tokenizer.parse(window.bytes, pos, window.end, final, batchSize - rows);
        rows += tokenizer.records;
        if (rows < batchSize) break;
        yield flush();
      }
      if (final) break;
      await window.fill(pos);
      pos = window.start;
    }
  } finally {
    await window.close();
  }
  if (rows > 0) yield flush();
}

function columnNames(header: string[]): string[] {
  const names = header.map((name, i) => name.trim() || `column_${i + 1}`);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new UserError(`the header names column "${name}" twice`, { line: 1, column: name, hint: 'rename one of the two columns' });
    seen.add(name);
  }
  return names;
}
