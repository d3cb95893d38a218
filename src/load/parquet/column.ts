/**
 * Decodes the column chunks (one column of one row group) of a flat column: its dictionary page,
 * its data pages (v1 and v2), definition levels for nulls, dictionary indices and PLAIN values.
 * Rows come out row-aligned: row i is entry i, a null a zero with its `defined` flag cleared.
 * Buffers are reused from one batch and one row group to the next (transient scans only).
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

/** Decoded rows of a chunk. Exactly one of `codes`, `words`, `booleans` and `strings` is set. */
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

/** A data page of a chunk, its header read ahead. */
interface Page {
  header: PageHeader;
  /** Its (compressed) bytes within the chunk. */
  body: Uint8Array;
}

/**
 * Reads one column, one chunk (row group) at a time, page by page into a buffer of rows that the
 * scan hands out batch by batch: memory grows with the batch and page sizes, never with the row
 * group's. A batch's arrays are views of the buffer, valid until the next {@link fill}.
 */
export class ColumnReader {
  private decompressor: PageDecompressor;
  private readonly words: number;
  /** Row buffers: entry i is buffered row i (a null a zero, its `defined` flag 0). */
  private defined = new Int32Array(0);
  private output = new Int32Array(0);
  private booleans = new Uint8Array(0);
  private stringOffsets = new Int32Array(1);
  private stringBytes: Uint8Array = new Uint8Array(0);
  private present = new Int32Array(0);
  /** Rows buffered, and how many of them are null. */
  private buffered = 0;
  private bufferedNulls = 0;
  /** The chunk being read: its pages, the next one, its dictionary, whether its strings are PLAIN. */
  private pages: Page[] = [];
  private next = 0;
  private dictionary: DictionaryPage | undefined;
  private plainStrings = false;

  /** @param optional the column's maximum definition level is 1 (else 0: no nulls). */
  constructor(
    private readonly type: number,
    private readonly optional: boolean,
  ) {
    this.decompressor = new PageDecompressor(0);
    this.words = WORDS[type] ?? 0;
  }

  /**
   * Starts on a chunk: `bytes` are its pages, holding `rows` rows. Reads every page header first,
   * so a page this reader does not decode throws {@link UnsupportedPage} before any row is handed
   * out (and parquet-wasm can read the row group instead).
   */
  start(bytes: Uint8Array, chunk: ColumnChunk, rows: number): void {
    if (chunk.numValues !== rows) throw new UnsupportedPage(`the chunk holds ${chunk.numValues} values for ${rows} rows`);
    if (this.decompressor.codec !== chunk.codec) this.decompressor = new PageDecompressor(chunk.codec);
    this.pages = readPages(bytes, rows, this.type, this.optional);
    this.plainStrings = this.type === PhysicalType.byteArray && this.pages.some((p) => p.header.type !== PageType.dictionary && p.header.encoding === Encoding.plain);
    this.next = 0;
    this.dictionary = undefined;
    this.buffered = 0;
    this.bufferedNulls = 0;
    this.stringOffsets[0] = 0;
  }

  /** Decodes pages until `rows` rows are buffered (or the chunk ends); returns the rows buffered. */
  fill(rows: number): number {
    while (this.buffered < rows && this.next < this.pages.length) {
      const { header, body } = this.pages[this.next++];
      if (header.type === PageType.dictionary) {
        this.dictionary = this.dictionaryPage(header, this.decompressor.decompress(body, header.uncompressedSize));
      } else if (header.type === PageType.data || header.type === PageType.dataV2) {
        this.dataPage(header, body);
      }
    }
    return this.buffered;
  }

  /** Drops the next `rows` rows, passing over whole pages before them without decoding them. */
  skipRows(rows: number): void {
    while (rows > 0) {
      const page = this.buffered === 0 ? this.pages[this.next] : undefined;
      if (page?.header.type === PageType.dictionary) {
        this.next++;
        this.dictionary = this.dictionaryPage(page.header, this.decompressor.decompress(page.body, page.header.uncompressedSize));
        continue;
      }
      if (page && page.header.numValues <= rows) {
        this.next++;
        rows -= page.header.numValues;
        continue;
      }
      const dropped = Math.min(rows, this.fill(rows));
      if (dropped === 0) throw new Error('the chunk ends before its rows');
      this.consume(dropped);
      rows -= dropped;
    }
  }

