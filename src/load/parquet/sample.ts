/**
 * Block sampling of Parquet files: the native `DataSource.sample` of a Parquet source (../open.ts).
 * A uniform sample of single rows from a Parquet file touches every data page, so drawing one
 * means decompressing and decoding the whole file; a sample of blocks of neighbouring rows reads
 * only the pages those blocks sit in. The row count and the
 * row groups come from the file footer, so the blocks are drawn before any data is read.
 *
 * Every row group is cut into blocks of near-equal size (never across row groups, so each block
 * is one ranged read), and blocks are drawn uniformly without replacement: each row's chance to
 * be sampled is its block's, about the same for all. Neighbouring rows are alike in sorted data,
 * so a block sample varies more than a row sample of the same size; drawing one block in each of
 * {@link SAMPLE_BLOCKS} equal stretches of the file keeps it spread over the whole file. Each
 * block costs one ranged read (about the column chunks of its row group), which is what bounds
 * their number.
 */
import { tableFromIPC, type Field, type RecordBatch } from 'apache-arrow';
import { openAsBlob } from 'node:fs';
import { childByName, readerFor, valueKind, type DictionaryCache, type SampledValue } from '../../arrow/cells.js';
import { uniformStream } from '../../stats/rng.js';
import type { FileProvenance, Sample, SampledColumn } from '../source.js';
import { UnsupportedPage } from './column.js';
import { readFooter } from './footer.js';
import type { FileMetadata } from './metadata.js';
import { planNative, type NativeColumn } from './plan.js';
import { RowGroupReader } from './scan.js';
import { arrowSchema } from './schema.js';
import { loadParquetWasm } from './wasm.js';

/** Blocks a sample is drawn in (default): the sample size divided by this is the block length. */
const SAMPLE_BLOCKS = 16;

/** Rows `start` to `start + length` of row group `group` of file `file`. */
export interface RowBlock {
  file: number;
  group: number;
  start: number;
  length: number;
}

/**
 * Draws the blocks of a seeded block sample of `size` rows from files whose row groups hold
 * `groups[file][group]` rows. Block length is ⌈size / blocks⌉; a row group of n rows is cut into
 * q = ⌈n / length⌉ blocks, block j covering rows ⌊j·n/q⌋ to ⌊(j+1)·n/q⌋. The Q blocks of all
 * files, in file order, are split into `blocks` strata of ⌊Q/blocks⌋ or ⌈Q/blocks⌉ neighbouring
 * blocks and one block is drawn uniformly from each (so the sample spans the whole file, and every
 * block has about the same chance, blocks/Q); when these hold fewer than `size` rows (short blocks
 * at row-group ends), further blocks are drawn uniformly from the rest. The last block is cut short
 * to make exactly `size` rows (all rows when there are no more). Returned in file order.
 *
 * @example
 * planBlocks([[1000, 1000]], 100, 7, 4); // four blocks of 25 rows, one in each quarter of the 2000
 */
export function planBlocks(groups: readonly (readonly number[])[], size: number, seed: number, blocks: number = SAMPLE_BLOCKS): RowBlock[] {
  const length = Math.max(1, Math.ceil(size / Math.max(1, blocks)));
  const spans: { file: number; group: number; rows: number; count: number; first: number }[] = [];
  let total = 0;
  let rows = 0;
  groups.forEach((inFile, file) =>
    inFile.forEach((n, group) => {
      if (n <= 0) return;
      const count = Math.ceil(n / length);
      spans.push({ file, group, rows: n, count, first: total });
      total += count;
      rows += n;
    }),
  );
  const random = uniformStream(seed);
  const want = Math.min(size, rows);
  const taken = new Set<number>();
  const out: RowBlock[] = [];
  let have = 0;
  const take = (index: number): void => {
    taken.add(index);
    const span = spans[spanOf(spans, index)];
    const j = index - span.first;
    const start = Math.floor((j * span.rows) / span.count);
    const end = Math.floor(((j + 1) * span.rows) / span.count);
    const rowsIn = Math.min(end - start, want - have);
    out.push({ file: span.file, group: span.group, start, length: rowsIn });
    have += rowsIn;
  };
  const strata = Math.min(Math.max(1, blocks), total);
  for (let s = 0; s < strata && have < want; s++) {
    const from = Math.floor((s * total) / strata);
    const to = Math.floor(((s + 1) * total) / strata);
    take(from + Math.floor(random() * (to - from)));
  }
  while (have < want) {
    // Rejection is cheap: callers sample at most half the rows, so most draws are new blocks.
    const index = Math.floor(random() * total);
    if (!taken.has(index)) take(index);
  }
  return out.sort((a, b) => a.file - b.file || a.group - b.group || a.start - b.start);
}

/** The span holding global block `index` (spans are in increasing `first` order). */
function spanOf(spans: readonly { first: number }[], index: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid].first <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

type ParquetWasm = Awaited<ReturnType<typeof loadParquetWasm>>;
type ParquetFile = Awaited<ReturnType<ParquetWasm['ParquetFile']['fromFile']>>;

