/**
 * Multiclass and regression audits through the real CLI (run in the test's process): the
 * README's examples on the bundled grades and salaries data, results that follow the published
 * schema, the task in audit.json, summary.md and the report, policy and drift checks on the new
 * metrics, `compare` between two runs, and bad input that the test writes itself (one line on
 * stderr, exit 2).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, auditInProcess, runCliInProcess, tempDir } from './run-cli.js';

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas/config.schema.json'), 'utf8')));
const validateResults = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/audit.schema.json'), 'utf8')));

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

const audit = (args: string[]) => auditInProcess(dir, args);

describe('the README examples', () => {
  it('audits the bundled grades as multiclass, with the impact ratio on the favorable tiers', async () => {
    const run = await audit(['datasets/grades.csv', '--label', 'risk_tier', '--prediction', 'predicted_tier', '--sensitive', 'sex,race', '--favorable-classes', 'low,medium']);
    expect([0, 1], run.stderr).toContain(run.status);
    expect(validateResults(run.results), JSON.stringify(validateResults.errors)).toBe(true);
    expect(run.results.task).toMatchObject({ name: 'multiclass', detected: true, classes: ['high', 'low', 'medium', 'very high'], favorable_classes: ['low', 'medium'] });
    // The planted bias: Black applicants are moved a tier up, so their share of favorable tiers is the lowest.
    const race = run.results.attributes.find((a: { name: string }) => a.name === 'race');
    const lowest = race.groups.reduce((a: { impact_ratio: number }, b: { impact_ratio: number }) => (b.impact_ratio < a.impact_ratio ? b : a));
    expect(lowest.key.race).toBe('Black');
    expect(run.html).toContain('Per-class metrics (multiclass)');
    expect(run.html).toContain('confusion matrix');
    expect(run.md).toContain('Task: multiclass (detected');
  });

  it('audits the bundled salaries as regression and finds the planted under-prediction for women', async () => {
    const run = await audit(['datasets/salaries.csv', '--label', 'salary', '--prediction', 'predicted_salary', '--sensitive', 'sex,race']);
    expect([0, 1], run.stderr).toContain(run.status);
    expect(validateResults(run.results), JSON.stringify(validateResults.errors)).toBe(true);
    expect(run.results.task).toMatchObject({ name: 'regression', detected: true });
    const sex = run.results.attributes.find((a: { name: string }) => a.name === 'sex');
    const female = sex.groups.find((g: { key: { sex: string } }) => g.key.sex === 'female').regression;
    const male = sex.groups.find((g: { key: { sex: string } }) => g.key.sex === 'male').regression;
    // Women are predicted about 4% (about 2,600 on a mean near 64,000) below their salary; men are not.
    expect(female.mean_error).toBeLessThan(-1500);
    expect(Math.abs(male.mean_error)).toBeLessThan(500);
    expect(sex.aggregates.mean_error_difference).toBeCloseTo(male.mean_error - female.mean_error, 6);
    expect(run.html).toContain('Error and distribution metrics (regression)');
    expect(run.html).toContain('Box plot by group');
  });
});

describe('policy, drift and compare on the new metrics', () => {
  it('judges a policy on mae_ratio and drift on mae_difference against a baseline', async () => {
    const config = join(dir, 'salaries.yaml');
    writeFileSync(
      config,
      'label: salary\nprediction: predicted_salary\nsensitive: [sex]\ntask: regression\npolicy:\n  - metric: mae_ratio\n    min: 0.99\ndrift:\n  - metric: mae_difference\n    max_change: 1000000\n',
    );
    const first = await audit(['datasets/salaries.csv', '-c', config]);
    const check = first.results.checks.find((c: { metric: string }) => c.metric === 'mae_ratio');
    expect(check.value).toBe(first.results.attributes[0].aggregates.mae_ratio);
    expect(check.verdict).toBe(check.value < 0.99 ? 'fail' : 'pass');
    const second = await audit(['datasets/salaries.csv', '-c', config, '--baseline', join(first.out, 'audit.json')]);
    expect(JSON.stringify(second.results.comparison)).toContain('mae_difference');
    const compared = await runCliInProcess(['compare', join(first.out, 'audit.json'), join(second.out, 'audit.json')]);
    expect(compared.status, compared.stderr).toBe(0);
  });
});

describe('history of a regression audit', () => {
  it('appends each run to the hash-chained history, which verifies, and shows the trend', async () => {
    const history = join(dir, 'history.jsonl');
    for (let run = 0; run < 2; run++) {
      const done = await audit(['datasets/salaries.csv', '--label', 'salary', '--prediction', 'predicted_salary', '--sensitive', 'sex', '--history', history]);
      expect([0, 1], done.stderr).toContain(done.status);
      if (run === 1) expect(done.html).toContain('Trend across runs');
    }
    const verified = await runCliInProcess(['history', 'verify', history]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(readFileSync(history, 'utf8').trim().split('\n')).toHaveLength(2);
  });
});

describe('rows without a label or a prediction in a regression audit', () => {
  it('says they are left out, and leaves them out: each group counts only rows holding both', async () => {
    // 40 rows per group; in group a, 3 have no label (blank or NA) and 2 no prediction (one also no label).
    const lines = ['g;y;p'];
    for (let i = 0; i < 80; i++) {
      const g = i < 40 ? 'a' : 'b';
      const y = i === 1 ? '' : i === 2 || i === 3 ? 'NA' : String(100 + i * 3.5);
      const p = i === 3 || i === 5 ? '' : String(90 + i * 3.25);
      lines.push(`${g};${y};${p}`);
    }
    const file = join(dir, 'missing-outcomes.csv');
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    const run = await audit([file, '--task', 'regression', '--label', 'y', '--prediction', 'p', '--sensitive', 'g', '--fail-on', 'never']);
    expect(run.status, run.stderr).toBe(0);
    const messages: string[] = run.results.warnings.map((w: { message: string }) => w.message);
    expect(messages).toContain('3 of 80 rows have no label ("y"): a regression audit leaves them out (its sums and histograms take only rows holding every outcome column read).');
    expect(messages).toContain('2 of 80 rows have no prediction ("p"): a regression audit leaves them out (its sums and histograms take only rows holding every outcome column read).');
    expect(messages.join(' ')).not.toMatch(/selection rates|base rates/);
    expect(run.md).toContain('have no label: the regression metrics leave them out');
    const groups = run.results.attributes[0].groups;
    // Rows 1, 2, 3 and 5 of group a lack one or both: 36 left; group b is whole.
    expect(groups.map((g: { regression: { n: number } }) => g.regression.n)).toEqual([36, 40]);
  });
});

describe('bad input for the new tasks', () => {
  /** Writes `content` to `name`, audits it by `g` as a regression of `label` and `prediction`, and returns its one line on stderr (exit 2, no stack). */
  async function refusal(name: string, content: string, label: string, prediction: string): Promise<string> {
    const path = join(dir, name);
    writeFileSync(path, content);
    const run = await audit([path, '--label', label, '--prediction', prediction, '--sensitive', 'g', '--task', 'regression']);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(path);
    expect(run.stderr).not.toContain('    at ');
    return lines[0];
  }

  it('refuses a text label in a regression audit with one line naming the column', async () => {
    const line = await refusal('text.csv', 'g,y,p\na,low,1\nb,high,2\n', 'y', 'p');
    expect(line).toContain('column "y"');
    expect(line).toContain('holds text such as "low"; a regression audit needs numbers');
  });

  it('refuses salaries written with currency signs and thousands separators, quoting one and saying what to change', async () => {
    const line = await refusal('dollars.csv', 'g,salary,predicted\na,"$65,938",65108\nb,"$73,241",67636\n', 'salary', 'predicted');
    expect(line).toContain('column "salary"');
    expect(line).toContain('the label column holds text such as "$65,938"; a regression audit needs numbers');
    expect(line).toContain('without currency signs, thousands separators or units');
    // A dash among numbers makes the column text: the dash is quoted, not a number before it.
    const dash = await refusal('dash.csv', 'g,salary,predicted\na,65938,65108\nb,-,67636\nb,73241,-\n', 'salary', 'predicted');
    expect(dash).toContain('the label column holds text such as "-"');
  });

  it('refuses a multiclass label with more than 30 classes, naming the fix', async () => {
    const path = join(dir, 'many.csv');
    writeFileSync(path, ['g,y', ...Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'a' : 'b'},c${i}`)].join('\n') + '\n');
    const run = await audit([path, '--label', 'y', '--sensitive', 'g', '--task', 'multiclass']);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('more than 30');
    expect(lines[0]).toContain('--task regression');
  });

  it('refuses an unknown task, listing the allowed ones', async () => {
    const run = await audit(['datasets/grades.csv', '--label', 'risk_tier', '--sensitive', 'sex', '--task', 'ordinal']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/binary.*multiclass.*regression/);
  });
});