  /** The first `rows` buffered rows. */
  peek(rows: number): DecodedChunk {
    const nullCount = this.bufferedNulls === 0 ? 0 : countZeros(this.defined, rows);
    const result: DecodedChunk = { rows, defined: nullCount > 0 ? this.defined : null, nullCount };
    if (this.type === PhysicalType.boolean) result.booleans = this.booleans;
    else if (this.plainStrings) result.strings = { offsets: this.stringOffsets, bytes: this.stringBytes };
    else if (this.type === PhysicalType.byteArray) {
      result.codes = this.output;
      result.dictionary = this.dictionary?.strings ?? emptyStrings();
    } else result.words = this.output;
    return result;
  }

  /** Drops the first `rows` buffered rows (a batch the scan handed out), keeping the rest in order. */
  consume(rows: number): void {
    const left = this.buffered - rows;
    if (this.bufferedNulls > 0) this.bufferedNulls -= countZeros(this.defined, rows);
    if (this.optional) this.defined.copyWithin(0, rows, this.buffered);
    if (this.type === PhysicalType.boolean) this.booleans.copyWithin(0, rows, this.buffered);
    else if (this.plainStrings) {
      const offsets = this.stringOffsets;
      const base = offsets[rows];
      this.stringBytes.copyWithin(0, base, offsets[this.buffered]);
      for (let i = 0; i <= left; i++) offsets[i] = offsets[rows + i] - base;
    } else {
      const width = Math.max(this.words, 1);
      this.output.copyWithin(0, rows * width, this.buffered * width);
    }
    this.buffered = left;
  }

  /** Decodes one data page onto the end of the buffer. */
  private dataPage(header: PageHeader, body: Uint8Array): void {
    const row = this.buffered;
    const n = header.numValues;
    this.reserve(row + n);
    const { values, present } = this.levels(header, body, row, n);
    this.bufferedNulls += n - present;
    const encoding = header.encoding;
    if (this.plainStrings) this.addStrings(values, present < n ? this.defined : null, row, n, present);
    else if (present === 0) this.nulls(row, n);
    else if (encoding === Encoding.rleDictionary || encoding === Encoding.plainDictionary) {
      if (!this.dictionary) throw new Error('a dictionary-encoded page comes without a dictionary');
      this.dictionaryIndices(values, row, n, present, this.dictionary);
    } else if (encoding === Encoding.plain) {
      this.plainValues(values, row, n, present);
    } else {
      // RLE booleans (readPages lets no other encoding through): a 4-byte length, then width-1 runs.
      const scratch = this.scratch(present);
      decodeHybrid(values, 4, values.length, 1, scratch, 0, present);
      this.scatterBytes(scratch, this.booleans, row, n, present);
    }
    this.buffered = row + n;
  }

