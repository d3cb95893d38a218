/**
 * Parts of one input file that can be read on their own, by another thread: Parquet row groups,
 * ranges of Arrow IPC record batches, byte ranges of a CSV file. A part is plain data (it crosses
 * to a worker thread by structured clone) and opens as a {@link DataSource} of its rows.
 */
import type { RecordBatch } from 'apache-arrow';
import { placed } from '../errors.js';
import { arrowPartReader } from './arrow-ipc.js';
import { csvPartReader } from './csv.js';
import { ScanContext, type FileReader } from './file-reader.js';
import type { ColumnKind } from './infer.js';
import { parquetPartReader } from './parquet.js';
import type { DataSource, ScanOptions } from './source.js';

/** Rows per batch when a part's scan does not say (as for whole files). */
const PART_BATCH_SIZE = 65_536;

/** One part of one file. */
export type SourcePart =
  | { kind: 'parquet'; path: string; rowGroups: number[] }
  | { kind: 'arrow'; path: string; /** Record batch indices, first inclusive, second exclusive. */ batches: [number, number] }
  | {
      kind: 'csv';
      path: string;
      delimiter: string;
      names: string[];
      /** Column types decided from the start of the whole file. */
      kinds: ColumnKind[];
      /** The header line, which must not appear again in the part. */
      skipRecord?: string;
      /** Longest record, in bytes (`--max-field-bytes`; default 64 MiB). */
      maxRecordBytes?: number;
      /** Byte range: `start` just after a line feed, `end` exclusive. */
      start: number;
      end: number;
    };

/**
 * The rows of one part as a data source (no provenance: the whole file is hashed where it was
 * opened). Errors name the file; CSV line numbers count from the part's start.
 */
export async function openPart(part: SourcePart): Promise<DataSource> {
  let reader: FileReader;
  try {
    reader = part.kind === 'parquet' ? await parquetPartReader(part) : part.kind === 'arrow' ? await arrowPartReader(part) : csvPartReader(part);
  } catch (error) {
    throw placed(error, { file: part.path });
  }
  return {
    name: part.path,
    schema: reader.schema,
    files: [],
    provenance: async () => [],
    async *scan(options: ScanOptions = {}): AsyncGenerator<RecordBatch> {
      const columns = options.columns ? [...new Set(options.columns)] : (reader.schema.names as string[]);
      try {
        yield* reader.scan(columns, Math.max(1, Math.floor(options.batchSize ?? PART_BATCH_SIZE)), new ScanContext(options.transient), () => {});
      } catch (error) {
        throw placed(error, { file: part.path });
      }
    },
  };
}
