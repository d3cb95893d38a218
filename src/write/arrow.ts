/**
 * Arrow IPC writers (file and stream) over apache-arrow's RecordBatchWriter. The writer's output
 * queue is replaced by one that hands over each batch's bytes at once, so bytes reach the disk
 * batch by batch instead of piling up in memory until the end.
 */
import { RecordBatch, RecordBatchFileWriter, RecordBatchStreamWriter, Schema, Struct, makeData } from 'apache-arrow';
import { CollectingQueue } from './ipc-chunks.js';
import { DictionaryUnifier } from './dictionaries.js';
import { decodeDictionary, highCardinality, plainSchema } from './plain-dictionaries.js';
import type { BatchEncoder, ByteSink } from './encoder.js';

/**
 * An Arrow IPC encoder. The file format gets one dictionary per column for the whole file (see
 * {@link DictionaryUnifier}), except for high-cardinality columns, written plain (see
 * ./plain-dictionaries.ts) so that memory does not grow with their distinct values; the choice is
 * made at the first batch, so the schema is written then. The stream format writes each batch's
 * dictionaries as they come (replacements are allowed in streams).
 */
export function arrowEncoder(schema: Schema, kind: 'file' | 'stream'): BatchEncoder {
  const queue = new CollectingQueue();
  const writer = kind === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
  let conform: ((batch: RecordBatch) => RecordBatch) | null = null;
  /** Fixes the output schema from the first batch (none: every dictionary column stays one). */
  const open = (first: RecordBatch | null): ((batch: RecordBatch) => RecordBatch) => {
    if (kind === 'stream') {
      writer.reset(queue as never, schema);
      return (batch) => withSchema(batch, schema);
    }
    const plain = new Set(first ? first.data.children.flatMap((child, j) => (highCardinality(child) ? [j] : [])) : []);
    const unifier = new DictionaryUnifier(plainSchema(schema, plain));
    writer.reset(queue as never, unifier.schema);
    return (batch) => unifier.unify(plain.size === 0 ? batch : decodedColumns(batch, plain, unifier.schema));
  };
  const flush = async (sink: ByteSink) => {
    for (const bytes of queue.take()) await sink.write(bytes);
  };
  return {
    async start(sink) {
      if (kind === 'stream') conform = open(null);
      await flush(sink);
    },
    async write(batch, sink) {
      conform ??= open(batch);
      writer.write(conform(batch));
      await flush(sink);
    },
    async finish(sink) {
      conform ??= open(null);
      writer.finish();
      await flush(sink);
    },
  };
}

/** `batch` with the dictionary columns at `plain` decoded, under `schema`. */
function decodedColumns(batch: RecordBatch, plain: ReadonlySet<number>, schema: Schema): RecordBatch {
  const children = batch.data.children.map((child, j) => (plain.has(j) ? decodeDictionary(child) : child));
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children }));
}

/**
 * `batch` under `schema` (same columns, same types): the writer ends the file when a batch's
 * schema object differs from the first one's, so every batch carries the very same schema.
 */
function withSchema(batch: RecordBatch, schema: Schema): RecordBatch {
  if (batch.schema === schema) return batch;
  const data = makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children: batch.data.children });
  return new RecordBatch(schema, data);
}
