/**
 * A seeded reservoir sample over a stream of Arrow record batches (Li's Algorithm L): every row
 * has the same chance to be in the sample, the sample is all rows when there are fewer than its
 * size, and only the rows it picks are ever decoded. Skips between picks grow as the stream
 * goes on, so late batches are mostly passed over untouched.
 */
import { DataType, Precision, type Data, type RecordBatch, type Vector } from 'apache-arrow';
import type { DataSource } from '../load/source.js';
import { openUnit, seededRandom } from './random.js';

/** A sampled cell: strings, numbers (dates as epoch milliseconds), booleans, or null. */
export type SampledValue = string | number | boolean | null;

/** What the values of a column are, as far as the rules care. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'date' | 'other';

/** One column of the sample, one entry per sampled row. */
export interface SampledColumn {
  name: string;
  /** Arrow type as text (`Utf8`, `Int32`, `Dictionary<Int32, Utf8>`, …). */
  type: string;
  kind: ValueKind;
  values: SampledValue[];
}

/** The sample the discovery rules run on. */
export interface Sample {
  /** Rows in the sample. */
  rows: number;
  /** Rows streamed to draw it. */
  rowsSeen: number;
  columns: SampledColumn[];
}

/** Options of {@link sampleSource}. */
export interface SampleOptions {
  /** Rows to keep (default 100 000). */
  sampleSize?: number;
  /** Seed of the draw (default 42). */
  seed?: number;
  /** Sample only these columns (default: every column of the schema). */
  columns?: readonly string[];
}

/**
 * Streams `source` once and keeps a uniform random sample of `sampleSize` rows (all of them when
 * there are fewer), decoding only the picked cells; dictionary columns decode only the dictionary
 * entries of the picked codes.
 *
 * @example
 * const sample = await sampleSource(tableSource(table), { sampleSize: 1000, seed: 7 });
 */
export async function sampleSource(source: DataSource, options: SampleOptions = {}): Promise<Sample> {
  const size = Math.max(1, Math.floor(options.sampleSize ?? 100_000));
  const fields = options.columns
    ? options.columns.map((name) => source.schema.fields.find((f) => f.name === name)).filter((f) => f !== undefined)
    : source.schema.fields;
  // Filled up front: writing slots out of order into an empty array would make it a slow sparse one.
  const columns: SampledColumn[] = fields.map((f) => ({ name: f.name, type: String(f.type), kind: valueKind(f.type), values: new Array<SampledValue>(size).fill(null) }));
  const reservoir = new ReservoirL(size, seededRandom(options.seed ?? 42));
  const dictionaries = new WeakMap<object, SampledValue[]>();
  const picks: number[] = [];
  const kept: number[] = [];
  // Batch number + 1 that last filled each slot: a slot picked twice in one batch is read once.
  const stamp = new Int32Array(size);
  let rowsSeen = 0;
  let batchNumber = 0;

  for await (const batch of source.scan({ columns: columns.map((c) => c.name) })) {
    picks.length = 0;
    kept.length = 0;
    batchNumber++;
    reservoir.picksIn(rowsSeen, batch.numRows, picks);
    rowsSeen += batch.numRows;
    for (let p = picks.length - 2; p >= 0; p -= 2) {
      const slot = picks[p + 1];
      if (stamp[slot] === batchNumber) continue;
      stamp[slot] = batchNumber;
      kept.push(picks[p], slot);
    }
    if (kept.length === 0) continue;
    for (const column of columns) {
      const read = readerFor(childByName(batch, column.name), dictionaries);
      const values = column.values;
      for (let p = 0; p < kept.length; p += 2) values[kept[p + 1]] = read(kept[p]);
    }
  }
  const rows = Math.min(size, rowsSeen);
  for (const column of columns) column.values.length = rows;
  return { rows, rowsSeen, columns };
}

/** Algorithm L (Li 1994): the reservoir fills with the first k rows, then skips geometric gaps. */
class ReservoirL {
  private w: number;
  /** Global index of the next row to take once the reservoir is full. */
  private next: number;

