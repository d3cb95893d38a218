/**
 * Arrow IPC writers (file and stream) over apache-arrow's RecordBatchWriter. The writer's output
 * queue is replaced by one that hands over each batch's bytes at once, so bytes reach the disk
 * batch by batch instead of piling up in memory until the end.
 */
import { RecordBatch, RecordBatchFileWriter, RecordBatchStreamWriter, Schema, Struct, makeData } from 'apache-arrow';
import { CollectingQueue } from './ipc-chunks.js';
import { DictionaryUnifier } from './dictionaries.js';
import type { BatchEncoder, ByteSink } from './encoder.js';

/**
 * An Arrow IPC encoder. The file format gets one dictionary per column for the whole file
 * (see {@link DictionaryUnifier}); the stream format writes each batch's dictionaries as they
 * come (replacements are allowed in streams).
 */
export function arrowEncoder(schema: Schema, kind: 'file' | 'stream'): BatchEncoder {
  const unifier = kind === 'file' ? new DictionaryUnifier(schema) : null;
  const outSchema = unifier ? unifier.schema : schema;
  const queue = new CollectingQueue();
  const writer = kind === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
  writer.reset(queue as never, outSchema);
  const flush = async (sink: ByteSink) => {
    for (const bytes of queue.take()) await sink.write(bytes);
  };
  return {
    async start(sink) {
      await flush(sink);
    },
    async write(batch, sink) {
      const conformed = unifier ? unifier.unify(batch) : withSchema(batch, outSchema);
      writer.write(conformed);
      await flush(sink);
    },
    async finish(sink) {
      writer.finish();
      await flush(sink);
    },
  };
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
