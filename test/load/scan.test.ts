/** Scans: projection, repeated scans, and SHA-256 provenance computed from the bytes a scan reads. */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableToIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { openData } from '../../src/load/open.js';
import { SAMPLE, drain, rowsOf, sampleTable, tempDir, writeSampleFiles } from './helpers.js';

let paths: Record<string, string>;

beforeAll(async () => {
  const dir = tempDir();
  paths = writeSampleFiles(dir);
  const { Table, writeParquet } = await import('parquet-wasm');
  paths.parquet = join(dir, 'sample.parquet');
  writeFileSync(paths.parquet, writeParquet(Table.fromIPCStream(tableToIPC(sampleTable(), 'stream'))));
});

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const LABELS = ['arrow', 'arrows', 'csv', 'tsv', 'csv.gz', 'jsonl', 'ndjson.gz', 'parquet'];

describe('projection', () => {
  for (const label of LABELS) {
    it(`${label}: returns only the requested columns, in the requested order`, async () => {
      const source = await openData([paths[label]]);
      for await (const batch of source.scan({ columns: ['zip', 'sex'] })) expect(batch.schema.names).toEqual(['zip', 'sex']);
      expect(await rowsOf(source, { columns: ['zip', 'sex'] })).toEqual(SAMPLE.map((r) => ({ zip: r.zip, sex: r.sex })));
    });
  }
});

describe('provenance', () => {
  for (const label of LABELS) {
    it(`${label}: the SHA-256 equals a hash of the file's bytes`, async () => {
      const source = await openData([paths[label]]);
      await drain(source);
      const [file] = await source.provenance();
      expect(file.sha256).toBe(sha256(paths[label]));
      expect(file.bytes).toBe(readFileSync(paths[label]).length);
    });
  }

  it('hashes during a full scan of text and Arrow files, without waiting for provenance()', async () => {
    for (const label of ['arrow', 'arrows', 'csv', 'csv.gz', 'jsonl']) {
      const source = await openData([paths[label]]);
      expect(source.files[0].sha256).toBe('');
      await drain(source, { columns: ['id'] });
      expect(source.files[0].sha256, label).toBe(sha256(paths[label]));
    }
  });

  it('hashes a file whose scan stopped early when provenance() is asked', async () => {
    const source = await openData([paths.csv]);
    for await (const batch of source.scan({ batchSize: 2 })) if (batch) break;
    expect(source.files[0].sha256).toBe('');
    expect((await source.provenance())[0].sha256).toBe(sha256(paths.csv));
  });
});

describe('repeated scans', () => {
  for (const label of LABELS) {
    it(`${label}: a second scan gives the same rows`, async () => {
      const source = await openData([paths[label]]);
      const first = await rowsOf(source);
      expect(await rowsOf(source)).toEqual(first);
      expect(first).toHaveLength(SAMPLE.length);
    });
  }
});
