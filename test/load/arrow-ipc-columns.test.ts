/**
 * Transient scans of Arrow IPC files read only the wanted columns into reused memory: the rows
 * must be exactly those of an ordinary scan, for every column type the bundled sample has, for
 * projections, across many batches, and for files it cannot read that way (nested columns).
 */
import { Field, Int32, List, RecordBatch, Schema, Struct, Table, makeData, tableToIPC, vectorFromArray } from 'apache-arrow';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openData } from '../../src/load/open.js';
import { SAMPLE, rowsOf, sampleTable, tempDir } from './helpers.js';

let dir: string;
let samplePath: string;
let batchedPath: string;

/** The sample written as batches of `size` rows, so a scan crosses many record batches. */
function batchedSample(size: number): Table {
  const whole = sampleTable();
  const batches: RecordBatch[] = [];
  for (let start = 0; start < whole.numRows; start += size) batches.push(...whole.slice(start, start + size).batches);
  return new Table(batches);
}

beforeAll(() => {
  dir = tempDir();
  samplePath = join(dir, 'sample.arrow');
  writeFileSync(samplePath, tableToIPC(sampleTable(), 'file'));
  batchedPath = join(dir, 'batched.arrow');
  writeFileSync(batchedPath, tableToIPC(batchedSample(4), 'file'));
});

describe('transient scans of Arrow IPC files', () => {
  it('give every row and column of the sample, nulls included', async () => {
    const source = await openData([samplePath]);
    expect(await rowsOf(source, { transient: true })).toEqual(SAMPLE);
  });

  it('give only the requested columns, in the requested order', async () => {
    const source = await openData([samplePath]);
    expect(await rowsOf(source, { columns: ['zip', 'sex'], transient: true })).toEqual(SAMPLE.map((r) => ({ zip: r.zip, sex: r.sex })));
    expect(await rowsOf(source, { columns: ['score'], transient: true })).toEqual(SAMPLE.map((r) => ({ score: r.score })));
  });

  it('read batch after batch into the same memory', async () => {
    const source = await openData([batchedPath]);
    const buffers = new Set<ArrayBufferLike>();
    let rows = 0;
    for await (const batch of source.scan({ columns: ['id', 'approved'], transient: true })) {
      const ids = batch.getChild('id')!.data[0].values as Int32Array;
      // Decode now: the next batch overwrites this one.
      expect(Array.from(ids.subarray(0, batch.numRows))).toEqual(SAMPLE.slice(rows, rows + batch.numRows).map((r) => r.id));
      buffers.add(ids.buffer);
      rows += batch.numRows;
    }
    expect(rows).toBe(SAMPLE.length);
    expect(buffers.size).toBe(1);
  });

  it('equal an ordinary scan across many batches', async () => {
    const source = await openData([batchedPath]);
    expect(await rowsOf(source, { transient: true })).toEqual(await rowsOf(source));
    expect(await rowsOf(source, { transient: true })).toEqual(SAMPLE);
  });

  it('fall back to the ordinary reader for a file with a nested column', async () => {
    const lists = vectorFromArray(
      SAMPLE.map((r) => [r.id as number, 1]),
      new List(new Field('item', new Int32(), true)),
    );
    const ids = vectorFromArray(Int32Array.from(SAMPLE, (r) => r.id as number));
    const fields = [new Field('id', ids.type, true), new Field('pair', lists.type, true)];
    const data = makeData({ type: new Struct(fields), length: SAMPLE.length, nullCount: 0, children: [ids.data[0], lists.data[0]] });
    const path = join(dir, 'nested.arrow');
    writeFileSync(path, tableToIPC(new Table([new RecordBatch(new Schema(fields), data)]), 'file'));
    const source = await openData([path]);
    expect(await rowsOf(source, { columns: ['id'], transient: true })).toEqual(SAMPLE.map((r) => ({ id: r.id })));
  });

  it('leave the hash of the file to provenance, which still gives the SHA-256 of its bytes', async () => {
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const source = await openData([samplePath]);
    for await (const batch of source.scan({ columns: ['id'], transient: true })) expect(batch.numRows).toBeGreaterThan(0);
    const [file] = await source.provenance();
    expect(file.sha256).toBe(createHash('sha256').update(readFileSync(samplePath)).digest('hex'));
  });
});
