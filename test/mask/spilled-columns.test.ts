/**
 * A string column that turns from dictionary codes into plain Utf8 mid-file (its dictionary passed
 * its bound, see src/load/dictionary.ts) audits and masks, through the real CLI, to what the data
 * says: group counts recounted here from the rows, HMAC tokens recomputed here with node:crypto,
 * and the same output as a run whose columns never turn plain.
 */
import { createHmac } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli/run-cli.js';
import { openData } from '../../src/load/open.js';
import { tempFolder } from './helpers.js';

/** More than one batch of the loader's default 65,536 rows. */
const ROWS = 70_000;
const SEXES = ['female', 'male', 'other'];
const KEY = 'spilled-columns-test-key-0123456789abcdef';

interface Row {
  customer_id: string;
  email: string;
  sex: string;
  label: number;
  pred: number;
}

/** `other` appears only from row 66,000 on: in the loader's second batch. */
function rowOf(i: number): Row {
  return { customer_id: `CUST-${String(i).padStart(9, '0')}`, email: `user${i}.x@example.com`, sex: i < 66_000 ? SEXES[i % 2] : SEXES[i % 3], label: (i * 7) % 5 < 2 ? 1 : 0, pred: (i * 11) % 7 < 3 ? 1 : 0 };
}

async function writeData(folder: string): Promise<string> {
  const path = join(folder, 'people.csv');
  const lines = ['customer_id,email,sex,label,pred'];
  for (let i = 0; i < ROWS; i++) {
    const r = rowOf(i);
    lines.push(`${r.customer_id},${r.email},${r.sex},${r.label},${r.pred}`);
  }
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

/** FAIRAUDIT_DICTIONARY_BOUND=2 makes `sex` turn plain in the second batch, where its third value appears; a huge bound keeps it coded. */
const SPILLING = { FAIRAUDIT_DICTIONARY_BOUND: '2' };
const CODED = { FAIRAUDIT_DICTIONARY_BOUND: '1000000000' };

interface GroupResult {
  key: Record<string, string>;
  n: number;
  counts: Record<string, number>;
}

describe('a string column that turns plain mid-file', () => {
  it('audits to the group counts of its rows, the same as when it stays dictionary-coded', async () => {
    const folder = await tempFolder();
    const data = await writeData(folder);
    const audits: GroupResult[][] = [];
    for (const [name, env] of [['spilling', SPILLING], ['coded', CODED]] as const) {
      const out = join(folder, name);
      const run = await runCliInProcess(['audit', data, '--label', 'label', '--prediction', 'pred', '--sensitive', 'sex', '--bootstrap', '0', '-o', out, '-q'], { env });
      expect(run.stderr).toBe('');
      const results = JSON.parse(await readFile(join(out, 'audit.json'), 'utf8')) as { attributes: { groups: GroupResult[] }[] };
      audits.push(results.attributes[0].groups);
    }
    // Recounted from the rows, independently of the loader.
    const expected = SEXES.map((sex) => {
      const counts = { tp: 0, fp: 0, tn: 0, fn: 0 };
      for (let i = 0; i < ROWS; i++) {
        const r = rowOf(i);
        if (r.sex !== sex) continue;
        if (r.pred === 1) counts[r.label === 1 ? 'tp' : 'fp']++;
        else counts[r.label === 1 ? 'fn' : 'tn']++;
      }
      return { key: { sex }, n: counts.tp + counts.fp + counts.tn + counts.fn, counts };
    });
    for (const groups of audits) {
      const seen = groups.map((g) => ({ key: g.key, n: g.n, counts: { tp: g.counts.tp, fp: g.counts.fp, tn: g.counts.tn, fn: g.counts.fn } }));
      expect(seen.sort((a, b) => a.key.sex.localeCompare(b.key.sex))).toEqual(expected);
    }
    expect(audits[0]).toEqual(audits[1]);
  }, 120_000);

  for (const format of ['csv', 'parquet', 'arrow'] as const) {
    it(`masks to ${format} with each id hashed from its own bytes, the same as when it stays dictionary-coded`, async () => {
      const folder = await tempFolder();
      const data = await writeData(folder);
      const outputs: string[] = [];
      for (const [name, env] of [['spilling', SPILLING], ['coded', CODED]] as const) {
        const out = join(folder, `${name}.${format}`);
        const run = await runCliInProcess(['mask', data, '-o', out, '-q', '--allow-k', '1'], { env: { ...env, FAIRAUDIT_MASK_KEY: KEY } });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        outputs.push(out);
      }
      // Buffer.equals: a deep comparison of 10 MB byte by byte takes minutes.
      if (format === 'csv') expect((await readFile(outputs[0])).equals(await readFile(outputs[1]))).toBe(true);
      const hmac = (text: string) => createHmac('sha256', KEY).update(text, 'utf8').digest('hex');
      for (const out of outputs) {
        const rows: Record<string, unknown>[] = [];
        for await (const batch of (await openData([out])).scan()) for (const row of batch) rows.push(row.toJSON());
        expect(rows.length).toBe(ROWS);
        const mismatches = rows.filter((row, i) => {
          const r = rowOf(i);
          return row.customer_id !== hmac(r.customer_id) || row.email !== hmac(r.email) || row.sex !== r.sex || Number(row.label) !== r.label;
        });
        expect(mismatches.length).toBe(0);
      }
      if (format === 'arrow') {
        // An Arrow IPC file holds one dictionary per column: the unique ids are written plain, so it does not hold them all.
        const types = tableFromIPC(await readFile(outputs[1])).schema.fields.map((f) => `${f.name}: ${String(f.type)}`);
        expect(types.slice(0, 3)).toEqual(['customer_id: Utf8', 'email: Utf8', 'sex: Dictionary<Int32, Utf8>']);
      }
    }, 120_000);
  }
});
