/**
 * Decodes one column chunk (one column of one row group) of a flat column: its dictionary page, its
 * data pages (v1 and v2), definition levels for nulls, dictionary indices and PLAIN values. The
 * result is row-aligned: row i of the row group is entry i, a null a zero with its `defined` flag
 * cleared. Buffers are reused from one row group to the next (transient scans only).
 */
import { Utf8, makeData, makeVector, type Vector } from 'apache-arrow';
import { PageDecompressor } from './codecs.js';
import { Encoding, PageType, PhysicalType, decodePageHeader, type ColumnChunk, type PageHeader } from './metadata.js';
import { MAX_BIT_WIDTH, decodeHybrid } from './rle.js';

/**
 * Thrown for a page the native reader does not decode (a rare encoding, a dictionary that gave way
 * to PLAIN pages); parquet-wasm reads the row group. Bad bytes throw a plain Error instead.
 */
export class UnsupportedPage extends Error {}

/** A decoded chunk. Exactly one of `codes`, `words`, `booleans` and `strings` is set. */
export interface DecodedChunk {
  rows: number;
  /** 1 where the row holds a value; null when no row is null. */
  defined: Int32Array | null;
  nullCount: number;
  /** Dictionary-encoded strings: an index into `dictionary` per row. */
  codes?: Int32Array;
  dictionary?: Vector<Utf8>;
  /** Numbers, as 32-bit words: one per INT32 or FLOAT value, two (little-endian) per INT64 or DOUBLE. */
  words?: Int32Array;
  /** Booleans, 0 or 1 per row. */
  booleans?: Uint8Array;
  /** PLAIN strings: Arrow Utf8 offsets (rows + 1) and bytes. */
  strings?: { offsets: Int32Array; bytes: Uint8Array };
}

const WORDS: Partial<Record<number, number>> = {
  [PhysicalType.int32]: 1,
  [PhysicalType.float]: 1,
  [PhysicalType.int64]: 2,
  [PhysicalType.double]: 2,
};

/** Whether a flat column of this physical type decodes here. */
export function isSupportedPhysicalType(type: number): boolean {
  return type === PhysicalType.boolean || type === PhysicalType.byteArray || WORDS[type] !== undefined;
}

/** Decodes chunks of one column, reusing its buffers from one chunk to the next. */
export class ChunkDecoder {
  private decompressor: PageDecompressor;
  private readonly words: number;
  private defined = new Int32Array(0);
  /** Pages without nulls whose rows `defined` does not mark yet: (first row, row count) pairs. */
  private readonly unmarked: number[] = [];
  private output = new Int32Array(0);
  private booleans = new Uint8Array(0);
  private present = new Int32Array(0);
  private stringBytes: Uint8Array = new Uint8Array(0);

  /** @param optional the column's maximum definition level is 1 (else 0: no nulls). */
  constructor(
    private readonly type: number,
    private readonly optional: boolean,
  ) {
    this.decompressor = new PageDecompressor(0);
    this.words = WORDS[type] ?? 0;
  }

