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
import { runCliInProcess, tempDir } from './run-cli.js';

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
});
