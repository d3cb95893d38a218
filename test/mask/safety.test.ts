/** Masking writes a whole output with its manifest, or nothing: refusals and failures leave the disk as it was. */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dictionary, Int32, Table, Utf8, vectorFromArray, type RecordBatch } from 'apache-arrow';
import { tableSource } from '../../src/load/memory.js';
import type { DataSource } from '../../src/load/source.js';
import { maskData } from '../../src/mask/mask.js';
import { planMasking } from '../../src/mask/plan.js';
import type { MaskRule } from '../../src/config/types.js';
import { UserError } from '../../src/errors.js';
import { tempFolder } from './helpers.js';

const KEY = Buffer.from('safety test key');

function people(rows = 20): Table {
  return new Table({
    email: vectorFromArray(Array.from({ length: rows }, (_, i) => `p${i}@example.com`), new Utf8()),
    job: vectorFromArray(Array.from({ length: rows }, (_, i) => ['nurse', 'clerk', 'pilot'][i % 3]), new Dictionary(new Utf8(), new Int32())),
  });
}

const plan = (table: Table, rules: Record<string, MaskRule> = { email: { op: 'hmac' } }) => planMasking({ schema: table.schema, config: { columns: rules } });

/** A source whose scans fail at the given batch of the given pass (1-based), as bad bytes would. */
function failingAt(source: DataSource, pass: number, batch: number): DataSource {
  let scans = 0;
  return {
    ...source,
    async *scan(options) {
      const thisPass = ++scans;
      let seen = 0;
      for await (const b of source.scan({ ...options, batchSize: 5 }) as AsyncIterable<RecordBatch>) {
        if (thisPass === pass && ++seen === batch) throw new UserError('bad bytes', { file: 'people.csv', line: 11 });
        yield b;
      }
    },
  };
}

describe('masking refuses or fails without leaving anything behind', () => {
  it('refuses an output whose folder cannot be created, as a user error (exit 2) naming the path', async () => {
    const folder = await tempFolder();
    await writeFile(join(folder, 'a-file'), 'x');
    const out = join(folder, 'a-file', 'sub', 'masked.csv');
    const refusal = maskData(tableSource(people()), plan(people()), { out, key: KEY });
    await expect(refusal).rejects.toBeInstanceOf(UserError);
    await expect(refusal).rejects.toMatchObject({ exitCode: 2, place: { file: out } });
    await expect(refusal).rejects.toThrow(/cannot write the output/);
    expect(await readdir(folder)).toEqual(['a-file']);
  });

  it('refuses an output path that is a folder before writing anything', async () => {
    const folder = await tempFolder();
    await mkdir(join(folder, 'out.csv'));
    await expect(maskData(tableSource(people()), plan(people()), { out: join(folder, 'out.csv'), key: KEY })).rejects.toThrow('the output path is a folder');
    expect(await readdir(join(folder, 'out.csv'))).toEqual([]);
    expect(await readdir(folder)).toEqual(['out.csv']);
  });

  it('leaves no output when the manifest cannot be written', async () => {
    const folder = await tempFolder();
    await mkdir(join(folder, 'out.csv.manifest.json'));
    await expect(maskData(tableSource(people()), plan(people()), { out: join(folder, 'out.csv'), key: KEY })).rejects.toThrow('the output path is a folder');
    expect(await readdir(folder)).toEqual(['out.csv.manifest.json']);
  });

  it('removes the folders it created for the output when a pass fails', async () => {
    const table = people();
    const folder = await tempFolder();
    const rare = plan(table, { email: { op: 'hmac' }, job: { op: 'suppress-rare', k: 2 } });
    // Pass 1 is the suppress-rare count, pass 2 the masking pass.
    for (const pass of [1, 2]) {
      const out = join(folder, 'new', 'deeper', 'masked.parquet');
      await expect(maskData(failingAt(tableSource(table), pass, 2), rare, { out, key: KEY })).rejects.toThrow('bad bytes');
      expect(await readdir(folder)).toEqual([]);
    }
  });

  it('leaves an existing file at the output path as it was when the write fails', async () => {
    const folder = await tempFolder();
    const out = join(folder, 'masked.jsonl');
    await writeFile(out, 'yesterday\n');
    await expect(maskData(failingAt(tableSource(people()), 1, 3), plan(people()), { out, key: KEY })).rejects.toThrow('bad bytes');
    expect(await readFile(out, 'utf8')).toBe('yesterday\n');
    expect(await readdir(folder)).toEqual(['masked.jsonl']);
  });

  it('refuses a k that is not a whole number ≥ 1 and an unknown quasi-identifier before writing', async () => {
    const folder = await tempFolder();
    const out = join(folder, 'x.csv');
    await expect(maskData(tableSource(people()), plan(people()), { out, key: KEY, k: 0 })).rejects.toThrow('k must be a whole number ≥ 1, got 0');
    await expect(maskData(tableSource(people()), plan(people()), { out, key: KEY, quasiIdentifiers: ['jobb'] })).rejects.toThrow(/unknown column "jobb"/);
    await expect(maskData(tableSource(people()), plan(people(), { email: { op: 'drop' } }), { out, lDiversity: 'email' })).rejects.toThrow(/dropped by the mask plan/);
    expect(await readdir(folder)).toEqual([]);
  });
});
