/**
 * A database audit's report and summary say where the numbers came from (DESIGN §2): the engine,
 * the table with the SHA-256 of its name, and the count table's rows and SHA-256, escaped like
 * every other value, in place of the input files' hashes. DuckDB runs in process, so no server
 * is needed; the password side is covered with PostgreSQL in sql-engines.test.ts. Also: the
 * one-line errors of a DuckDB source name it, and `discover` and `init` read it as `audit` does.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runCli, runCliInProcess, tempDir } from './run-cli.js';

/** A table name with every character HTML and Markdown give a meaning to. */
const TABLE = 'loans <b>&_*|';

/** Rows of (race, sex, label, pred), built here: three races, two sexes, every label × prediction cell. */
function dataRows(): string[][] {
  const rows: string[][] = [];
  const races = ['White', 'Black', 'Asian'];
  for (let i = 0; i < 240; i++) rows.push([races[i % 3], i % 5 < 2 ? 'female' : 'male', String(i % 2), String(Math.floor(i / 2) % 2)]);
  return rows;
}

describe('the provenance of a DuckDB audit', () => {
  const dir = tempDir('fairaudit-sql-provenance-');
  const db = join(dir, 'warehouse.duckdb');
  const rows = dataRows();

  beforeAll(async () => {
    writeFileSync(join(dir, 'loans.csv'), ['race,sex,label,pred', ...rows.map((r) => r.join(','))].join('\n') + '\n');
    writeFileSync(join(dir, 'audit.yaml'), 'label: label\nprediction: pred\nsensitive: [race, sex]\nmin_group_size: 10\nbootstrap: 50\ndataset: loans\n');
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE "${TABLE.replace(/"/g, '""')}" AS SELECT * FROM read_csv('${join(dir, 'loans.csv')}')`);
    connection.closeSync();
    instance.closeSync();
  });

  it('names the engine, the database, the table and the count table in report.html and summary.md', async () => {
    const out = join(dir, 'out');
    const run = await runCliInProcess(['audit', `duckdb:${db}`, '--table', TABLE, '-c', join(dir, 'audit.yaml'), '-o', out, '--fail-on', 'never']);
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { input: { source: { engine_version: string; count_table_sha256: string } } };
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    const nameSha = createHash('sha256').update(TABLE).digest('hex');
    // The count table has one row per distinct (race, sex, label, pred): counted here from the rows.
    const cells = new Set(rows.map((r) => r.join('\u0000'))).size;

    const section = html.slice(html.indexOf('id="data"'), html.indexOf('</section>', html.indexOf('id="data"')));
    expect(section).toContain('Database source');
    expect(section).toContain(`DuckDB (${results.input.source.engine_version})`);
    expect(results.input.source.engine_version).toMatch(/^v?\d+\.\d+/);
    expect(section).toContain(`duckdb:${db}`);
    // Escaped: the table name shows as text, never as markup.
    expect(section).toContain('loans &lt;b&gt;&amp;_*|');
    expect(html).not.toContain('<b>&');
    expect(section).toContain(nameSha);
    expect(section).toContain(results.input.source.count_table_sha256);
    expect(section).toMatch(new RegExp(`Count table rows</th><td>${cells}</td>`));
    expect(section).toContain('No input file');

    const input = md.split('\n').find((line) => line.startsWith('<sub>Input:'))!;
    expect(input).toContain('Counted by: DuckDB');
    expect(input).toContain('Table: loans <b>&\\_\\*\\|'.replace('<b>', '&lt;b&gt;'));
    expect(input).toContain(`Table name SHA-256: ${nameSha}`);
    expect(input).toContain(`Count table rows: ${cells}`);
  });

  it('names the database and the table in the one line of an unknown-column error', async () => {
    const run = await runCliInProcess(['audit', `duckdb:${db}`, '--table', TABLE, '--sensitive', 'race,gender', '-c', join(dir, 'audit.yaml'), '-o', join(dir, 'bad')]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).toContain(`duckdb:${db} (table ${TABLE})`);
    expect(run.stderr).toContain('unknown column "gender"; the columns are: race, sex, label, pred');
    expect(run.stderr).toContain('--sensitive');
  });

  it('discover reads a database named by --url-env, and without any source says what to give', async () => {
    const run = await runCliInProcess(['discover', '--url-env', 'FAIRAUDIT_TEST_DB', '--table', TABLE, '--json'], { env: { FAIRAUDIT_TEST_DB: `duckdb:${db}` } });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { columns: { column: string }[]; rows_seen: number };
    expect(result.columns.map((c) => c.column).sort()).toEqual(['label', 'pred', 'race', 'sex']);
    expect(result.rows_seen).toBe(rows.length);
    const none = await runCliInProcess(['discover']);
    expect(none.status).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toMatch(/no data to audit.*--url-env NAME/);
  });

  it('init on a database writes source: {url, table} or {url_env, query}, and audit -c reads it back with no data', async () => {
    const byUrl = join(dir, 'by-url.yaml');
    const init = await runCliInProcess(['init', `duckdb:${db}`, '--table', TABLE, '-o', byUrl]);
    expect(init.status, init.stderr).toBe(0);
    const written = parse(readFileSync(byUrl, 'utf8')) as { source: Record<string, string> };
    expect(written.source).toEqual({ url: `duckdb:${db}`, table: TABLE });
    const out = join(dir, 'from-init');
    const audit = await runCliInProcess(['audit', '-c', byUrl, '--label', 'label', '--prediction', 'pred', '--sensitive', 'race,sex', '-o', out, '--fail-on', 'never']);
    expect(audit.status, audit.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { input: { rows_read: number; source: { table: string; location: string } } };
    expect(results.input.source).toMatchObject({ table: TABLE, location: `duckdb:${db}` });
    expect(results.input.rows_read).toBe(rows.length);

    const byEnv = join(dir, 'by-env.yaml');
    const query = `SELECT race, sex, label, pred\nFROM "${TABLE}"\nWHERE sex = 'female'`;
    const env = { FAIRAUDIT_TEST_DB: `duckdb:${db}` };
    const fromEnv = await runCliInProcess(['init', '--url-env', 'FAIRAUDIT_TEST_DB', '--query', query, '-o', byEnv], { env });
    expect(fromEnv.status, fromEnv.stderr).toBe(0);
    expect((parse(readFileSync(byEnv, 'utf8')) as { source: unknown }).source).toEqual({ url_env: 'FAIRAUDIT_TEST_DB', query });
    const audited = await runCliInProcess(['audit', '-c', byEnv, '--label', 'label', '--prediction', 'pred', '--sensitive', 'race', '-o', join(dir, 'from-env'), '--fail-on', 'never'], { env });
    expect(audited.status, audited.stderr).toBe(0);
    // The query kept its filter: only the female rows, counted here from the data.
    const female = rows.filter((r) => r[1] === 'female').length;
    expect((JSON.parse(readFileSync(join(dir, 'from-env', 'audit.json'), 'utf8')) as { input: { rows_read: number } }).input.rows_read).toBe(female);
  });

  it('says in one line that DuckDB cannot load on this platform, and still audits files there', () => {
    // A process where every @duckdb/ package fails to resolve, as where no binary ships for the platform.
    const env = { NODE_OPTIONS: `--import=${join(ROOT, 'test/fixtures/no-duckdb/register.mjs')}` };
    const run = runCli(['audit', `duckdb:${db}`, '--table', TABLE, '-c', join(dir, 'audit.yaml'), '-o', join(dir, 'no-duckdb')], { env });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).toContain(`fairaudit: duckdb:${db}: DuckDB is not available on this platform (${process.platform}-${process.arch})`);
    expect(run.stderr).toMatch(/reinstall with npm install .* or audit the files directly\)$/m);
    // DuckDB is loaded only for a duckdb: source, so a file audit in the same process works.
    const file = runCli(['audit', join(dir, 'loans.csv'), '-c', join(dir, 'audit.yaml'), '-o', join(dir, 'no-duckdb-file'), '--fail-on', 'never'], { env });
    expect(file.status, file.stderr).toBe(0);
  });
});
