/**
 * Arrow IPC bytes as the pieces apache-arrow's writer emits, not joined: a writer that copies them
 * into a buffer of its own (the Parquet writer's row groups) or hands them on one by one (the
 * Arrow writers) skips the join into a fresh buffer that `tableToIPC` makes.
 */
import { AsyncByteQueue, RecordBatchStreamWriter, type RecordBatch, type Schema } from 'apache-arrow';

/** Collects what an Arrow writer emits until it is taken. */
export class CollectingQueue extends AsyncByteQueue {
  private pending: Uint8Array[] = [];

  override write(value: Uint8Array): void {
    if (value.byteLength > 0) this.pending.push(value);
  }

  take(): Uint8Array[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }
}

/**
 * The Arrow IPC stream of one batch under `schema` (schema, dictionaries, the batch, end of
 * stream), as views into the batch's memory and a few small buffers: joined, the bytes of
 * `tableToIPC(new Table(schema, [batch]), 'stream')`.
 *
 * @example
 * const size = ipcStreamChunks(batch, batch.schema).reduce((n, chunk) => n + chunk.byteLength, 0);
 */
export function ipcStreamChunks(batch: RecordBatch, schema: Schema): Uint8Array[] {
  const queue = new CollectingQueue();
  const writer = new RecordBatchStreamWriter();
  writer.reset(queue as never, schema);
  writer.write(batch);
  writer.finish();
  return queue.take();
}
