/**
 * The README's tour, run as written through the real CLI: the files it names exist, the
 * labels-only example (labels planted equal in every group) exits 0 and shows its warned checks,
 * and the other examples run on the bundled data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCliInProcess, tempDir } from './run-cli.js';

/** The `fairaudit audit …` lines of the README's tour (the first fenced block after its heading). */
function tourCommands(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const tour = readme.slice(readme.indexOf('## A tour of the command line'));
  const block = tour.slice(tour.indexOf('```sh') + 5, tour.indexOf('```', tour.indexOf('```sh') + 5));
  return block
    .split('\n')
    .filter((line) => line.startsWith('fairaudit audit '))
    .map((line) => line.replace(/^fairaudit /, '').split(/\s+/).filter(Boolean));
}

describe("the README's tour", () => {
  const out = tempDir();

  it('names files that exist and runs every example on them', async () => {
    const commands = tourCommands();
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const [i, args] of commands.entries()) {
      // Each run writes to its own folder (the README's -o out/ included).
      const withoutOutput = args.filter((a, j) => a !== '-o' && args[j - 1] !== '-o');
      const run = await runCliInProcess([...withoutOutput, '-o', join(out, `tour-${i}`)]);
      expect(run.stderr, args.join(' ')).not.toContain('error');
      expect([0, 1], args.join(' ')).toContain(run.status);
    }
  });

  it('labels-only example: labels planted equal exit 0, with its warned checks on stderr', async () => {
    const args = tourCommands().find((a) => a.includes('--label') && !a.includes('--prediction') && !a.includes('--score') && !a.includes('-c'))!;
    expect(args).toContain('datasets/hiring.csv');
    const run = await runCliInProcess([...args, '-o', join(out, 'labels-only')]);
    expect(run.status).toBe(0);
    const summary = run.stderr.trim().split('\n').at(-1)!;
    expect(summary).toMatch(/^fairaudit: hiring: WARN: \d+ warned checks? of \d+, none failed \(.*crosses 0\.8.*\)/);
    const results = JSON.parse(readFileSync(join(out, 'labels-only', 'audit.json'), 'utf8')) as {
      checks: { verdict: string; inconclusive: boolean }[];
      attributes: { groups: { counts: { prediction_missing: number } }[] }[];
    };
    // Every warned check warns because its interval crosses the limit, not because it is beyond it.
    for (const check of results.checks.filter((c) => c.verdict === 'warn')) expect(check.inconclusive).toBe(true);
    expect(results.checks.some((c) => c.verdict === 'fail')).toBe(false);
    // No prediction column, so no prediction is missing.
    for (const a of results.attributes) for (const g of a.groups) expect(g.counts.prediction_missing).toBe(0);
  });
});