  constructor(
    private readonly k: number,
    private readonly random: () => number,
  ) {
    this.w = Math.exp(Math.log(openUnit(random)) / k);
    this.next = k + this.skip();
  }

  /** Appends `(index in batch, slot)` pairs for the rows [base, base + n) that enter the sample. */
  picksIn(base: number, n: number, out: number[]): void {
    const end = base + n;
    for (let row = base; row < end && row < this.k; row++) out.push(row - base, row);
    while (this.next < end) {
      out.push(this.next - base, Math.floor(this.random() * this.k));
      this.w *= Math.exp(Math.log(openUnit(this.random)) / this.k);
      this.next += this.skip() + 1;
    }
  }

  private skip(): number {
    const gap = Math.floor(Math.log(openUnit(this.random)) / Math.log(1 - this.w));
    return Number.isFinite(gap) ? gap : 0;
  }
}

function childByName(batch: RecordBatch, name: string): Vector {
  const index = batch.schema.fields.findIndex((f) => f.name === name);
  const child = index < 0 ? null : batch.getChildAt(index);
  if (!child) throw new Error(`record batch lacks column "${name}" announced by the schema`);
  return child;
}

function valueKind(type: DataType): ValueKind {
  const t = DataType.isDictionary(type) ? type.dictionary : type;
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t)) return 'string';
  if (DataType.isInt(t) || DataType.isFloat(t) || DataType.isDecimal(t)) return 'number';
  if (DataType.isBool(t)) return 'boolean';
  if (DataType.isDate(t) || DataType.isTimestamp(t)) return 'date';
  return 'other';
}

type Reader = (index: number) => SampledValue;
const utf8 = new TextDecoder();

/** A reader of one cell by index in the batch, straight from the Arrow buffers where it can. */
function readerFor(vector: Vector, dictionaries: WeakMap<object, SampledValue[]>): Reader {
  if (vector.data.length !== 1) return (i) => plain(vector.get(i));
  const data: Data = vector.data[0];
  const type = data.type as DataType;
  const valid = validity(data);
  if (DataType.isDictionary(type) && data.dictionary) {
    const dictionary = data.dictionary;
    let decoded = dictionaries.get(dictionary);
    if (!decoded) dictionaries.set(dictionary, (decoded = new Array<SampledValue | undefined>(dictionary.length).fill(undefined) as SampledValue[]));
    const cache = decoded;
    const codes = data.values as ArrayLike<number | bigint>;
    return (i) => {
      if (!valid(i)) return null;
      const code = Number(codes[i]);
      if (cache[code] === undefined) cache[code] = plain(dictionary.get(code));
      return cache[code];
    };
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) {
    const offsets = data.valueOffsets as ArrayLike<number | bigint>;
    const bytes = data.values as Uint8Array;
    return (i) => (valid(i) ? utf8.decode(bytes.subarray(Number(offsets[i]), Number(offsets[i + 1]))) : null);
  }
  if ((DataType.isInt(type) || DataType.isFloat(type)) && !(DataType.isFloat(type) && type.precision === Precision.HALF)) {
    const values = data.values as ArrayLike<number | bigint>;
    return (i) => (valid(i) ? Number(values[i]) : null);
  }
  if (DataType.isBool(type)) {
    const bits = data.values as Uint8Array;
    return (i) => {
      if (!valid(i)) return null;
      const at = data.offset + i;
      return ((bits[at >> 3] >> (at & 7)) & 1) === 1;
    };
  }
  return (i) => (valid(i) ? plain(vector.get(i)) : null);
}

/** Whether cell i is non-null, read from the validity bitmap (no per-cell type dispatch). */
function validity(data: Data): (i: number) => boolean {
  const bitmap = data.nullBitmap as Uint8Array | undefined;
  if (data.nullCount === 0 || !bitmap || bitmap.length === 0) return () => true;
  const offset = data.offset;
  return (i) => ((bitmap[(offset + i) >> 3] >> ((offset + i) & 7)) & 1) === 1;
}

/** A cell as a plain value: dates to epoch milliseconds, big integers to numbers, rest to text. */
function plain(value: unknown): SampledValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  return String(value);
}
