import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { BUNDLED_ROWS, DEFAULT_DATASET_SEED } from '../../scripts/datasets/generate.js';
import { writeDataset } from '../../scripts/datasets/write.js';
import { gradesCsv, salariesCsv } from '../../scripts/datasets/outcomes.js';
import { generatedRows, type Row } from './naive.js';

const BUNDLED = fileURLToPath(new URL('../../datasets/', import.meta.url));
let first: string;
let second: string;

beforeAll(async () => {
  first = await mkdtemp(join(tmpdir(), 'fairaudit-datasets-'));
  second = await mkdtemp(join(tmpdir(), 'fairaudit-datasets-'));
  for (const out of [first, second]) await writeDataset('loans', 1_500, { out, seed: 9, batchSize: 512 });
});

afterAll(async () => {
  await rm(first, { recursive: true, force: true });
  await rm(second, { recursive: true, force: true });
});

/** A plain RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  return records;
}

/** How a value should read in the CSV file: dates ISO, nulls empty, numbers as JavaScript prints them. */
function cell(column: string, value: unknown): string {
  if (value === null) return '';
  if (column === 'date_of_birth') return new Date(value as number).toISOString().slice(0, 10);
  return String(value);
}

describe('writeDataset', () => {
  it('writes byte-identical CSV, Arrow and Parquet files on two runs with the same seed', async () => {
    for (const file of ['loans.csv', 'loans.arrow', 'loans.parquet']) {
      const [a, b] = await Promise.all([readFile(join(first, file)), readFile(join(second, file))]);
      expect(a.equals(b), file).toBe(true);
    }
  });

  it('writes a CSV file whose header and cells are the generated rows', async () => {
    const records = parseCsv(await readFile(join(first, 'loans.csv'), 'utf8'));
    const rows = generatedRows('loans', 1_500, 9);
    const header = Object.keys(rows[0]);
    expect(records[0]).toEqual(header);
    expect(records.slice(1)).toEqual(rows.map((row) => header.map((column) => cell(column, row[column]))));
  });

  it('writes Arrow IPC and Parquet files that read back as the generated rows', async () => {
    const rows = generatedRows('loans', 1_500, 9);
    const arrow = tableFromIPC(await readFile(join(first, 'loans.arrow')));
    expect(arrow.toArray().map((r) => r.toJSON() as Row)).toEqual(rows);

    const parquet = await import('parquet-wasm');
    const wasmTable = parquet.readParquet(new Uint8Array(await readFile(join(first, 'loans.parquet'))));
    const fromParquet = tableFromIPC(wasmTable.intoIPCStream());
    expect(fromParquet.numRows).toBe(1_500);
    expect(fromParquet.toArray().map((r) => r.toJSON() as Row)).toEqual(rows);
  });

  it('fails without leaving a partial file when the folder cannot be written', async () => {
    const missing = join(first, 'no-such-folder');
    await expect(writeDataset('hiring', 100, { out: missing, formats: ['csv', 'arrow'] })).rejects.toThrow(/ENOENT/);
    expect(await readdir(first)).toEqual(['loans.arrow', 'loans.csv', 'loans.parquet']);
  });

  it('reproduces the committed datasets/ files byte for byte from seed 42 (run `npm run datasets` after changing a generator)', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fairaudit-bundled-'));
    try {
      for (const kind of ['loans', 'hiring'] as const) {
        await writeDataset(kind, BUNDLED_ROWS[kind], { out, seed: DEFAULT_DATASET_SEED });
        for (const format of ['csv', 'arrow', 'parquet']) {
          const name = `${kind}.${format}`;
          const [fresh, committed] = await Promise.all([readFile(join(out, name)), readFile(join(BUNDLED, name))]);
          expect(fresh.equals(committed), name).toBe(true);
        }
      }
      // The outcome-type examples (seeds 42 and 43, as `npm run datasets` writes them).
      expect(gradesCsv(4000, 42)).toBe(await readFile(join(BUNDLED, 'grades.csv'), 'utf8'));
      expect(salariesCsv(4000, 43)).toBe(await readFile(join(BUNDLED, 'salaries.csv'), 'utf8'));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('writes files with only the schema for zero rows', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fairaudit-empty-'));
    try {
      await writeDataset('hiring', 0, { out });
      expect(await readFile(join(out, 'hiring.csv'), 'utf8')).toBe('candidate_id,sex,race_ethnicity,score,selected,qualified\n');
      const arrow = tableFromIPC(await readFile(join(out, 'hiring.arrow')));
      expect([arrow.numRows, arrow.schema.fields.length]).toEqual([0, 6]);
      const parquet = await import('parquet-wasm');
      const fromParquet = tableFromIPC(parquet.readParquet(new Uint8Array(await readFile(join(out, 'hiring.parquet')))).intoIPCStream());
      expect([fromParquet.numRows, fromParquet.schema.fields.length]).toEqual([0, 6]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('rejects an unknown format before writing anything', async () => {
    await expect(writeDataset('loans', 10, { out: first, formats: ['xlsx' as 'csv'] })).rejects.toThrow(/invalid format: xlsx/);
  });
});
