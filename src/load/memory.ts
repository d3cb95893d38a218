/**
 * A {@link DataSource} over an Arrow table already in memory: for library users who hold a table,
 * and for tests that build one by hand.
 */
import { RecordBatch, Table } from 'apache-arrow';
import type { DataSource, ScanOptions } from './source.js';

/**
 * Wraps an in-memory Arrow table as a data source; `scan` yields its batches, sliced to
 * `batchSize` rows when given, and projected to `columns`.
 *
 * @example
 * const source = tableSource(tableFromArrays({ sex: ['f', 'm'], approved: [1, 0] }), 'toy');
 */
export function tableSource(table: Table, name = 'table'): DataSource {
  return {
    name,
    schema: table.schema,
    files: [],
    provenance: async () => [],
    async *scan(options: ScanOptions = {}) {
      const projected = options.columns ? table.select(options.columns as string[]) : table;
      for (const batch of projected.batches) yield* slices(batch, options.batchSize);
    },
  };
}

function* slices(batch: RecordBatch, size: number | undefined): Generator<RecordBatch> {
  if (!size || batch.numRows <= size) {
    yield batch;
    return;
  }
  for (let start = 0; start < batch.numRows; start += size) yield batch.slice(start, start + size);
}
