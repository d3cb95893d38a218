/**
 * Transient scans of Parquet view each batch in WebAssembly memory instead of copying it out as
 * IPC bytes: the rows must be exactly those of an ordinary scan, for every column type of the
 * sample, across many batches, nulls included.
 */
import { tableToIPC } from 'apache-arrow';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openData } from '../../src/load/open.js';
import { SAMPLE, rowsOf, sampleTable, tempDir } from './helpers.js';

let path: string;

beforeAll(async () => {
  path = join(tempDir(), 'sample.parquet');
  const { Table, writeParquet } = await import('parquet-wasm');
  writeFileSync(path, writeParquet(Table.fromIPCStream(tableToIPC(sampleTable(), 'stream'))));
});

describe('transient scans of Parquet files', () => {
  it('give every row and column of the sample, nulls included', async () => {
    const source = await openData([path]);
    expect(await rowsOf(source, { transient: true })).toEqual(SAMPLE);
  });

  it('equal an ordinary scan batch by batch, with batches of 4 rows', async () => {
    const source = await openData([path]);
    const transient = await rowsOf(source, { transient: true, batchSize: 4 });
    expect(transient).toEqual(await rowsOf(source, { batchSize: 4 }));
    expect(transient).toEqual(SAMPLE);
  });

  it('give the requested columns only, in the requested order', async () => {
    const source = await openData([path]);
    expect(await rowsOf(source, { columns: ['zip', 'approved'], transient: true, batchSize: 5 })).toEqual(
      SAMPLE.map((r) => ({ zip: r.zip, approved: r.approved })),
    );
  });
});
