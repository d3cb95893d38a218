/**
 * Column builders for the text formats: values go straight into typed arrays (Float64 values, Bool
 * bits, Int32 dictionary codes) and a validity bitmap, and come out as one Arrow `Data` per batch.
 */
import { Bool, Data, Dictionary, Float64, makeData, type DataType, type Int32, type Utf8 } from 'apache-arrow';
import { UserError } from '../errors.js';
import { decodeRange } from './csv-tokenizer.js';
import type { GrowingDictionary } from './dictionary.js';
import { isMissingNumber, isNullToken, parseBoolean, parseDecimalComma, parseNumber, type ColumnKind } from './infer.js';
import { Utf8Bytes } from './utf8-bytes.js';

/** Receives the values of one column, one row at a time. */
export interface ColumnBuilder {
  readonly name: string;
  readonly type: DataType;
  /** Rows in the current batch. */
  readonly length: number;
  /** Adds a text value (CSV field); throws {@link UserError} when it contradicts the column type. */
  addText(value: string, line: number): void;
  /** Adds the text `text.slice(start, end)` (an unquoted CSV field) without slicing when it can. */
  addRange(text: string, start: number, end: number, line: number): void;
  /** Adds the UTF-8 `bytes` from `start` to `end` (an unquoted CSV field) without decoding when it can. */
  addBytes(bytes: Uint8Array, start: number, end: number, line: number): void;
  /** Adds a JSON value (JSON Lines); `null` and `undefined` are missing. */
  addJson(value: unknown, line: number): void;
  /** Drops the rows from `length` on (a record that turned out incomplete). */
  truncate(length: number): void;
  /** The current batch as Arrow data; the builder starts the next batch empty. */
  flush(): Data;
}

/**
 * A builder for a column of the given kind. String columns code their values in `dictionary`,
 * which may be shared across batches and files so codes stay stable; once the dictionary spills
 * (too many distinct values, see ./dictionary.ts) the column's batches are plain Utf8 instead. With `reuse` (default
 * false), every batch is built in the same memory, so a batch is valid only until the next
 * {@link ColumnBuilder.flush} (`ScanOptions.transient`); fresh memory per batch costs page faults.
 */
export function columnBuilder(name: string, kind: ColumnKind, type: DataType, capacity: number, dictionary: GrowingDictionary, reuse = false): ColumnBuilder {
  if (kind === 'number' || kind === 'decimal_comma') return new NumberBuilder(name, capacity, reuse, kind === 'decimal_comma');
  if (kind === 'boolean') return new BooleanBuilder(name, capacity, reuse);
  return new DictionaryBuilder(name, type as Dictionary<Utf8, Int32>, capacity, dictionary, reuse);
}

const MAX_SHOWN = 40;

/** Sets of a dictionary column's two-way cache of recent values (a power of two). */
const RECENT_SLOTS = 256;

/** Longest value, in UTF-8 bytes, that a dictionary column's byte cache holds. */
const RECENT_BYTES = 32;

/** A dictionary column checks its bound every 4,096 rows (this mask + 1). */
const SPILL_CHECK_MASK = 4095;

const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

const EXPECTED = {
  number: ['a number', 'numbers'],
  decimal_comma: ['a number with a decimal comma', 'numbers with a decimal comma'],
  boolean: ['true or false', 'true/false values'],
} as const;

function contradiction(value: unknown, kind: keyof typeof EXPECTED, name: string, line: number): UserError {
  const [one, all] = EXPECTED[kind];
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const shown = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  return new UserError(`${JSON.stringify(shown)} is not ${one}, but the first rows of this column held only ${all}`, {
    line,
    column: name,
    hint: 'fix the value, or write it as a missing value: empty, NA or NULL',
  });
}

abstract class BaseBuilder {
  length = 0;
  protected nullCount = 0;
  protected validity: Uint8Array;

  constructor(
    readonly name: string,
    protected readonly capacity: number,
    /** Build every batch in the same memory (every row's bits and value are written, so none is cleared). */
    protected readonly reuse: boolean,
  ) {
    this.validity = new Uint8Array((capacity + 7) >> 3);
  }

