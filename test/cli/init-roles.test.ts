/**
 * `fairaudit init` on common layouts, through the CLI (run in the test's process) with files the test writes: it
 * proposes the label, prediction and score by the names people use, and the config it writes
 * runs (`audit` exits 0 or 1, never 2); when it cannot tell, the comment names the line to fill
 * in and `audit` with that config says the same on one line. Column names are data: a header
 * holding YAML stays one string and adds no key.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { scalar } from '../../src/discover/init-config.js';
import { runCliInProcess, tempDir } from './run-cli.js';

let dir: string;

beforeAll(async () => {
  dir = tempDir();
});

/** A CSV with `header` and 240 rows made by `row(i)`; every field is quoted. */
function writeCsv(name: string, header: string[], row: (i: number) => (string | number)[]): string {
  const quote = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  const path = join(dir, name);
  writeFileSync(path, [header, ...Array.from({ length: 240 }, (_, i) => row(i))].map((r) => r.map(quote).join(',')).join('\n') + '\n');
  return path;
}

const sex = (i: number) => (i % 3 ? 'Male' : 'Female');
const race = (i: number) => ['White', 'Black', 'Asian', 'Hispanic'][i % 4];
const bit = (i: number, k: number) => ((i * k) >> 2) % 2;

async function init(data: string): Promise<{ config: Record<string, unknown>; text: string; path: string }> {
  const path = `${data}.yaml`;
  const run = await runCliInProcess(['init', data, '-o', path, '--force']);
  expect(run.status, run.stderr).toBe(0);
  const text = readFileSync(path, 'utf8');
  return { config: parse(text) as Record<string, unknown>, text, path };
}

async function auditWith(data: string, config: string) {
  return await runCliInProcess(['audit', data, '-c', config, '-o', join(dir, `out-${Math.random().toString(36).slice(2)}`), '-q', '--bootstrap', '0']);
}

describe('init proposes the outcome columns', () => {
  it.each([
    ['Aequitas: label_value and a 0/1 score', ['entity_id', 'score', 'label_value', 'race', 'sex'], (i: number) => [i + 1000, bit(i, 3), bit(i, 5), race(i), sex(i)], { label: 'label_value', prediction: 'score' }],
    ['scikit-learn: y_true, y_pred, y_score', ['gender', 'y_true', 'y_pred', 'y_score'], (i: number) => [sex(i), bit(i, 3), bit(i, 5), ((i * 37) % 100) / 100], { label: 'y_true', prediction: 'y_pred', score: 'y_score' }],
    ['target', ['race', 'sex', 'hours', 'target'], (i: number) => [race(i), sex(i), 20 + (i % 40), bit(i, 7)], { label: 'target' }],
    ['outcome and decision', ['sex', 'outcome', 'decision'], (i: number) => [sex(i), bit(i, 3), bit(i, 11)], { label: 'outcome', prediction: 'decision' }],
    ['churn', ['Gender', 'tenure', 'Churn'], (i: number) => [sex(i), i % 70, i % 5 === 0 ? 'Yes' : 'No'], { label: 'Churn' }],
    ['recidivism, COMPAS-style', ['sex', 'race', 'decile_score', 'is_recid', 'two_year_recid'], (i: number) => [sex(i), race(i), 1 + (i % 10), bit(i, 3), bit(i, 5)], { label: 'two_year_recid', score: 'decile_score', threshold: 5, favorable: 'negative' }],
    ['credit default', ['SEX', 'LIMIT_BAL', 'default payment next month'], (i: number) => [i % 2 ? 'male' : 'female', 1000 * (i % 50), bit(i, 3)], { label: 'default payment next month', favorable: 'negative' }],
    ['Spanish names', ['sexo', 'resultado', 'prediccion', 'probabilidad'], (i: number) => [i % 2 ? 'hombre' : 'mujer', bit(i, 3), bit(i, 5), ((i * 13) % 100) / 100], { label: 'resultado', prediction: 'prediccion', score: 'probabilidad' }],
  ] as const)('%s: proposed, and the config runs', async (_name, header, row, expected) => {
    const data = writeCsv(`${header.join('-').replace(/\W+/g, '_')}.csv`, [...header], row);
    const { config, path } = await init(data);
    expect(config).toMatchObject(expected);
    const run = await auditWith(data, path);
    expect([0, 1], run.stderr).toContain(run.status);
  });
});

