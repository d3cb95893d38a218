/**
 * Parquet files. The footer is read natively (./parquet/footer.ts); counting scans of flat columns
 * decode their pages natively too (./parquet/scan.ts), and everything else goes through
 * parquet-wasm (./parquet/wasm.ts), which loads only when some scan needs it.
 */
import type { RecordBatch, Schema } from 'apache-arrow';
import type { FileReader, ScanContext } from './file-reader.js';
import { readFooter } from './parquet/footer.js';
import type { FileMetadata } from './parquet/metadata.js';
import { planNative } from './parquet/plan.js';
import { scanNative } from './parquet/scan.js';
import { arrowSchema } from './parquet/schema.js';
import { scanWithWasm, wasmSchema } from './parquet/wasm.js';
import type { SourcePart } from './source-part.js';

/**
 * Opens a Parquet file and reads its schema from the footer. Throws {@link UserError} when the file
 * is truncated or corrupt. Its SHA-256 is not computed here: reading by byte ranges skips bytes.
 */
export async function openParquet(path: string): Promise<FileReader> {
  const metadata = await readFooter(path);
  const schema = arrowSchema(metadata) ?? (await wasmSchema(path));
  return parquetReader(path, metadata, schema);
}

/** Reads the row groups of one Parquet part. */
export async function parquetPartReader(part: Extract<SourcePart, { kind: 'parquet' }>): Promise<FileReader> {
  const metadata = await readFooter(part.path);
  const schema = arrowSchema(metadata) ?? (await wasmSchema(part.path));
  return parquetReader(part.path, metadata, schema, part.rowGroups);
}

function parquetReader(path: string, metadata: FileMetadata, schema: Schema, rowGroups?: number[]): FileReader {
  return {
    schema,
    scan: (columns, batchSize, context) => scanParquet(path, metadata, schema, columns, batchSize, context, rowGroups),
    split: rowGroups ? undefined : (count) => Promise.resolve(splitRowGroups(path, metadata, count)),
  };
}

/**
 * The rows of the file (or of some row groups). A transient scan of columns the native reader
 * decodes goes natively; a row group with a page it does not know, and every other scan, go
 * through parquet-wasm.
 */
function scanParquet(
  path: string,
  metadata: FileMetadata,
  schema: Schema,
  columns: readonly string[],
  batchSize: number,
  context: ScanContext,
  rowGroups?: number[],
): AsyncIterable<RecordBatch> {
  const wasm = (groups?: number[]) => scanWithWasm(path, columns, batchSize, schema, context, groups);
  if (!context.transient) return wasm(rowGroups);
  const plan = planNative(metadata, schema, columns, rowGroups);
  if (!plan.native) return wasm(rowGroups);
  return scanNative(path, metadata, plan.columns, batchSize, rowGroups, (group) => wasm([group]));
}

/** Parts of about equal row counts made of whole row groups, in order; undefined for one row group. */
function splitRowGroups(path: string, metadata: FileMetadata, count: number): SourcePart[] | undefined {
  const rows = metadata.rowGroups.map((group) => group.numRows);
  if (rows.length < 2 || count < 2) return undefined;
  const total = rows.reduce((a, b) => a + b, 0);
  const parts: SourcePart[] = [];
  let group = 0;
  let done = 0;
  for (let k = 1; k <= count && group < rows.length; k++) {
    const target = (total * k) / count;
    const rowGroups: number[] = [];
    while (group < rows.length && (rowGroups.length === 0 || done + rows[group] / 2 <= target)) {
      done += rows[group];
      rowGroups.push(group++);
    }
    parts.push({ kind: 'parquet', path, rowGroups });
  }
  if (group < rows.length) (parts[parts.length - 1] as { rowGroups: number[] }).rowGroups.push(...rows.slice(group).map((_, i) => group + i));
  return parts;
}
