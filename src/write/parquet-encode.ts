/**
 * One Parquet file from Arrow IPC streams (one record batch each), through parquet-wasm's
 * streaming writer: what the Parquet encoding threads run per row group. Snappy-compressed, row
 * groups of `rowGroupRows` rows, "created by" fairaudit. Imports nothing but the module it is
 * given, so a thread starts fast.
 */

type ParquetWasm = typeof import('parquet-wasm');

/**
 * The Parquet file of `batches` (Arrow IPC streams of one batch each, all of one schema), as the
 * pieces parquet-wasm hands out (the row groups, then the indexes and footer), each a buffer of
 * its own that can be moved to another thread: joining them would cost a copy of the file. Each
 * stream is read into WebAssembly memory only when the writer asks for its batch, so that memory
 * (which never shrinks) holds one batch or two beside the row group being written, not all of them.
 */
export async function encodeParquet(pq: ParquetWasm, batches: readonly Uint8Array[], rowGroupRows: number): Promise<Uint8Array[]> {
  let next = 0;
  const stream = new ReadableStream({
    pull(controller) {
      for (; next < batches.length; ) {
        const table = pq.Table.fromIPCStream(batches[next++]);
        // The batch keeps its own reference to the columns; the table is let go at once.
        const batch = table.recordBatch(0);
        table.free();
        if (batch) return controller.enqueue(batch);
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
  const parts: Uint8Array[] = [];
  const reader = output.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const part = value as Uint8Array;
    parts.push(part.byteOffset === 0 && part.byteLength === part.buffer.byteLength ? part : part.slice());
  }
  return parts;
}
