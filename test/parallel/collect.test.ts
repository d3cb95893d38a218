import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { UserError } from '../../src/errors.js';
import { generateBatches } from '../../scripts/datasets/generate.js';
import { openArrowSink, openCsvSink, openParquetSink, writeBatches } from '../../scripts/datasets/write.js';
import { openData, splitData } from '../../src/load/open.js';
import { collectStatistics, type AuditColumns, type GroupStatistics } from '../../src/metrics/statistics.js';
import { collectStatisticsInParallel } from '../../src/parallel/collect.js';
import { Warnings } from '../../src/warnings.js';

const ROWS = 30_000;
const COLUMNS: AuditColumns = { label: 'label', prediction: 'prediction', sensitive: ['sex', 'race', 'age_group'] };
const CONFIG = resolveConfig({ ...COLUMNS });
const FORCE = { threads: 2, minBytes: 0, minPartBytes: 1 };

/** Everything a statistics object counts, as plain JSON (typed arrays as lists). */
function counted(stats: GroupStatistics): unknown {
  return JSON.parse(
    JSON.stringify(
      { features: stats.features, outcomes: stats.outcomes, tables: stats.tables, rows: stats.rows },
      (_, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value),
    ),
  );
}

async function benchFiles(): Promise<Record<'arrow' | 'parquet' | 'csv', string>> {
  const dir = mkdtempSync(join(tmpdir(), 'fairaudit-parallel-'));
  const paths = { arrow: join(dir, 'bench.arrow'), parquet: join(dir, 'bench.parquet'), csv: join(dir, 'bench.csv') };
  const sinks = [openArrowSink(paths.arrow), openCsvSink(paths.csv), await openParquetSink(paths.parquet, { rowGroupSize: 4_000 })];
  await writeBatches(generateBatches('bench', ROWS, { seed: 7, batchSize: 2_500 }), sinks);
  return paths;
}

async function bothWays(path: string, columns = COLUMNS, config = CONFIG): Promise<[GroupStatistics, GroupStatistics]> {
  const single = await collectStatistics(await openData([path]), columns, config, new Warnings());
  const parallel = await collectStatisticsInParallel(await openData([path]), columns, config, new Warnings(), FORCE);
  return [single, parallel];
}

describe('counting in worker threads', async () => {
  const files = await benchFiles();

  it.each(['arrow', 'parquet', 'csv'] as const)('splits a %s file into several parts', async (format) => {
    const parts = await splitData(await openData([files[format]]), 8, { minPartBytes: 1 });
    expect(parts!.length).toBeGreaterThan(1);
  });

  it.each(['arrow', 'parquet', 'csv'] as const)('counts a %s file into the same statistics as one pass', async (format) => {
    const [single, parallel] = await bothWays(files[format]);
    expect(parallel.rows.read).toBe(ROWS);
    expect(counted(parallel)).toEqual(counted(single));
  });

  it('fills in the SHA-256 of the file while counting', async () => {
    const source = await openData([files.parquet]);
    await collectStatisticsInParallel(source, COLUMNS, CONFIG, new Warnings(), FORCE);
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    expect(source.files[0].sha256).toBe(createHash('sha256').update(readFileSync(files.parquet)).digest('hex'));
  });

  it('gets quoted values with line breaks right wherever the byte ranges fall', async () => {
    // Every row has a quoted note spanning lines, so some split points land inside quotes.
    const lines = ['sex,note,label,prediction'];
    for (let i = 0; i < 4_000; i++) lines.push(`${i % 3 === 0 ? 'f' : 'm'},"line one\nline, two ""${i}""",${i % 2},${i % 5 === 0 ? 1 : 0}`);
    const path = join(mkdtempSync(join(tmpdir(), 'fairaudit-parallel-')), 'quoted.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const columns: AuditColumns = { label: 'label', prediction: 'prediction', sensitive: ['sex'] };
    const [single, parallel] = await bothWays(path, columns, resolveConfig({ ...columns }));
    // f: rows 0, 3, …, 3999 → 1334 rows; m: 2666.
    expect(parallel.rows.read).toBe(4_000);
    expect(counted(parallel)).toEqual(counted(single));
  });

  it('reports a bad row late in a CSV file with its line, as one pass does', async () => {
    const lines = ['sex,label,prediction'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i % 2 ? 'f' : 'm'},${i % 2},1`);
    lines[15_000] = 'f,1';
    const path = join(mkdtempSync(join(tmpdir(), 'fairaudit-parallel-')), 'ragged.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const columns: AuditColumns = { label: 'label', prediction: 'prediction', sensitive: ['sex'] };
    const config = resolveConfig({ ...columns });
    const error = await collectStatisticsInParallel(await openData([path]), columns, config, new Warnings(), FORCE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    // The header is line 1, so lines[15000] is line 15001.
    expect((error as UserError).place.line).toBe(15_001);
    expect((error as UserError).message).toBe('line 15001 has 2 fields, the header has 3');
  });

  it('reports a third label value found by a thread as one pass does', async () => {
    const lines = ['sex,label,prediction'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i % 2 ? 'f' : 'm'},${i === 19_000 ? 7 : i % 2},1`);
    const path = join(mkdtempSync(join(tmpdir(), 'fairaudit-parallel-')), 'three.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const columns: AuditColumns = { label: 'label', prediction: 'prediction', sensitive: ['sex'] };
    const config = resolveConfig({ ...columns });
    const expected = await collectStatistics(await openData([path]), columns, config, new Warnings()).catch((e: unknown) => e);
    const error = await collectStatisticsInParallel(await openData([path]), columns, config, new Warnings(), FORCE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe((expected as UserError).message);
    expect((error as UserError).message).toContain('more than two distinct values');
  });
});
