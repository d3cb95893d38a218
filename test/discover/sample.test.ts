import { tableFromArrays, vectorFromArray, Dictionary, Int32, Utf8, Table, makeVector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { tableSource } from '../../src/load/memory.js';
import type { DataSource } from '../../src/load/source.js';
import { sampleSource } from '../../src/discover/sample.js';

/** The same source, scanned in batches of `size` rows. */
function rebatched(source: DataSource, size: number): DataSource {
  return { ...source, scan: (options) => source.scan({ ...options, batchSize: size }) };
}

const N = 20_000;
const table = tableFromArrays({ row: Int32Array.from({ length: N }, (_, i) => i), twice: Float64Array.from({ length: N }, (_, i) => 2 * i) });

describe('reservoir sample', () => {
  it('keeps every row, in order, when there are fewer rows than the sample size', async () => {
    const sample = await sampleSource(tableSource(table), { sampleSize: 50_000 });
    expect(sample.rows).toBe(N);
    expect(sample.rowsSeen).toBe(N);
    expect(sample.columns[0].values).toEqual(Array.from({ length: N }, (_, i) => i));
  });

  it('keeps the sample size, with cells of one row staying together', async () => {
    const sample = await sampleSource(rebatched(tableSource(table), 999), { sampleSize: 1000, seed: 1 });
    expect(sample.rows).toBe(1000);
    const [row, twice] = sample.columns.map((c) => c.values as number[]);
    expect(new Set(row).size).toBe(1000);
    row.forEach((r, i) => expect(twice[i]).toBe(2 * r));
  });

  it('draws the same rows whatever the batch size, and other rows with another seed', async () => {
    const rows = async (batch: number, seed: number) => (await sampleSource(rebatched(tableSource(table), batch), { sampleSize: 500, seed })).columns[0].values;
    const a = await rows(7, 3);
    expect(await rows(4096, 3)).toEqual(a);
    expect(await rows(7, 4)).not.toEqual(a);
  });

  it('gives every row the same chance: the mean sampled row index is near (N − 1)/2', async () => {
    // For a uniform sample of 1000 from 0..19 999, the mean has sd ≈ √((N² − 1)/12 / 1000) ≈ 182.6.
    for (const seed of [1, 2, 3, 4, 5]) {
      const values = (await sampleSource(rebatched(tableSource(table), 1000), { sampleSize: 1000, seed })).columns[0].values as number[];
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      expect(Math.abs(mean - (N - 1) / 2)).toBeLessThan(4 * 182.6);
    }
  });

  it('decodes dictionary text, nulls, booleans and dates to plain values', async () => {
    const dictionary = vectorFromArray(['f', 'm', null, 'f'], new Dictionary(new Utf8(), new Int32()));
    const t = new Table({
      sex: dictionary,
      flag: vectorFromArray([true, false, null, true]),
      when: vectorFromArray([new Date(Date.UTC(2020, 0, 2)), null, new Date(Date.UTC(1999, 11, 31)), new Date(0)]),
      n: makeVector(Int32Array.of(1, 2, 3, 4)),
    });
    const sample = await sampleSource(tableSource(t));
    const byName = Object.fromEntries(sample.columns.map((c) => [c.name, c]));
    expect(byName.sex.values).toEqual(['f', 'm', null, 'f']);
    expect(byName.sex.kind).toBe('string');
    expect(byName.flag.values).toEqual([true, false, null, true]);
    expect(byName.when.kind).toBe('date');
    expect(byName.when.values).toEqual([Date.UTC(2020, 0, 2), null, Date.UTC(1999, 11, 31), 0]);
    expect(byName.n.values).toEqual([1, 2, 3, 4]);
  });

  it('samples only the columns asked for', async () => {
    const sample = await sampleSource(tableSource(table), { columns: ['twice'] });
    expect(sample.columns.map((c) => c.name)).toEqual(['twice']);
  });
});
