/**
 * The default sample of a {@link DataSource}: a reservoir over one streaming scan (Li's Algorithm
 * L). Every row has the same chance to be in the sample, the sample is all rows when there are
 * fewer than its size, and only the rows it picks are ever decoded. Skips between picks grow as
 * the stream goes on, so late batches are mostly passed over untouched. Sources that can reach
 * rows directly sample natively instead ({@link DataSource.sample}; Parquet in
 * ./parquet/sample.ts).
 */
import type { Field } from 'apache-arrow';
import { childByName, readerFor, valueKind, type DictionaryCache, type SampledValue } from '../arrow/cells.js';
import { openUnit, uniformStream } from '../stats/rng.js';
import type { DataSource, Sample, SampledColumn } from './source.js';

/**
 * Draws a seeded reservoir sample of `size` rows of `source` (all of them when there are fewer)
 * over the columns `columns` (default: every column of the schema; names the schema lacks are
 * left out), decoding only the picked cells; dictionary columns decode only the dictionary entries
 * of the picked codes. The sample does not depend on the batch size.
 *
 * @example
 * const sample = await reservoirSample(tableSource(table), 1000, 7);
 */
export async function reservoirSample(source: DataSource, size: number, seed: number, columns?: readonly string[]): Promise<Sample> {
  const fields = sampledFields(source, columns);
  const sampled: SampledColumn[] = fields.map((f) => ({ name: f.name, type: String(f.type), kind: valueKind(f.type), values: [] as SampledValue[] }));
  const reservoir = new ReservoirL(size, uniformStream(seed));
  const dictionaries: DictionaryCache = new WeakMap();
  const picks: number[] = [];
  const kept: number[] = [];
  // Batch number + 1 that last filled each slot: a slot picked twice in one batch is read once.
  const stamp = new Int32Array(size);
  let rowsSeen = 0;
  let batchNumber = 0;

  for await (const batch of source.scan({ columns: sampled.map((c) => c.name) })) {
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
    for (const column of sampled) {
      const read = readerFor(childByName(batch, column.name), dictionaries);
      const values = column.values;
      // Backwards: kept lists picks last-first, so while the reservoir fills its slots arrive in
      // ascending order and each write appends. The arrays grow with the rows seen (a wide table
      // of few rows holds no sample-size arrays per column), and never turn sparse.
      for (let p = kept.length - 2; p >= 0; p -= 2) values[kept[p + 1]] = read(kept[p]);
    }
  }
  const rows = Math.min(size, rowsSeen);
  for (const column of sampled) column.values.length = rows;
  return { rows, rowsSeen, columns: sampled };
}

/** The fields of `source` named in `columns` (in that order), or all of them. */
export function sampledFields(source: DataSource, columns: readonly string[] | undefined): Field[] {
  if (!columns) return source.schema.fields;
  return columns.map((name) => source.schema.fields.find((f) => f.name === name)).filter((f) => f !== undefined);
}

/**
 * Algorithm L (Li 1994): the reservoir fills with the first k rows, then skips geometric gaps.
 * Which rows enter, and into which slot, depends only on the seeded stream, never on how the rows
 * are batched: {@link picksIn} hands out the picks of a batch at a time, {@link nextRow} and
 * {@link take} one pick at a time (for a reader that counts rows without building batches). One
 * instance uses one of the two.
 */
export class ReservoirL {
  private w: number;
  /** Global index of the next row to take once the reservoir is full. */
  private next: number;
  /** Rows taken while the reservoir fills (for {@link take}). */
  private filled = 0;

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

  /** Global index of the next row that enters the sample (rows count from 0). */
  get nextRow(): number {
    return this.filled < this.k ? this.filled : this.next;
  }

  /** The slot the row {@link nextRow} enters; moves on to the pick after it. */
  take(): number {
    if (this.filled < this.k) return this.filled++;
    const slot = Math.floor(this.random() * this.k);
    this.w *= Math.exp(Math.log(openUnit(this.random)) / this.k);
    this.next += this.skip() + 1;
    return slot;
  }

  private skip(): number {
    const gap = Math.floor(Math.log(openUnit(this.random)) / Math.log(1 - this.w));
    return Number.isFinite(gap) ? gap : 0;
  }
}