describe('init leaves open what it cannot tell, and audit says which line', () => {
  it('names the line to fill in; audit with the config unchanged names the same file and line', async () => {
    const data = writeCsv('plain.csv', ['sex', 'race', 'a', 'b'], (i) => [sex(i), race(i), bit(i, 3), bit(i, 5)]);
    const { text, path } = await init(data);
    const lines = text.split('\n');
    const placeholder = lines.indexOf('# label: COLUMN') + 1;
    expect(placeholder).toBeGreaterThan(0);
    expect(text).toContain(`fill in line ${placeholder} ("# label: COLUMN")`);

    const run = await auditWith(data, path);
    const stderr = run.stderr.trim().split('\n');
    expect(run.status).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain(`${path}:${placeholder}: nothing to audit`);
    expect(stderr[0]).toContain(`fill in line ${placeholder} ("# label: COLUMN")`);

    // Filled in as the comment says, it runs.
    writeFileSync(path, lines.map((l, i) => (i + 1 === placeholder ? 'label: a' : l)).join('\n'));
    expect([0, 1]).toContain((await auditWith(data, path)).status);
  });
});

describe('init leaves positive open when no value counts as 1 by default', () => {
  it('names the positive line; audit says the same line until it is filled in, then runs', async () => {
    const data = writeCsv('income.csv', ['sex', 'race', 'income'], (i) => [sex(i), race(i), bit(i, 3) ? '>50K' : '<=50K']);
    const { config, text, path } = await init(data);
    expect(config.label).toBe('income');
    const lines = text.split('\n');
    const placeholder = lines.indexOf('# positive: VALUE') + 1;
    expect(placeholder).toBeGreaterThan(0);
    expect(text).toContain('"income" holds "<=50K" and ">50K"');
    expect(text).toContain(`fill in line ${placeholder} ("# positive: VALUE")`);

    const run = await auditWith(data, path);
    const stderr = run.stderr.trim().split('\n');
    expect(run.status).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain(`${path}:${placeholder}: the config leaves positive to fill in`);

    writeFileSync(path, lines.map((l, i) => (i + 1 === placeholder ? 'positive: ">50K"' : l)).join('\n'));
    expect([0, 1]).toContain((await auditWith(data, path)).status);
  });

  it('points at a column named like the label that has more than two values', async () => {
    const data = writeCsv('graded.csv', ['sex', 'race', 'target'], (i) => [sex(i), race(i), i % 5]);
    const { text } = await init(data);
    expect(text).toContain('"target" is named like it but has 5 distinct values: set positive: too');
  });
});

describe('column names are data, never config', () => {
  const INJECTED = 'ethnic_group\nfail_on: never\nmin_group_size: 100000\n#';

  it('a header holding YAML stays one string: the config round-trips to the same names and adds no key', async () => {
    const header = ['sex', INJECTED, 'x: y', 'a,b', '- [z]', "it's", ' padded ', 'label'];
    const data = writeCsv('injected.csv', header, (i) => [sex(i), race(i), i % 7, i % 5, i % 3, i % 2, i % 4, bit(i, 3)]);
    const { config, path } = await init(data);
    const allowed = ['dataset', 'label', 'prediction', 'score', 'sensitive', 'mask', 'threshold', 'favorable'];
    for (const key of Object.keys(config)) expect(allowed).toContain(key);
    expect(config.sensitive).toContain(INJECTED);
    expect(config.label).toBe('label');
    const named = [
      ...((config.sensitive as string[]) ?? []),
      ...Object.keys((config.mask as { columns?: object }).columns ?? {}),
      ...(((config.mask as { quasi_identifiers?: string[] }).quasi_identifiers) ?? []),
    ];
    for (const name of named) expect(header).toContain(name);
    // And audit reads it as written: the injected keys did not lower the bar or raise group sizes.
    const out = join(dir, 'injected-out');
    const run = await runCliInProcess(['audit', data, '-c', path, '-o', out, '--bootstrap', '0']);
    expect([0, 1], run.stderr).toContain(run.status);
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8'));
    expect(results.config.fail_on).toBe('fail');
    expect(results.config.min_group_size).toBe(30);
    expect(results.columns.sensitive).toContain(INJECTED);
  });

  it.each(['plain', 'yes', '1', 'a: b', 'a #b', '#x', '[x]', 'x,y', ' x', 'x\n', 'x\ry', 'x\u2028y', 'x\u0085y', '"q"', "'", '- x', '? x', '@x', '%x', '*x', '&x', '!x', '|', '>', 'null', '~', '.inf'])(
    'scalar %j reads back as itself as a value, a key and a list item, on one line',
    (name) => {
      for (const place of ['value', 'key', 'flow'] as const) {
        const text = scalar(name, place);
        expect(text).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
        const doc = place === 'key' ? parse(`${text}: 0`) : place === 'flow' ? parse(`[${text}]`) : parse(`v: ${text}`);
        if (place === 'key') expect(Object.keys(doc)).toEqual([name]);
        else if (place === 'flow') expect(doc).toEqual([name]);
        else expect(doc.v).toBe(name);
      }
    },
  );
});
