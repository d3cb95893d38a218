/**
 * Writing generated record batches to files, batch by batch: Arrow IPC files through fairaudit's
 * own dataset writer (src/write/, same bytes); CSV through the generator's byte encoder (./csv.ts,
 * for speed); Parquet through parquet-wasm's streaming writer (the bundled files' bytes depend on
 * its settings: zstd, one row group per 1,048,576 rows, where src/write/ writes row groups on
 * threads and joins them, which gives other bytes). One generated stream of batches can feed
 * several files at once. Each file keeps at most a few batches (Parquet: a row group) in memory,
 * is written under a temporary name and renamed at the end, so a failed run leaves no
 * half-written file.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import { UserError } from '../../src/errors.js';
import { openDatasetWriter, type DatasetWriter } from '../../src/write/writer.js';
import { csvHeader, csvRows } from './csv.js';
import type { DatasetKind } from './definition.js';
import { generateBatches, type GenerateOptions } from './generate.js';

/** The file formats the generator writes. */
export type DatasetFormat = 'csv' | 'parquet' | 'arrow';
export const DATASET_FORMATS: readonly DatasetFormat[] = ['csv', 'parquet', 'arrow'];

/** Parquet compression codecs offered for generated files. */
export type ParquetCodec = 'zstd' | 'snappy' | 'uncompressed';

/**
 * A file being written batch by batch. `write` resolves once the batch is handed over and the
 * file's buffers have room again (backpressure), so a producer never runs far ahead of the disk.
 * The file appears under its name only when `close` succeeds; `abort` removes the partial file.
 */
export interface BatchSink {
  write(batch: RecordBatch): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** An Arrow IPC file (`.arrow`) at `path`, written by fairaudit's own dataset writer (src/write/). */
export function openArrowSink(path: string): BatchSink {
  return writerSink(path, 'arrow');
}

/**
 * A CSV file at `path`: the header line, then each batch's lines (dialect in csv.ts). Not through
 * src/write/: its encoder gives the same bytes (with LF line ends) but builds a string per line,
 * about 8 times slower (25 s against 3 s per million bench rows), and the bench writes 10 million.
 */
export function openCsvSink(path: string): BatchSink {
  const tmp = temporaryName(path);
  const input = new PassThrough({ highWaterMark: 1 << 20 });
  const done = pipeline(input, createWriteStream(tmp));
  let headerWritten = false;
  return finishing(path, tmp, done, {
    write: async (batch) => {
      if (!headerWritten) await push(input, csvHeader(batch.schema), done);
      headerWritten = true;
      await push(input, csvRows(batch), done);
    },
    end: () => void input.end(),
    destroy: () => void input.destroy(),
  });
}

/**
 * A file written through src/write/'s dataset writer, opened with the first batch's schema: the
 * generator and a masked copy share one Arrow encoder. The writer keeps one batch in memory and
 * moves its temporary file into place only on `close`.
 */
function writerSink(path: string, format: 'arrow'): BatchSink {
  let writer: Promise<DatasetWriter> | undefined;
  return {
    async write(batch) {
      writer ??= openDatasetWriter(path, format, batch.schema);
      await (await writer).write(batch);
    },
    async close() {
      if (writer) await (await writer).close();
    },
    async abort() {
      if (writer) await (await writer.catch(() => undefined))?.abort();
    },
  };
}

/** Options of {@link openParquetSink}. */
export interface ParquetWriteOptions {
  /** Default `zstd`. */
  compression?: ParquetCodec;
  /** Rows per row group (default 1,048,576, parquet-wasm's own default). */
  rowGroupSize?: number;
}

/**
 * A Parquet file at `path`, through parquet-wasm's streaming writer (`transformParquetStream`):
 * each batch crosses into WebAssembly as IPC bytes, so memory holds about one row group, never
 * the whole table.
 */
export async function openParquetSink(path: string, options: ParquetWriteOptions = {}): Promise<BatchSink> {
  // Loaded here, not at the top, so the other formats do not pay for instantiating WebAssembly.
  const parquet = await import('parquet-wasm');
  const codec = { zstd: parquet.Compression.ZSTD, snappy: parquet.Compression.SNAPPY, uncompressed: parquet.Compression.UNCOMPRESSED }[options.compression ?? 'zstd'];
  const properties = new parquet.WriterPropertiesBuilder()
    .setCompression(codec)
    .setMaxRowGroupSize(options.rowGroupSize ?? 1_048_576)
    .setCreatedBy('fairaudit')
    .build();
  let controller!: ReadableStreamDefaultController<unknown>;
  let wake: (() => void) | null = null;
  const input = new ReadableStream<unknown>(
    {
      start: (c) => void (controller = c),
      pull: () => {
        wake?.();
        wake = null;
      },
    },
    { highWaterMark: 1 },
  );
  const tmp = temporaryName(path);
  // Not awaited before the first write: the transform reads the first batch (for the schema)
  // before it resolves.
  const done = parquet
    .transformParquetStream(input, properties)
    .then((output) => pipeline(Readable.fromWeb(output as WebReadableStream<Uint8Array>), createWriteStream(tmp)));
  return finishing(path, tmp, done, {
    write: async (batch) => {
      const table = parquet.Table.fromIPCStream(tableToIPC(new Table([batch]), 'stream'));
      controller.enqueue(table.recordBatch(0));
      table.free();
      if ((controller.desiredSize ?? 0) <= 0) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), done]);
    },
    end: () => controller.close(),
    destroy: () => {
      try {
        controller.error(new Error('aborted'));
      } catch {
        // Already closed or errored: nothing left to stop.
      }
    },
  });
}

