/**
 * The IPC stream of one batch, left in the pieces the Arrow writer emits, joins to the bytes of
 * apache-arrow's own tableToIPC, dictionaries, nulls and slices included.
 */
import { Dictionary, Field, Float64, Int32, RecordBatch, Schema, Struct, Table, Utf8, makeData, tableToIPC, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ipcStreamChunks } from '../../src/write/ipc-chunks.js';

describe('an IPC stream in pieces', () => {
  it('joins to the bytes tableToIPC writes for the same batch', () => {
    const dictType = new Dictionary(new Utf8(), new Int32());
    const schema = new Schema([new Field('s', new Utf8(), true), new Field('d', dictType, true), new Field('n', new Float64(), true)]);
    const rows = 1000;
    const children = [
      vectorFromArray(Array.from({ length: rows }, (_, i) => (i % 13 === 0 ? null : `value ${i} é`)), new Utf8()).data[0],
      vectorFromArray(Array.from({ length: rows }, (_, i) => ['a', 'b', null][i % 3]), dictType).data[0],
      vectorFromArray(Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? null : i / 3)), new Float64()).data[0],
    ];
    const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows, nullCount: 0, children }));
    for (const piece of [batch, batch.slice(0, 1), batch.slice(333, 700), batch.slice(0, 0)]) {
      const joined = Buffer.concat(ipcStreamChunks(piece, schema));
      expect(joined.equals(Buffer.from(tableToIPC(new Table(schema, [piece]), 'stream')))).toBe(true);
    }
  });
});
