/**
 * Evidence that a change left fairaudit's output alone: runs the built CLI over the bundled
 * datasets and configs (every format, the labels-only audit, a regression and a multiclass audit,
 * masking, and a scheduled run with a baseline, drift checks, accepted findings and a history
 * file), then compares two such runs.
 *
 *   npx tsx scripts/compare-audits.ts generate /tmp/audits-before   # with the old build
 *   npm run build && npx tsx scripts/compare-audits.ts generate /tmp/audits-after
 *   npx tsx scripts/compare-audits.ts compare /tmp/audits-before /tmp/audits-after
 *
 * `compare` diffs each case's exit code, stderr, audit.json (values and field order), summary.md,
 * report.html and history lines, ignoring only what changes from run to run: `created_at`, `duration_ms`, the tool
 * version, the output folder's own path, and the history's time and hash chain (which hash the
 * time). It prints one line per difference and exits 1 when there is any.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'fairaudit.js');
/** A fixed mask key, so the masked copy's HMAC codes are the same in both runs (not a secret). */
const MASK_KEY = 'compare-audits-fixed-key-0123456789abcdef';

/** A drift and acceptance config over loans.yaml: one acceptance in force, one expired. */
const SCHEDULED_CONFIG = `${readFileSync(join(ROOT, 'configs', 'loans.yaml'), 'utf8').replace(/^\$schema:.*$/m, '')}
drift:
  - metric: demographic_parity_difference
    max_change: 0.0
  - metric: impact_ratio
    max_change: 0.5
    severity: warn
accept:
  - check: impact_ratio@race
    reason: retraining under way
    owner: risk-team
    expires: '2099-12-31'
  - check: demographic_parity_difference@sex
    reason: old acceptance
    owner: risk-team
    expires: '2020-01-01'
  - check: no_such_metric
    reason: typo kept on purpose
    owner: risk-team
    expires: '2099-12-31'
`;

interface Case {
  name: string;
  args: (dir: string, out: string) => string[];
  history?: boolean;
}

const CASES: Case[] = [
  ...['parquet', 'csv', 'arrow'].map((ext) => ({
    name: `loans-${ext}`,
    args: (_dir: string, out: string) => ['audit', `datasets/loans.${ext}`, '-c', 'configs/loans.yaml', '--fail-on', 'never', '-o', out],
  })),
  ...['csv', 'parquet', 'arrow'].map((ext) => ({
    name: `hiring-${ext}`,
    args: (_dir: string, out: string) => ['audit', `datasets/hiring.${ext}`, '-c', 'configs/hiring.yaml', '-o', out],
  })),
  { name: 'hiring-labels-only', args: (_d, out) => ['audit', 'datasets/hiring.csv', '--label', 'qualified', '--sensitive', 'sex,race_ethnicity', '-o', out] },
  { name: 'loans-exit-1', args: (_d, out) => ['audit', 'datasets/loans.csv', '-c', 'configs/loans.yaml', '-o', out] },
  { name: 'loans-discovered', args: (_d, out) => ['audit', 'datasets/loans.csv', '--label', 'repaid', '--prediction', 'approved', '--fail-on', 'warn', '-o', out] },
  { name: 'salaries-regression', args: (_d, out) => ['audit', 'datasets/salaries.csv', '--label', 'salary', '--prediction', 'predicted_salary', '--sensitive', 'sex,race', '--fail-on', 'never', '-o', out] },
  {
    name: 'grades-multiclass',
    args: (_d, out) => ['audit', 'datasets/grades.csv', '--label', 'risk_tier', '--prediction', 'predicted_tier', '--sensitive', 'sex,race', '--favorable-classes', 'low,medium', '--fail-on', 'never', '-o', out],
  },
  { name: 'loans-mask', args: (_d, out) => ['audit', 'datasets/loans.parquet', '-c', 'configs/loans.yaml', '--mask', '--fail-on', 'never', '-o', out] },
  {
    name: 'loans-scheduled',
    history: true,
    args: (dir, out) => [
      'audit',
      'datasets/loans.parquet',
      '-c',
      join(dir, 'scheduled.yaml'),
      '--baseline',
      join(dir, 'loans-arrow', 'audit.json'),
      '--history',
      join(dir, 'history.jsonl'),
      '-o',
      out,
    ],
  },
];

function generate(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scheduled.yaml'), SCHEDULED_CONFIG);
  for (const c of CASES) {
    const out = join(dir, c.name);
    const run = spawnSync(process.execPath, [BIN, ...c.args(dir, out)], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, FAIRAUDIT_MASK_KEY: MASK_KEY, FAIRAUDIT_HISTORY_KEY: '' },
    });
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'exit-code'), `${run.status}\n`);
    writeFileSync(join(out, 'stderr'), run.stderr);
    console.log(`${c.name}: exit ${run.status}`);
  }
}