  protected setValid(i: number): void {
    this.validity[i >> 3] |= 1 << (i & 7);
  }

  protected setNull(i: number): void {
    this.validity[i >> 3] &= ~(1 << (i & 7));
    this.nullCount++;
    // A reused buffer holds the last batch's value here; a missing row reads as 0, as in fresh memory.
    this.clearValue(i);
  }

  protected abstract clearValue(i: number): void;

  abstract addText(value: string, line: number): void;

  addRange(text: string, start: number, end: number, line: number): void {
    this.addText(text.slice(start, end), line);
  }

  addBytes(bytes: Uint8Array, start: number, end: number, line: number): void {
    this.addText(decodeRange(bytes, start, end), line);
  }

  truncate(length: number): void {
    for (let i = length; i < this.length; i++) if ((this.validity[i >> 3] & (1 << (i & 7))) === 0) this.nullCount--;
    this.length = length;
  }

  /** Validity for the batch, or undefined when nothing is missing; resets the counters. */
  protected takeValidity(): { nullBitmap: Uint8Array | undefined; nullCount: number; length: number } {
    const taken = { nullBitmap: this.nullCount > 0 ? this.validity.subarray(0, (this.length + 7) >> 3) : undefined, nullCount: this.nullCount, length: this.length };
    if (!this.reuse) this.validity = new Uint8Array((this.capacity + 7) >> 3);
    this.nullCount = 0;
    this.length = 0;
    return taken;
  }
}

class NumberBuilder extends BaseBuilder implements ColumnBuilder {
  readonly type = new Float64();
  private values: Float64Array;

  /** `decimalComma`: the column writes its numbers with a decimal comma (`0,54`). */
  constructor(
    name: string,
    capacity: number,
    reuse: boolean,
    private readonly decimalComma = false,
  ) {
    super(name, capacity, reuse);
    this.values = new Float64Array(capacity);
  }

  addText(value: string, line: number): void {
    const i = this.length;
    if (isNullToken(value) || isMissingNumber(value)) {
      this.setNull(i);
    } else {
      const n = this.decimalComma ? parseDecimalComma(value) : parseNumber(value);
      if (n !== n) throw contradiction(value, this.decimalComma ? 'decimal_comma' : 'number', this.name, line);
      this.values[i] = n;
      this.setValid(i);
    }
    this.length = i + 1;
  }

  /**
   * Plain decimals (`-12`, `3.25`, at most 15 digits) are parsed from the bytes: the digits as an
   * integer N below 2^53 divided by 10^k is the correctly rounded double, exactly what `Number()`
   * gives. Anything else (exponents, null tokens, text) takes the general path.
   */
  override addBytes(bytes: Uint8Array, start: number, end: number, line: number): void {
    let i = start;
    const negative = bytes[i] === 45;
    if (negative) i++;
    let mantissa = 0;
    let digits = 0;
    let decimals = -1;
    // The decimal separator: a comma in a decimal-comma column (its thousands dots take the general path).
    const point = this.decimalComma ? 44 : 46;
    for (; i < end; i++) {
      const c = bytes[i];
      if (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
        if (decimals >= 0) decimals++;
      } else if (c === point && decimals < 0) {
        decimals = 0;
      } else {
        break;
      }
    }
    if (i !== end || digits === 0 || digits > 15) {
      this.addText(decodeRange(bytes, start, end), line);
      return;
    }
    const value = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
    this.values[this.length] = negative ? -value : value;
    this.setValid(this.length++);
  }

  protected clearValue(i: number): void {
    this.values[i] = 0;
  }

  addJson(value: unknown, line: number): void {
    if (typeof value === 'number') {
      this.values[this.length] = value;
      this.setValid(this.length++);
    } else if (value === null || value === undefined) {
      this.setNull(this.length++);
    } else if (typeof value === 'string') {
      this.addText(value, line);
    } else {
      throw contradiction(value, 'number', this.name, line);
    }
  }

  flush(): Data {
    const values = this.values;
    const { length, nullCount, nullBitmap } = this.takeValidity();
    if (!this.reuse) this.values = new Float64Array(this.capacity);
    return makeData({ type: this.type, length, nullCount, nullBitmap, data: values.subarray(0, length) });
  }
}

