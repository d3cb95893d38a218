/**
 * The reservoir sample of a CSV file, drawn by the file's own reader: the same rows, values and
 * column types as the reservoir over a full scan (./sample.ts), without building a batch of every
 * row. Every record is still tokenized, so blank lines, repeated header rows, quotes, line ends,
 * ragged rows and the line cap count and fail exactly as in a scan, and number and boolean
 * columns still check every value (a value that contradicts its column fails the sample as it
 * fails a scan). The rows that fill the reservoir are read as they are parsed; a row picked after
 * that is kept as its raw bytes, and only the rows still in the reservoir at the end are decoded:
 * most picks are replaced later (about 4 of 5 for 2M rows), so most are never decoded. Which rows
 * are picked depends only on the row count and the seed (Algorithm L), so counting rows is enough
 * to pick the same ones.
 */
import { valueKind, type SampledValue } from '../arrow/cells.js';
import { uniformStream } from '../stats/rng.js';
import { columnBuilder, type ColumnBuilder } from './columns.js';
import { noteRepeatedHeaders, skipHeader, type CsvLayout } from './csv-layout.js';
import { CsvByteTokenizer, type FieldSink } from './csv-tokenizer.js';
import { ScanContext } from './file-reader.js';
import { isMissingNumber, isNullToken, parseBoolean, parseNumberOf, type ColumnKind } from './infer.js';
import { ReservoirL } from './sample.js';
import type { Sample } from './source.js';
import { RecordTooLong, lineTooLong, type Utf8Window } from './text-stream.js';

/** Rows passed over that a number or boolean column checks before its builder starts again. */
const CHECK_ROWS = 65_536;

/** Kept rows decoded per batch of the column builders. */
const DECODE_ROWS = 4096;

/**
 * Raw bytes of kept rows held before they are decoded early, a bound on memory for very long
 * rows (their buffer holds up to twice as much): `FAIRAUDIT_SAMPLE_KEPT_BYTES` when it is a
 * whole number ≥ 1 (tests), else 64 MiB.
 */
function keptBytesBound(): number {
  const given = Number(process.env.FAIRAUDIT_SAMPLE_KEPT_BYTES);
  return Number.isInteger(given) && given >= 1 ? given : 64 << 20;
}

const LF = 10;

/**
 * Draws the seeded reservoir sample of `size` rows (all of them when there are fewer) of the
 * columns `columns` (names of the file's columns, in the order the sample lists them) from the
 * body of `window`, which starts with `headerBytes` bytes of header. Equals
 * {@link reservoirSample} over a scan of the same file, value for value; throws what that scan
 * throws. Counts the dropped header rows into the file's dialect, as a full scan does.
 */
