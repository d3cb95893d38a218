/**
 * Arrow IPC files (`.arrow`, `.feather` v2) and streams (`.arrows`), read batch by batch with
 * Apache Arrow's RecordBatchReader; dictionary columns stay dictionaries.
 */
import { RecordBatchReader, type AsyncRecordBatchFileReader, type RecordBatch, type Schema } from 'apache-arrow';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { selectColumns } from './batch.js';
import { ColumnBatchReader, NotPlainBatch, planColumnReads } from './arrow-ipc-columns.js';
import type { FileReader, ScanContext } from './file-reader.js';
import type { SourcePart } from './source-part.js';
import { HashingFileHandle, hashedBytes } from './hash.js';
import { footerProblem, schemaMessageProblem } from './arrow-ipc-bounds.js';

type IpcFormat = 'arrow' | 'arrow-stream';

/**
 * Opens an Arrow IPC file or stream and reads its schema (from the footer of a file, the first
 * message of a stream). Throws {@link UserError} when the bytes are not readable Arrow IPC.
 */
export async function openArrowIpc(path: string, format: IpcFormat): Promise<FileReader> {
  const schema = await guarded(format, () => readSchema(path, format));
  return {
    schema,
    scan: (columns, batchSize, context, onHashed) =>
      format === 'arrow' && context.transient ? scanIpcBatches(path, undefined, columns, batchSize, context) : scanIpc(path, format, columns, batchSize, onHashed),
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
  return { schema, scan: (columns, batchSize, context) => scanIpcBatches(part.path, part.batches, columns, batchSize, context) };
}

/**
 * The record batches `[first, end)` of an IPC file (all when no range is given), by random
 * access. A transient scan reads only the wanted columns into reused memory (see
 * ./arrow-ipc-columns.ts); it does not hash the file, whose hash is taken on its own.
 */
async function* scanIpcBatches(
  path: string,
  range: readonly [number, number] | undefined,
  columns: readonly string[],
  batchSize: number,
  context: ScanContext,
): AsyncGenerator<RecordBatch> {
  const handle = await open(path, 'r');
  try {
    const reader = await guarded('arrow', async () => {
      const r = (await RecordBatchReader.from(handle)) as AsyncRecordBatchFileReader;
      await r.open();
      return r;
    });
    const [first, end] = range ?? [0, reader.numRecordBatches];
    const columnReader = context.transient ? columnReaderFor(handle, reader, columns) : undefined;
    for (let index = first; index < end; index++) {
      const batch = await guarded('arrow', async () => {
        const block = reader.footer?.getRecordBatch(index);
        if (columnReader && block) {
          try {
            return await columnReader.read({ offset: Number(block.offset), metaDataLength: block.metaDataLength });
          } catch (error) {
            if (!(error instanceof NotPlainBatch)) throw error;
          }
        }
        return (await reader.readRecordBatch(index)) as RecordBatch | null;
      });
      if (!batch || batch.numRows === 0) continue;
      const projected = selectColumns(batch, columns);
      if (projected.numRows <= batchSize) yield projected;
      else for (let start = 0; start < projected.numRows; start += batchSize) yield projected.slice(start, start + batchSize);
    }
  } finally {
    await handle.close();
  }
}

/** A reader of the wanted columns, or undefined when the file's columns are not all flat. */
function columnReaderFor(handle: FileHandle, reader: AsyncRecordBatchFileReader, columns: readonly string[]): ColumnBatchReader | undefined {
  const plan = planColumnReads(reader.schema);
  if (!plan) return undefined;
  const names = reader.schema.fields.map((f) => f.name);
  const wanted = [...new Set(columns.map((c) => names.indexOf(c)))].filter((i) => i >= 0).sort((a, b) => a - b);
  return new ColumnBatchReader(handle, reader.schema, plan, wanted, reader.dictionaries);
}

async function readSchema(path: string, format: IpcFormat): Promise<Schema> {
  await checkMetadataBounds(path, format);
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

/**
 * Refuses a file whose footer (file format) or first message (stream) declares more than its
 * bytes hold, before Apache Arrow decodes it (see ./arrow-ipc-bounds.ts). Only the metadata is
 * read: at most the file's last bytes, or its first message.
 */
async function checkMetadataBounds(path: string, format: IpcFormat): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const read = async (position: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    let problem: string | undefined;
    if (format === 'arrow') {
      // ARROW1, padding, messages …, footer, footer length (int32), ARROW1.
      if (size < 18) return;
      const tail = await read(size - 10, 10);
      if (tail.toString('latin1', 4) !== 'ARROW1') return;
      const length = tail.readInt32LE(0);
      if (length <= 0 || length > size - 18) problem = `the footer claims ${length} bytes of a ${size}-byte file`;
      else problem = footerProblem(await read(size - 10 - length, length), size);
    } else {
      // A message: 0xFFFFFFFF (absent in old streams), metadata length (int32), metadata.
      const head = await read(0, 8);
      if (head.length < 8) return;
      const continued = head.readUInt32LE(0) === 0xffffffff;
      const length = continued ? head.readInt32LE(4) : head.readInt32LE(0);
      const start = continued ? 8 : 4;
      if (length <= 0) return;
      if (length > size - start) problem = `the schema message claims ${length} bytes of a ${size}-byte file`;
      else problem = schemaMessageProblem(await read(start, length));
    }
    if (problem) {
      const what = format === 'arrow' ? 'Arrow IPC file' : 'Arrow IPC stream';
      throw new UserError(`not a readable ${what}: ${problem}`, { hint: 'the file is corrupt or was not written by an Arrow writer; write it again' });
    }
  } finally {
    await handle.close();
  }
}

async function* scanIpc(path: string, format: IpcFormat, columns: readonly string[], batchSize: number, onHashed: ((sha256: string) => void) | undefined): AsyncGenerator<RecordBatch> {
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
    if (hashing && onHashed) onHashed(await hashing.finish());
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
