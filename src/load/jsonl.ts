/**
 * JSON Lines files (`.jsonl`, `.ndjson`, optionally gzipped): one JSON object per line, the columns
 * are the keys of the first rows, their types inferred as for CSV.
 */
import { Field, Schema, type RecordBatch } from 'apache-arrow';
import { UserError } from '../errors.js';
import { makeBatch } from './batch.js';
import { columnBuilder } from './columns.js';
import type { FileReader, ScanContext } from './file-reader.js';
import { INFERENCE_ROWS, arrowTypeOf, inferJsonKind, missingWordsIn, type ColumnKind } from './infer.js';
import { missingWordsWarning } from './dialect.js';
import { DEFAULT_MAX_RECORD_BYTES, lineTooLong, readTextStart, textChunks, type TextSource } from './text-stream.js';

const SAMPLE_CHARS = 4 << 20;

/**
 * Opens a JSON Lines file: the first rows (up to {@link INFERENCE_ROWS}) give the columns, in the
 * order their keys first appear, and their types (see {@link inferJsonKind}).
 */
export async function openJsonl(source: TextSource): Promise<FileReader> {
  const { text, complete } = await readTextStart(source, SAMPLE_CHARS);
  const sampled = new Map<string, unknown[]>();
  let rows = 0;
  const end = complete ? text.length : text.lastIndexOf('\n') + 1;
  let line = 1;
  for (let start = 0; start < end && rows < INFERENCE_ROWS; line++) {
    const nl = text.indexOf('\n', start);
    const stop = nl === -1 || nl > end ? end : nl;
    const row = parseLine(text.slice(start, stop), line);
    start = stop + 1;
    if (!row) continue;
    rows++;
    for (const key in row) {
      let values = sampled.get(key);
      if (!values) sampled.set(key, (values = []));
      values.push(row[key]);
    }
  }
  if (rows === 0 && complete) throw new UserError('the file is empty', { hint: 'give a file with one JSON object per line, or leave it out' });
  if (rows === 0) {
    throw new UserError(`line ${line} is longer than the ${SAMPLE_CHARS >> 20} MB read to decide the columns`, {
      line,
      hint: 'check the file has one JSON object per line, with line ends',
    });
  }
  const names = [...sampled.keys()];
  const kinds = names.map((name) => inferJsonKind(sampled.get(name) ?? []));
  const fields = names.map((name, i) => new Field(name, arrowTypeOf(kinds[i]), true));
  const missingWords = names.flatMap((column, i) => {
    if (kinds[i] !== 'number') return [];
    const words = missingWordsIn(sampled.get(column) ?? []);
    return words.length > 0 ? [{ column, words }] : [];
  });
  return {
    schema: new Schema(fields),
    warnings: missingWords.length > 0 ? (path) => [missingWordsWarning(path, missingWords)] : undefined,
    scan: (columns, batchSize, context, onHashed) => scanJsonl(source, names, kinds, fields, columns, batchSize, context, onHashed),
  };
}

async function* scanJsonl(
  source: TextSource,
  names: string[],
  kinds: ColumnKind[],
  allFields: Field[],
  columns: readonly string[],
  batchSize: number,
  context: ScanContext,
  onHashed: ((sha256: string) => void) | undefined,
): AsyncGenerator<RecordBatch> {
  const known = new Set(names);
  const wanted = columns.map((name) => names.indexOf(name));
  const builders = wanted.map((i) => columnBuilder(names[i], kinds[i], allFields[i].type, batchSize, context.dictionary(names[i])));
  const fields = wanted.map((i) => allFields[i]);
  let rows = 0;
  let line = 1;

  const maxChars = source.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const add = (text: string): void => {
    if (text.length > maxChars) throw lineTooLong(line, maxChars);
    const row = parseLine(text, line);
    if (!row) return;
    for (const key in row) {
      if (!known.has(key)) {
        throw new UserError(`key "${key}" first appears on line ${line}, after the first ${INFERENCE_ROWS} rows that decide the columns`, {
          line,
          hint: `give "${key}" (null is fine) in one of the first rows, or drop it`,
        });
      }
    }
    for (const builder of builders) builder.addJson(row[builder.name], line);
    rows++;
  };
  const flush = (): RecordBatch => {
    const batch = makeBatch(fields, builders.map((b) => b.flush()), rows);
    rows = 0;
    return batch;
  };

  // A line cut by chunk ends is kept in pieces and joined once it ends: searching the joined text
  // for its line end again after every chunk would make one huge line quadratic.
  let pieces: string[] = [];
  let pending = 0;
  for await (const chunk of textChunks(source, onHashed)) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      add(pieces.length > 0 ? pieces.join('') + piece : piece);
      pieces = [];
      pending = 0;
      start = nl + 1;
      line++;
      if (rows === batchSize) yield flush();
    }
    if (start < chunk.length) {
      pieces.push(chunk.slice(start));
      pending += chunk.length - start;
      if (pending > maxChars) throw lineTooLong(line, maxChars);
    }
  }
  add(pieces.join(''));
  if (rows > 0) yield flush();
}

/** Deepest nesting of arrays and objects a JSON Lines value may have. */
const MAX_JSON_DEPTH = 64;

/**
 * How deeply `value` nests arrays and objects (a scalar is 0), stopping once past `limit`: the
 * walk uses its own stack, so a hostile line cannot overflow the call stack.
 */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(item) ? item : Object.values(item)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return deepest;
}

function parseLine(text: string, line: number): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`line ${line} is not valid JSON: ${(error as Error).message}`, { line, hint: 'write one JSON object per line' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`line ${line} is not a JSON object`, { line, hint: 'write one JSON object per line, like {"sex": "f", "approved": 1}' });
  }
  const row = value as Record<string, unknown>;
  for (const key in row) {
    const v = row[key];
    if (v !== null && typeof v === 'object' && jsonDepth(v, MAX_JSON_DEPTH - 1) > MAX_JSON_DEPTH - 1) {
      throw new UserError(`line ${line} nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep (key "${key}")`, {
        line,
        hint: 'flatten the value, or write it as a string; rows of an audit hold plain values',
      });
    }
  }
  return row;
}
