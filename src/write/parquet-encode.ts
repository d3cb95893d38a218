/**
 * One Parquet file from Arrow IPC streams (one record batch each), through parquet-wasm's
 * streaming writer: what the Parquet encoding threads run per row group. Snappy-compressed, row
 * groups of `rowGroupRows` rows, "created by" fairaudit. Imports nothing but the module it is
 * given, so a thread starts fast.
 */

type ParquetWasm = typeof import('parquet-wasm');

/** The Parquet file of `batches` (Arrow IPC streams of one batch each, all of one schema). */
export async function encodeParquet(pq: ParquetWasm, batches: readonly Uint8Array[], rowGroupRows: number): Promise<Uint8Array> {
  const tables = batches.map((ipc) => pq.Table.fromIPCStream(ipc));
  try {
    const stream = new ReadableStream({
      start(controller) {
        for (const table of tables) {
          const batch = table.recordBatch(0);
          if (batch) controller.enqueue(batch);
        }
        controller.close();
      },
    });
    const properties = new pq.WriterPropertiesBuilder()
      .setCompression(pq.Compression.SNAPPY)
      .setMaxRowGroupSize(rowGroupRows)
      .setCreatedBy('fairaudit')
      .build();
    const output = await pq.transformParquetStream(stream, properties);
    const chunks: Uint8Array[] = [];
    let length = 0;
    const reader = output.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array);
      length += (value as Uint8Array).byteLength;
    }
    // One buffer of its own, so it can be moved to another thread rather than copied.
    const file = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      file.set(chunk, at);
      at += chunk.byteLength;
    }
    return file;
  } finally {
    for (const table of tables) table.free();
  }
}
