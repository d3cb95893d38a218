/**
 * A string column whose dictionary passes its bound (an id, an e-mail: as many values as rows)
 * turns plain Utf8 from the next batch on, so memory does not grow with its distinct values; its
 * values read back exactly as the file wrote them, nulls included.
 */
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataType, Vector, type RecordBatch } from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import { openData } from '../../src/load/open.js';
import { GrowingDictionary, RATIO_MIN_ROWS } from '../../src/load/dictionary.js';

const ROWS = 40_000;
const BATCH = 8192;

/** Row i's id as the file writes it, and as it should read back (null for a missing value). */
function idOf(i: number): { text: string; value: string | null } {
  if (i % 997 === 0) return { text: 'NA', value: null };
  if (i % 1009 === 0) return { text: '', value: null };
  if (i % 1013 === 0) return { text: `"Nora, ${i}"`, value: `Nora, ${i}` };
  if (i % 1019 === 0) return { text: `Né-${i}`, value: `Né-${i}` };
  return { text: `ID-${i}`, value: `ID-${i}` };
}

const GROUPS = ['north', 'south', 'east'];

/** Row i's group: only north and south until row 20,000, then east too. */
function groupOf(i: number): string {
  return i < 20_000 ? GROUPS[i % 2] : GROUPS[i % 3];
}

async function writeCsv(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'fairaudit-spill-'));
  const path = join(folder, 'people.csv');
  const lines = ['id,grp,x'];
  for (let i = 0; i < ROWS; i++) lines.push(`${idOf(i).text},${groupOf(i)},${i % 7}`);
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

async function batchesOf(path: string): Promise<RecordBatch[]> {
  const batches: RecordBatch[] = [];
  for await (const batch of (await openData([path])).scan({ batchSize: BATCH })) batches.push(batch);
  return batches;
}

function columnValues(batches: RecordBatch[], name: string): unknown[] {
  return batches.flatMap((b) => [...new Vector([b.getChild(name)!.data[0]])]);
}

afterEach(() => {
  delete process.env.FAIRAUDIT_DICTIONARY_BOUND;
});

describe('a string column with more distinct values than its dictionary bound', () => {
  it('is dictionary-coded until half its rows are distinct past the first rows, then plain Utf8 with the same values', async () => {
    const batches = await batchesOf(await writeCsv());
    const shapes = batches.map((b) => (DataType.isDictionary(b.getChild('id')!.type) ? 'dictionary' : 'utf8'));
    // The ratio rule applies from RATIO_MIN_ROWS rows on: the batch that reaches it turns plain whole.
    const firstPlain = Math.floor((RATIO_MIN_ROWS - 1) / BATCH);
    expect(firstPlain).toBeGreaterThan(0);
    expect(shapes).toEqual(batches.map((_, i) => (i < firstPlain ? 'dictionary' : 'utf8')));
    expect(batches.every((b) => DataType.isDictionary(b.getChild('grp')!.type))).toBe(true);
    expect(columnValues(batches, 'id')).toEqual(Array.from({ length: ROWS }, (_, i) => idOf(i).value));
    expect(columnValues(batches, 'grp')).toEqual(Array.from({ length: ROWS }, (_, i) => groupOf(i)));
    const plain = batches[batches.length - 1].getChild('id')!.data[0];
    expect(plain.nullCount).toBe(Array.from({ length: plain.length }, (_, j) => idOf(ROWS - plain.length + j).value).filter((v) => v === null).length);
  });

  it('turns plain from the batch where it passes FAIRAUDIT_DICTIONARY_BOUND distinct values', async () => {
    process.env.FAIRAUDIT_DICTIONARY_BOUND = '2';
    const batches = await batchesOf(await writeCsv());
    const shapes = batches.map((b) => DataType.isDictionary(b.getChild('grp')!.type));
    // The third group first appears at row 20,000.
    expect(shapes).toEqual(batches.map((_, i) => i < Math.floor(20_000 / BATCH)));
    expect(columnValues(batches, 'grp')).toEqual(Array.from({ length: ROWS }, (_, i) => groupOf(i)));
  });
});

describe('GrowingDictionary', () => {
  it('keeps the codes and vectors it handed out when it spills, and codes no new value after', () => {
    const dictionary = new GrowingDictionary(2);
    expect([dictionary.code('a'), dictionary.code('b'), dictionary.code('a')]).toEqual([0, 1, 0]);
    expect(dictionary.settle(3)).toBe(false);
    dictionary.code('c');
    const before = dictionary.vector();
    expect(dictionary.settle(1)).toBe(true);
    expect([...before]).toEqual(['a', 'b', 'c']);
    expect(dictionary.size).toBe(3);
    expect(() => dictionary.code('d')).toThrow(/spilled/);
  });
});
