/**
 * A batch of delimited text written straight as UTF-8 bytes: the same bytes as formatting every
 * cell as text ({@link cellFormatter}), joining lines and encoding them, without a string per line
 * or per cell. Dictionary entries are formatted and encoded once; a plain string cell that needs no
 * quoting or formula guard is copied from the Arrow buffer (a hashed id: 64 bytes); every other
 * cell is formatted as text and encoded into place. Whether a string chunk holds a byte that needs
 * quoting at all is found once per chunk, by a native search of its bytes, so the cells of a chunk
 * without one (every hashed column) are copied without looking at their bytes one by one.
 *
 * Pure: Arrow data in, bytes out.
 */
import { DataType, type Data, type RecordBatch, type Vector } from 'apache-arrow';
import { isValidAt, valueReader } from '../arrow/cells.js';
import { cellFormatter, type CellStyle } from './text.js';

/** How {@link delimitedBytes} lays out a line. */
export interface ByteLayout {
  /** The delimiter (one ASCII character). */
  delimiter: string;
  eol: string;
  quoteAll: boolean;
  guardFormulas: boolean;
}

/** Writes the UTF-8 bytes of row `i` of one column at the end of `out`. */
type CellWriter = (i: number, out: ByteBuffer) => void;

/**
 * A growing byte buffer. One is kept by a writer and reused from batch to batch: a fresh buffer
 * per batch costs more than filling it (the system hands out zeroed pages, and the garbage
 * collector runs for every few).
 */
export class ByteBuffer {
  bytes: Buffer;
  /** `bytes` as 32-bit words at any offset, for {@link ByteBuffer.copyWords}. */
  private view: DataView;
  at = 0;

  constructor(size = 0) {
    this.bytes = Buffer.allocUnsafe(Math.max(1024, Math.ceil(size)));
    this.view = viewOf(this.bytes);
  }

  room(more: number): void {
    if (this.at + more <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.at + more));
    this.bytes.copy(grown, 0, 0, this.at);
    this.bytes = grown;
    this.view = viewOf(grown);
  }

  text(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.room(text.length * 3);
    this.at += this.bytes.write(text, this.at, 'utf8');
  }

  copy(source: Uint8Array, start: number, end: number): void {
    const length = end - start;
    this.room(length);
    const bytes = this.bytes;
    let at = this.at;
    // Short values copy faster by hand than through a subarray view.
    if (length <= 64) for (let k = start; k < end; k++) bytes[at++] = source[k];
    else {
      bytes.set(source.subarray(start, end), at);
      at += length;
    }
    this.at = at;
  }

  /**
   * {@link ByteBuffer.copy} of a cell, four bytes at a time: `words` views the same bytes as
   * `source`. A 64-byte cell copies about three times faster than byte by byte, and twice as fast
   * as through a call into native code (Buffer#copy, TypedArray#set), which wins from about 128
   * bytes on.
   */
  copyWords(words: DataView, source: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (length > WORD_COPY_LIMIT) return this.copy(source, start, end);
    this.room(length);
    const view = this.view;
    let at = this.at;
    let k = start;
    // Unsigned 32-bit words keep every bit (a float would not promise to keep a NaN's).
    for (; k + 4 <= end; k += 4, at += 4) view.setUint32(at, words.getUint32(k, true), true);
    const bytes = this.bytes;
    for (; k < end; k++) bytes[at++] = source[k];
    this.at = at;
  }
}

/** Longest cell {@link ByteBuffer.copyWords} copies by words; a longer one goes through TypedArray#set (measured: even at 128 bytes, ahead at 256). */
const WORD_COPY_LIMIT = 128;

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Whether `delimiter` can be written by {@link delimitedBytes} (one ASCII character). */
export function byteDelimiter(delimiter: string): boolean {
  return delimiter.length === 1 && delimiter.charCodeAt(0) < 128;
}

/**
 * The lines of `batch` (each followed by `layout.eol`) as UTF-8 bytes, cells in `style`.
 * `into`: a buffer to write into from its start (kept by the caller and reused, batch after batch);
 * the bytes returned are then a view of it, valid until it is written again.
 *
 * @example
 * delimitedBytes(batch, delimitedStyle(','), { delimiter: ',', eol: '\r\n', quoteAll: false, guardFormulas: false });
 */
