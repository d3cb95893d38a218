/**
 * Discovery looks at a bounded number of columns: a table wider than `--max-columns` (default
 * 500) is discovered on its first columns, with one warning naming how many were skipped and
 * the flag that looks at more; `discover`, `mask` and `audit` of 10,000 columns stay in memory
 * (the full-size run lives in scripts/stress.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';

let dir: string;
const WIDTH = 60;

beforeAll(() => {
  dir = tempDir();
  // 60 numeric columns, then an e-mail column as the 61st: past a cap of 60, inside a cap of 61.
  const header = [...Array.from({ length: WIDTH }, (_, j) => `m${j}`), 'contact'].join(',');
  const lines = Array.from({ length: 40 }, (_, i) => [...Array.from({ length: WIDTH }, (_, j) => (i * 7 + j) % 13), `person${i}@example.com`].join(','));
  writeFileSync(join(dir, 'wide.csv'), [header, ...lines].join('\n') + '\n');
});

describe('the columns discovery considers', () => {
  it('stops at --max-columns and says how many columns it skipped', async () => {
    const run = await runCliInProcess(['discover', 'wide.csv', '--json', '--max-columns', '60'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { columns: { column: string }[]; skipped_columns: number; max_columns: number };
    expect(result.columns).toHaveLength(60);
    expect(result.columns.map((c) => c.column)).not.toContain('contact');
    expect([result.skipped_columns, result.max_columns]).toEqual([1, 60]);
    const warnings = run.stderr.trimEnd().split('\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/looked at the first 60 columns and skipped 1: .*--max-columns N/);
  });

  it('finds the identifier once the cap reaches it, and then warns of nothing', async () => {
    const run = await runCliInProcess(['discover', 'wide.csv', '--json', '--max-columns', '61'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { columns: { column: string; identifier_kind?: string }[]; skipped_columns?: number };
    expect(result.columns.find((c) => c.column === 'contact')?.identifier_kind).toBe('email');
    expect(result.skipped_columns).toBeUndefined();
    expect(run.stderr).toBe('');
  });

  it('mask keeps the skipped columns and says so; the default cap leaves a 61-column table whole', async () => {
    const env = { FAIRAUDIT_MASK_KEY: 'column-cap-test-key-0123456789abcdef' };
    const capped = await runCliInProcess(['mask', 'wide.csv', '-o', 'capped.csv', '--max-columns', '60', '--allow-k', '1'], { cwd: dir, env });
    expect(capped.status, capped.stderr).toBe(0);
    expect(capped.stderr).toMatch(/skipped 1: nothing is known of them \(not masked/);
    // Skipped, so kept as it was: the warning is the reason to look.
    expect(readFileSync(join(dir, 'capped.csv'), 'utf8')).toContain('person3@example.com');
    const whole = await runCliInProcess(['mask', 'wide.csv', '-o', 'whole.csv', '--allow-k', '1'], { cwd: dir, env });
    expect(whole.status, whole.stderr).toBe(0);
    expect(whole.stderr).not.toMatch(/skipped/);
    expect(readFileSync(join(dir, 'whole.csv'), 'utf8')).not.toContain('@example.com');
  });
});
