/**
 * Parquet through parquet-wasm's streaming reader over a lazily read Blob: only the byte ranges of
 * the requested columns are read, one row group slice at a time. It reads whatever the native
 * reader (./native.ts) leaves: ordinary scans, nested and unusual types, rare codecs. The
 * WebAssembly module loads on first use, so other formats and native scans start fast.
 */
import { tableFromIPC, type RecordBatch, type Schema } from 'apache-arrow';
import { openAsBlob } from 'node:fs';
import { UserError } from '../../errors.js';
import { selectColumns } from '../batch.js';
import type { ScanContext } from '../file-reader.js';

type ParquetWasm = typeof import('parquet-wasm');

let wasm: Promise<ParquetWasm> | undefined;

/** The parquet-wasm module, imported on first use. */
export function loadParquetWasm(): Promise<ParquetWasm> {
  wasm ??= import('parquet-wasm');
  return wasm;
}

/** The Arrow schema parquet-wasm gives the file (from its footer). Throws {@link UserError} when unreadable. */
export async function wasmSchema(path: string): Promise<Schema> {
  return guarded(async () => {
    const file = await openFile(path);
    try {
      return tableFromIPC(file.schema().intoIPCStream()).schema;
    } finally {
      file.free();
    }
  });
}

async function openFile(path: string): ReturnType<ParquetWasm['ParquetFile']['fromFile']> {
  const { ParquetFile } = await loadParquetWasm();
  return ParquetFile.fromFile(await openAsBlob(path));
}

/** A record batch of parquet-wasm, in WebAssembly memory until freed. */
interface WasmBatch {
  intoIPCStream(): Uint8Array;
  intoFFI(): { arrayAddr(): number; schemaAddr(): number; free(): void };
}

/**
 * The rows of a Parquet file (of some row groups), batch by batch. An ordinary scan copies each
 * batch out of WebAssembly memory as Arrow IPC bytes. A transient scan instead views the batch in
 * place through Arrow's C data interface (arrow-js-ffi), freeing it when the caller asks for the
 * next: no serializing, no copy, and no fresh buffers to fault in.
 */
export async function* scanWithWasm(
  path: string,
  columns: readonly string[],
  batchSize: number,
  schema: Schema,
  context: ScanContext,
  rowGroups?: number[],
): AsyncGenerator<RecordBatch> {
  // Asking for no column would read them all; read the first and drop it to keep the row count.
  const read = columns.length > 0 ? [...columns] : schema.fields.slice(0, 1).map((f) => f.name);
  const file = await guarded(() => openFile(path));
  const view = context.transient ? await inPlaceReader() : undefined;
  reading.add(path);
  try {
    const stream = await guarded(() => file.stream({ columns: read, batchSize, ...(rowGroups ? { rowGroups } : {}) }));
    const iterator = (stream as unknown as AsyncIterable<WasmBatch>)[Symbol.asyncIterator]();
    for (;;) {
      const next = await guarded(() => iterator.next());
      if (next.done) break;
      if (view) {
        const ffi = next.value.intoFFI();
        try {
          const batch = await guarded(async () => view(ffi.arrayAddr(), ffi.schemaAddr()));
          if (batch.numRows > 0) yield selectColumns(batch, columns);
        } finally {
          ffi.free();
        }
        continue;
      }
      const table = await guarded(async () => tableFromIPC(next.value.intoIPCStream()));
      for (const batch of table.batches) {
        if (batch.numRows > 0) yield selectColumns(batch, columns);
      }
    }
  } finally {
    reading.delete(path);
    file.free();
  }
}

const reading = new Set<string>();

/**
 * The Parquet files parquet-wasm is reading now. On some damaged pages it traps (a WebAssembly
 * RuntimeError thrown outside any promise of ours); the CLI names these files when that happens.
 */
export function parquetFilesInWasm(): string[] {
  return [...reading];
}

/** Views an exported batch in WebAssembly memory as an Arrow batch, without copying. */
async function inPlaceReader(): Promise<(arrayAddr: number, schemaAddr: number) => RecordBatch> {
  const [module, { parseRecordBatch }] = await Promise.all([loadParquetWasm(), import('arrow-js-ffi')]);
  const memory = (module as unknown as { wasmMemory(): { buffer: ArrayBuffer } }).wasmMemory();
  // The memory's buffer is replaced when it grows: take it anew for every batch.
  return (arrayAddr, schemaAddr) => parseRecordBatch(memory.buffer, arrayAddr, schemaAddr, false) as RecordBatch;
}

async function guarded<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof UserError) throw error;
    const message = (error instanceof Error ? error.message : String(error)).replace(/^Parquet error:\s*/i, '');
    throw new UserError(`not a readable Parquet file: ${message}`, { hint: 'the file may be truncated or corrupt; write it again' });
  }
}