/** Resolves when `stream` can take more, or rejects when its pipeline failed. */
async function push(stream: PassThrough, chunk: unknown, done: Promise<void>): Promise<void> {
  if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), done]);
}

function temporaryName(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

function finishing(path: string, tmp: string, done: Promise<void>, ops: { write(batch: RecordBatch): Promise<void>; end(): void | Promise<void>; destroy(): void }): BatchSink {
  // A failure surfaces through write or close; until then, keep it from counting as unhandled.
  done.catch(() => undefined);
  return {
    write: ops.write,
    async close() {
      await ops.end();
      await done;
      await rename(tmp, path);
    },
    async abort() {
      ops.destroy();
      await done.catch(() => undefined);
      await rm(tmp, { force: true });
    },
  };
}

/** Writes `batches` into `sink`, closing it at the end, or aborting it on a failure. */
export async function writeBatches(batches: Iterable<RecordBatch>, sinks: readonly BatchSink[]): Promise<void> {
  try {
    for (const batch of batches) await Promise.all(sinks.map((sink) => sink.write(batch)));
    await Promise.all(sinks.map((sink) => sink.close()));
  } catch (error) {
    await Promise.all(sinks.map((sink) => sink.abort()));
    throw error;
  }
}

/** Options of {@link writeDataset}. */
export interface WriteDatasetOptions extends GenerateOptions {
  /** Folder the files go to (must exist). */
  out: string;
  /** Default: all of {@link DATASET_FORMATS}. */
  formats?: readonly DatasetFormat[];
  /** Parquet codec (default `zstd`). */
  compression?: ParquetCodec;
}

/** One written file. */
export interface WrittenFile {
  path: string;
  format: DatasetFormat;
  bytes: number;
}

/**
 * Generates `rows` rows of `kind` once and writes them to `<out>/<kind>.<format>` for each of
 * `formats`, batch by batch, so memory stays bounded by the batch size (Parquet: a row group)
 * whatever the row count.
 */
export async function writeDataset(kind: DatasetKind, rows: number, options: WriteDatasetOptions): Promise<WrittenFile[]> {
  const formats = options.formats ?? DATASET_FORMATS;
  for (const format of formats) {
    if (!DATASET_FORMATS.includes(format)) throw new UserError(`invalid format: ${format}`, { hint: `use ${DATASET_FORMATS.join(', ')}` });
  }
  const paths = formats.map((format) => join(options.out, `${kind}.${format}`));
  const sinks: BatchSink[] = [];
  try {
    for (const [i, format] of formats.entries()) {
      if (format === 'arrow') sinks.push(openArrowSink(paths[i]));
      else if (format === 'csv') sinks.push(openCsvSink(paths[i]));
      else sinks.push(await openParquetSink(paths[i], { compression: options.compression }));
    }
  } catch (error) {
    await Promise.all(sinks.map((sink) => sink.abort()));
    throw error;
  }
  await writeBatches(generateBatches(kind, rows, options), sinks);
  return Promise.all(formats.map(async (format, i) => ({ path: paths[i], format, bytes: (await stat(paths[i])).size })));
}
