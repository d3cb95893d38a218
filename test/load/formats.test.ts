/**
 * The same table written in every format reads back as the same values: Arrow IPC file and stream,
 * Parquet with each compression codec, CSV, TSV, gzipped CSV, JSON Lines (plain and gzipped).
 */
import { tableToIPC } from 'apache-arrow';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openData } from '../../src/load/open.js';
import { SAMPLE, rowsOf, sampleTable, tempDir, writeSampleFiles } from './helpers.js';

let dir: string;
let paths: Record<string, string>;
const CODECS = ['SNAPPY', 'GZIP', 'ZSTD', 'LZ4_RAW', 'LZ4', 'BROTLI', 'UNCOMPRESSED'] as const;

beforeAll(async () => {
  dir = tempDir();
  paths = writeSampleFiles(dir);
  const { Table, writeParquet, WriterPropertiesBuilder, Compression } = await import('parquet-wasm');
  for (const codec of CODECS) {
    const wasmTable = Table.fromIPCStream(tableToIPC(sampleTable(), 'stream'));
    const properties = new WriterPropertiesBuilder().setCompression(Compression[codec]).setMaxRowGroupSize(10).build();
    paths[`parquet ${codec}`] = join(dir, `sample-${codec.toLowerCase()}.parquet`);
    writeFileSync(paths[`parquet ${codec}`], writeParquet(wasmTable, properties));
  }
});

describe('every format reads back the same values', () => {
  const labels = ['arrow', 'arrows', 'csv', 'tsv', 'csv.gz', 'jsonl', 'ndjson.gz', ...CODECS.map((c) => `parquet ${c}`)];
  for (const label of labels) {
    it(`${label} gives the rows that were written`, async () => {
      const source = await openData([paths[label]]);
      expect(source.schema.names).toEqual(Object.keys(SAMPLE[0]));
      expect(await rowsOf(source)).toEqual(SAMPLE);
    });
    it(`${label} gives the same rows in batches of 4`, async () => {
      const source = await openData([paths[label]]);
      const batches: number[] = [];
      for await (const batch of source.scan({ batchSize: 4 })) batches.push(batch.numRows);
      expect(Math.max(...batches)).toBeLessThanOrEqual(4);
      expect(await rowsOf(source, { batchSize: 4 })).toEqual(SAMPLE);
    });
  }

  it('names the data after the file without its extensions', async () => {
    expect((await openData([paths['csv.gz']])).name).toBe('sample');
    expect((await openData([paths['parquet SNAPPY']])).name).toBe('sample-snappy');
    expect((await openData([paths.csv], { name: 'loans' })).name).toBe('loans');
  });

  it('records format, compression and size per file', async () => {
    const source = await openData([paths['csv.gz']]);
    expect(source.files).toMatchObject([{ path: paths['csv.gz'], format: 'csv', gzip: true }]);
    expect((await openData([paths.arrows])).files[0].format).toBe('arrow-stream');
    expect((await openData([paths['ndjson.gz']])).files[0]).toMatchObject({ format: 'jsonl', gzip: true });
  });

  it('keeps dictionary-encoded Arrow columns as dictionaries', async () => {
    const { vectorFromArray, Dictionary, Utf8, Int32, Table } = await import('apache-arrow');
    const table = new Table({ sex: vectorFromArray(['f', 'm', 'f'], new Dictionary(new Utf8(), new Int32())) });
    const path = join(dir, 'dict.arrow');
    writeFileSync(path, tableToIPC(table, 'file'));
    const source = await openData([path]);
    for await (const batch of source.scan()) {
      expect(batch.getChild('sex')!.type.toString()).toBe('Dictionary<Int32, Utf8>');
      // f, m, f: codes 0, 1, 0 (first-seen order of vectorFromArray)
      expect(Array.from((batch.getChild('sex')!.data[0].values as Int32Array).subarray(0, 3))).toEqual([0, 1, 0]);
    }
  });
});
