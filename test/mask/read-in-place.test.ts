/**
 * Masking into Parquet reads each input batch in place (the loaders reuse its memory for the
 * next): the output must be byte for byte what copying every batch writes, for Parquet, Arrow IPC
 * and CSV inputs read in many small batches, and hold the right values.
 */
import { createHmac } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dictionary, Int32, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { openData } from '../../src/load/open.js';
import { maskData } from '../../src/mask/mask.js';
import { planMasking } from '../../src/mask/plan.js';
import { tempFolder } from './helpers.js';

const KEY = Buffer.from('a test key that is long enough');
const hmac = (text: string) => createHmac('sha256', KEY).update(text).digest('hex');
const ROWS = 53;

/** People with nulls, non-ASCII names and dictionary columns. */
function people(): Table {
  const email = Array.from({ length: ROWS }, (_, i) => (i % 11 === 5 ? null : `persön${i}@example.com`));
  return new Table({
    name: vectorFromArray(Array.from({ length: ROWS }, (_, i) => `Zoë Number${i}`), new Utf8()),
    email: vectorFromArray(email, new Dictionary(new Utf8(), new Int32())),
    zip: vectorFromArray(Array.from({ length: ROWS }, (_, i) => ['02134', '03601', '90210', null][i % 4]), new Dictionary(new Utf8(), new Int32())),
    sex: vectorFromArray(Array.from({ length: ROWS }, (_, i) => (i % 3 === 0 ? 'F' : 'M')), new Dictionary(new Utf8(), new Int32())),
    label: vectorFromArray(Int32Array.from({ length: ROWS }, (_, i) => (i * 7) % 2)),
  });
}

async function inputs(folder: string): Promise<string[]> {
  const table = people();
  const { Table: WasmTable, writeParquet } = await import('parquet-wasm');
  const parquet = join(folder, 'people.parquet');
  await writeFile(parquet, writeParquet(WasmTable.fromIPCStream(tableToIPC(table, 'stream'))));
  const arrow = join(folder, 'people.arrow');
  await writeFile(arrow, tableToIPC(table, 'file'));
  const csv = join(folder, 'people.csv');
  const cell = (v: unknown) => (v === null ? '' : String(v));
  const lines = ['name,email,zip,sex,label', ...Array.from({ length: ROWS }, (_, i) => table.schema.names.map((n) => cell(table.getChild(n as string)!.get(i))).join(','))];
  await writeFile(csv, lines.join('\n') + '\n');
  return [parquet, arrow, csv];
}

describe('masking into Parquet, reading in place', () => {
  it('writes the same bytes as copying every batch, with the right values, from every input format', async () => {
    const folder = await tempFolder();
    for (const input of await inputs(folder)) {
      const source = await openData([input]);
      const plan = planMasking({ schema: source.schema, config: { columns: { name: { op: 'redact' }, email: { op: 'hmac' }, zip: { op: 'generalize', zip_digits: 3 } } } });
      const inPlace = join(folder, `${input.split('.').pop()}-in-place.parquet`);
      const copied = join(folder, `${input.split('.').pop()}-copied.parquet`);
      await maskData(await openData([input]), plan, { out: inPlace, key: KEY, batchSize: 5 });
      await maskData(await openData([input]), plan, { out: copied, key: KEY, batchSize: 5, readInPlace: false });
      const bytes = await readFile(inPlace);
      expect(bytes.equals(await readFile(copied)), input).toBe(true);
      const back = tableFromIPC(readParquet(bytes).intoIPCStream());
      expect(back.numRows).toBe(ROWS);
      const emails = [...back.getChild('email')!].map((v) => (v === null ? null : String(v)));
      expect(emails).toEqual(Array.from({ length: ROWS }, (_, i) => (i % 11 === 5 ? null : hmac(`persön${i}@example.com`))));
      expect([...back.getChild('sex')!].map(String)).toEqual(Array.from({ length: ROWS }, (_, i) => (i % 3 === 0 ? 'F' : 'M')));
      expect([...back.getChild('label')!].map(Number)).toEqual(Array.from({ length: ROWS }, (_, i) => (i * 7) % 2));
    }
  });
});
