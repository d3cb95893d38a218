/**
 * Multiclass and regression audits on DuckDB give the numbers the same data audited from a file
 * gives (DESIGN §2, §14): the CSV file read by fairaudit, DuckDB reading that file, a DuckDB
 * database table, and the query `fairaudit sql` prints run by DuckDB and brought back with
 * `--counts`. The results objects are compared field by field, bootstrap intervals included.
 * DuckDB runs in process; PostgreSQL gets the same audits in sql-engines.test.ts.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from './run-cli.js';
import {
  csvOf,
  MULTICLASS_CONFIG,
  MULTICLASS_HEADER,
  multiclassRows,
  REGRESSION_CONFIG,
  REGRESSION_HEADER,
  regressionRows,
  sameFields,
  comparable,
} from '../sql/task-data.js';

describe('multiclass and regression audits on DuckDB', () => {
  const dir = tempDir('fairaudit-sql-tasks-');
  const db = join(dir, 'warehouse.duckdb');
  const files = {
    tiers: join(dir, 'tiers.csv'),
    exact: join(dir, 'exact.csv'),
    continuous: join(dir, 'continuous.csv'),
  };

  beforeAll(async () => {
    writeFileSync(files.tiers, csvOf(MULTICLASS_HEADER, multiclassRows(3000)));
    writeFileSync(files.exact, csvOf(REGRESSION_HEADER, regressionRows(3000, true)));
    writeFileSync(files.continuous, csvOf(REGRESSION_HEADER, regressionRows(3000, false)));
    writeFileSync(join(dir, 'tiers.yaml'), MULTICLASS_CONFIG);
    writeFileSync(join(dir, 'salaries.yaml'), REGRESSION_CONFIG);
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    for (const [table, file] of Object.entries(files)) await connection.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${file}')`);
    connection.closeSync();
    instance.closeSync();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function audit(name: string, args: string[], config: string): Promise<string> {
    const out = join(dir, name);
    const run = await runCliInProcess(['audit', ...args, '-c', join(dir, config), '-o', out, '--fail-on', 'never']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status, run.stderr).toBe(0);
    return join(out, 'audit.json');
  }

  /** The count query `fairaudit sql` prints for `table`, run by DuckDB on the database, saved as CSV. */
  async function countsFile(name: string, table: string, config: string, task?: string): Promise<string> {
    const sql = await runCliInProcess(['sql', '--dialect', 'duckdb', '--table', table, '-c', join(dir, config), ...(task ? ['--task', task] : [])]);
    expect(sql.status, sql.stderr).toBe(0);
    const path = join(dir, `${name}.csv`);
    const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    await connection.run(`COPY (${sql.stdout.trim().replace(/;$/, '')}) TO '${path}' (HEADER)`);
    connection.closeSync();
    instance.closeSync();
    return path;
  }

  it('multiclass: identical groups, classes, confusion matrices, rates, aggregates, intervals and warnings', async () => {
    const file = await audit('tiers-file', [files.tiers], 'tiers.yaml');
    const query = await audit('tiers-query', ['duckdb:', '--query', `SELECT * FROM read_csv('${files.tiers}')`], 'tiers.yaml');
    const table = await audit('tiers-table', [`duckdb:${db}`, '--table', 'tiers'], 'tiers.yaml');
    const counts = await audit('tiers-counts', ['--counts', await countsFile('tiers-counts', 'tiers', 'tiers.yaml')], 'tiers.yaml');
    const expected = comparable(file);
    // The file audit read what this test wrote: a detected multiclass audit, the padded class trimmed, "Low" its own class.
    expect(expected.task).toMatchObject({ name: 'multiclass', detected: true });
    const race = (expected.attributes as { name: string; groups: { key: Record<string, string>; n: number; classes: Record<string, unknown> }[] }[]).find((a) => a.name === 'race')!;
    expect(Object.keys(race.groups[0].classes).sort()).toEqual(['Low', 'high', 'low', 'mid']);
    // A weighted audit's n is the weight: the weights this test wrote, a missing one as 0.
    const weights = multiclassRows(3000).reduce((sum, row) => sum + (row[7] === '' ? 0 : Number(row[7])), 0);
    expect(race.groups.reduce((sum, g) => sum + g.n, 0)).toBe(weights);
    expect(JSON.stringify(expected.warnings)).toMatch(/Low/);
    for (const other of [query, table, counts]) expect(sameFields(comparable(other), expected)).toEqual([]);
    const source = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { input: { source: Record<string, unknown>; rows_read: number } }).input;
    expect(source(table).source).toMatchObject({ engine: 'duckdb', table: 'tiers' });
    expect(source(counts).source).toMatchObject({ engine: 'counts' });
    for (const p of [query, table, counts]) expect(source(p).rows_read).toBe(3000);
  });

  it('regression with values in halves: identical to the bit, sums, distributions and bootstrap intervals included', async () => {
    const file = await audit('exact-file', [files.exact], 'salaries.yaml');
    const table = await audit('exact-table', [`duckdb:${db}`, '--table', 'exact'], 'salaries.yaml');
    const counts = await audit('exact-counts', ['--counts', await countsFile('exact-counts', 'exact', 'salaries.yaml', 'regression')], 'salaries.yaml');
    const expected = comparable(file);
    expect(expected.task).toMatchObject({ name: 'regression', detected: true });
    const sex = (expected.attributes as { name: string; groups: { regression: { mae: number } }[]; aggregate_intervals: Record<string, unknown> }[]).find((a) => a.name === 'sex')!;
    expect(sex.groups[0].regression.mae).toBeGreaterThan(0);
    expect(sex.aggregate_intervals.mae_difference).not.toBeNull();
    for (const other of [table, counts]) expect(sameFields(comparable(other), expected)).toEqual([]);
  });

  it('regression with continuous values: the same numbers but for the last bits of sums taken in another order', async () => {
    const file = await audit('continuous-file', [files.continuous], 'salaries.yaml');
    const query = await audit('continuous-query', ['duckdb:', '--query', `SELECT * FROM read_csv('${files.continuous}')`], 'salaries.yaml');
    const counts = await audit('continuous-counts', ['--counts', await countsFile('continuous-counts', 'continuous', 'salaries.yaml', 'regression')], 'salaries.yaml');
    const expected = comparable(file);
    for (const other of [query, counts]) expect(sameFields(comparable(other), expected, 1e-12)).toEqual([]);
    // The counts of every group and the quantiles (read from exact histograms) are exact.
    expect(sameFields((comparable(query).attributes as unknown[]).map((a) => (a as { groups: { n: number }[] }).groups.map((g) => g.n)), (expected.attributes as unknown[]).map((a) => (a as { groups: { n: number }[] }).groups.map((g) => g.n)))).toEqual([]);
  });

  it('audits a label or a prediction alone (regression and multiclass) as the file audit does', async () => {
    const cases = [
      { name: 'label-only', config: REGRESSION_CONFIG.replace('prediction: predicted\n', ''), table: 'exact', file: files.exact, task: 'regression' },
      { name: 'prediction-only', config: REGRESSION_CONFIG.replace('label: salary\n', ''), table: 'exact', file: files.exact, task: 'regression' },
      { name: 'classes-only', config: MULTICLASS_CONFIG.replace('prediction: pred\n', ''), table: 'tiers', file: files.tiers, task: 'multiclass' },
    ];
    for (const c of cases) {
      writeFileSync(join(dir, `${c.name}.yaml`), c.config);
      const file = await audit(`${c.name}-file`, [c.file], `${c.name}.yaml`);
      const table = await audit(`${c.name}-table`, [`duckdb:${db}`, '--table', c.table], `${c.name}.yaml`);
      const counts = await audit(`${c.name}-counts`, ['--counts', await countsFile(`${c.name}-counts`, c.table, `${c.name}.yaml`, c.task)], `${c.name}.yaml`);
      const expected = comparable(file);
      expect((expected.task as { name: string }).name, c.name).toBe(c.task);
      for (const other of [table, counts]) expect(sameFields(comparable(other), expected), c.name).toEqual([]);
    }
  });

  it('refuses a NaN or infinite regression outcome in one line naming the source, the column and the fix', async () => {
    const rows = (bad: string) => `SELECT * FROM (VALUES ('f', 1.5, 2.0), ('m', ${bad}, 1.0), ('f', 3.0, 2.5)) AS t(sex, salary, predicted)`;
    for (const [bad, message] of [
      ["'NaN'::DOUBLE", /column "salary": the label column holds NaN, which a database counts as a value, not as missing.*store missing outcomes as NULL/],
      ["'-Infinity'::DOUBLE", /column "salary": the label column holds an infinite value.*finite numbers/],
    ] as const) {
      const run = await runCliInProcess(['audit', 'duckdb:', '--query', rows(bad), '--task', 'regression', '--label', 'salary', '--prediction', 'predicted', '--sensitive', 'sex', '-o', join(dir, 'nan')]);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stderr).toContain('duckdb:');
      expect(run.stderr).toMatch(message);
    }
  });

  it('reads classes held in an ENUM column as the same classes held as text', async () => {
    const rows = (type: string) =>
      `SELECT CASE WHEN range % 2 = 0 THEN 'f' ELSE 'm' END AS sex, CAST(['lo', 'mid', 'hi'][1 + range % 3] AS ${type}) AS tier, ` +
      `CAST(['lo', 'mid', 'hi'][1 + (range // 2) % 3] AS ${type}) AS pred FROM range(600)`;
    const flags = ['--label', 'tier', '--prediction', 'pred', '--sensitive', 'sex', '--min-group-size', '10', '--bootstrap', '50', '--fail-on', 'never'];
    const results = [];
    for (const [name, type] of [['enum', "ENUM('lo', 'mid', 'hi')"], ['text', 'VARCHAR']]) {
      const run = await runCliInProcess(['audit', 'duckdb:', '--query', rows(type), ...flags, '-o', join(dir, name)]);
      expect(run.status, run.stderr).toBe(0);
      results.push(comparable(join(dir, name, 'audit.json')));
    }
    // Worked by hand: 600 rows, 300 per sex, three classes.
    expect(results[0].task).toMatchObject({ name: 'multiclass', classes: ['hi', 'lo', 'mid'] });
    expect((results[0].attributes as { groups: { n: number }[] }[])[0].groups.map((g) => g.n)).toEqual([300, 300]);
    expect(sameFields(results[0], results[1])).toEqual([]);
  });

  it('names the source in the one line refusing a multiclass label with too many classes', async () => {
    const query = "SELECT CASE WHEN range % 2 = 0 THEN 'f' ELSE 'm' END AS sex, 'c' || (range % 35) AS grade, 'c' || (range % 3) AS pred FROM range(1000)";
    const run = await runCliInProcess(['audit', 'duckdb:', '--query', query, '--task', 'multiclass', '--label', 'grade', '--prediction', 'pred', '--sensitive', 'sex', '-o', join(dir, 'classes')]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^fairaudit: duckdb:: column "grade": the label column has more than 30 distinct values, too many classes for a multiclass audit \(.*--task regression/);
  });

  it('refuses a regression outcome that is not a number column in one line naming the source and the column', async () => {
    const run = await runCliInProcess(['audit', `duckdb:${db}`, '--table', 'tiers', '--task', 'regression', '--label', 'tier', '--prediction', 'pred', '--sensitive', 'sex', '-o', join(dir, 'bad')]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`duckdb:${db}`);
    expect(run.stderr).toMatch(/the label column is not a number column; a regression audit needs numbers/);
    expect(run.stderr).toContain('tier');
  });
});
