/**
 * Arrow IPC files (`.arrow`, `.feather` v2) and streams (`.arrows`), read batch by batch with
 * Apache Arrow's RecordBatchReader; dictionary columns stay dictionaries.
 */
import { RecordBatchReader, type RecordBatch, type Schema } from 'apache-arrow';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { selectColumns } from './batch.js';
import type { FileReader } from './file-reader.js';
import type { SourcePart } from './parts.js';
import { HashingFileHandle, hashedBytes } from './hash.js';

type IpcFormat = 'arrow' | 'arrow-stream';

/**
 * Opens an Arrow IPC file or stream and reads its schema (from the footer of a file, the first
 * message of a stream). Throws {@link UserError} when the bytes are not readable Arrow IPC.
 */
export async function openArrowIpc(path: string, format: IpcFormat): Promise<FileReader> {
  const schema = await guarded(format, () => readSchema(path, format));
  return {
    schema,
    scan: (columns, batchSize, _context, onHashed) => scanIpc(path, format, columns, batchSize, onHashed),
    split: format === 'arrow' ? (count) => splitIpcFile(path, count) : undefined,
  };
}

/** Ranges of record batches of an IPC file (streams cannot be split: no footer to seek by). */
async function splitIpcFile(path: string, count: number): Promise<SourcePart[] | undefined> {
  const batches = await guarded('arrow', async () => {
    const handle = await open(path, 'r');
    try {
      const reader = await RecordBatchReader.from(handle);
      await reader.open();
      return reader.numRecordBatches;
    } finally {
      await handle.close();
    }
  });
  const parts = Math.min(count, batches);
  if (parts < 2) return undefined;
  return Array.from({ length: parts }, (_, k) => ({ kind: 'arrow', path, batches: [Math.floor((batches * k) / parts), Math.floor((batches * (k + 1)) / parts)] }));
}

/** Reads the record batches of one Arrow IPC file part. */
export async function arrowPartReader(part: Extract<SourcePart, { kind: 'arrow' }>): Promise<FileReader> {
  const schema = await guarded('arrow', () => readSchema(part.path, 'arrow'));
  return { schema, scan: (columns, batchSize) => scanIpcBatches(part.path, part.batches, columns, batchSize) };
}

async function* scanIpcBatches(path: string, [first, end]: readonly [number, number], columns: readonly string[], batchSize: number): AsyncGenerator<RecordBatch> {
  const handle = await open(path, 'r');
  try {
    const reader = await guarded('arrow', async () => {
      const r = await RecordBatchReader.from(handle);
      await r.open();
      return r;
    });
    for (let index = first; index < end; index++) {
      const batch = await guarded('arrow', async () => (await reader.readRecordBatch(index)) as RecordBatch | null);
      if (!batch || batch.numRows === 0) continue;
      const projected = selectColumns(batch, columns);
      if (projected.numRows <= batchSize) yield projected;
      else for (let start = 0; start < projected.numRows; start += batchSize) yield projected.slice(start, start + batchSize);
    }
  } finally {
    await handle.close();
  }
}

async function readSchema(path: string, format: IpcFormat): Promise<Schema> {
  if (format === 'arrow-stream') {
    const stream = createReadStream(path);
    try {
      const reader = await RecordBatchReader.from(stream);
      await reader.open();
      return reader.schema;
    } finally {
      stream.destroy();
    }
  }
  const handle = await open(path, 'r');
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    return reader.schema;
  } finally {
    await handle.close();
  }
}

async function* scanIpc(path: string, format: IpcFormat, columns: readonly string[], batchSize: number, onHashed: (sha256: string) => void): AsyncGenerator<RecordBatch> {
  let handle: FileHandle | undefined;
  let hashing: HashingFileHandle | undefined;
  let reader: RecordBatchReader | undefined;
  try {
    if (format === 'arrow') {
      // The IPC file format is read by random access (footer first); hash as the reads go by.
      handle = await open(path, 'r');
      hashing = new HashingFileHandle(handle);
      const source = hashing as unknown as FileHandle;
      reader = await guarded(format, () => RecordBatchReader.from(source));
    } else {
      const source = hashedBytes(path, onHashed);
      reader = await guarded(format, () => RecordBatchReader.from(source));
    }
    const batches = reader[Symbol.asyncIterator]();
    for (;;) {
      const next = await guarded(format, () => batches.next());
      if (next.done) break;
      const batch = next.value as RecordBatch;
      if (batch.numRows === 0) continue;
      const projected = selectColumns(batch, columns);
      if (projected.numRows <= batchSize) yield projected;
      else for (let start = 0; start < projected.numRows; start += batchSize) yield projected.slice(start, start + batchSize);
    }
    if (hashing) onHashed(await hashing.finish());
  } finally {
    await reader?.cancel();
    await handle?.close();
  }
}

async function guarded<T>(format: IpcFormat, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof UserError) throw error;
    const what = format === 'arrow' ? 'Arrow IPC file' : 'Arrow IPC stream';
    throw new UserError(`not a readable ${what}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'the file may be truncated or corrupt; write it again',
    });
  }
}
