/**
 * A batch of delimited text written straight as UTF-8 bytes: the same bytes as formatting every
 * cell as text ({@link cellFormatter}), joining lines and encoding them, without a string per line
 * or per cell. Dictionary entries are formatted and encoded once; a plain string cell that needs no
 * quoting or formula guard is copied byte for byte from the Arrow buffer (a hashed id: 64 bytes);
 * every other cell is formatted as text and encoded into place.
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

/** A growing byte buffer. */
class ByteBuffer {
  bytes: Buffer;
  at = 0;

  constructor(size: number) {
    this.bytes = Buffer.allocUnsafe(Math.max(1024, Math.ceil(size)));
  }

  room(more: number): void {
    if (this.at + more <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.at + more));
    this.bytes.copy(grown, 0, 0, this.at);
    this.bytes = grown;
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
    // Short values (the usual cell) copy faster by hand than through a subarray view.
    if (length <= 64) for (let k = start; k < end; k++) bytes[at++] = source[k];
    else {
      bytes.set(source.subarray(start, end), at);
      at += length;
    }
    this.at = at;
  }
}

/** Whether `delimiter` can be written by {@link delimitedBytes} (one ASCII character). */
export function byteDelimiter(delimiter: string): boolean {
  return delimiter.length === 1 && delimiter.charCodeAt(0) < 128;
}

/**
 * The lines of `batch` (each followed by `layout.eol`) as UTF-8 bytes, cells in `style`.
 * `sizeHint`: the bytes expected (the last batch's, say), so the buffer is not grown and copied.
 *
 * @example
 * delimitedBytes(batch, delimitedStyle(','), { delimiter: ',', eol: '\r\n', quoteAll: false, guardFormulas: false });
 */
export function delimitedBytes(batch: RecordBatch, style: CellStyle, layout: ByteLayout, sizeHint = 0): Buffer {
  const columns = batch.data.children.map((child) => cellWriter(child, style, layout));
  const delimiter = layout.delimiter.charCodeAt(0);
  const eol = Buffer.from(layout.eol, 'utf8');
  const out = new ByteBuffer(sizeHint > 0 ? sizeHint : batch.numRows * 16 * Math.max(1, columns.length));
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
  if (DataType.isUtf8(data.type) && data.valueOffsets instanceof Int32Array) return utf8Writer(data, style, layout);
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
    const entry = utf8Writer(only, style, layout);
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
  const offsets = new Int32Array(texts.length + 1);
  for (let e = 0; e < texts.length; e++) offsets[e + 1] = offsets[e] + Buffer.byteLength(texts[e], 'utf8');
  return (i, out) => {
    if (hasNulls && !isValidAt(data, i)) out.copy(nullText, 0, nullText.length);
    else out.copy(bytes, offsets[indices[i]], offsets[indices[i] + 1]);
  };
}

/** A cell that needs no quoting or guard is copied as it is; any other is formatted as text. */
function utf8Writer(data: Data, style: CellStyle, layout: ByteLayout): CellWriter {
  const values = data.values as Uint8Array;
  const offsets = data.valueOffsets as Int32Array;
  const read = valueReader(data);
  const nullText = Buffer.from(style.nullText, 'utf8');
  const hasNulls = data.nullCount !== 0;
  const delimiter = layout.delimiter.charCodeAt(0);
  const { quoteAll, guardFormulas } = layout;
  return (i, out) => {
    if (hasNulls && !isValidAt(data, i)) {
      out.copy(nullText, 0, nullText.length);
      return;
    }
    const start = offsets[i];
    const end = offsets[i + 1];
    let plain = !quoteAll && end > start && !(guardFormulas && FORMULA_START[values[start]] === 1);
    for (let k = start; plain && k < end; k++) {
      const c = values[k];
      if (c === 34 || c === 13 || c === 10 || c === delimiter) plain = false;
    }
    if (plain) out.copy(values, start, end);
    else out.text(style.value(read(i), data.type));
  };
}

/** First bytes that make a spreadsheet read a cell as a formula (`=`, `+`, `-`, `@`, tab, CR), as in ./text.ts. */
const FORMULA_START = new Uint8Array(128);
for (const c of '=+-@\t\r') FORMULA_START[c.charCodeAt(0)] = 1;
