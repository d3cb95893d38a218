/**
 * Opening a part of one input file ({@link SourcePart}, ./source-part.ts) as a {@link DataSource}
 * of its rows, in the thread that reads it.
 */
import type { RecordBatch } from 'apache-arrow';
import { placed } from '../errors.js';
import { arrowPartReader } from './arrow-ipc.js';
import { csvPartReader } from './csv.js';
import { ScanContext, type FileReader } from './file-reader.js';
import { parquetPartReader } from './parquet.js';
import type { SourcePart } from './source-part.js';
import type { DataSource, ScanOptions } from './source.js';

/** Rows per batch when a part's scan does not say (as for whole files). */
const PART_BATCH_SIZE = 65_536;

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
