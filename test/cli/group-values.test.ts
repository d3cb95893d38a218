/**
 * Group values as raw files hold them, through the CLI (run in the test's process): surrounding spaces are trimmed
 * (`' Male'`, `'Male '` join `Male`) unless `--no-trim`; values that differ only by case are
 * named in one warning, or joined with `--merge-case` / `merge_case: true`; `--reference
 * sex=Male` finds the trimmed group. Counts are checked against a count of the rows the test
 * wrote, in CSV, TSV, gzipped CSV and JSON Lines.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from './run-cli.js';

let dir: string;
const SPELLINGS = [' Male', 'Male ', 'Male', 'Female', 'female', '  Female  ', 'MALE'];
/** Rows as [sex as written, label]. */
const ROWS: [string, number][] = Array.from({ length: 280 }, (_, i) => [SPELLINGS[(i * 3) % SPELLINGS.length], i % 3 === 0 ? 1 : 0]);

/** Rows whose sex, written, is one of `spellings`. */
function rows(...spellings: string[]): number {
  return ROWS.filter(([s]) => spellings.includes(s)).length;
}

beforeAll(async () => {
  dir = tempDir();
  // Quoted in CSV so the spaces are part of the value, as pandas and DuckDB read them.
  const csv = ['sex,y', ...ROWS.map(([s, y]) => `"${s}",${y}`)].join('\n') + '\n';
  writeFileSync(join(dir, 'people.csv'), csv);
  writeFileSync(join(dir, 'people.csv.gz'), gzipSync(csv));
  writeFileSync(join(dir, 'people.tsv'), ['sex\ty', ...ROWS.map(([s, y]) => `${s}\t${y}`)].join('\n') + '\n');
  writeFileSync(join(dir, 'people.jsonl'), ROWS.map(([sex, y]) => JSON.stringify({ sex, y })).join('\n') + '\n');
});

interface Results {
  config: { trim: boolean; merge_case: boolean };
  attributes: { groups: { key: { sex: string }; n: number }[]; reference: { sex: string } | null }[];
  warnings: { message: string }[];
}

async function audit(file: string, ...args: string[]): Promise<{ status: number | null; stderr: string; results: Results; groups: Record<string, number> }> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const run = await runCliInProcess(['audit', join(dir, file), '--label', 'y', '--sensitive', 'sex', '--min-group-size', '0', '--bootstrap', '0', '-o', out, ...args]);
  expect([0, 1], run.stderr).toContain(run.status);
  const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as Results;
  const groups = Object.fromEntries(results.attributes[0].groups.map((g) => [g.key.sex, g.n]));
  return { ...run, results, groups };
}

describe('group values', () => {
  it.each(['people.csv', 'people.tsv', 'people.csv.gz', 'people.jsonl'])('trims surrounding spaces by default and says so (%s)', async (file) => {
    const { groups, stderr, results } = await audit(file);
    expect(groups).toEqual({
      Female: rows('Female', '  Female  '),
      MALE: rows('MALE'),
      Male: rows(' Male', 'Male ', 'Male'),
      female: rows('female'),
    });
    expect(results.config.trim).toBe(true);
    const trimmed = stderr.split('\n').find((l) => l.includes('surrounding spaces'))!;
    expect(trimmed).toContain('"  Female  ", " Male", "Male "');
  });

  it('names the groups that differ only by case in one warning per column, keeping them apart', async () => {
    const { stderr } = await audit('people.csv');
    const lines = stderr.split('\n').filter((l) => l.includes('differ only by case'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"Female" / "female"; "Male" / "MALE"');
    expect(lines[0]).toContain('merge_case');
  });

  it('--merge-case joins them under the mixed-case spelling, adding their rows', async () => {
    const { groups, results } = await audit('people.csv', '--merge-case');
    expect(groups).toEqual({ Female: rows('Female', '  Female  ', 'female'), Male: rows(' Male', 'Male ', 'Male', 'MALE') });
    expect(results.config.merge_case).toBe(true);
  });

  it('merge_case: true in the config does the same, and --reference finds the group in any case', async () => {
    const path = join(dir, 'merge.yaml');
    writeFileSync(path, 'merge_case: true\nreference:\n  sex: male\n');
    const { groups, results } = await audit('people.csv', '-c', path);
    expect(Object.keys(groups)).toEqual(['Female', 'Male']);
    expect(results.attributes[0].reference).toEqual({ sex: 'Male' });
  });

  it('--reference sex=Male finds the trimmed group', async () => {
    const { results } = await audit('people.csv', '--reference', 'sex=Male');
    expect(results.attributes[0].reference).toEqual({ sex: 'Male' });
  });

  it('--no-trim keeps every spelling apart, as read, and records it', async () => {
    const { groups, results } = await audit('people.csv', '--no-trim');
    expect(groups).toEqual(Object.fromEntries(SPELLINGS.map((s) => [s, rows(s)])));
    expect(results.config.trim).toBe(false);
  });

  it('trims labels too: " 1" and "1 " count as positive', async () => {
    const path = join(dir, 'labels.csv');
    writeFileSync(path, ['sex,y', ...ROWS.map(([s, y], i) => `${s.trim()},"${y ? (i % 2 ? ' 1' : '1 ') : '0'}"`)].join('\n') + '\n');
    const out = join(dir, 'labels-out');
    const run = await runCliInProcess(['audit', path, '--label', 'y', '--sensitive', 'sex', '--min-group-size', '0', '--bootstrap', '0', '-o', out]);
    expect([0, 1], run.stderr).toContain(run.status);
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8'));
    const positives = (results.attributes[0].groups as { rates: { base_rate: number }; n: number }[]).reduce((sum, g) => sum + g.rates.base_rate * g.n, 0);
    expect(Math.round(positives)).toBe(ROWS.filter(([, y]) => y === 1).length);
  });

  it('joins the same characters in two Unicode compositions (é composed, and e with a combining accent) into one group, and says so', async () => {
    const composed = 'Qu\u00e9bec';
    const decomposed = 'Que\u0301bec';
    const written = Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? 'Ontario' : i % 3 === 1 ? composed : decomposed));
    const path = join(dir, 'nfd.csv');
    writeFileSync(path, ['sex,y', ...written.map((s, i) => `${s},${i % 2}`)].join('\n') + '\n');
    const { groups, stderr } = await audit('nfd.csv', '--reference', `sex=${decomposed}`);
    // Counted here: 40 Ontario, 40 + 40 Québec, shown in the composed (NFC) spelling.
    expect(groups).toEqual({ Ontario: 40, [composed]: 80 });
    expect(stderr).toMatch(/same characters in different Unicode compositions .* were joined: "Québec" \(2 spellings\)/);
  });
});
