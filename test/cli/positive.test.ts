/**
 * `positive` as a list, through the CLI (run in the test's process), on a 0–4 graded label the test writes itself:
 * every listed value counts as 1 (base rates checked against a count of the rows), the audit
 * lists the values counted as 0 with their rows, and a positive that matches no row is exit 2 —
 * with `-q` too — never a pass.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { ROOT, runCliInProcess, tempDir } from './run-cli.js';

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas/config.schema.json'), 'utf8')));
const validateResults = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/audit.schema.json'), 'utf8')));

let dir: string;
/** Rows as [group, grade 0–4]. */
const ROWS: [string, number][] = Array.from({ length: 200 }, (_, i) => [i % 5 === 0 ? 'b' : 'a', (i * 7) % 5 === 4 ? 4 : (i * 3) % 4]);

function rowsWith(grades: readonly number[], group?: string): number {
  return ROWS.filter(([g, y]) => grades.includes(y) && (group === undefined || g === group)).length;
}

beforeAll(async () => {
  dir = tempDir();
  const csv = ['g,grade', ...ROWS.map(([g, y]) => `${g},${y}`)].join('\n') + '\n';
  writeFileSync(join(dir, 'grades.csv'), csv);
  writeFileSync(join(dir, 'grades.tsv'), csv.replace(/,/g, '\t'));
  writeFileSync(join(dir, 'grades.csv.gz'), gzipSync(csv));
  writeFileSync(join(dir, 'grades.jsonl'), ROWS.map(([g, y]) => JSON.stringify({ g, grade: String(y) })).join('\n') + '\n');
});

async function audit(file: string, ...args: string[]) {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const run = await runCliInProcess(['audit', join(dir, file), '--label', 'grade', '--sensitive', 'g', '--min-group-size', '0', '--bootstrap', '0', '-o', out, ...args]);
  const results = existsSync(join(out, 'audit.json')) ? JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) : undefined;
  return { ...run, results, out };
}

function baseRate(results: { attributes: { groups: { key: { g: string }; rates: { base_rate: number } }[] }[] }, group: string): number {
  return results.attributes[0].groups.find((g) => g.key.g === group)!.rates.base_rate;
}

describe('positive as a list', () => {
  it.each(['grades.csv', 'grades.tsv', 'grades.csv.gz', 'grades.jsonl'])('--positive 1,2,3,4 counts every listed grade as 1 (%s)', async (file) => {
    const run = await audit(file, '--positive', '1,2,3,4');
    expect([0, 1], run.stderr).toContain(run.status);
    for (const group of ['a', 'b']) {
      const n = ROWS.filter(([g]) => g === group).length;
      expect(baseRate(run.results, group)).toBeCloseTo(rowsWith([1, 2, 3, 4], group) / n, 12);
    }
    expect(run.results.config.positive).toEqual([1, 2, 3, 4]);
    // The results, with positive as a list and trim recorded, still follow the published schema.
    expect(validateResults(run.results), JSON.stringify(validateResults.errors)).toBe(true);
  });

  it('positive: [3, 4] in the config does what --positive 3,4 does', async () => {
    const path = join(dir, 'list.yaml');
    writeFileSync(path, 'label: grade\nsensitive: [g]\npositive: [3, 4]\nmin_group_size: 0\nbootstrap: 0\n');
    const out = join(dir, 'from-config');
    const run = await runCliInProcess(['audit', join(dir, 'grades.csv'), '-c', path, '-o', out]);
    expect([0, 1], run.stderr).toContain(run.status);
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8'));
    const n = ROWS.filter(([g]) => g === 'a').length;
    expect(baseRate(results, 'a')).toBeCloseTo(rowsWith([3, 4], 'a') / n, 12);
  });

  it('says which values count as 0, with the rows of each, when the label has more than two', async () => {
    const run = await audit('grades.csv', '--positive', '1');
    expect([0, 1], run.stderr).toContain(run.status);
    const warning = run.stderr.split('\n').find((l) => l.includes('distinct values'))!;
    expect(warning).toContain('The label column "grade" has 5 distinct values');
    expect(warning).toContain(`Counted as 1 (positive: 1): "1" (${rowsWith([1])} rows)`);
    expect(warning).toContain(`Counted as 0: "0" (${rowsWith([0])} rows), "2" (${rowsWith([2])} rows), "3" (${rowsWith([3])} rows), "4" (${rowsWith([4])} rows)`);
    expect(run.results.warnings.map((w: { message: string }) => w.message).join('\n')).toContain('Counted as 0');
  });

  it('a positive that matches no row is exit 2 naming the column and its values, also with -q', async () => {
    for (const quiet of [[], ['-q']]) {
      const run = await audit('grades.csv', '--positive', '7,8', ...quiet);
      const lines = run.stderr.trim().split('\n');
      expect(run.status, run.stderr).toBe(2);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('grades.csv');
      expect(lines[0]).toContain('column "grade"');
      expect(lines[0]).toContain('positive (7, 8) matches no row');
      expect(lines[0]).toContain(`"0" (${rowsWith([0])} rows)`);
      expect(lines[0]).toMatch(/--positive/);
      expect(existsSync(run.out)).toBe(false);
    }
  });

  it('matches positive values trimmed and regardless of case', async () => {
    const path = join(dir, 'yes.csv');
    writeFileSync(path, ['g,hired', ...ROWS.map(([g, y], i) => `${g},${y >= 3 ? (i % 2 ? ' Yes' : 'YES ') : 'no'}`)].join('\n') + '\n');
    const out = join(dir, 'yes-out');
    const run = await runCliInProcess(['audit', path, '--label', 'hired', '--sensitive', 'g', '--positive', 'yes', '--min-group-size', '0', '--bootstrap', '0', '-o', out]);
    expect([0, 1], run.stderr).toContain(run.status);
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8'));
    const n = ROWS.filter(([g]) => g === 'b').length;
    expect(baseRate(results, 'b')).toBeCloseTo(rowsWith([3, 4], 'b') / n, 12);
  });
});
