/**
 * Arrow record batches to CSV bytes, pure (no I/O): a header line, then one line per row, fields
 * quoted as RFC 4180 says (only when they hold a comma, quote, CR or LF; quotes doubled), lines
 * ended by LF, nulls as empty fields, dates as ISO `YYYY-MM-DD`. Cells are written straight into
 * byte buffers from the columns' typed arrays, without building a string per row.
 */
import { DataType, type Data, type RecordBatch, type Schema, type Vector } from 'apache-arrow';
import { civilFromDays } from './columns.js';

const COMMA = 0x2c;
const QUOTE = 0x22;
const NEWLINE = 0x0a;
const ZERO = 0x30;
const RETURN = 0x0d;
const MINUS = 0x2d;
const DOT = 0x2e;
const encoder = new TextEncoder();

/** The header line of `schema`: its field names, quoted where needed, ending in LF. */
export function csvHeader(schema: Schema): Uint8Array {
  return encoder.encode(schema.fields.map((f) => quoteText(f.name)).join(',') + '\n');
}

/**
 * The CSV lines of every row of `batch` (no header). Supported column types: strings,
 * dictionary-encoded strings, integers, floats, booleans and day dates; anything else is an
 * error naming the column. Each column is first encoded on its own (one tight loop per type),
 * then the cells are interleaved into lines.
 */
export function csvRows(batch: RecordBatch): Uint8Array {
  const rows = batch.numRows;
  const columns = batch.schema.fields.map((field, c) => encodeColumn(field.name, batch.data.children[c]));
  // Where each line starts: its cells' lengths plus one separator per cell (comma or LF).
  const lineStart = new Int32Array(rows + 1);
  for (const column of columns) {
    if (column instanceof Cells) {
      const ends = column.ends;
      let previous = 0;
      for (let row = 0; row < rows; row++) {
        lineStart[row + 1] += ends[row] - previous + 1;
        previous = ends[row];
      }
    } else {
      const { starts, codes } = column;
      for (let row = 0; row < rows; row++) lineStart[row + 1] += starts[codes[row] + 1] - starts[codes[row]] + 1;
    }
  }
  for (let row = 0; row < rows; row++) lineStart[row + 1] += lineStart[row];
  const out = new Uint8Array(lineStart[rows]);
  // Column by column, each cell goes after the previous cells of its line.
  const at = lineStart.subarray(0, rows).slice();
  columns.forEach((column, c) => {
    const separator = c === columns.length - 1 ? NEWLINE : COMMA;
    if (column instanceof Cells) copyCells(out, at, column, separator);
    else copyDictionaryCells(out, at, column, separator);
  });
  return out;
}

function copyCells(out: Uint8Array, at: Int32Array, { bytes, ends }: Cells, separator: number): void {
  let start = 0;
  for (let row = 0; row < at.length; row++) {
    const end = ends[row];
    let position = at[row];
    for (let i = start; i < end; i++) out[position++] = bytes[i];
    out[position++] = separator;
    at[row] = position;
    start = end;
  }
}

function copyDictionaryCells(out: Uint8Array, at: Int32Array, { bytes, starts, codes }: DictionaryCells, separator: number): void {
  for (let row = 0; row < at.length; row++) {
    const code = codes[row];
    const end = starts[code + 1];
    let position = at[row];
    for (let i = starts[code]; i < end; i++) out[position++] = bytes[i];
    out[position++] = separator;
    at[row] = position;
  }
}

/**
 * A dictionary column needs no encoding pass: each row's code points at its entry's finished
 * bytes, entry i being `bytes[starts[i] .. starts[i + 1])`. Null rows point at an extra empty
 * entry at the end.
 */
interface DictionaryCells {
  bytes: Uint8Array;
  starts: Int32Array;
  codes: Int32Array;
}

/** One column's cells back to back: `bytes`, with cell i ending at `ends[i]`. */
class Cells {
  bytes: Uint8Array;
  readonly ends: Int32Array;
  length = 0;

  constructor(rows: number, bytesPerCell: number) {
    this.ends = new Int32Array(rows);
    this.bytes = new Uint8Array(Math.max(64, rows * bytesPerCell));
  }

  reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Writes a non-negative integer's digits (room reserved by the caller). */
  digits(value: number, minDigits = 1): void {
    if (value > 0x7fffffff) {
      this.bigDigits(value, minDigits);
      return;
    }
    // Small integers: int32 division, much faster than floating-point % and floor.
    let count = 1;
    for (let v = (value / 10) | 0; v > 0; v = (v / 10) | 0) count++;
    if (count < minDigits) count = minDigits;
    let at = this.length + count;
    this.length = at;
    for (let i = 0; i < count; i++) {
      const next = (value / 10) | 0;
      this.bytes[--at] = ZERO + value - next * 10;
      value = next;
    }
  }

  private bigDigits(value: number, minDigits: number): void {
    const text = String(value).padStart(minDigits, '0');
    for (let i = 0; i < text.length; i++) this.bytes[this.length++] = text.charCodeAt(i);
  }
}

function encodeColumn(name: string, data: Data): Cells | DictionaryCells {
  if (DataType.isDictionary(data.type)) return dictionaryColumn(data);
  const cells = encodeValues(name, data);
  if (data.nullCount > 0 && data.nullBitmap) blankNulls(cells, data);
  return cells;
}

function dictionaryColumn(data: Data): DictionaryCells {
  const { bytes, starts } = dictionaryCells(data.dictionary as Vector);
  const entries = starts.length - 2;
  const source = data.values as Int8Array | Int16Array | Int32Array;
  const hasNulls = data.nullCount > 0 && data.nullBitmap;
  let codes: Int32Array;
  if (source instanceof Int32Array && !hasNulls) codes = source;
  else (codes = new Int32Array(data.length)).set(source.subarray(0, data.length));
  if (hasNulls) {
    const bitmap = data.nullBitmap!;
    for (let row = 0; row < data.length; row++) {
      const bit = data.offset + row;
      if (!(bitmap[bit >> 3] & (1 << (bit & 7)))) codes[row] = entries;
    }
  }
  return { bytes, starts, codes };
}

/** Nulls become empty cells: compacts the bytes, dropping each null cell's content. */
function blankNulls(cells: Cells, data: Data): void {
  const { bytes, ends } = cells;
  const bitmap = data.nullBitmap!;
  let write = 0;
  let start = 0;
  for (let row = 0; row < data.length; row++) {
    const end = ends[row];
    const bit = data.offset + row;
    if (bitmap[bit >> 3] & (1 << (bit & 7))) for (let i = start; i < end; i++) bytes[write++] = bytes[i];
    start = end;
    ends[row] = write;
  }
  cells.length = write;
}

/**
 * Arrow JS slices the value and offset buffers of a sliced `Data` (index them from 0), but keeps
 * `offset` for bit-packed buffers (validity, booleans).
 */
function encodeValues(name: string, data: Data): Cells {
  const { type, offset, length } = data;
  if (DataType.isUtf8(type)) {
    const source = data.values as Uint8Array;
    const offsets = data.valueOffsets as Int32Array;
    const cells = new Cells(length, 1 + (offsets[length] - offsets[0]) / Math.max(1, length));
    for (let row = 0; row < length; row++) {
      writeText(cells, source, offsets[row], offsets[row + 1]);
      cells.ends[row] = cells.length;
    }
    return cells;
  }
  if (DataType.isInt(type) && type.bitWidth <= 32) {
    const values = data.values as Int32Array;
    const cells = new Cells(length, 6);
    for (let row = 0; row < length; row++) {
      writeInteger(cells, values[row]);
      cells.ends[row] = cells.length;
    }
    return cells;
  }
  if (DataType.isFloat(type) && type.precision !== 0) {
    const values = data.values as Float64Array;
    const cells = new Cells(length, 8);
    for (let row = 0; row < length; row++) {
      writeNumber(cells, values[row]);
      cells.ends[row] = cells.length;
    }
    return cells;
  }
  if (DataType.isBool(type)) {
    const bits = data.values as Uint8Array;
    const cells = new Cells(length, 5);
    for (let row = 0; row < length; row++) {
      const bit = offset + row;
      writeAscii(cells, bits[bit >> 3] & (1 << (bit & 7)) ? 'true' : 'false');
      cells.ends[row] = cells.length;
    }
    return cells;
  }
  if (DataType.isDate(type) && type.unit === 0) {
    const days = data.values as Int32Array;
    const cells = new Cells(length, 10);
    for (let row = 0; row < length; row++) {
      writeIsoDate(cells, days[row]);
      cells.ends[row] = cells.length;
    }
    return cells;
  }
  throw new Error(`internal: CSV writing does not support column "${name}" of type ${String(type)}`);
}