  /** Decodes the pages in `bytes` (the chunk's whole byte range) holding `rows` rows. */
  decode(bytes: Uint8Array, chunk: ColumnChunk, rows: number): DecodedChunk {
    if (chunk.numValues !== rows) throw new UnsupportedPage(`the chunk holds ${chunk.numValues} values for ${rows} rows`);
    if (this.decompressor.codec !== chunk.codec) this.decompressor = new PageDecompressor(chunk.codec);
    const words = this.words;
    if (this.optional && this.defined.length < rows) this.defined = new Int32Array(rows);
    const width = this.type === PhysicalType.byteArray ? 1 : Math.max(words, 1);
    if (this.output.length < rows * width) this.output = new Int32Array(rows * width);
    if (this.type === PhysicalType.boolean && this.booleans.length < rows) this.booleans = new Uint8Array(rows);
    this.unmarked.length = 0;
    let dictionary: DictionaryPage | undefined;
    let nullCount = 0;
    let row = 0;
    let pos = 0;
    let plainStrings: StringsBuilder | undefined;
    let indexed = false;
    while (row < rows) {
      if (pos >= bytes.length) throw new Error('the chunk ends before its rows');
      const { header, end } = decodePageHeader(bytes, pos);
      const body = bytes.subarray(end, end + header.compressedSize);
      if (body.length !== header.compressedSize) throw new Error('a page runs past its chunk');
      pos = end + header.compressedSize;
      if (header.type === PageType.dictionary) {
        dictionary = this.dictionaryPage(header, this.decompressor.decompress(body, header.uncompressedSize));
        continue;
      }
      if (header.type !== PageType.data && header.type !== PageType.dataV2) continue;
      const n = Math.min(header.numValues, rows - row);
      const { values, present } = this.levels(header, body, row, n);
      nullCount += n - present;
      const encoding = header.encoding;
      if (present === 0) {
        // A page of nulls only: nothing to decode, whatever its encoding.
        if (plainStrings) plainStrings.add(values, this.defined, row, n, 0);
        else this.nulls(row, n);
      } else if (encoding === Encoding.rleDictionary || encoding === Encoding.plainDictionary) {
        if (!dictionary) throw new Error('a dictionary-encoded page comes without a dictionary');
        if (plainStrings) throw new UnsupportedPage('dictionary pages after PLAIN pages');
        this.dictionaryIndices(values, row, n, present, dictionary);
        indexed = true;
      } else if (encoding === Encoding.plain) {
        if (this.type === PhysicalType.byteArray) {
          // Writers fall back from a dictionary to PLAIN when it grows too large; such chunks go to parquet-wasm.
          if (indexed) throw new UnsupportedPage('PLAIN pages after dictionary pages');
          plainStrings ??= new StringsBuilder(rows, this.stringBytes);
          plainStrings.add(values, present < n ? this.defined : null, row, n, present);
        } else {
          this.plainValues(values, row, n, present);
        }
      } else if (encoding === Encoding.rle && this.type === PhysicalType.boolean) {
        // RLE booleans carry a 4-byte length, then width-1 runs.
        const booleans = this.booleans;
        const scratch = this.scratch(present);
        decodeHybrid(values, 4, values.length, 1, scratch, 0, present);
        this.scatterBytes(scratch, booleans, row, n, present);
      } else {
        throw new UnsupportedPage(`encoding ${encoding} is not supported`);
      }
      row += n;
    }
    let defined: Int32Array | null = null;
    if (nullCount > 0) {
      defined = this.defined;
      for (let i = 0; i < this.unmarked.length; i += 2) defined.fill(1, this.unmarked[i], this.unmarked[i] + this.unmarked[i + 1]);
    }
    const result: DecodedChunk = { rows, defined, nullCount };
    if (this.type === PhysicalType.boolean) result.booleans = this.booleans;
    else if (plainStrings) {
      result.strings = plainStrings.finish();
      this.stringBytes = result.strings.bytes;
    } else if (this.type === PhysicalType.byteArray) {
      result.codes = this.output;
      result.dictionary = dictionary?.strings ?? emptyStrings();
    } else result.words = this.output;
    return result;
  }

  /** Definition levels of a data page: fills `defined[row …]`, returns the value bytes and the count of values. */
  private levels(header: PageHeader, body: Uint8Array, row: number, n: number): { values: Uint8Array; present: number } {
    let page: Uint8Array;
    let levels: Uint8Array;
    let start = 0;
    if (header.v2) {
      const { definitionBytes, repetitionBytes, compressed } = header.v2;
      if (repetitionBytes > 0) throw new UnsupportedPage('repeated values');
      levels = body.subarray(0, definitionBytes);
      const rest = body.subarray(definitionBytes);
      page = compressed ? this.decompressor.decompress(rest, header.uncompressedSize - definitionBytes) : rest;
    } else {
      page = this.decompressor.decompress(body, header.uncompressedSize);
      if (!this.optional) return { values: page, present: n };
      if (header.levelEncoding !== undefined && header.levelEncoding !== Encoding.rle) throw new UnsupportedPage(`definition levels in encoding ${header.levelEncoding}`);
      const length = page[0] | (page[1] << 8) | (page[2] << 16) | (page[3] << 24);
      levels = page.subarray(0, 4 + length);
      page = page.subarray(4 + length);
      start = 4;
    }
    // A required column has no levels: every row holds a value, and `defined` is not read.
    if (!this.optional) return { values: page, present: n };
    if (isOneRun(levels, start, n)) {
      // The usual page without nulls: its rows are marked only if some other page has nulls.
      this.unmarked.push(row, n);
      return { values: page, present: n };
    }
    const defined = this.defined;
    decodeHybrid(levels, start, levels.length, 1, defined, row, n);
    let present = 0;
    for (let i = row; i < row + n; i++) present += defined[i];
    return { values: page, present };
  }

