/** Shared helpers of the loader tests: temporary folders, writers for every format, and a plain decoder. */
import { tableFromArrays, tableToIPC, type Table } from 'apache-arrow';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DataSource, ScanOptions } from '../../src/load/source.js';
import { UserError } from '../../src/errors.js';

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fairaudit-load-'));
}

/** One row as plain values. */
export type Row = Record<string, string | number | boolean | null>;

/** Every row of a scan as plain values, decoded with `Vector.get` (fine for small test data). */
export async function rowsOf(source: DataSource, options?: ScanOptions): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const batch of source.scan(options)) {
    for (let i = 0; i < batch.numRows; i++) {
      const row: Row = {};
      for (const field of batch.schema.fields) {
        const value = batch.getChild(field.name)!.get(i) as unknown;
        row[field.name] = typeof value === 'bigint' ? Number(value) : (value as Row[string]);
      }
      rows.push(row);
    }
  }
  return rows;
}

/** The rows of a small loans-like table, built by hand: ids, a string with nulls, a float with nulls, a boolean, a ZIP with leading zeros. */
export const SAMPLE: Row[] = Array.from({ length: 23 }, (_, i) => ({
  id: i + 1,
  sex: i % 7 === 3 ? null : ['female', 'male', 'non-binary'][i % 3],
  city: ['Ørsted, "Nord"', 'São Paulo', 'Zürich'][i % 3],
  score: i % 5 === 4 ? null : Math.round(((i * 37) % 100) * 1.25) / 100,
  approved: i % 2 === 0,
  zip: String(1000 + i * 7).padStart(5, '0'),
}));

/** The sample as an Arrow table (Int32 ids, Float64 scores, Bool, Utf8 strings). */
export function sampleTable(): Table {
  return tableFromArrays({
    id: Int32Array.from(SAMPLE, (r) => r.id as number),
    sex: SAMPLE.map((r) => r.sex as string | null),
    city: SAMPLE.map((r) => r.city as string),
    score: SAMPLE.map((r) => r.score as number | null),
    approved: SAMPLE.map((r) => r.approved as boolean),
    zip: SAMPLE.map((r) => r.zip as string),
  });
}

function csvCell(value: Row[string], delimiter: string): string {
  if (value === null) return '';
  const text = String(value);
  return text.includes(delimiter) || text.includes('"') || text.includes('\n') ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as delimited text with a header, quoting what needs quotes. */
export function toDelimited(rows: Row[], delimiter = ','): string {
  const names = Object.keys(rows[0]);
  return [names.join(delimiter), ...rows.map((row) => names.map((n) => csvCell(row[n], delimiter)).join(delimiter))].join('\n') + '\n';
}

/** Rows as JSON Lines. */
export function toJsonl(rows: Row[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
}

/** Writes the sample in every text and Arrow format into `dir`; returns the paths by label. */
export function writeSampleFiles(dir: string): Record<string, string> {
  const paths: Record<string, string> = {
    arrow: join(dir, 'sample.arrow'),
    arrows: join(dir, 'sample.arrows'),
    csv: join(dir, 'sample.csv'),
    tsv: join(dir, 'sample.tsv'),
    'csv.gz': join(dir, 'sample.csv.gz'),
    jsonl: join(dir, 'sample.jsonl'),
    'ndjson.gz': join(dir, 'sample.ndjson.gz'),
  };
  const table = sampleTable();
  writeFileSync(paths.arrow, tableToIPC(table, 'file'));
  writeFileSync(paths.arrows, tableToIPC(table, 'stream'));
  writeFileSync(paths.csv, toDelimited(SAMPLE));
  writeFileSync(paths.tsv, toDelimited(SAMPLE, '\t'));
  writeFileSync(paths['csv.gz'], gzipSync(toDelimited(SAMPLE)));
  writeFileSync(paths.jsonl, toJsonl(SAMPLE));
  writeFileSync(paths['ndjson.gz'], gzipSync(toJsonl(SAMPLE)));
  return paths;
}

/** The user error a promise rejects with (fails the test when it resolves or throws something else). */
export async function userError(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError, but nothing was thrown');
}

/** Drains a source, for errors that only show while streaming. */
export async function drain(source: DataSource, options?: ScanOptions): Promise<number> {
  let rows = 0;
  for await (const batch of source.scan(options)) rows += batch.numRows;
  return rows;
}
