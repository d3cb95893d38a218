/**
 * Dataset writers: Arrow record batches in, one file out, batch by batch so memory is bounded by
 * the batch (see each format for what else it holds). The file appears only when the writer is
 * closed successfully; an aborted or failed write leaves nothing behind.
 */
import { gzipSync } from 'node:zlib';
import type { RecordBatch, Schema } from 'apache-arrow';
import type { DataFormat } from '../load/source.js';
import { UserError } from '../errors.js';
import { AtomicFile } from './atomic.js';
import { arrowEncoder } from './arrow.js';
import { delimitedEncoder } from './csv.js';
import type { TextDialect } from './dialect.js';
import { jsonLinesEncoder } from './jsonl.js';
import type { BatchEncoder, ByteSink } from './encoder.js';
import { parquetEncoder } from './parquet.js';

/** A written dataset file. */
export interface WrittenFile {
  path: string;
  format: DataFormat;
  gzip: boolean;
  rows: number;
  bytes: number;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
}

/** An open dataset writer. */
export interface DatasetWriter {
  readonly path: string;
  readonly format: DataFormat;
  /** Appends a batch; its schema must be the writer's. */
  write(batch: RecordBatch): Promise<void>;
  /** Whether a batch's memory may be reused once `write` was called ({@link BatchEncoder.copiesOnWrite}). */
  readonly copiesOnWrite: boolean;
  /**
   * Finishes the file without moving it into place (its size and SHA-256 are then known, for a
   * manifest); {@link DatasetWriter.commit} or {@link DatasetWriter.abort} follows.
   */
  finish(): Promise<WrittenFile>;
  /** The file underneath, for {@link commitAll} with other files. */
  readonly file: AtomicFile;
  /** Finishes the file (if not yet) and moves it into place. */
  close(): Promise<WrittenFile>;
  /** Removes everything written so far; the target path is left as it was. */
  abort(): Promise<void>;
}

/** The formats fairaudit writes. */
export const WRITE_FORMATS: readonly DataFormat[] = ['arrow', 'arrow-stream', 'parquet', 'csv', 'tsv', 'jsonl'];

/** The format a path's extension names (`.arrow`, `.feather`, `.arrows`, `.parquet`, `.csv`, `.tsv`, `.jsonl`, `.ndjson`, optionally `.gz`). */
export function formatFromPath(path: string): DataFormat | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (/\.(arrow|feather|ipc)$/.test(name)) return 'arrow';
  if (/\.arrows$/.test(name)) return 'arrow-stream';
  if (/\.(parquet|pq)$/.test(name)) return 'parquet';
  if (/\.csv$/.test(name)) return 'csv';
  if (/\.(tsv|tab)$/.test(name)) return 'tsv';
  if (/\.(jsonl|ndjson)$/.test(name)) return 'jsonl';
  return undefined;
}

/**
 * Opens a writer for `path` in `format`. Text formats are gzip-compressed when `path` ends in
 * `.gz` (one gzip member per batch: any gzip reader reads the file whole). `dialect` sets how CSV
 * and TSV are written (delimiter, line ending, byte-order mark, quoting); other formats ignore it.
 */
export async function openDatasetWriter(path: string, format: DataFormat, schema: Schema, dialect?: Partial<TextDialect>): Promise<DatasetWriter> {
  const gzip = path.toLowerCase().endsWith('.gz');
  if (gzip && (format === 'arrow' || format === 'arrow-stream' || format === 'parquet')) {
    throw new UserError(`a ${format} file is not written gzip-compressed`, { file: path, hint: 'drop the .gz extension' });
  }
  const encoder = encoderFor(format, schema, dialect);
  const file = await AtomicFile.create(path);
  const sink: ByteSink = gzip ? { write: (bytes) => file.write(gzipSync(bytes)) } : file;
  let rows = 0;
  let state: 'open' | 'finished' | 'closed' | 'failed' = 'open';
  let finished: WrittenFile | undefined;
  const fail = async (error: unknown): Promise<never> => {
    state = 'failed';
    await encoder.abort?.().catch(() => undefined);
    await file.abort();
    throw error;
  };
  try {
    await encoder.start(sink);
  } catch (error) {
    await fail(error);
  }
  const finish = async (): Promise<WrittenFile> => {
    if (state === 'finished') return finished!;
    if (state !== 'open') throw new Error(`writer for ${path} is ${state}`);
    try {
      await encoder.finish(sink);
      const sealed = await file.seal();
      state = 'finished';
      finished = { path, format, gzip, rows, bytes: sealed.bytes, sha256: sealed.sha256 };
      return finished;
    } catch (error) {
      return fail(error);
    }
  };
  return {
    path,
    format,
    file,
    copiesOnWrite: encoder.copiesOnWrite ?? false,
    async write(batch) {
      if (state !== 'open') throw new Error(`writer for ${path} is ${state}`);
      try {
        await encoder.write(batch, sink);
        rows += batch.numRows;
      } catch (error) {
        await fail(error);
      }
    },
    finish,
    async close() {
      const written = await finish();
      try {
        await file.commit();
      } catch (error) {
        return fail(error);
      }
      state = 'closed';
      return written;
    },
    async abort() {
      if (state === 'closed' || state === 'failed') return;
      state = 'failed';
      await encoder.abort?.().catch(() => undefined);
      await file.abort();
    },
  };
}

function encoderFor(format: DataFormat, schema: Schema, dialect?: Partial<TextDialect>): BatchEncoder {
  switch (format) {
    case 'arrow':
      return arrowEncoder(schema, 'file');
    case 'arrow-stream':
      return arrowEncoder(schema, 'stream');
    case 'parquet':
      return parquetEncoder(schema);
    case 'csv':
      return delimitedEncoder(schema, dialect?.delimiter ?? ',', dialect);
    case 'tsv':
      return delimitedEncoder(schema, dialect?.delimiter ?? '\t', dialect);
    case 'jsonl':
      return jsonLinesEncoder(schema);
    default:
      throw new UserError(`invalid output format: ${String(format)}`, { hint: `use one of ${WRITE_FORMATS.join(', ')}` });
  }
}
