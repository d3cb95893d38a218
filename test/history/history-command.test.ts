import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { historyCommand } from '../../src/cli/commands/history.js';
import { appendHistory } from '../../src/history/history-file.js';
import { historyEntryFrom } from '../../src/history/entry.js';
import { formatHistoryTable } from '../../src/history/format.js';
import { UserError } from '../../src/errors.js';
import { baselineSpec, makeResults } from '../compare/fixtures.js';

async function run(args: Parameters<typeof historyCommand.run>[0]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await historyCommand.run(args);
  vi.restoreAllMocks();
  return { code, stdout };
}

/** Three nightly runs whose race impact ratio falls 0.85 → 0.80 → 0.75. */
async function threeRuns(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'fairaudit-history-cmd-')), 'history.jsonl');
  for (const [day, ir] of [[1, 0.85], [2, 0.8], [3, 0.75]] as const) {
    const spec = baselineSpec();
    spec.attributes[0].aggregates.impact_ratio = ir;
    await appendHistory(path, historyEntryFrom(makeResults({ ...spec, created_at: `2024-05-0${day}T02:00:00.000Z` })));
  }
  return path;
}

afterEach(() => vi.restoreAllMocks());

describe('fairaudit history', () => {
  it('verify exits 0 on an intact chain and names the last sha256', async () => {
    const path = await threeRuns();
    const { code, stdout } = await run({ action: 'verify', file: path });
    expect(code).toBe(0);
    expect(stdout).toMatch(/3 lines, chain intact; last sha256 [0-9a-f]{64}/);
  });

  it('verify exits 1 and prints the broken line numbers', async () => {
    const path = await threeRuns();
    const lines = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, [lines[0], lines[2], ''].join('\n')); // line 2 deleted
    const { code, stdout } = await run({ action: 'verify', file: path });
    expect(code).toBe(1);
    expect(stdout).toContain('line 2: prev_sha256 does not match line 1');
  });

  it('verify throws a usage error (exit 2) for a file it cannot read', async () => {
    const error = await historyCommand.run({ action: 'verify', file: join(tmpdir(), 'nope.jsonl') }).catch((e: unknown) => e);
    expect((error as UserError).exitCode).toBe(2);
  });

  it('show prints one row per run with the key metrics, and --last keeps the newest runs', async () => {
    const path = await threeRuns();
    const { code, stdout } = await run({ action: 'show', file: path, last: 2 });
    expect(code).toBe(0);
    const raceRows = stdout.split('\n\n').find((block) => block.startsWith('race\n'))!.split('\n').slice(2);
    expect(raceRows.map((row) => row.split(/\s{2,}/))).toEqual([
      // The fixture checks race once (impact ratio), and that check passed.
      ['2024-05-02T02:00:00.000Z', 'loans', 'pass', '1 pass', '0.075', '0.060', '0.800'],
      ['2024-05-03T02:00:00.000Z', 'loans', 'pass', '1 pass', '0.075', '0.060', '0.750'],
    ]);
    const json = await run({ action: 'show', file: path, json: true });
    expect(JSON.parse(json.stdout).map((e: { metrics: { race: { impact_ratio: number } } }) => e.metrics.race.impact_ratio)).toEqual([0.85, 0.8, 0.75]);
  });

  it('show refuses --last 0', async () => {
    await expect(historyCommand.run({ action: 'show', file: 'x', last: 0 })).rejects.toThrow(/invalid --last: 0/);
  });

  it('shows "-" for a run that did not audit an attribute', () => {
    const a = historyEntryFrom(makeResults(baselineSpec()));
    const b = { ...a, time: 'later', metrics: { race: a.metrics.race }, checks: a.checks.filter((c) => c.attribute === 'race') };
    const sexBlock = formatHistoryTable([a, b]).split('\n\n').find((block) => block.startsWith('sex\n'))!;
    expect(sexBlock.split('\n')[3].split(/\s{2,}/)).toEqual(['later', 'loans', 'pass', '-', '-', '-', '-']);
  });
});
