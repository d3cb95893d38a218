/**
 * The seeded sample discovery runs on. Over a stream of Arrow record batches it is a reservoir
 * sample (Li's Algorithm L): every row has the same chance to be in the sample, the sample is all
 * rows when there are fewer than its size, and only the rows it picks are ever decoded. Skips
 * between picks grow as the stream goes on, so late batches are mostly passed over untouched.
 * Parquet files, whose row count is known up front, are sampled in blocks instead
 * (./parquet-blocks.ts), reading only the rows drawn.
 */
import type { DataSource } from '../load/source.js';
import { childByName, readerFor, valueKind, type DictionaryCache } from './cells.js';
import { sampleParquetBlocks } from './parquet-blocks.js';
import { openUnit, uniformStream } from '../stats/rng.js';

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
  /** Rows in the data it was drawn from. */
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
 * Draws a seeded random sample of `sampleSize` rows of `source` (all of them when there are
 * fewer), decoding only the picked cells; dictionary columns decode only the dictionary entries
 * of the picked codes. A source made of Parquet files with more rows than the sample is sampled
 * in blocks of neighbouring rows read by row range (see {@link sampleParquetBlocks}); any other
 * source is streamed once through a reservoir, whose sample does not depend on the batch size.
 *
 * @example
 * const sample = await sampleSource(tableSource(table), { sampleSize: 1000, seed: 7 });
 */
export async function sampleSource(source: DataSource, options: SampleOptions = {}): Promise<Sample> {
  const size = Math.max(1, Math.floor(options.sampleSize ?? 100_000));
  const fields = options.columns
    ? options.columns.map((name) => source.schema.fields.find((f) => f.name === name)).filter((f) => f !== undefined)
    : source.schema.fields;
  const seed = options.seed ?? 42;
  const blocks = await sampleParquetBlocks(source, fields, size, seed);
  if (blocks) return blocks;
  const columns: SampledColumn[] = fields.map((f) => ({ name: f.name, type: String(f.type), kind: valueKind(f.type), values: [] as SampledValue[] }));
  const reservoir = new ReservoirL(size, uniformStream(seed));
  const dictionaries: DictionaryCache = new WeakMap();
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
      // Backwards: kept lists picks last-first, so while the reservoir fills its slots arrive in
      // ascending order and each write appends. The arrays grow with the rows seen (a wide table
      // of few rows holds no sample-size arrays per column), and never turn sparse.
      for (let p = kept.length - 2; p >= 0; p -= 2) values[kept[p + 1]] = read(kept[p]);
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