class BooleanBuilder extends BaseBuilder implements ColumnBuilder {
  readonly type = new Bool();
  private bits: Uint8Array;

  constructor(name: string, capacity: number, reuse: boolean) {
    super(name, capacity, reuse);
    this.bits = new Uint8Array((capacity + 7) >> 3);
  }

  private set(i: number, value: boolean): void {
    if (value) this.bits[i >> 3] |= 1 << (i & 7);
    else this.bits[i >> 3] &= ~(1 << (i & 7));
    this.setValid(i);
  }

  protected clearValue(i: number): void {
    this.bits[i >> 3] &= ~(1 << (i & 7));
  }

  addText(value: string, line: number): void {
    const i = this.length;
    const b = parseBoolean(value);
    if (b !== undefined) this.set(i, b);
    else if (isNullToken(value)) this.setNull(i);
    else throw contradiction(value, 'boolean', this.name, line);
    this.length = i + 1;
  }

  addJson(value: unknown, line: number): void {
    if (typeof value === 'boolean') this.set(this.length++, value);
    else if (value === null || value === undefined) this.setNull(this.length++);
    else if (typeof value === 'string') this.addText(value, line);
    else throw contradiction(value, 'boolean', this.name, line);
  }

  flush(): Data {
    const bits = this.bits;
    const { length, nullCount, nullBitmap } = this.takeValidity();
    if (!this.reuse) this.bits = new Uint8Array((this.capacity + 7) >> 3);
    return makeData({ type: this.type, length, nullCount, nullBitmap, data: bits.subarray(0, (length + 7) >> 3) });
  }
}

class DictionaryBuilder extends BaseBuilder implements ColumnBuilder {
  private codes: Int32Array;
  /** The values as bytes once the dictionary has spilled; null while values are coded. */
  private plain: Utf8Bytes | null = null;

  constructor(
    name: string,
    readonly type: Dictionary<Utf8, Int32>,
    capacity: number,
    private readonly dictionary: GrowingDictionary,
    reuse: boolean,
  ) {
    super(name, capacity, reuse);
    this.codes = new Int32Array(capacity);
    if (dictionary.spilled) this.plain = new Utf8Bytes(capacity, reuse);
  }

  protected clearValue(i: number): void {
    if (this.plain) this.plain.setEmpty(i);
    else this.codes[i] = 0;
  }

  addText(value: string): void {
    const i = this.length;
    if (isNullToken(value)) {
      this.setNull(i);
    } else if (this.plain) {
      this.plain.setText(i, value);
      this.setValid(i);
    } else {
      this.codes[i] = this.dictionary.code(value);
      this.setValid(i);
    }
    this.length = i + 1;
    if (!this.plain && (i & SPILL_CHECK_MASK) === SPILL_CHECK_MASK) this.spillIfBound();
  }

  // Recently seen values, as UTF-8 bytes (up to RECENT_BYTES of them), in a two-way cache indexed
  // by a hash of their first and last bytes and length: for the low-cardinality columns an audit
  // groups by, nearly every field matches a known value without being decoded or hashed whole.
  private readonly recentBytes = new Uint8Array(2 * RECENT_SLOTS * RECENT_BYTES);
  private readonly recentLengths = new Int32Array(2 * RECENT_SLOTS).fill(-1);
  private readonly recentCodes = new Int32Array(2 * RECENT_SLOTS);

  override addBytes(bytes: Uint8Array, start: number, end: number): void {
    const length = end - start;
    const i = this.length;
    if (length === 0) {
      this.setNull(i);
      this.length = i + 1;
      return;
    }
    if (this.plain) {
      this.addPlainBytes(i, bytes, start, end);
      return;
    }
    const way = ((bytes[start] * 31 + bytes[end - 1] * 7 + length) & (RECENT_SLOTS - 1)) << 1;
    let code: number;
    if (this.matches(way, bytes, start, length)) code = this.recentCodes[way];
    else if (this.matches(way + 1, bytes, start, length)) code = this.recentCodes[way + 1];
    else code = this.remember(way, bytes, start, end);
    if (code < 0) {
      this.setNull(i);
    } else {
      this.codes[i] = code;
      this.setValid(i);
    }
    this.length = i + 1;
    if ((i & SPILL_CHECK_MASK) === SPILL_CHECK_MASK) this.spillIfBound();
  }