  private dictionaryIndices(values: Uint8Array, row: number, n: number, present: number, dictionary: DictionaryPage): void {
    const bitWidth = values[0];
    if (bitWidth > MAX_BIT_WIDTH) throw new UnsupportedPage(`dictionary indices of ${bitWidth} bits`);
    // Indices below 2^bitWidth are checked against the dictionary only when it is smaller.
    const check = 2 ** bitWidth > dictionary.size;
    const output = this.output;
    if (this.type === PhysicalType.byteArray) {
      if (present === n) {
        decodeHybrid(values, 1, values.length, bitWidth, output, row, n);
        if (check) checkIndices(output, row, n, dictionary.size);
      } else {
        const scratch = this.scratch(present);
        decodeHybrid(values, 1, values.length, bitWidth, scratch, 0, present);
        if (check) checkIndices(scratch, 0, present, dictionary.size);
        this.scatterWords(scratch, output, row, n, 1);
      }
      return;
    }
    const codes = this.scratch(present);
    decodeHybrid(values, 1, values.length, bitWidth, codes, 0, present);
    if (check) checkIndices(codes, 0, present, dictionary.size);
    if (this.type === PhysicalType.boolean) {
      const booleans = dictionary.booleans!;
      for (let i = 0; i < present; i++) codes[i] = booleans[codes[i]];
      this.scatterBytes(codes, this.booleans, row, n, present);
      return;
    }
    // Gather the dictionary's values: into the rows when none is null, else through the codes' place.
    const table = dictionary.words!;
    if (this.words === 1) {
      if (present === n && dictionary.identity) output.set(codes.subarray(0, n), row);
      else if (present === n) gather(table, codes, output, row, n);
      else {
        gather(table, codes, codes, 0, present);
        this.scatterWords(codes, output, row, n, 1);
      }
      return;
    }
    const gathered = present === n ? output.subarray(2 * row) : new Int32Array(present * 2);
    for (let i = 0; i < present; i++) {
      const c = codes[i] * 2;
      gathered[2 * i] = table[c];
      gathered[2 * i + 1] = table[c + 1];
    }
    if (present < n) this.scatterWords(gathered, output, row, n, 2);
  }

  private plainValues(values: Uint8Array, row: number, n: number, present: number): void {
    if (this.type === PhysicalType.boolean) {
      if (values.length * 8 < present) throw new Error('a page holds fewer booleans than its header says');
      const bits = this.scratch(present);
      for (let i = 0; i < present; i++) bits[i] = (values[i >> 3] >> (i & 7)) & 1;
      this.scatterBytes(bits, this.booleans, row, n, present);
      return;
    }
    const words = this.words;
    if (values.length < present * words * 4) throw new Error('a page holds fewer values than its header says');
    if (present === n) {
      asBytes(this.output, row * words, n * words).set(values.subarray(0, n * words * 4));
      return;
    }
    const scratch = this.scratch(present * words);
    asBytes(scratch, 0, present * words).set(values.subarray(0, present * words * 4));
    this.scatterWords(scratch, this.output, row, n, words);
  }

  /** Zeros for rows `row … row + n`, all null. */
  private nulls(row: number, n: number): void {
    if (this.type === PhysicalType.boolean) this.booleans.fill(0, row, row + n);
    else if (this.type === PhysicalType.byteArray) {
      this.output.fill(0, row, row + n);
    } else this.output.fill(0, row * this.words, (row + n) * this.words);
  }

  /** Spreads `present` values (of `words` words each) over rows `row … row + n`, zeros at nulls. */
  private scatterWords(from: Int32Array, to: Int32Array, row: number, n: number, words: number): void {
    const defined = this.defined;
    let j = 0;
    if (words === 1) {
      for (let i = row; i < row + n; i++) to[i] = defined[i] ? from[j++] : 0;
      return;
    }
    for (let i = row; i < row + n; i++) {
      if (defined[i]) {
        to[2 * i] = from[j++];
        to[2 * i + 1] = from[j++];
      } else {
        to[2 * i] = 0;
        to[2 * i + 1] = 0;
      }
    }
  }

  private scatterBytes(from: Int32Array, to: Uint8Array, row: number, n: number, present: number): void {
    if (present === n) {
      for (let i = 0; i < n; i++) to[row + i] = from[i];
      return;
    }
    const defined = this.defined;
    let j = 0;
    for (let i = row; i < row + n; i++) to[i] = defined[i] ? from[j++] : 0;
  }

  /** A scratch array of at least `length` entries (the codes or values of one page). */
  private scratch(length: number): Int32Array {
    if (this.present.length < length) this.present = new Int32Array(Math.max(length, this.present.length * 2));
    return this.present;
  }

