/**
 * The database flags as a user meets them, with DuckDB (embedded, so no server is needed): the
 * `sql` command's output and its `--counts` round trip, a `source:` in the config read through
 * `url_env`, discovery on a table, the refusals, and a start-up that loads neither DuckDB nor pg
 * unless a database is audited.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, runCliInProcess, tempDir } from './run-cli.js';

const dir = tempDir('fairaudit-sqlcmd-');
const LOANS = join(ROOT, 'datasets/loans.parquet');
const FLAGS = ['--label', 'repaid', '--prediction', 'approved', '--sensitive', 'race,sex', '--bootstrap', '0'];

/** Which of DuckDB's native library and pg's modules a run of `args` loaded, in a fresh process. */
function loaded(args: string[]): { code: number; duckdb: boolean; pg: boolean } {
  const script = join(dir, 'probe.mjs');
  writeFileSync(
    script,
    `import { createRequire } from 'node:module';
const { main } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/fairaudit.mjs')).href)});
const code = await main(${JSON.stringify(args)});
const cjs = Object.keys(createRequire(import.meta.url).cache);
const shared = process.report.getReport().sharedObjects;
process.stdout.write('\\n' + JSON.stringify({ code, duckdb: shared.some((s) => /duckdb/i.test(s)), pg: cjs.some((p) => /node_modules[\\\\/]pg[\\\\/]/.test(p)) }));
`,
  );
  const run = spawnSync(process.execPath, [script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as { code: number; duckdb: boolean; pg: boolean };
}

describe('database sources on the command line', () => {
  it('loads neither DuckDB nor pg for help or a file audit, and DuckDB only for a duckdb: source', () => {
    expect(loaded(['--help'])).toMatchObject({ code: 0, duckdb: false, pg: false });
    expect(loaded(['audit', LOANS, ...FLAGS, '-o', join(dir, 'plain'), '-q', '--fail-on', 'never'])).toEqual({ code: 0, duckdb: false, pg: false });
    // The probe sees DuckDB when it is loaded, so its "false" above means something.
    const duck = loaded(['audit', 'duckdb:', '--query', `SELECT * FROM '${LOANS}'`, ...FLAGS, '-o', join(dir, 'probe-duck'), '-q', '--fail-on', 'never']);
    expect(duck).toEqual({ code: 0, duckdb: true, pg: false });
  });

  it('prints the GROUPING SETS count query for Spark, whose saved result audits like the data itself', async () => {
    const sql = await runCliInProcess(['sql', '--dialect', 'spark', '--table', 'lake.loans', '--grouping-sets', ...FLAGS.slice(0, -2)]);
    expect(sql.status, sql.stderr).toBe(0);
    expect(sql.stdout).toBe(
      [
        'SELECT',
        '  `race`,',
        '  `sex`,',
        '  `repaid`,',
        '  `approved`,',
        '  GROUPING(`race`) AS `fa_grouping_race`,',
        '  GROUPING(`sex`) AS `fa_grouping_sex`,',
        '  COUNT(*) AS `fa_rows`',
        'FROM `lake`.`loans`',
        'GROUP BY GROUPING SETS (',
        '  (`race`, `repaid`, `approved`),',
        '  (`sex`, `repaid`, `approved`),',
        '  (`race`, `sex`, `repaid`, `approved`)',
        ');',
        '',
      ].join('\n'),
    );
    // Run the DuckDB form of the same query (Spark's backticks aside, the same SQL), save it as CSV, audit that.
    const duckSql = await runCliInProcess(['sql', '--dialect', 'duckdb', '--query', `SELECT * FROM '${LOANS}'`, '--grouping-sets', ...FLAGS.slice(0, -2)]);
    const saved = join(dir, 'counts.csv');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (${duckSql.stdout.trim().replace(/;$/, '')}) TO '${saved}' (HEADER, DELIMITER ',')`);
    conn.closeSync();
    db.closeSync();
    const fromCounts = await runCliInProcess(['audit', '--counts', saved, ...FLAGS, '-o', join(dir, 'counts'), '--fail-on', 'never']);
    const fromFile = await runCliInProcess(['audit', LOANS, ...FLAGS, '-o', join(dir, 'file'), '--fail-on', 'never']);
    expect(fromCounts.status, fromCounts.stderr).toBe(0);
    const results = (name: string) => JSON.parse(readFileSync(join(dir, name, 'audit.json'), 'utf8')) as { attributes: unknown; checks: unknown; input: Record<string, unknown> };
    // Bootstrap off (FLAGS): with GROUPING SETS only the inequality indices' intervals could differ, by their draws.
    expect(results('counts').attributes).toEqual(results('file').attributes);
    expect(results('counts').checks).toEqual(results('file').checks);
    expect(results('counts').input.source).toMatchObject({ engine: 'counts', file: { path: saved } });
    expect(fromFile.status).toBe(0);
  });

  it('prints a regression audit\'s query with --task regression, and a multiclass audit\'s joint query even with --grouping-sets', async () => {
    const regression = await runCliInProcess(['sql', '--dialect', 'trino', '--table', 'hive.pay', '--task', 'regression', '--label', 'salary', '--prediction', 'predicted', '--sensitive', 'sex']);
    expect(regression.status, regression.stderr).toBe(0);
    const parts = regression.stdout.trim().replace(/;$/, '').split('\nUNION ALL\n');
    expect(parts.map((p) => /'(\w+)' AS "fa_part"/.exec(p)?.[1])).toEqual(['rows', 'label', 'prediction', 'error']);
    expect(parts[3]).toContain('CAST("predicted" AS DOUBLE) - CAST("salary" AS DOUBLE) AS "fa_value"');
    const multiclass = await runCliInProcess(['sql', '--dialect', 'spark', '--table', 't', '--task', 'multiclass', '--grouping-sets', '--label', 'tier', '--prediction', 'pred', '--sensitive', 'sex,race']);
    expect(multiclass.status, multiclass.stderr).toBe(0);
    expect(multiclass.stdout).not.toContain('GROUPING');
    expect(multiclass.stdout).toContain('GROUP BY\n  `sex`,\n  `race`,\n  `tier`,\n  `pred`;');
  });

  it('reads source: from the config, the address from the variable url_env names', async () => {
    const config = join(dir, 'db.yaml');
    writeFileSync(config, `source:\n  url_env: FA_LAKE\n  query: SELECT * FROM '${LOANS}'\nlabel: repaid\nprediction: approved\nsensitive: [race]\nbootstrap: 0\n`);
    const run = await runCliInProcess(['audit', '-c', config, '-o', join(dir, 'from-config'), '--fail-on', 'never'], { env: { FA_LAKE: 'duckdb:' } });
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'from-config', 'audit.json'), 'utf8')) as { input: { rows_read: number; source: { engine: string } } };
    expect(results.input.rows_read).toBe(12000);
    expect(results.input.source.engine).toBe('duckdb');
  });

  it('discovers sensitive attributes from a seeded sample the engine draws, and records it', async () => {
    const run = await runCliInProcess(['audit', 'duckdb:', '--query', `SELECT * FROM '${LOANS}'`, '--label', 'repaid', '--prediction', 'approved', '--bootstrap', '0', '-o', join(dir, 'discovered'), '--fail-on', 'never']);
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'discovered', 'audit.json'), 'utf8')) as { columns: { sensitive: string[] }; input: { source: { sample: unknown } } };
    expect(results.columns.sensitive).toEqual(expect.arrayContaining(['race', 'sex']));
    expect(results.input.source.sample).toEqual({ rows: 12000, seed: 42, method: 'USING SAMPLE reservoir(100000 ROWS) REPEATABLE (42)' });
  });

  it('audits a table of a DuckDB database file, opened read-only, and names a file that is not there', async () => {
    const file = join(dir, 'lake.duckdb');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(file);
    const conn = await db.connect();
    await conn.run(`CREATE SCHEMA scoring; CREATE TABLE scoring."Loans 2024" AS SELECT * FROM '${LOANS}'`);
    conn.closeSync();
    db.closeSync();
    const run = await runCliInProcess(['audit', `duckdb:${file}`, '--table', 'scoring."Loans 2024"', ...FLAGS, '-o', join(dir, 'db-file')]);
    expect([0, 1], run.stderr).toContain(run.status);
    const results = JSON.parse(readFileSync(join(dir, 'db-file', 'audit.json'), 'utf8')) as { input: { rows_read: number; source: Record<string, unknown> } };
    expect(results.input.rows_read).toBe(12000);
    expect(results.input.source).toMatchObject({ engine: 'duckdb', location: `duckdb:${file}`, table: 'scoring."Loans 2024"' });
    const missing = await runCliInProcess(['audit', `duckdb:${join(dir, 'nowhere.duckdb')}`, '--table', 't', ...FLAGS, '-o', join(dir, 'none')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^fairaudit: duckdb:.*nowhere\.duckdb: cannot open the database: .*\(check the path after duckdb:/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('interrupts a DuckDB query that runs longer than --timeout', async () => {
    const started = performance.now();
    const run = await runCliInProcess([
      'audit', 'duckdb:', '--query', 'SELECT range % 2 AS y, (range % 7)::VARCHAR AS g FROM range(100000000000)',
      '--label', 'y', '--sensitive', 'g', '--timeout', '1', '-o', join(dir, 'slow'),
    ]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toBe('fairaudit: duckdb:: the query ran longer than --timeout 1 s and was cancelled (raise --timeout, or audit a smaller table or query)\n');
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('refuses, in one line with the fix: a password in the config, --mask on a database, --table on files, a count table without its columns', async () => {
    const withPassword = join(dir, 'pw.yaml');
    writeFileSync(withPassword, 'source:\n  url: postgres://ana:hunter2-secret@db/prod\n  table: preds\nlabel: y\nsensitive: [s]\n');
    const cases: [string[], RegExp][] = [
      [['audit', '-c', withPassword], /source\.url in the config holds a password.*\(remove it: use PGPASSWORD/],
      [['audit', 'duckdb:', '--query', `SELECT * FROM '${LOANS}'`, ...FLAGS, '--mask'], /--mask needs files/],
      [['audit', LOANS, '--table', 'loans', ...FLAGS], /--table and --query need a database source/],
      [['audit', 'duckdb:', ...FLAGS], /a database source needs a table or a query/],
      [['audit', '--counts', join(ROOT, 'datasets/loans.csv'), ...FLAGS], /the count table has no fa_rows column/],
      [['sql', '--dialect', 'trino', '--table', 't', '--label', 'y'], /the count query needs the sensitive attributes named/],
      [['sql', '--dialect', 'mysql', '--table', 't'], /Invalid values|mysql/],
    ];
    for (const [args, message] of cases) {
      const run = await runCliInProcess(args[0] === 'audit' ? [...args, '-o', join(dir, 'refused')] : args);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('hunter2-secret');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