/** Text with the run's own folder and the run-to-run values replaced by placeholders. */
function normalizeText(text: string, dir: string): string {
  const out = text.split(resolve(dir)).join('<out>').split(dir).join('<out>');
  return (
    out
      .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g, '<time>')
      // The report's own renderings of the time: plain, and CSS-escaped in the printed page header.
      .replace(/\b\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\b/g, '<time>')
      .replace(/\d{4}\\2d \d{2}\\2d \d{2} \d{2}\\3a \d{2} UTC/g, '<time>')
      .replace(/(Duration<\/t[hd]>\s*<td>)[^<]*/g, '$1<varies>')
  );
}

function normalizeAudit(audit: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...audit, created_at: '<varies>', duration_ms: '<varies>' };
  if (copy.tool && typeof copy.tool === 'object') copy.tool = { ...copy.tool, version: '<varies>' };
  if (copy.history && typeof copy.history === 'object') copy.history = { ...copy.history, last_line_sha256: '<varies>' };
  return copy;
}

function normalizeHistoryLine(line: string): unknown {
  const entry = JSON.parse(line) as Record<string, unknown>;
  return { ...entry, time: '<varies>', tool_version: '<varies>', prev_sha256: '<varies>', sha256: '<varies>' };
}

/** The paths (a.b[3].c) where two JSON values differ, at most `limit` of them. */
function differences(a: unknown, b: unknown, path: string, found: string[], limit = 20): void {
  if (found.length >= limit || isDeepStrictEqual(a, b)) return;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`, found, limit);
    }
    return;
  }
  found.push(`${path}: ${JSON.stringify(a)?.slice(0, 80)} → ${JSON.stringify(b)?.slice(0, 80)}`);
}

function readIf(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function compare(before: string, after: string): number {
  const problems: string[] = [];
  const cases = readdirSync(before, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  for (const name of cases) {
    const [a, b] = [join(before, name), join(after, name)];
    const auditA = readIf(join(a, 'audit.json'));
    const auditB = readIf(join(b, 'audit.json'));
    const jsonA = auditA === undefined ? undefined : (JSON.parse(auditA) as Record<string, unknown>);
    const jsonB = auditB === undefined ? undefined : (JSON.parse(auditB) as Record<string, unknown>);
    if (jsonA && jsonB) {
      const found: string[] = [];
      const [textA, textB] = [normalizeText(JSON.stringify(normalizeAudit(jsonA)), before), normalizeText(JSON.stringify(normalizeAudit(jsonB)), after)];
      differences(JSON.parse(textA), JSON.parse(textB), 'audit.json', found);
      problems.push(...found.map((f) => `${name}: ${f}`));
      // Equal values in another field order are still another file.
      if (found.length === 0 && textA !== textB) problems.push(`${name}: audit.json has its fields in another order`);
    } else if (!!jsonA !== !!jsonB) {
      problems.push(`${name}: audit.json written by only one run`);
    }
    for (const file of ['exit-code', 'stderr', 'summary.md', 'report.html']) {
      const textA = readIf(join(a, file));
      const textB = readIf(join(b, file));
      if (textA === undefined && textB === undefined) continue;
      if (textA === undefined || textB === undefined) {
        problems.push(`${name}: ${file} written by only one run`);
        continue;
      }
      if (normalizeText(textA, before) !== normalizeText(textB, after)) problems.push(`${name}: ${file} differs`);
    }
  }
  const historyA = readIf(join(before, 'history.jsonl'));
  const historyB = readIf(join(after, 'history.jsonl'));
  if (historyA !== undefined || historyB !== undefined) {
    const linesA = (historyA ?? '').split('\n').filter(Boolean).map((l) => normalizeHistoryLine(normalizeText(l, before)));
    const linesB = (historyB ?? '').split('\n').filter(Boolean).map((l) => normalizeHistoryLine(normalizeText(l, after)));
    const found: string[] = [];
    differences(linesA, linesB, 'history.jsonl', found);
    problems.push(...found);
  }
  for (const p of problems) console.log(p);
  console.log(problems.length === 0 ? `${cases.length} cases: identical apart from timestamps, durations and tool version` : `${problems.length} differences`);
  return problems.length === 0 ? 0 : 1;
}

const [mode, first, second] = process.argv.slice(2);
if (mode === 'generate' && first) {
  generate(first);
} else if (mode === 'compare' && first && second) {
  process.exitCode = compare(first, second);
} else {
  console.error('usage: tsx scripts/compare-audits.ts generate DIR | compare BEFORE AFTER');
  process.exitCode = 2;
}