  /** Room for `rows` buffered rows, keeping those buffered. */
  private reserve(rows: number): void {
    const grow = <T extends Int32Array | Uint8Array>(array: T, length: number): T => {
      if (array.length >= length) return array;
      const grown = new (array.constructor as new (n: number) => T)(Math.max(length, array.length * 2));
      grown.set(array);
      return grown;
    };
    if (this.optional) this.defined = grow(this.defined, rows);
    if (this.type === PhysicalType.boolean) this.booleans = grow(this.booleans, rows);
    else if (this.plainStrings) this.stringOffsets = grow(this.stringOffsets, rows + 1);
    else this.output = grow(this.output, rows * Math.max(this.words, 1));
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
      const length = page[0] | (page[1] << 8) | (page[2] << 16) | (page[3] << 24);
      levels = page.subarray(0, 4 + length);
      page = page.subarray(4 + length);
      start = 4;
    }
    // A required column has no levels: every row holds a value, and `defined` is not read.
    if (!this.optional) return { values: page, present: n };
    const defined = this.defined;
    if (isOneRun(levels, start, n)) {
      // The usual page, without nulls.
      defined.fill(1, row, row + n);
      return { values: page, present: n };
    }
    decodeHybrid(levels, start, levels.length, 1, defined, row, n);
    let present = 0;
    for (let i = row; i < row + n; i++) present += defined[i];
    return { values: page, present };
  }

  private dictionaryIndices(values: Uint8Array, row: number, n: number, present: number, dictionary: DictionaryPage): void {
    const bitWidth = values[0];
    if (bitWidth > MAX_BIT_WIDTH) throw new Error(`dictionary indices of ${bitWidth} bits`);
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

  /** PLAIN strings of a page onto the end of the buffer: Arrow Utf8 offsets and bytes. */
  private addStrings(values: Uint8Array, defined: Int32Array | null, row: number, n: number, present: number): void {
    const offsets = this.stringOffsets;
    let length = offsets[row];
    let pos = 0;
    let seen = 0;
    for (let i = row; i < row + n; i++) {
      if (defined === null || defined[i]) {
        const size = readLength(values, pos);
        if (pos + 4 + size > values.length) throw new Error('a string runs past its page');
        if (length + size > this.stringBytes.length) {
          const grown = new Uint8Array(Math.max(length + size, this.stringBytes.length * 2, 1 << 16));
          grown.set(this.stringBytes.subarray(0, length));
          this.stringBytes = grown;
        }
        const bytes = this.stringBytes;
        if (size > 16) bytes.set(values.subarray(pos + 4, pos + 4 + size), length);
        else for (let k = 0; k < size; k++) bytes[length + k] = values[pos + 4 + k];
        length += size;
        pos += 4 + size;
        seen++;
      }
      offsets[i + 1] = length;
    }
    if (seen !== present) throw new Error('a page holds fewer strings than its header says');
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

/**
 * The pages of a chunk, headers read. Throws {@link UnsupportedPage} for what this reader does not
 * decode: encodings other than PLAIN, dictionary indices and RLE booleans; definition levels not in
 * RLE; repeated values; a string column whose dictionary gave way to PLAIN pages part-way (writers
 * do that when a dictionary grows too large). Throws Error for pages that do not fit the chunk.
 */
function readPages(bytes: Uint8Array, rows: number, type: number, optional: boolean): Page[] {
  const pages: Page[] = [];
  let values = 0;
  let indexed = false;
  let plain = false;
  for (let pos = 0; values < rows; ) {
    if (pos >= bytes.length) throw new Error('the chunk ends before its rows');
    const { header, end } = decodePageHeader(bytes, pos);
    const body = bytes.subarray(end, end + header.compressedSize);
    if (body.length !== header.compressedSize) throw new Error('a page runs past its chunk');
    pos = end + header.compressedSize;
    const { encoding } = header;
    if (header.type === PageType.dictionary) {
      if (encoding !== Encoding.plain && encoding !== Encoding.plainDictionary) throw new UnsupportedPage(`dictionary page encoding ${encoding}`);
    } else if (header.type === PageType.data || header.type === PageType.dataV2) {
      const dictionary = encoding === Encoding.rleDictionary || encoding === Encoding.plainDictionary;
      if (!dictionary && encoding !== Encoding.plain && !(encoding === Encoding.rle && type === PhysicalType.boolean)) {
        throw new UnsupportedPage(`encoding ${encoding} is not supported`);
      }
      if (optional && header.levelEncoding !== undefined && header.levelEncoding !== Encoding.rle) {
        throw new UnsupportedPage(`definition levels in encoding ${header.levelEncoding}`);
      }
      if (header.v2 && header.v2.repetitionBytes > 0) throw new UnsupportedPage('repeated values');
      indexed ||= dictionary;
      plain ||= encoding === Encoding.plain;
      if (type === PhysicalType.byteArray && indexed && plain) throw new UnsupportedPage('a dictionary that gives way to PLAIN pages');
      values += header.numValues;
    } else continue;
    pages.push({ header, body });
  }
  if (values !== rows) throw new UnsupportedPage(`the pages hold ${values} values for ${rows} rows`);
  return pages;
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

/** The number of zeros among `flags[0 … n)`. */
function countZeros(flags: Int32Array, n: number): number {
  let ones = 0;
  for (let i = 0; i < n; i++) ones += flags[i];
  return n - ones;
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