export function delimitedBytes(batch: RecordBatch, style: CellStyle, layout: ByteLayout, into?: ByteBuffer): Buffer {
  const columns = batch.data.children.map((child) => cellWriter(child, style, layout));
  const delimiter = layout.delimiter.charCodeAt(0);
  const eol = Buffer.from(layout.eol, 'utf8');
  const out = into ?? new ByteBuffer(batch.numRows * 16 * Math.max(1, columns.length));
  out.at = 0;
  const width = columns.length;
  for (let i = 0; i < batch.numRows; i++) {
    for (let j = 0; j < width; j++) {
      if (j > 0) {
        out.room(1);
        out.bytes[out.at++] = delimiter;
      }
      columns[j](i, out);
    }
    out.copy(eol, 0, eol.length);
  }
  return out.bytes.subarray(0, out.at);
}

function cellWriter(data: Data, style: CellStyle, layout: ByteLayout): CellWriter {
  if (DataType.isDictionary(data.type)) return dictionaryWriter(data, style, layout);
  if (DataType.isUtf8(data.type) && data.valueOffsets instanceof Int32Array) return utf8Writer(data, style, layout, data.length);
  if (readsAsNumbers(data)) return numberWriter(data, style);
  const cell = cellFormatter(data, style);
  return (i, out) => out.text(cell(i));
}

/**
 * A row writes its dictionary entry: a Utf8 dictionary of one chunk through {@link utf8Writer}
 * (a hashed column's entries are as many as its rows), any other formatted and encoded once.
 */
function dictionaryWriter(data: Data, style: CellStyle, layout: ByteLayout): CellWriter {
  const dictionary = data.dictionary as Vector;
  const nullText = Buffer.from(style.nullText, 'utf8');
  const indices = data.values as ArrayLike<number>;
  const hasNulls = data.nullCount !== 0;
  const [only] = dictionary.data;
  if (dictionary.data.length === 1 && DataType.isUtf8(only.type) && only.valueOffsets instanceof Int32Array) {
    const entry = utf8Writer(only, style, layout, data.length);
    return (i, out) => {
      if (hasNulls && !isValidAt(data, i)) out.copy(nullText, 0, nullText.length);
      else entry(indices[i], out);
    };
  }
  const texts: string[] = [];
  for (const chunk of dictionary.data) {
    const read = valueReader(chunk);
    for (let j = 0; j < chunk.length; j++) texts.push(isValidAt(chunk, j) ? style.value(read(j), chunk.type) : style.nullText);
  }
  const bytes = Buffer.from(texts.join(''), 'utf8');
  const words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets = new Int32Array(texts.length + 1);
  for (let e = 0; e < texts.length; e++) offsets[e + 1] = offsets[e] + Buffer.byteLength(texts[e], 'utf8');
  return (i, out) => {
    if (hasNulls && !isValidAt(data, i)) out.copy(nullText, 0, nullText.length);
    else out.copyWords(words, bytes, offsets[indices[i]], offsets[indices[i] + 1]);
  };
}

/**
 * A cell that needs no quoting or guard is copied as it is; any other is formatted as text. When
 * no byte of the chunk needs quoting, only a cell's emptiness and first byte (a formula guard) are
 * looked at. `cells`: how many cells will be written from it (a dictionary's rows), so that a
 * large dictionary shared by small batches is not searched whole for each.
 */
