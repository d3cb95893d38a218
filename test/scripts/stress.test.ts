/**
 * The stress script at its small size (`npm run stress -- --small`): every case within its limits
 * — the unique-string mask into Parquet and CSV under 1 GB, the single-line gzip bomb refused
 * with exit 2 in under 5 s, a table wider than discovery's column cap discovered, masked and
 * audited with exit 0 or 2 under 2 GB. The full size is run by hand (see scripts/stress.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';

describe('npm run stress -- --small', () => {
  it('passes every case and reports each', () => {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const run = spawnSync(tsx, [join(ROOT, 'scripts/stress.ts'), '--small', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const report = JSON.parse(run.stdout) as { outcomes: { name: string; ok: boolean; detail: string }[] };
    expect(report.outcomes.map((o) => o.name)).toEqual([
      'mask 20,000 rows, 2 unique string columns → parquet',
      'mask 20,000 rows, 2 unique string columns → csv',
      'a .csv.gz holding one 72 MB line',
      'discover of 600 columns × 50 rows',
      'mask of 600 columns × 50 rows',
      'audit without --sensitive of 600 columns × 50 rows',
    ]);
    expect(report.outcomes.filter((o) => !o.ok)).toEqual([]);
  }, 180_000);
});
