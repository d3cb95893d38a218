/**
 * `fairaudit audit` end to end on the bundled loans data, through the CLI run in the test's process: the same data
 * in four formats gives identical counts, every audit.json validates against the shipped schema,
 * the planted disparities are recovered within their intervals, and exit codes follow --fail-on.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOANS_PLANTED } from '../../scripts/datasets/loans.js';
import { ROOT, runCliInProcess, tempDir } from './run-cli.js';

interface Group {
  key: Record<string, string>;
  n: number;
  counts: { tp: number; fp: number; tn: number; fn: number };
  rates: Record<string, number | null>;
  intervals: Record<string, [number, number]>;
}
interface Attribute { name: string; groups: Group[] }
interface Results { schema: string; attributes: Attribute[]; verdict: string; exit_code: number; input: { rows_read: number } }

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas/config.schema.json'), 'utf8')));
const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/audit.schema.json'), 'utf8')));

let out: string;
const results: Record<string, Results> = {};
const statuses: Record<string, number | null> = {};

/** The audit-relevant columns of the bundled Arrow file as JSON Lines, written without fairaudit's code. */
function writeJsonLines(path: string): void {
  const table = tableFromIPC(readFileSync(join(ROOT, 'datasets/loans.arrow')));
  const columns = ['race', 'sex', 'age', 'repaid', 'approved', 'score'];
  const vectors = columns.map((c) => table.getChild(c)!);
  const lines: string[] = [];
  for (let i = 0; i < table.numRows; i++) {
    lines.push(JSON.stringify(Object.fromEntries(columns.map((c, j) => [c, vectors[j].get(i) ?? null]))));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

beforeAll(async () => {
  out = tempDir('fairaudit-audit-');
  writeJsonLines(join(out, 'loans.jsonl'));
  const inputs: Record<string, string> = {
    csv: join(ROOT, 'datasets/loans.csv'),
    parquet: join(ROOT, 'datasets/loans.parquet'),
    arrow: join(ROOT, 'datasets/loans.arrow'),
    jsonl: join(out, 'loans.jsonl'),
  };
  for (const [format, path] of Object.entries(inputs)) {
    const run = await runCliInProcess(['audit', path, '-c', 'configs/loans.yaml', '-o', join(out, format), '-q']);
    statuses[format] = run.status;
    expect(run.stderr, `${format}: ${run.stderr}`).toBe('');
    results[format] = JSON.parse(readFileSync(join(out, format, 'audit.json'), 'utf8'));
  }
}, 300_000);

describe('audit of the bundled loans data', () => {
  it('counts the same groups and cells in CSV, Parquet, Arrow IPC and JSON Lines', async () => {
    const counts = (r: Results) => JSON.stringify(r.attributes.map((a) => [a.name, a.groups.map((g) => [g.key, g.n, g.counts])]));
    expect(counts(results.parquet)).toBe(counts(results.csv));
    expect(counts(results.arrow)).toBe(counts(results.csv));
    expect(counts(results.jsonl)).toBe(counts(results.csv));
    expect(results.csv.input.rows_read).toBe(12_000);
  });

  it('writes audit.json files that the shipped JSON Schema accepts', async () => {
    for (const [format, r] of Object.entries(results)) {
      expect(validate(r), `${format}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      expect(r.schema).toBe('fairaudit/audit@1');
    }
  });

  it('recovers the planted approval rates within their 95% intervals', async () => {
    // The generator's design fixes each group's expected approval rate exactly; a Wilson interval
    // from 12,000 rows should hold it (two attributes, a handful of groups: an occasional miss at
    // the 5% level would be expected, so allow at most one).
    let misses = 0;
    let checked = 0;
    for (const [attribute, design] of Object.entries(LOANS_PLANTED.attributes)) {
      const groups = results.parquet.attributes.find((a) => a.name === attribute)!.groups;
      for (const [group, rate] of Object.entries(design.rates)) {
        const g = groups.find((x) => x.key[attribute] === group)!;
        const [low, high] = g.intervals.selection_rate;
        // Selection rate recomputed from the counts, not read from the rates.
        const selected = (g.counts.tp + g.counts.fp) / (g.counts.tp + g.counts.fp + g.counts.tn + g.counts.fn);
        expect(g.rates.selection_rate).toBeCloseTo(selected, 12);
        checked++;
        if (rate < low || rate > high) misses++;
      }
    }
    expect(checked).toBe(8);
    expect(misses).toBeLessThanOrEqual(1);
  });

  it('fails the planted bias with exit code 1, and --fail-on never turns that into 0', async () => {
    expect(results.csv.verdict).toBe('fail');
    expect(statuses.csv).toBe(1);
    const run = await runCliInProcess(['audit', 'datasets/hiring.csv', '-c', 'configs/hiring.yaml', '-o', join(out, 'hiring'), '-q', '--fail-on', 'never']);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(out, 'hiring', 'report.html'))).toBe(true);
  });

  it('prints the files it wrote on stdout, its warnings and then one summary line on stderr', async () => {
    const run = await runCliInProcess(['audit', 'datasets/loans.arrow', '-c', 'configs/loans.yaml', '-o', join(out, 'talk'), '--format', 'json,md']);
    expect(run.stdout.trim().split('\n')).toEqual([join(out, 'talk', 'audit.json'), join(out, 'talk', 'summary.md')]);
    const lines = run.stderr.trim().split('\n');
    const written = JSON.parse(readFileSync(join(out, 'talk', 'audit.json'), 'utf8')) as { warnings: { code: string; message: string }[] };
    // Changed behaviour (verdicts and intervals): warnings of one kind share one line, the first
    // spelled out and the rest counted; the report keeps every one.
    const kinds = [...new Set(written.warnings.map((w) => w.code))];
    expect(lines.slice(0, -1)).toHaveLength(kinds.length);
    kinds.forEach((code, i) => {
      const all = written.warnings.filter((w) => w.code === code);
      expect(lines[i].startsWith(`fairaudit: warning: ${all[0].message.replace(/\.$/, '')}`)).toBe(true);
      if (all.length > 1) expect(lines[i]).toContain(`(and ${all.length - 1} more warning${all.length > 2 ? 's' : ''} of this kind: see the report)`);
    });
    expect(lines.at(-1)).toMatch(/^fairaudit: loans: FAIL: \d+ of \d+ checks failed(, \d+ warned checks?)? \(.*\), \d+ warnings? about the run$/);
  });

  it('prints nothing with --quiet', async () => {
    const run = await runCliInProcess(['audit', 'datasets/loans.arrow', '-c', 'configs/loans.yaml', '-o', join(out, 'quiet'), '--format', 'json', '-q']);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
  });
});
