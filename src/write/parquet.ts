/**
 * Parquet writer over parquet-wasm's `transformParquetStream`: Arrow batches are handed to the
 * WebAssembly writer one at a time (each as a small Arrow IPC stream) and the Parquet bytes it
 * emits are written as they come. Memory: the batch in flight plus the row group being built
 * (at most {@link PARQUET_ROW_GROUP_ROWS} rows, encoded). parquet-wasm is loaded on first use, so
 * other formats start without it.
 */
import { RecordBatch, Schema, Struct, Table, Vector, makeData, tableToIPC, vectorFromArray, DataType, type Data } from 'apache-arrow';
import type { BatchEncoder, ByteSink } from './writer.js';

/** Rows per Parquet row group. */
export const PARQUET_ROW_GROUP_ROWS = 256 * 1024;

type ParquetWasm = typeof import('parquet-wasm');
type WasmBatch = import('parquet-wasm').RecordBatch;

let wasm: Promise<ParquetWasm> | undefined;
function loadParquetWasm(): Promise<ParquetWasm> {
  wasm ??= import('parquet-wasm');
  return wasm;
}

/** A Parquet encoder (Snappy-compressed, row groups of {@link PARQUET_ROW_GROUP_ROWS} rows). */
export function parquetEncoder(schema: Schema): BatchEncoder {
  let pq: ParquetWasm;
  let input: Handoff<WasmBatch>;
  let pump: Promise<void>;
  let sinkRef: ByteSink;
  return {
    async start(sink) {
      pq = await loadParquetWasm();
      sinkRef = sink;
      input = new Handoff<WasmBatch>();
      const properties = new pq.WriterPropertiesBuilder()
        .setCompression(pq.Compression.SNAPPY)
        .setMaxRowGroupSize(PARQUET_ROW_GROUP_ROWS)
        .setCreatedBy('fairaudit')
        .build();
      // transformParquetStream reads the first batch (for the schema) before it resolves, so it
      // is awaited inside the pump, never here.
      pump = (async () => {
        const output = await pq.transformParquetStream(input.stream, properties);
        const reader = output.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          await sinkRef.write(value as Uint8Array);
        }
      })();
      // A failure of the writer surfaces through `put` and `finish`; keep it from going unhandled meanwhile.
      pump.catch(() => undefined);
    },
    async write(batch) {
      const table = pq.Table.fromIPCStream(tableToIPC(new Table(schema, [singleChunkDictionaries(batch, schema)]), 'stream'));
      try {
        const wasmBatch = table.recordBatch(0);
        if (wasmBatch) await input.put(wasmBatch, pump);
      } finally {
        table.free();
      }
    },
    async finish() {
      input.end();
      await pump;
    },
    async abort() {
      input?.fail(new Error('parquet write aborted'));
      await pump?.catch(() => undefined);
    },
  };
}

/**
 * A one-slot handoff from `put` to a pulled ReadableStream: `put` resolves once the consumer has
 * taken the item, so at most one batch waits between the caller and the WebAssembly writer.
 */
class Handoff<T> {
  readonly stream: ReadableStream<T>;
  private pulls: Array<{ give: (item: T) => void; close: () => void; error: (e: unknown) => void }> = [];
  private wakeups: Array<() => void> = [];

  constructor() {
    this.stream = new ReadableStream<T>(
      {
        pull: (controller) =>
          new Promise<void>((resolve) => {
            this.pulls.push({
              give: (item) => {
                controller.enqueue(item);
                resolve();
              },
              close: () => {
                controller.close();
                resolve();
              },
              error: (e) => {
                controller.error(e);
                resolve();
              },
            });
            this.wakeups.splice(0).forEach((wake) => wake());
          }),
      },
      { highWaterMark: 0 },
    );
  }

  /** Hands `item` over once the consumer asks; rejects if `consumer` fails first. */
  async put(item: T, consumer: Promise<void>): Promise<void> {
    while (this.pulls.length === 0) {
      await Promise.race([new Promise<void>((wake) => this.wakeups.push(wake)), consumer.then(() => {
        throw new Error('the Parquet writer stopped before all batches were written');
      })]);
    }
    this.pulls.shift()!.give(item);
  }

  /** Ends the stream once the consumer asks for more. */
  end(): void {
    const pull = this.pulls.shift();
    if (pull) pull.close();
    else this.wakeups.push(() => this.end());
  }

  fail(error: unknown): void {
    const pull = this.pulls.shift();
    if (pull) pull.error(error);
  }
}

/**
 * `batch` with each multi-chunk dictionary (an Arrow dictionary grown by deltas) flattened into one
 * chunk, so the IPC stream handed to the WebAssembly reader has no delta dictionaries.
 */
function singleChunkDictionaries(batch: RecordBatch, schema: Schema): RecordBatch {
  let changed = false;
  const children = batch.data.children.map((child: Data) => {
    if (!DataType.isDictionary(child.type) || !child.dictionary || child.dictionary.data.length <= 1) return child;
    changed = true;
    const flat: Vector = vectorFromArray([...child.dictionary] as never[], child.type.dictionary);
    return makeData({
      type: child.type,
      offset: child.offset,
      length: child.length,
      nullCount: child.nullCount,
      nullBitmap: child.nullBitmap,
      data: child.values,
      dictionary: flat,
    });
  });
  if (!changed && batch.schema === schema) return batch;
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children }));
}
