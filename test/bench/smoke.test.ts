import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchMarkdown, runBench } from '../../scripts/bench.js';

// The benchmark at 100k rows: keeps `npm run bench` from rotting. It checks that every format
// runs and yields figures, never how fast: speed depends on the machine and its load.
describe('benchmark smoke run', () => {
  it('audits 100k rows in Arrow IPC, Parquet (ours and as pyarrow writes it) and CSV and writes a table of rows/s and peak RSS', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairaudit-bench-'));
    const out = join(dir, 'BENCHMARKS.md');
    const result = await runBench({
      rows: [100_000],
      formats: ['arrow', 'parquet', 'parquet-strings', 'csv'],
      runs: 1,
      duckdb: false,
      threadsCompare: false,
      extras: false,
      data: join(dir, 'data'),
      out,
      log: () => {},
    });
    expect(result.audits.map((a) => a.format)).toEqual(['arrow', 'parquet', 'parquet-strings', 'csv']);
    for (const audit of result.audits) {
      expect(audit.rows).toBe(100_000);
      expect(audit.audit.exit).toBe(0);
      expect(audit.rows_per_s).toBeGreaterThan(0);
      expect(audit.audit.peak_rss_mb).toBeGreaterThan(0);
      expect(audit.audit.cpu_s).toBeGreaterThan(0);
    }
    expect(existsSync(join(dir, 'data', '1e5', 'bench.parquet'))).toBe(true);
    expect(existsSync(join(dir, 'data', '1e5', 'bench.strings.parquet'))).toBe(true);
    const table = readFileSync(out, 'utf8');
    expect(table).toContain('<!-- bench:start -->');
    expect(table).toMatch(/\| Parquet \| 100,000 \|/);
    expect(table).toMatch(/\| Parquet, as pyarrow writes it \| 100,000 \|/);
  });

  it('times binary, regression (integer and continuous) and multiclass audits of one outcomes file when --tasks asks for them', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairaudit-bench-'));
    const result = await runBench({
      rows: [20_000],
      formats: [],
      tasks: ['binary', 'regression', 'multiclass'],
      runs: 1,
      duckdb: false,
      threadsCompare: false,
      extras: false,
      data: join(dir, 'data'),
      out: join(dir, 'BENCHMARKS.md'),
      log: () => {},
    });
    expect(result.audits).toEqual([]);
    expect(result.tasks.map((t) => t.name)).toEqual(['binary', 'regression (integer)', 'regression (continuous)', 'multiclass']);
    for (const t of result.tasks) {
      expect(t.audit.exit).toBe(0);
      expect(t.audit.cpu_s).toBeGreaterThan(0);
    }
    const table = readFileSync(join(dir, 'BENCHMARKS.md'), 'utf8');
    expect(table).toMatch(/\| regression \(continuous\) \| 20,000 \|/);
    expect(table).toMatch(/\| binary \| 20,000 \|.*\| 1\.00× \|/);
    expect(table).not.toContain('| Format |');
  });

  it('leaves the default table alone when no task beyond binary is asked for', () => {
    // runBench only adds the task table when a task other than binary is named.
    expect(benchMarkdown({ machine: 'm', load_before: [0, 0, 0], load_after: [0, 0, 0], audits: [], extras: [], tasks: [] })).not.toContain('| Task');
  });
});

