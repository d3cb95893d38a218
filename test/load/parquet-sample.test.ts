import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { openData } from '../../src/load/open.js';
import { planBlocks } from '../../src/load/parquet/sample.js';
import { sampleSource } from '../../src/discover/sample.js';
import { fixture } from './parquet-fixtures.js';

describe('block plan', () => {
  it('draws exactly the sample size in non-overlapping blocks inside row groups, in file order', () => {
    const groups = [[1000, 1000, 37], [500]];
    const blocks = planBlocks(groups, 200, 5, 8);
    expect(blocks.reduce((s, b) => s + b.length, 0)).toBe(200);
    for (const b of blocks) {
      expect(b.start).toBeGreaterThanOrEqual(0);
      expect(b.start + b.length).toBeLessThanOrEqual(groups[b.file][b.group]);
    }
    const key = (b: { file: number; group: number; start: number }) => b.file * 1e9 + b.group * 1e6 + b.start;
    for (let i = 1; i < blocks.length; i++) {
      const [a, b] = [blocks[i - 1], blocks[i]];
      expect(key(a)).toBeLessThan(key(b));
      if (a.file === b.file && a.group === b.group) expect(a.start + a.length).toBeLessThanOrEqual(b.start);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(planBlocks([[10_000]], 300, 1)).toEqual(planBlocks([[10_000]], 300, 1));
    expect(planBlocks([[10_000]], 300, 2)).not.toEqual(planBlocks([[10_000]], 300, 1));
  });

  it('gives every row about the same chance: inclusion counts over many seeds are flat', () => {
    // 2 000 rows in groups of 700, 700 and 600; 100 rows a draw in 4 blocks of 25 (row groups cut
    // into 28, 28 and 24 blocks). Each row is expected in 100/2000 = 5% of 2 000 draws = 100 times;
    // per block of 25 rows the count sums to ≈ 2 500 (sd ≈ √(2000·0.05·0.95)·25 ≈ 244).
    const hits = new Float64Array(2000);
    const starts = [0, 700, 1400];
    for (let seed = 1; seed <= 2000; seed++) {
      for (const b of planBlocks([[700, 700, 600]], 100, seed, 4)) for (let r = 0; r < b.length; r++) hits[starts[b.group] + b.start + r]++;
    }
    const mean = hits.reduce((a, b) => a + b, 0) / hits.length;
    expect(mean).toBeCloseTo(100, 6);
    // Every stretch of 100 rows (4 blocks) within 25% of its expected 10 000.
    for (let from = 0; from < 2000; from += 100) {
      const sum = hits.subarray(from, from + 100).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 10_000)).toBeLessThan(2500);
    }
  });
});

describe('Parquet block sample', () => {
  const N = 50_000;
  let path = '';
  beforeAll(async () => {
    const { Table, WriterPropertiesBuilder, writeParquet } = await import('parquet-wasm');
    const table = tableFromArrays({
      row: Int32Array.from({ length: N }, (_, i) => i),
      label: Array.from({ length: N }, (_, i) => `r${i}`),
      twice: Float64Array.from({ length: N }, (_, i) => 2 * i),
    });
    const properties = new WriterPropertiesBuilder().setMaxRowGroupSize(7_000).build();
    path = join(await mkdtemp(join(tmpdir(), 'fairaudit-blocks-')), 'rows.parquet');
    await writeFile(path, writeParquet(Table.fromIPCStream(tableToIPC(table, 'stream')), properties));
  });

  it('reads the planned rows with the cells of each row together, the count from the footer', async () => {
    const source = await openData([path]);
    const sample = await sampleSource(source, { sampleSize: 2_000, seed: 9 });
    expect(sample.rows).toBe(2_000);
    expect(sample.rowsSeen).toBe(N);
    const [row, label, twice] = sample.columns.map((c) => c.values);
    expect(new Set(row).size).toBe(2_000);
    row.forEach((r, i) => {
      expect(label[i]).toBe(`r${r}`);
      expect(twice[i]).toBe(2 * (r as number));
    });
    // Rows are exactly those of the plan (row groups of 7 000 rows: 7 full ones and 1 000 left).
    const groups = [[7000, 7000, 7000, 7000, 7000, 7000, 7000, 1000]];
    const expected = planBlocks(groups, 2_000, 9).flatMap((b) => Array.from({ length: b.length }, (_, r) => b.group * 7000 + b.start + r));
    expect(row).toEqual(expected);
  });

  it('does not depend on the batch size and changes with the seed', async () => {
    const source = await openData([path]);
    const rows = async (batchSize: number, seed: number) =>
      (await sampleSource({ ...source, sample: source.sample?.bind(source), scan: (o) => source.scan({ ...o, batchSize }) }, { sampleSize: 1_000, seed })).columns[0].values;
    const a = await rows(100, 3);
    expect(await rows(65_536, 3)).toEqual(a);
    expect(await rows(100, 4)).not.toEqual(a);
  });

  it('keeps every row when the sample would be more than half the data', async () => {
    const sample = await sampleSource(await openData([path]), { sampleSize: 30_000, seed: 1, columns: ['row'] });
    expect(sample.rows).toBe(30_000);
    expect(new Set(sample.columns[0].values).size).toBe(30_000);
  });
});

describe('Parquet block sample of pyarrow’s fixtures', () => {
  it('is the same whether the blocks are decoded natively or by parquet-wasm (LZ4 pages), nulls and strings included', async () => {
    const sample = async (file: string) => sampleSource(await openData([fixture(file)]), { sampleSize: 300, seed: 11 });
    const wasm = await sample('lz4.parquet');
    expect(wasm.rows).toBe(300);
    expect(wasm.rowsSeen).toBe(2000);
    for (const file of ['snappy-v1.parquet', 'snappy-v2.parquet', 'no-dictionary.parquet', 'zstd.parquet']) {
      const native = await sample(file);
      expect(native.columns.map((c) => c.values), file).toEqual(wasm.columns.map((c) => c.values));
    }
  });
});