export async function sampleCsv(layout: CsvLayout, window: Utf8Window, headerBytes: number, columns: readonly string[], size: number, seed: number): Promise<Sample> {
  const index = new Map(layout.names.map((name, i) => [name, i]));
  const wanted = [...new Set(columns)].map((name) => index.get(name) as number);
  const context = new ScanContext(true);
  // Every row passes through the builders of the number and boolean columns, which check it.
  const checked = wanted.filter((i) => layout.kinds[i] !== 'string');
  const checkers = checked.map((i) => columnBuilder(layout.names[i], layout.kinds[i], layout.fields[i].type, CHECK_ROWS, context.dictionary(layout.names[i]), true));
  const passing: (FieldSink | undefined)[] = layout.names.map(() => undefined);
  checked.forEach((i, k) => (passing[i] = checkers[k]));

  const skip = layout.skipRecord === undefined ? undefined : new TextEncoder().encode(layout.skipRecord);
  const reservoir = new ReservoirL(size, uniformStream(seed));
  const kept = new KeptRecords(Math.min(size, 1 << 20));
  const decoder = new KeptDecoder(layout, wanted, skip);
  // While the reservoir fills, every row is in it: its values are read as it is parsed (a file
  // with fewer rows than the sample is parsed once), checked as every row is. The tokenizer holds
  // this array; its entries change to `passing` once the reservoir is full.
  const sinks: (FieldSink | undefined)[] = layout.names.map(() => undefined);
  wanted.forEach((i, k) => (sinks[i] = new FillingSink(layout.kinds[i], passing[i] as ColumnBuilder | undefined, decoder.values[k])));
  const tokenizer = new CsvByteTokenizer(layout.delimiter, layout.names.length, sinks, layout.firstLine, skip);
  let filling = true;
  const maxKept = keptBytesBound();
  // Where each row of one parse call starts in the window.
  const starts = new Float64Array(CHECK_ROWS);
  let rowsChecked = 0;
  let rowsSeen = 0;

  try {
    let pos = await skipHeader(window, headerBytes);
    for (;;) {
      const final = window.done;
      for (;;) {
        if (rowsChecked === CHECK_ROWS) {
          for (const checker of checkers) checker.flush();
          rowsChecked = 0;
        }
        if (filling && rowsSeen >= size) {
          filling = false;
          passing.forEach((sink, i) => (sinks[i] = sink));
        }
        const max = filling ? Math.min(size - rowsSeen, CHECK_ROWS - rowsChecked) : CHECK_ROWS - rowsChecked;
        pos = tokenizer.parse(window.bytes, pos, window.end, final, max, starts);
        const n = tokenizer.records;
        if (filling) {
          for (let row = 0; row < n; row++) reservoir.take();
        } else {
          // A picked row is kept as the bytes from its start to the next row's start (blank lines
          // and dropped header rows after it included: parsed again, they are dropped again).
          for (let row = reservoir.nextRow - rowsSeen; row < n; row = reservoir.nextRow - rowsSeen) {
            kept.put(reservoir.take(), window.bytes, starts[row], row + 1 < n ? starts[row + 1] : pos);
          }
        }
        rowsSeen += n;
        rowsChecked += n;
        if (kept.bytes > maxKept) decoder.decode(kept);
        if (n < max) break;
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
  decoder.decode(kept);

  const rows = Math.min(size, rowsSeen);
  const listed = new Set<number>();
  return {
    rows,
    rowsSeen,
    columns: columns.map((name) => {
      const i = index.get(name) as number;
      const type = layout.fields[i].type;
      const column = decoder.values[wanted.indexOf(i)];
      column.length = rows;
      // A column named twice gets a copy, as the scan's reservoir fills one array per name.
      const own = listed.has(i) ? column.slice() : column;
      listed.add(i);
      return { name, type: String(type), kind: valueKind(type), values: own };
    }),
  };
}

/**
 * The raw bytes of the record each reservoir slot holds (the latest row picked into it), in one
 * growing buffer. A replaced record's bytes are garbage until the buffer fills, when the live
 * records move to a fresh buffer twice their size: each byte is copied a bounded number of times
 * (a move comes after at least as many new bytes as it copies), and the buffer stays within
 * twice the bytes of the sample.
 */
class KeptRecords {
  buffer = new Uint8Array(1 << 16);
  private used = 0;
  /** Bytes of the records in the slots: what a move to a fresh buffer copies. */
  bytes = 0;
  /** Where each slot's record starts in {@link buffer}, and its length; -1 for an empty slot. */
  starts: Float64Array;
  lengths: Float64Array;
  /** Slots filled. */
  count = 0;

  constructor(slots: number) {
    this.starts = new Float64Array(slots);
    this.lengths = new Float64Array(slots).fill(-1);
  }

  /** Keeps `bytes[start, end)` as the record of `slot`. */
  put(slot: number, bytes: Uint8Array, start: number, end: number): void {
    if (slot >= this.lengths.length) this.growSlots(slot + 1);
    const length = end - start;
    if (this.used + length > this.buffer.length) this.move(length);
    const previous = this.lengths[slot];
    if (previous < 0) this.count++;
    else this.bytes -= previous;
    copyBytes(bytes, start, end, this.buffer, this.used);
    this.starts[slot] = this.used;
    this.lengths[slot] = length;
    this.used += length;
    this.bytes += length;
  }

  /** Empties every slot. */
  clear(): void {
    this.lengths.fill(-1);
    this.count = 0;
    this.used = 0;
    this.bytes = 0;
  }

  private move(incoming: number): void {
    const { buffer, starts, lengths } = this;
    const fresh = new Uint8Array(2 * (this.bytes + incoming));
    let at = 0;
    for (let slot = 0, seen = 0; seen < this.count; slot++) {
      const length = lengths[slot];
      if (length < 0) continue;
      seen++;
      copyBytes(buffer, starts[slot], starts[slot] + length, fresh, at);
      starts[slot] = at;
      at += length;
    }
    this.buffer = fresh;
    this.used = at;
  }

  private growSlots(slots: number): void {
    const size = Math.max(slots, 2 * this.lengths.length);
    const starts = new Float64Array(size);
    starts.set(this.starts);
    const lengths = new Float64Array(size).fill(-1);
    lengths.set(this.lengths);
    this.starts = starts;
    this.lengths = lengths;
  }
}

/** Copies `from[start, end)` to `to` at `at`: a short record by a loop, sparing a subarray per copy. */
function copyBytes(from: Uint8Array, start: number, end: number, to: Uint8Array, at: number): void {
  const length = end - start;
  if (length > 64 || end > 0x7fffffff || at > 0x7fffffff) {
    to.set(from.subarray(start, end), at);
    return;
  }
  // Positions come from Float64Arrays: as int32 the loop indexes the arrays without conversions.
  const s = start | 0;
  const t = at | 0;
  for (let k = 0; k < length; k++) to[t + k] = from[s + k];
}

/**
 * Turns kept records into sampled values: the records, one per line, go through a tokenizer
 * whose sinks turn each field into the value a scan's column builder stores and the reservoir
 * reads back from it (see {@link fieldValue}). The records parsed once already, so nothing here
 * can fail.
 */
class KeptDecoder {
  /** Per wanted column, the value of each slot decoded so far. */
  readonly values: SampledValue[][];
  private readonly tokenizer: CsvByteTokenizer;
  private readonly sinks: ValueSink[];
  private chunk = new Uint8Array(1 << 16);

  constructor(layout: CsvLayout, wanted: readonly number[], skip: Uint8Array | undefined) {
    this.sinks = wanted.map((i) => new ValueSink(layout.kinds[i]));
    const sinks: (FieldSink | undefined)[] = layout.names.map(() => undefined);
    wanted.forEach((i, k) => (sinks[i] = this.sinks[k]));
    // The same dropped header line: a kept record's bytes may start with copies of it.
    this.tokenizer = new CsvByteTokenizer(layout.delimiter, layout.names.length, sinks, 1, skip);
    this.values = wanted.map(() => []);
  }

  /** Decodes the records of `kept` into {@link values}, in ascending slot order, and empties it. */
  decode(kept: KeptRecords): void {
    const slots: number[] = [];
    const { buffer, starts, lengths } = kept;
    let used = 0;
    for (let slot = 0, seen = 0; seen < kept.count; slot++) {
      const length = lengths[slot];
      if (length < 0) continue;
      seen++;
      if (used + length + 1 > this.chunk.length) {
        if (slots.length > 0) used = this.flush(slots, used);
        if (length + 1 > this.chunk.length) this.chunk = new Uint8Array(2 * (length + 1));
      }
      const start = starts[slot];
      copyBytes(buffer, start, start + length, this.chunk, used);
      used += length;
      // A record that ended the file may lack its line end.
      if (buffer[start + length - 1] !== LF) this.chunk[used++] = LF;
      slots.push(slot);
      if (slots.length === DECODE_ROWS) used = this.flush(slots, used);
    }
    if (slots.length > 0) this.flush(slots, used);
    kept.clear();
  }

  /** Parses the `slots.length` records in the chunk's first `used` bytes; returns 0, the chunk's new fill. */
  private flush(slots: number[], used: number): number {
    this.tokenizer.parse(this.chunk, 0, used, true, slots.length);
    if (this.tokenizer.records !== slots.length) throw new Error(`bug: ${slots.length} kept records parsed as ${this.tokenizer.records}`);
    this.sinks.forEach((sink, k) => {
      // While the reservoir fills, slots arrive in ascending order, so each write appends.
      const column = this.values[k];
      const out = sink.out;
      for (let j = 0; j < slots.length; j++) column[slots[j]] = out[j];
      sink.length = 0;
    });
    slots.length = 0;
    return 0;
  }
}

/** One column's values of a run of kept records. */
class ValueSink implements FieldSink {
  length = 0;
  private readonly decoded = new FieldText();
  readonly out: SampledValue[] = [];

  constructor(private readonly kind: ColumnKind) {}

  addText(value: string): void {
    this.out[this.length++] = fieldValue(this.kind, value);
  }

  addRange(text: string, start: number, end: number): void {
    this.addText(text.slice(start, end));
  }

  addBytes(bytes: Uint8Array, start: number, end: number): void {
    this.out[this.length++] = start === end ? null : fieldValue(this.kind, this.decoded.text(bytes, start, end));
  }

  truncate(length: number): void {
    this.length = length;
  }
}

/**
 * One column's sink while the reservoir fills: the column's checker (number and boolean columns)
 * sees the field as every row's does, and the field's value goes straight into the sample.
 */
class FillingSink implements FieldSink {
  length = 0;
  private readonly decoded = new FieldText();

  constructor(
    private readonly kind: ColumnKind,
    private readonly checker: ColumnBuilder | undefined,
    private readonly values: SampledValue[],
  ) {}

  addText(value: string, line: number): void {
    this.checker?.addText(value, line);
    this.values[this.length++] = fieldValue(this.kind, value);
  }

  addRange(text: string, start: number, end: number, line: number): void {
    this.addText(text.slice(start, end), line);
  }

  addBytes(bytes: Uint8Array, start: number, end: number, line: number): void {
    this.checker?.addBytes(bytes, start, end, line);
    this.values[this.length++] = start === end ? null : fieldValue(this.kind, this.decoded.text(bytes, start, end));
  }

  truncate(length: number): void {
    this.checker?.truncate(this.checker.length - (this.length - length));
    this.length = length;
  }
}

/**
 * The text of UTF-8 bytes exactly as the scan's builders decode it (`decodeRange` of ./csv-tokenizer.ts, a
 * TextDecoder, which drops a leading byte-order mark), but through Buffer#toString on a view of
 * the whole array, several times faster on short fields. The view is made again only when the
 * array changes (a grown read buffer); the arrays stay plain Uint8Arrays, so the tokenizer's
 * loops see one kind of array.
 */
class FieldText {
  private of: Uint8Array | undefined;
  private view: Buffer = Buffer.alloc(0);

  text(bytes: Uint8Array, start: number, end: number): string {
    if (bytes !== this.of) {
      this.of = bytes;
      this.view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    const text = this.view.toString('utf8', start, end);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}

/**
 * The value a scan's column builder of `kind` stores for a field whose text is `text`, as the
 * reservoir reads it back (./columns.ts): missing-value tokens are null; a number column holds
 * the number the text spells, a boolean column true or false. Text that contradicts its column
 * failed the pass already: meeting it here is a bug.
 */
function fieldValue(kind: ColumnKind, text: string): SampledValue {
  if (kind === 'string') return isNullToken(text) ? null : text;
  if (kind === 'boolean') {
    const value = parseBoolean(text);
    if (value !== undefined) return value;
  } else if (!isNullToken(text)) {
    const value = parseNumberOf(kind, text);
    if (value === value) return value;
    if (isMissingNumber(text)) return null;
  }
  if (isNullToken(text)) return null;
  throw new Error(`bug: ${JSON.stringify(text)} passed the sample's checks as a ${kind}`);
}