const dictionaryCache = new WeakMap<Vector, { bytes: Uint8Array; starts: Int32Array }>();

/**
 * Each dictionary entry as finished CSV cell bytes, back to back, computed once per dictionary;
 * one more (empty) entry at the end stands for null.
 */
function dictionaryCells(dictionary: Vector): { bytes: Uint8Array; starts: Int32Array } {
  let cells = dictionaryCache.get(dictionary);
  if (!cells) {
    const encoded = Array.from({ length: dictionary.length }, (_, i) => {
      const value = dictionary.get(i) as string | null;
      return value === null ? new Uint8Array(0) : encoder.encode(quoteText(value));
    });
    const starts = new Int32Array(encoded.length + 2);
    encoded.forEach((cell, i) => (starts[i + 1] = starts[i] + cell.length));
    starts[encoded.length + 1] = starts[encoded.length];
    const bytes = new Uint8Array(starts[encoded.length]);
    encoded.forEach((cell, i) => bytes.set(cell, starts[i]));
    cells = { bytes, starts };
    dictionaryCache.set(dictionary, cells);
  }
  return cells;
}

function quoteText(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 bytes [start, end) of `source` as one cell, quoted when they need it. */
function writeText(cells: Cells, source: Uint8Array, start: number, end: number): void {
  let needsQuotes = false;
  for (let i = start; i < end; i++) {
    const b = source[i];
    if (b === QUOTE || b === COMMA || b === NEWLINE || b === RETURN) {
      needsQuotes = true;
      break;
    }
  }
  cells.reserve(2 * (end - start) + 2);
  const bytes = cells.bytes;
  if (needsQuotes) bytes[cells.length++] = QUOTE;
  for (let i = start; i < end; i++) {
    if (source[i] === QUOTE) bytes[cells.length++] = QUOTE;
    bytes[cells.length++] = source[i];
  }
  if (needsQuotes) bytes[cells.length++] = QUOTE;
}

function writeAscii(cells: Cells, text: string): void {
  cells.reserve(text.length);
  for (let i = 0; i < text.length; i++) cells.bytes[cells.length++] = text.charCodeAt(i);
}

function writeInteger(cells: Cells, value: number): void {
  cells.reserve(22);
  if (value < 0) {
    cells.bytes[cells.length++] = MINUS;
    value = -value;
  }
  cells.digits(value);
}

/**
 * A double as JavaScript prints it (`String(value)`, the shortest form that reads back the same);
 * NaN and ±∞ as empty cells. A value with at most six decimals, k / 10^6, is written from the
 * integer k with trailing zeros dropped: that decimal and the value are the same correctly
 * rounded double, and no shorter decimal reads back to it.
 */
function writeNumber(cells: Cells, value: number): void {
  if (!Number.isFinite(value)) return;
  const magnitude = Math.abs(value);
  const scaled = Math.round(magnitude * 1e6);
  if (magnitude >= 1e9 || (magnitude < 1e-6 && magnitude !== 0) || scaled / 1e6 !== magnitude) {
    writeAscii(cells, String(value));
    return;
  }
  cells.reserve(24);
  if (value < 0) cells.bytes[cells.length++] = MINUS;
  const whole = Math.floor(scaled / 1e6);
  cells.digits(whole);
  let fraction = scaled - whole * 1e6;
  if (fraction === 0) return;
  let decimals = 6;
  for (let next = (fraction / 10) | 0; next * 10 === fraction; next = (fraction / 10) | 0) {
    fraction = next;
    decimals--;
  }
  cells.bytes[cells.length++] = DOT;
  cells.digits(fraction, decimals);
}

function writeIsoDate(cells: Cells, days: number): void {
  const { year, month, day } = civilFromDays(days);
  cells.reserve(16);
  if (year < 0) cells.bytes[cells.length++] = MINUS;
  cells.digits(Math.abs(year), 4);
  cells.bytes[cells.length++] = MINUS;
  cells.digits(month, 2);
  cells.bytes[cells.length++] = MINUS;
  cells.digits(day, 2);
}