  /**
   * Every {@link SPILL_CHECK_MASK} + 1 rows: once the dictionary passes its bound, the rows coded
   * so far in this batch are rewritten as bytes and the rest of the batch (and every later one) is
   * plain, so a unique column does not fill a whole batch's worth of map first.
   */
  private spillIfBound(): void {
    const dictionary = this.dictionary;
    if (!dictionary.passesBound(this.length)) return;
    dictionary.spill();
    const plain = new Utf8Bytes(this.capacity, this.reuse);
    const bytes = dictionary.bytesOf;
    for (let row = 0; row < this.length; row++) {
      if ((this.validity[row >> 3] & (1 << (row & 7))) === 0) plain.setEmpty(row);
      else {
        const code = this.codes[row];
        plain.setBytes(row, bytes, dictionary.startOf(code), dictionary.startOf(code + 1));
      }
    }
    this.plain = plain;
  }

  private matches(entry: number, bytes: Uint8Array, start: number, length: number): boolean {
    if (this.recentLengths[entry] !== length) return false;
    const recent = this.recentBytes;
    for (let k = 0, at = entry * RECENT_BYTES; k < length; k++) if (recent[at + k] !== bytes[start + k]) return false;
    return true;
  }

  /** A spilled column's field: its bytes copied as they are, unless it is a null token (every one starts with N, n, ?, a space or a tab). */
  private addPlainBytes(i: number, bytes: Uint8Array, start: number, end: number): void {
    const first = bytes[start];
    if ((first === 78 || first === 110 || first === 63 || first === 32 || first === 9) && isNullToken(decodeRange(bytes, start, end))) {
      this.setNull(i);
    } else {
      this.plain!.setBytes(i, bytes, start, end);
      this.setValid(i);
    }
    this.length = i + 1;
  }

  /** Codes a value not in the cache (-1 for a null token) and caches it in the first way, the older entry moving to the second. */
  private remember(way: number, bytes: Uint8Array, start: number, end: number): number {
    const value = decodeRange(bytes, start, end);
    const code = isNullToken(value) ? -1 : this.dictionary.code(value);
    const length = end - start;
    if (length <= RECENT_BYTES) {
      const { recentBytes, recentLengths, recentCodes } = this;
      recentBytes.copyWithin((way + 1) * RECENT_BYTES, way * RECENT_BYTES, (way + 1) * RECENT_BYTES);
      recentLengths[way + 1] = recentLengths[way];
      recentCodes[way + 1] = recentCodes[way];
      recentBytes.set(bytes.subarray(start, end), way * RECENT_BYTES);
      recentLengths[way] = length;
      recentCodes[way] = code;
    }
    return code;
  }

  addJson(value: unknown): void {
    if (typeof value === 'string') this.addText(value);
    else if (value === null || value === undefined) this.setNull(this.length++);
    else {
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      if (this.plain) this.plain.setText(this.length, text);
      else this.codes[this.length] = this.dictionary.code(text);
      this.setValid(this.length++);
    }
  }

  override truncate(length: number): void {
    super.truncate(length);
    this.plain?.truncate(length);
  }

  /**
   * The batch as dictionary codes, or as plain Utf8 once the dictionary has spilled; a batch that
   * makes it spill is still coded, and the next one is plain.
   */
  flush(): Data {
    const plain = this.plain;
    const codes = this.codes;
    const { length, nullCount, nullBitmap } = this.takeValidity();
    if (plain) return plain.flush(length, nullCount, nullBitmap);
    if (!this.reuse) this.codes = new Int32Array(this.capacity);
    const data = makeData({ type: this.type, length, nullCount, nullBitmap, data: codes.subarray(0, length), dictionary: this.dictionary.vector() });
    if (this.dictionary.settle(length)) this.plain = new Utf8Bytes(this.capacity, this.reuse);
    return data;
  }
}