/**
 * A block sample of `size` rows of `fields` from `files` when every file is a Parquet file
 * without partition columns and together they hold more than twice `size` rows; null otherwise
 * (the caller then streams the source through a reservoir). Null as well when a file cannot be read this way: the
 * streaming path reports what is wrong with it. Blocks of flat columns are decoded natively
 * (src/load/parquet/), others through parquet-wasm; both give the same rows.
 */
export async function sampleParquetBlocks(files: readonly FileProvenance[], fields: readonly Field[], size: number, seed: number): Promise<Sample | null> {
  if (files.length === 0 || files.some((f) => f.format !== 'parquet' || (f.partitions && Object.keys(f.partitions).length > 0))) return null;
  if (fields.length === 0) return null;
  const native = await sampleNatively(files, fields, size, seed);
  return native === undefined ? sampleWithWasm(files, fields, size, seed) : native;
}

/** The sample, decoded natively; undefined when a file or column needs parquet-wasm. */
async function sampleNatively(files: readonly FileProvenance[], fields: readonly Field[], size: number, seed: number): Promise<Sample | null | undefined> {
  const names = fields.map((f) => f.name);
  const readers: RowGroupReader[] = [];
  try {
    const plans: { metadata: FileMetadata; columns: NativeColumn[] }[] = [];
    for (const file of files) {
      const metadata = await readFooter(file.path);
      const schema = arrowSchema(metadata);
      if (!schema) return undefined;
      if (names.some((name) => !schema.fields.some((f) => f.name === name))) return null;
      const plan = planNative(metadata, schema, names);
      if (!plan.native) return undefined;
      plans.push({ metadata, columns: plan.columns });
    }
    const groups = plans.map((plan) => plan.metadata.rowGroups.map((g) => g.numRows));
    const rows = groups.flat().reduce((a, b) => a + b, 0);
    if (rows <= 2 * size) return null;
    const columns = sampledColumns(fields);
    const dictionaries: DictionaryCache = new WeakMap();
    for (const block of planBlocks(groups, size, seed)) {
      readers[block.file] ??= await RowGroupReader.open(files[block.file].path, plans[block.file].metadata, plans[block.file].columns);
      const reader = readers[block.file];
      await reader.start(block.group);
      reader.skipRows(block.start);
      addRows(columns, reader.batch(block.length), dictionaries);
      reader.consume(block.length);
    }
    return { rows: columns[0]?.values.length ?? Math.min(size, rows), rowsSeen: rows, columns };
  } catch (error) {
    // A page the native reader does not decode: parquet-wasm reads the sample instead.
    return error instanceof UnsupportedPage ? undefined : null;
  } finally {
    for (const reader of readers) await reader?.close();
  }
}

/** The sample, read through parquet-wasm. */
async function sampleWithWasm(files: readonly FileProvenance[], fields: readonly Field[], size: number, seed: number): Promise<Sample | null> {
  const names = fields.map((f) => f.name);
  const opened: ParquetFile[] = [];
  try {
    const { ParquetFile } = await loadParquetWasm();
    const groups: number[][] = [];
    for (const file of files) {
      const parquet = await ParquetFile.fromFile(await openAsBlob(file.path));
      opened.push(parquet);
      const schema = tableFromIPC(parquet.schema().intoIPCStream()).schema;
      if (names.some((name) => !schema.fields.some((f) => f.name === name))) return null;
      const metadata = parquet.metadata();
      groups.push(metadata.rowGroups().map((g) => g.numRows()));
    }
    const rows = groups.flat().reduce((a, b) => a + b, 0);
    if (rows <= 2 * size) return null;
    const columns = sampledColumns(fields);
    const dictionaries: DictionaryCache = new WeakMap();
    for (const block of planBlocks(groups, size, seed)) {
      let read = 0;
      for (const batch of await readBlock(opened[block.file], block, names)) {
        addRows(columns, batch, dictionaries);
        read += batch.numRows;
      }
      if (read !== block.length) return null;
    }
    return { rows: columns[0]?.values.length ?? Math.min(size, rows), rowsSeen: rows, columns };
  } catch {
    return null;
  } finally {
    for (const parquet of opened) parquet.free();
  }
}

function sampledColumns(fields: readonly Field[]): SampledColumn[] {
  return fields.map((f) => ({ name: f.name, type: String(f.type), kind: valueKind(f.type), values: [] as SampledValue[] }));
}

/** Appends every row of `batch` to the sampled columns. */
function addRows(columns: SampledColumn[], batch: RecordBatch, dictionaries: DictionaryCache): void {
  for (const column of columns) {
    const cell = readerFor(childByName(batch, column.name), dictionaries);
    const values = column.values;
    for (let i = 0; i < batch.numRows; i++) values.push(cell(i));
  }
}

async function readBlock(file: ParquetFile, block: RowBlock, columns: string[]): Promise<RecordBatch[]> {
  // One row group per read: parquet-wasm applies offset and limit within each row group it reads.
  const stream = await file.stream({ columns, rowGroups: [block.group], offset: block.start, limit: block.length, batchSize: block.length });
  const batches: RecordBatch[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<{ intoIPCStream(): Uint8Array }>) {
    for (const batch of tableFromIPC(chunk.intoIPCStream()).batches) if (batch.numRows > 0) batches.push(batch);
  }
  return batches;
}
