import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { sampleSource } from '../../src/discover/sample.js';
import { tableSource } from '../../src/load/memory.js';
import { openData } from '../../src/load/open.js';
import type { DataSource, Sample } from '../../src/load/source.js';

const N = 5_000;

async function csvFile(): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'fairaudit-sample-')), 'rows.csv');
  const lines = ['row,group', ...Array.from({ length: N }, (_, i) => `${i},g${i % 7}`)];
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

describe('DataSource.sample', () => {
  it('gives a CSV file the same seeded sample as the same rows held in memory (a source without sample())', async () => {
    const csv = await openData([await csvFile()]);
    const memory: DataSource = tableSource(tableFromArrays({ row: Int32Array.from({ length: N }, (_, i) => i), group: Array.from({ length: N }, (_, i) => `g${i % 7}`) }));
    expect(memory.sample).toBeUndefined();
    const fromCsv = (await csv.sample?.(300, 17)) as Sample;
    const fromMemory = await sampleSource(memory, { sampleSize: 300, seed: 17 });
    expect(fromCsv.rows).toBe(300);
    expect(fromCsv.rowsSeen).toBe(N);
    expect(fromCsv.columns.map((c) => c.values)).toEqual(fromMemory.columns.map((c) => c.values));
    // Each sampled row keeps its own cells: group is row mod 7, computed here, not read back.
    const [row, group] = fromCsv.columns.map((c) => c.values);
    row.forEach((r, i) => expect(group[i]).toBe(`g${(r as number) % 7}`));
  });

  it('is what discovery samples: sampleSource asks the source, for the columns it names', async () => {
    const csv = await openData([await csvFile()]);
    const direct = (await csv.sample?.(250, 3, ['group'])) as Sample;
    const viaDiscovery = await sampleSource(csv, { sampleSize: 250, seed: 3, columns: ['group', 'no_such_column'] });
    expect(viaDiscovery).toEqual(direct);
    expect(direct.columns.map((c) => c.name)).toEqual(['group']);
  });

  it('returns every row, in file order, when the data holds fewer rows than the sample size', async () => {
    const csv = await openData([await csvFile()]);
    const sample = (await csv.sample?.(10_000, 1, ['row'])) as Sample;
    expect(sample.rows).toBe(N);
    expect(sample.columns[0].values).toEqual(Array.from({ length: N }, (_, i) => i));
  });
});
