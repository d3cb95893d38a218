/**
 * What a multiclass or regression audit tells its reader beyond the numbers: summary.md names the
 * worst class or group (checked against values computed here from the bundled CSVs, not read from
 * audit.json), the report's attribute sections leave out the yes/no parts that mean nothing for
 * the task and point to the task's own section, `favorable: [classes]` in a config works as the
 * flag does, `--help` says how a multiclass audit names its favorable classes, and the library
 * exports the task's names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decideTask, MULTICLASS_AGGREGATES, REGRESSION_AGGREGATES } from '../../src/index.js';
import type { GroupRegressionMetrics, Task, TaskResult } from '../../src/index.js';
import { ROOT, auditInProcess, runCli, tempDir } from './run-cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

const audit = (args: string[]) => auditInProcess(dir, args);

/** The rows of a bundled CSV (no quoted fields in these files), as objects by header. */
function csvRows(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(ROOT, 'datasets', name), 'utf8').trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v])));
}

/** Rows grouped by the values of `features`, joined as the report names a group ("female × Black"). */
function groupBy(rows: Record<string, string>[], features: string[]): Map<string, Record<string, string>[]> {
  const groups = new Map<string, Record<string, string>[]>();
  for (const row of rows) {
    const key = features.map((f) => row[f]).join(' × ');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ATTRIBUTES: [string, string[]][] = [
  ['sex', ['sex']],
  ['race', ['race']],
  ['sex × race', ['sex', 'race']],
];

describe('summary.md of a multiclass audit', () => {
  it('names per attribute the class with the largest selection-rate gap and the groups at both ends', async () => {
    const run = await audit(['datasets/grades.csv', '--label', 'risk_tier', '--prediction', 'predicted_tier', '--sensitive', 'sex,race', '--favorable-classes', 'low,medium']);
    expect([0, 1], run.stderr).toContain(run.status);
    const rows = csvRows('grades.csv');
    const classes = [...new Set(rows.map((r) => r.predicted_tier))].sort();
    expect(run.md).toContain('**Worst class by attribute** (demographic parity difference');
    for (const [name, features] of ATTRIBUTES) {
      // Every group of the bundled data has hundreds of rows, so all are judged.
      const groups = [...groupBy(rows, features)].map(([key, members]) => ({
        key,
        rates: Object.fromEntries(classes.map((c) => [c, members.filter((r) => r.predicted_tier === c).length / members.length])),
      }));
      let worst = { cls: '', gap: -1, low: groups[0], high: groups[0] };
      for (const cls of classes) {
        const low = groups.reduce((a, b) => (b.rates[cls] < a.rates[cls] ? b : a));
        const high = groups.reduce((a, b) => (b.rates[cls] > a.rates[cls] ? b : a));
        const gap = high.rates[cls] - low.rates[cls];
        if (gap > worst.gap) worst = { cls, gap, low, high };
      }
      const line = `- ${name}: ${worst.gap.toFixed(3)}, worst class ${worst.cls}: its selection rate is ${pct(worst.low.rates[worst.cls])} for ${worst.low.key} and ${pct(worst.high.rates[worst.cls])} for ${worst.high.key}.`;
      expect(run.md, name).toContain(line);
    }
  });
});

describe('summary.md of a regression audit', () => {
  it('names per attribute the groups with the largest and the smallest mean absolute error', async () => {
    const run = await audit(['datasets/salaries.csv', '--label', 'salary', '--prediction', 'predicted_salary', '--sensitive', 'sex,race']);
    expect([0, 1], run.stderr).toContain(run.status);
    const rows = csvRows('salaries.csv');
    expect(run.md).toContain('Task: regression (detected');
    expect(run.md).toContain('**Worst group by attribute** (mean absolute error');
    for (const [name, features] of ATTRIBUTES) {
      const maes = [...groupBy(rows, features)].map(([key, members]) => ({
        key,
        mae: members.reduce((s, r) => s + Math.abs(Number(r.predicted_salary) - Number(r.salary)), 0) / members.length,
      }));
      const worst = maes.reduce((a, b) => (b.mae > a.mae ? b : a));
      const best = maes.reduce((a, b) => (b.mae < a.mae ? b : a));
      expect(run.md, name).toContain(`- ${name}: worst group ${worst.key}, MAE ${worst.mae.toFixed(3)}; best ${best.key}, MAE ${best.mae.toFixed(3)}.`);
    }
  });
});

describe('the attribute sections of a multiclass or regression report', () => {
  it('leave out the yes/no parts a regression audit has no numbers for, and point to the regression section', async () => {
    const run = await audit(['datasets/salaries.csv', '--label', 'salary', '--prediction', 'predicted_salary', '--sensitive', 'sex']);
    const section = run.html.slice(run.html.indexOf('id="attr-0"'), run.html.indexOf('</section>', run.html.indexOf('id="attr-0"')));
    expect(section).not.toContain('Base rate by group');
    expect(section).not.toContain('favorable rate undefined');
    expect(section).not.toContain('Test of the favorable rate');
    expect(section).toContain('Impact ratio by group: sex');
    expect(section).toContain('Regression audit: the yes/no rates do not apply');
    expect(section).toContain('<a href="#outcome-0">');
    expect(run.html).toContain('id="outcome-0"');
    expect(run.html).toContain('This is a regression audit: the tables and charts below keep only the parts that have numbers for it');
  });

  it('say in a multiclass audit that the rates are of the favorable classes together, and point to the per-class section', async () => {
    const run = await audit(['datasets/grades.csv', '--label', 'risk_tier', '--prediction', 'predicted_tier', '--sensitive', 'race', '--favorable-classes', 'low,medium']);
    const section = run.html.slice(run.html.indexOf('id="attr-0"'), run.html.indexOf('</section>', run.html.indexOf('id="attr-0"')));
    expect(section).toContain('the rates below are of the favorable classes together (low, medium)');
    expect(section).toContain('<a href="#outcome-0">');
    expect(section).toContain('Selection rate by group: race');
  });
});

describe('a multiclass report without favorable classes', () => {
  it('has no impact-ratio column and no empty chart area in the attribute section, and says why', async () => {
    const run = await audit(['datasets/grades.csv', '--label', 'risk_tier', '--prediction', 'predicted_tier', '--sensitive', 'race']);
    expect(run.results.attributes[0].groups.every((g: { impact_ratio: number | null }) => g.impact_ratio === null)).toBe(true);
    const section = run.html.slice(run.html.indexOf('id="attr-0"'), run.html.indexOf('</section>', run.html.indexOf('id="attr-0"')));
    const groupsTable = section.slice(section.indexOf('id="attr-0-groups"'), section.indexOf('</table>', section.indexOf('id="attr-0-groups"')));
    expect(groupsTable).not.toContain('Impact ratio');
    expect(groupsTable).not.toContain('n/a');
    expect(section).not.toContain('class="charts"');
    expect(section).toContain('without favorable classes (favorable: [A, B]) a group has no single yes/no rate or impact ratio');
  });
});

describe('favorable classes', () => {
  it('favorable: [low, medium] in a config audits the share of those classes, as --favorable-classes does', async () => {
    const config = join(dir, 'grades.yaml');
    writeFileSync(config, 'label: risk_tier\nprediction: predicted_tier\nsensitive: [race]\nfavorable: [low, medium]\n');
    const run = await audit(['datasets/grades.csv', '-c', config]);
    expect([0, 1], run.stderr).toContain(run.status);
    expect(run.results.task).toMatchObject({ name: 'multiclass', favorable_classes: ['low', 'medium'] });
    // The impact ratio of each race: its share of predicted low or medium ÷ the highest such share.
    const shares = new Map([...groupBy(csvRows('grades.csv'), ['race'])].map(([key, rows]) => [key, rows.filter((r) => r.predicted_tier === 'low' || r.predicted_tier === 'medium').length / rows.length]));
    const highest = Math.max(...shares.values());
    for (const group of run.results.attributes[0].groups) {
      expect(group.impact_ratio, group.key.race).toBeCloseTo(shares.get(group.key.race)! / highest, 12);
    }
    const flagged = await audit(['datasets/grades.csv', '--label', 'risk_tier', '--prediction', 'predicted_tier', '--sensitive', 'race', '--favorable-classes', 'low,medium']);
    expect(flagged.results.attributes[0].groups.map((g: { impact_ratio: number }) => g.impact_ratio)).toEqual(run.results.attributes[0].groups.map((g: { impact_ratio: number }) => g.impact_ratio));
  });

  it('refuses a favorable class the data does not hold, in one line naming the file, the column and the classes', async () => {
    const path = join(dir, 'tiers.csv');
    writeFileSync(path, ['g,tier,predicted', ...Array.from({ length: 60 }, (_, i) => `${i % 2 ? 'x' : 'y'},${'abc'[i % 3]},${'abc'[(i + 1) % 3]}`)].join('\n') + '\n');
    const config = join(dir, 'tiers.yaml');
    writeFileSync(config, 'label: tier\nprediction: predicted\nsensitive: [g]\nfavorable: [A, b]\n');
    const run = await audit([path, '-c', config]);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(path);
    expect(lines[0]).toContain('column "tier"');
    expect(lines[0]).toContain('favorable: "A" is not a class of the label or prediction (classes: a, b, c)');
    expect(lines[0]).toContain('--favorable-classes');
    expect(run.stderr).not.toContain('    at ');
  });

  it('warns that favorable classes are ignored in a regression audit instead of dropping them silently', async () => {
    const run = await audit(['datasets/salaries.csv', '--label', 'salary', '--prediction', 'predicted_salary', '--sensitive', 'sex', '--favorable-classes', 'high']);
    expect([0, 1], run.stderr).toContain(run.status);
    const warning = run.results.warnings.find((w: { code: string }) => w.code === 'favorable-classes-ignored');
    expect(warning?.message).toContain('favorable: lists classes (high), but this is a regression audit: they are ignored');
    expect(run.stderr).toContain('favorable: lists classes (high)');
  });

  it('audit --help tells a multiclass audit to name its favorable classes with --favorable-classes', () => {
    // yargs prints help through console.log, which only a real process captures.
    const run = runCli(['audit', '--help']);
    expect(run.status, run.stderr).toBe(0);
    const help = run.stdout.replace(/\s+/g, ' ');
    expect(help).toContain('whether a positive prediction benefits the person [default: positive]; a multiclass audit names its favorable classes with --favorable-classes');
    expect(help).toContain('--favorable-classes multiclass: the favorable classes');
  });
});

describe('the library surface for the new tasks', () => {
  it('exports the task detection, the task and result types and the names of the new aggregates', () => {
    const task: Task = decideTask([{ column: 'salary', role: 'label', numeric: true, distinct: 500, whole: true }], false).task;
    expect(task).toBe('regression');
    const recorded: TaskResult = { name: 'multiclass', detected: false, reason: 'set by task:' };
    expect(recorded.name).toBe('multiclass');
    const metrics: Pick<GroupRegressionMetrics, 'mae' | 'rmse'> = { mae: 1, rmse: 1 };
    expect(metrics.mae).toBe(1);
    expect(REGRESSION_AGGREGATES).toContain('mae_difference');
    expect(REGRESSION_AGGREGATES).toContain('ks_distance');
    expect(MULTICLASS_AGGREGATES.length).toBeGreaterThan(0);
  });
});

describe('a headerless, tab-separated multiclass file whose label and prediction spell classes in different case', () => {
  it('says so in a warning on stderr and in the results, and keeps the spellings apart rather than guess', async () => {
    const path = join(dir, 'tiers.tsv');
    // No header; labels Low/mid /HIGH, predictions low/Mid/high : each row's prediction is its label in other case.
    const label = ['Low', 'mid ', 'HIGH'];
    const prediction = ['low', 'Mid', 'high '];
    writeFileSync(path, Array.from({ length: 90 }, (_, i) => `${i % 2 ? 'x' : 'y'}\t${label[i % 3]}\t${prediction[i % 3]}`).join('\n') + '\n');
    const run = await audit([path, '--label', 'column_2', '--prediction', 'column_3', '--sensitive', 'column_1', '--fail-on', 'never']);
    expect(run.status).toBe(0);
    expect(run.results.task.name).toBe('multiclass');
    // Trimmed, case kept: six classes, three spellings of each pair.
    expect([...run.results.task.classes].sort()).toEqual(['HIGH', 'Low', 'Mid', 'high', 'low', 'mid']);
    const warning = run.results.warnings.find((w: { code: string }) => w.code === 'class-case-variants');
    // Each pair named together, in whichever order the classes are listed.
    for (const [a, b] of [['HIGH', 'high'], ['Low', 'low'], ['Mid', 'mid']]) expect(warning.message).toMatch(new RegExp(`"${a}" / "${b}"|"${b}" / "${a}"`));
    expect(run.stderr).toContain('differ only by case');
  });
});
