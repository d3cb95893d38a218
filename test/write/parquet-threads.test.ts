import { describe, expect, it } from 'vitest';
import { Dictionary, Field, Float64, Int32, RecordBatch, Schema, Struct, Table, Utf8, makeData, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { encodeParquet } from '../../src/write/parquet-encode.js';
import { parquetEncoder } from '../../src/write/parquet.js';
import { ParquetJoiner } from '../../src/write/parquet-join.js';

const dictType = new Dictionary(new Utf8(), new Int32());
const schema = new Schema([new Field('s', new Utf8(), true), new Field('n', new Float64(), true), new Field('d', dictType, true), new Field('i', new Int32(), true)]);
// Values a writer could get wrong: nulls, empty strings, non-ASCII and combining characters, long text.
const TEXT = [null, '', 'plain', 'é', 'e\u0301', '日本語', '🙂', 'a,b', 'x'.repeat(300)];

/** A batch of `rows` rows starting at row `from`, each batch with its own dictionary (as operators produce). */
function batch(from: number, rows: number): RecordBatch {
  const at = Array.from({ length: rows }, (_, k) => from + k);
  const children = [
    vectorFromArray(at.map((r) => TEXT[r % TEXT.length]), new Utf8()).data[0],
    vectorFromArray(at.map((r) => (r % 7 === 0 ? null : r / 3)), new Float64()).data[0],
    vectorFromArray(at.map((r) => TEXT[(r * 5) % TEXT.length] ?? 'none'), dictType).data[0],
    vectorFromArray(at.map((r) => (r % 11 === 0 ? null : r - 500)), new Int32()).data[0],
  ];
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows, nullCount: 0, children }));
}

/** Batch sizes that cross row-group boundaries (row groups of 1000 rows), 4,321 rows in all. */
const SIZES = [300, 700, 1, 999, 1500, 821];
const batches = () => {
  let from = 0;
  return SIZES.map((n) => {
    const b = batch(from, n);
    from += n;
    return b;
  });
};

/** The plain way, written here apart from the encoder: one parquet-wasm writer given every batch at once, its output joined. */
async function oneWriter(ipcs: Uint8Array[], rowGroupRows: number): Promise<Buffer> {
  const tables = ipcs.map((ipc) => pq.Table.fromIPCStream(ipc));
  const stream = new ReadableStream({
    start(controller) {
      for (const table of tables) controller.enqueue(table.recordBatch(0));
      controller.close();
    },
  });
  const properties = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).setMaxRowGroupSize(rowGroupRows).setCreatedBy('fairaudit').build();
  const chunks: Uint8Array[] = [];
  for await (const chunk of (await pq.transformParquetStream(stream, properties)) as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Runs the threaded encoder into memory. */
async function threaded(threads: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const sink = { write: async (bytes: Uint8Array) => void chunks.push(Uint8Array.prototype.slice.call(bytes)) };
  const encoder = parquetEncoder(schema, { rowGroupRows: 1000, threads });
  await encoder.start(sink);
  for (const b of batches()) await encoder.write(b, sink);
  await encoder.finish(sink);
  return Buffer.concat(chunks);
}

describe('Parquet written by threads, row group by row group', () => {
  it('is byte for byte the file one writer makes of the same batches', async () => {
    // The plain path: one parquet-wasm writer that takes every batch and cuts the row groups itself.
    const ipcs = batches().map((b) => tableToIPC(new Table(schema, [b]), 'stream'));
    const single = await oneWriter(ipcs, 1000);
    expect(Buffer.concat(await encodeParquet(pq, ipcs, 1000)).equals(single)).toBe(true);
    for (const threads of [1, 2]) expect((await threaded(threads)).equals(single)).toBe(true);
  });

  it('reads back with every value, row group by row group', async () => {
    const back = tableFromIPC(pq.readParquet(await threaded(2)).intoIPCStream());
    const expected = new Table(schema, batches());
    expect(back.numRows).toBe(4321);
    for (const name of ['s', 'n', 'd', 'i']) expect([...back.getChild(name)!]).toEqual([...expected.getChild(name)!]);
  });

  it('writes a file of no rows as one writer does', async () => {
    const chunks: Uint8Array[] = [];
    const sink = { write: async (bytes: Uint8Array) => void chunks.push(bytes) };
    const encoder = parquetEncoder(schema, { rowGroupRows: 1000, threads: 1 });
    await encoder.start(sink);
    const outcome = await encoder.finish(sink).then(
      () => 'written',
      (e: Error) => e.message,
    );
    const direct = await encodeParquet(pq, [], 1000).then(
      () => 'written',
      (e: Error) => `the Parquet writer failed: ${e.message}`,
    );
    expect(outcome).toBe(direct);
  });

  it('joins files handed over in parts, split anywhere, as it joins them whole', async () => {
    const files = await Promise.all([0, 1, 2].map((k) => oneWriter([tableToIPC(new Table(schema, [batch(k * 1000, 1000)]), 'stream')], 1000)));
    const joinAll = (split: (file: Buffer) => Uint8Array[]) => {
      const joiner = new ParquetJoiner();
      const parts = files.flatMap((file) => joiner.add(split(file)));
      return Buffer.concat([...parts, joiner.finish()]);
    };
    const whole = joinAll((file) => [file]);
    const cuts = (file: Buffer, at: number[]) => at.map((a, i) => file.subarray(a, at[i + 1] ?? file.length));
    // In the magic, in the data, in the footer, in its length, one byte at the end.
    expect(joinAll((file) => cuts(file, [0, 2, 500, file.length - 300, file.length - 6, file.length - 1])).equals(whole)).toBe(true);
    expect(joinAll((file) => cuts(file, [0, 4, file.length - 8])).equals(whole)).toBe(true);
    expect(tableFromIPC(pq.readParquet(whole).intoIPCStream()).numRows).toBe(3000);
  });

  it('refuses to join what is not a Parquet file', () => {
    expect(() => new ParquetJoiner().add([Uint8Array.from([1, 2, 3])])).toThrow(/not a Parquet file/);
  });
});