function utf8Writer(data: Data, style: CellStyle, layout: ByteLayout, cells: number): CellWriter {
  const values = data.values as Uint8Array;
  const words = new DataView(values.buffer, values.byteOffset, values.byteLength);
  const offsets = data.valueOffsets as Int32Array;
  const read = valueReader(data);
  const nullText = Buffer.from(style.nullText, 'utf8');
  const hasNulls = data.nullCount !== 0;
  const delimiter = layout.delimiter.charCodeAt(0);
  const { quoteAll, guardFormulas } = layout;
  const formatted = (i: number, out: ByteBuffer) => out.text(style.value(read(i), data.type));
  const first = offsets[0];
  const last = offsets[data.length];
  if (!quoteAll && last - first <= SEARCHED_BYTES_PER_CELL * cells && !anyQuotedByte(values, first, last, delimiter)) {
    return (i, out) => {
      if (hasNulls && !isValidAt(data, i)) return out.copy(nullText, 0, nullText.length);
      const start = offsets[i];
      const end = offsets[i + 1];
      if (end > start && !(guardFormulas && FORMULA_START[values[start]] === 1)) out.copyWords(words, values, start, end);
      else formatted(i, out);
    };
  }
  return (i, out) => {
    if (hasNulls && !isValidAt(data, i)) return out.copy(nullText, 0, nullText.length);
    const start = offsets[i];
    const end = offsets[i + 1];
    let plain = !quoteAll && end > start && !(guardFormulas && FORMULA_START[values[start]] === 1);
    for (let k = start; plain && k < end; k++) {
      const c = values[k];
      if (c === 34 || c === 13 || c === 10 || c === delimiter) plain = false;
    }
    if (plain) out.copyWords(words, values, start, end);
    else formatted(i, out);
  };
}

/**
 * Numbers: the text of a small integer (a 0/1 label, a count, an age) is formatted once per style
 * and column type, for every column and batch alike (a table of 10,000 columns must not format
 * and keep its own copies per column), and copied after; any other value is formatted each time.
 */
function numberWriter(data: Data, style: CellStyle): CellWriter {
  const values = data.values as ArrayLike<number>;
  const nullText = Buffer.from(style.nullText, 'utf8');
  const hasNulls = data.nullCount !== 0;
  const type = data.type;
  const known = knownIntegers(style, type);
  return (i, out) => {
    if (hasNulls && !isValidAt(data, i)) return out.copy(nullText, 0, nullText.length);
    const value = values[i];
    const slot = value - SMALLEST_KNOWN;
    // -0 would share 0's slot.
    if (slot >= 0 && slot < KNOWN_INTEGERS && Number.isInteger(slot) && !Object.is(value, -0)) {
      const bytes = (known[slot] ??= Buffer.from(style.value(value, type), 'utf8'));
      out.copy(bytes, 0, bytes.length);
    } else out.text(style.value(value, type));
  };
}

/** The integers whose text {@link numberWriter} keeps: -1,024 up to 4,095. */
const SMALLEST_KNOWN = -1024;
const KNOWN_INTEGERS = 5120;

/** The small integers' texts formatted so far, by style and column type. */
const KNOWN_TEXTS = new WeakMap<CellStyle, Map<string, (Buffer | undefined)[]>>();

function knownIntegers(style: CellStyle, type: DataType): (Buffer | undefined)[] {
  let byType = KNOWN_TEXTS.get(style);
  if (!byType) KNOWN_TEXTS.set(style, (byType = new Map()));
  const key = String(type);
  let known = byType.get(key);
  if (!known) byType.set(key, (known = []));
  return known;
}

/** Whether the chunk's values are numbers read straight from its array (not bigints, not half floats kept as bits). */
function readsAsNumbers(data: Data): boolean {
  const values: unknown = data.values;
  if (DataType.isFloat(data.type)) return values instanceof Float64Array || values instanceof Float32Array;
  if (!DataType.isInt(data.type)) return false;
  return (
    values instanceof Int32Array ||
    values instanceof Int16Array ||
    values instanceof Int8Array ||
    values instanceof Uint32Array ||
    values instanceof Uint16Array ||
    values instanceof Uint8Array
  );
}

/** A chunk is searched as a whole when it holds at most this many bytes per cell written from it. */
const SEARCHED_BYTES_PER_CELL = 256;

/** Whether `values[start, end)` holds a quote, CR, LF or the delimiter: four native searches. */
function anyQuotedByte(values: Uint8Array, start: number, end: number, delimiter: number): boolean {
  if (end <= start) return false;
  const bytes = Buffer.from(values.buffer, values.byteOffset + start, end - start);
  return bytes.indexOf(34) >= 0 || bytes.indexOf(13) >= 0 || bytes.indexOf(10) >= 0 || bytes.indexOf(delimiter) >= 0;
}

/** First bytes that make a spreadsheet read a cell as a formula (`=`, `+`, `-`, `@`, tab, CR), as in ./text.ts. */
const FORMULA_START = new Uint8Array(128);
for (const c of '=+-@\t\r') FORMULA_START[c.charCodeAt(0)] = 1;