  private dictionaryPage(header: PageHeader, page: Uint8Array): DictionaryPage {
    if (header.encoding !== Encoding.plain && header.encoding !== Encoding.plainDictionary) {
      throw new UnsupportedPage(`dictionary page encoding ${header.encoding}`);
    }
    const size = header.numValues;
    if (this.type === PhysicalType.byteArray) {
      const offsets = new Int32Array(size + 1);
      let pos = 0;
      for (let i = 0; i < size; i++) {
        const length = readLength(page, pos);
        pos += 4 + length;
        offsets[i + 1] = offsets[i] + length;
      }
      if (pos > page.length) throw new Error('the dictionary page is shorter than its values');
      const bytes = new Uint8Array(offsets[size]);
      pos = 0;
      for (let i = 0; i < size; i++) {
        const length = offsets[i + 1] - offsets[i];
        bytes.set(page.subarray(pos + 4, pos + 4 + length), offsets[i]);
        pos += 4 + length;
      }
      const strings = makeVector(makeData({ type: new Utf8(), length: size, valueOffsets: offsets, data: bytes }));
      return { size, strings };
    }
    if (this.type === PhysicalType.boolean) {
      const booleans = new Uint8Array(size);
      for (let i = 0; i < size; i++) booleans[i] = (page[i >> 3] >> (i & 7)) & 1;
      return { size, booleans };
    }
    const words = new Int32Array(size * this.words);
    if (page.length < words.length * 4) throw new Error('the dictionary page is shorter than its values');
    asBytes(words, 0, words.length).set(page.subarray(0, words.length * 4));
    let identity = this.words === 1;
    for (let i = 0; identity && i < size; i++) identity = words[i] === i;
    return { size, words, identity };
  }
}

interface DictionaryPage {
  size: number;
  /** Entry i is i (0/1 labels in that order): indices are the values. */
  identity?: boolean;
  strings?: Vector<Utf8>;
  words?: Int32Array;
  booleans?: Uint8Array;
}

/** Row-aligned Arrow Utf8 offsets and bytes from PLAIN byte-array pages. */
class StringsBuilder {
  private readonly offsets: Int32Array;
  private bytes: Uint8Array;
  private length = 0;

  constructor(rows: number, reuse: Uint8Array) {
    this.offsets = new Int32Array(rows + 1);
    this.bytes = reuse.length > 0 ? reuse : new Uint8Array(1 << 16);
  }

  add(values: Uint8Array, defined: Int32Array | null, row: number, n: number, present: number): void {
    const offsets = this.offsets;
    let pos = 0;
    let seen = 0;
    for (let i = row; i < row + n; i++) {
      if (defined === null || defined[i]) {
        if (pos + 4 > values.length) throw new Error('a page holds fewer strings than its header says');
        const size = readLength(values, pos);
        if (pos + 4 + size > values.length) throw new Error('a string runs past its page');
        this.append(values, pos + 4, size);
        pos += 4 + size;
        seen++;
      }
      offsets[i + 1] = this.length;
    }
    if (seen !== present) throw new Error('a page holds fewer strings than its header says');
  }

  finish(): { offsets: Int32Array; bytes: Uint8Array } {
    return { offsets: this.offsets, bytes: this.bytes };
  }

  private append(from: Uint8Array, start: number, size: number): void {
    if (this.length + size > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.length + size, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    if (size > 16) this.bytes.set(from.subarray(start, start + size), this.length);
    else for (let i = 0; i < size; i++) this.bytes[this.length + i] = from[start + i];
    this.length += size;
  }
}

/** `to[at + i] = table[codes[i]]` for i < n. */
function gather(table: Int32Array, codes: Int32Array, to: Int32Array, at: number, n: number): void {
  for (let i = 0; i < n; i++) to[at + i] = table[codes[i]];
}

/** Whether definition levels `bytes[start …]` are one RLE run of at least `n` ones (no row of the page is null). */
function isOneRun(bytes: Uint8Array, start: number, n: number): boolean {
  let header = 0;
  let scale = 1;
  let pos = start;
  for (;;) {
    if (pos >= bytes.length) return false;
    const b = bytes[pos++];
    header += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) break;
  }
  return header % 2 === 0 && header / 2 >= n && bytes[pos] === 1;
}

function readLength(bytes: Uint8Array, pos: number): number {
  if (pos + 4 > bytes.length) throw new Error('a string length runs past its page');
  return (bytes[pos] | (bytes[pos + 1] << 8) | (bytes[pos + 2] << 16) | (bytes[pos + 3] << 24)) >>> 0;
}

function checkIndices(codes: Int32Array, start: number, n: number, size: number): void {
  let max = 0;
  for (let i = start; i < start + n; i++) if (codes[i] > max) max = codes[i];
  if (n > 0 && max >= size) throw new Error(`a dictionary index ${max} is past the dictionary's ${size} values`);
}

/** The bytes of `words` 32-bit words of `array` from word `start`. */
function asBytes(array: Int32Array, start: number, words: number): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset + start * 4, words * 4);
}

let empty: Vector<Utf8> | undefined;
function emptyStrings(): Vector<Utf8> {
  empty ??= makeVector(makeData({ type: new Utf8(), length: 0, valueOffsets: new Int32Array(1), data: new Uint8Array(0) }));
  return empty;
}
