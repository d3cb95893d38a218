/**
 * The same audit five ways must give the same numbers (DESIGN §2): (a) the CSV file read by
 * fairaudit, (b) DuckDB reading that file, (c) one PostgreSQL server, (d) a sharded PostgreSQL —
 * a coordinator whose table is partitioned into postgres_fdw foreign tables on two shard
 * databases — and (e) the query `fairaudit sql` prints, run by psql and brought back with
 * `--counts`. The shards are two more servers, reached by postgres_fdw over TCP with a
 * password. The data is built here, with the ugly parts a real table has: missing values in
 * every column, padded group names, a numeric attribute binned by the config and one binned into
 * age bands. Every PostgreSQL login needs a password, and no output may contain it.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from './run-cli.js';
import { postgresBin, startCluster, type PgCluster } from '../sql/pg-cluster.js';
import {
  csvOf,
  MULTICLASS_COLUMNS,
  MULTICLASS_CONFIG,
  MULTICLASS_HEADER,
  multiclassRows,
  REGRESSION_COLUMNS,
  REGRESSION_CONFIG,
  REGRESSION_HEADER,
  regressionRows,
  sameFields,
  comparable,
} from '../sql/task-data.js';

const BIN = postgresBin();
const COLUMNS = 'rid int, race text, sex text, age int, income double precision, label int, pred int, score double precision';

/** A seeded generator (so the data, and the expected equality, never change). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function dataRows(n: number): string[][] {
  const r = random(7);
  const races = ['White', 'Black', 'Asian', ' Hispanic ', ''];
  return Array.from({ length: n }, (_, i) => {
    const race = races[Math.floor(r() * races.length)];
    const sex = r() < 0.03 ? '' : r() < 0.5 ? 'female' : 'male';
    const age = r() < 0.02 ? '' : String(18 + Math.floor(r() * 60));
    const income = r() < 0.02 ? '' : (10000 + Math.round(r() * 9000000) / 100).toFixed(2);
    const score = Math.round(r() * 1000) / 1000;
    const bias = race === 'Black' ? 0.15 : 0;
    const label = r() < 0.02 ? '' : r() < score ? '1' : '0';
    const pred = score - bias >= 0.5 ? '1' : '0';
    return [String(i + 1), race, sex, age, income, label, pred, r() < 0.01 ? '' : String(score)];
  });
}

/** With a score the count query is one joint GROUP BY; without, GROUPING SETS. */
const CONFIG = (score: boolean) => `label: label
prediction: pred
${score ? 'score: score\n' : ''}sensitive: [race, sex, age, income]
bins:
  income: [40000, 70000]
min_group_size: 20
bootstrap: 200
dataset: loans
`;

function csv(rows: string[][]): string {
  return ['rid,race,sex,age,income,label,pred,score', ...rows.map((row) => row.map((v) => (v.includes(' ') ? `"${v}"` : v)).join(','))].join('\n') + '\n';
}

/**
 * Equal, number for number — except means over scores, which a count table sums in another order
 * than the rows were read (equal to 1e-12 relative, not bit for bit).
 */
function expectSame(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number' && /scores|auc|calibration|ece/i.test(path)) {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
    return;
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) expectSame((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe.skipIf(!BIN)('one audit through a file, DuckDB, PostgreSQL, sharded PostgreSQL and --counts', () => {
  const dir = tempDir('fairaudit-sql-');
  const rows = dataRows(3000);
  const secrets: string[] = [];
  const outputs: string[] = [];
  let cluster: PgCluster;
  const shards: PgCluster[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    writeFileSync(join(dir, 'loans.csv'), csv(rows));
    writeFileSync(join(dir, 'audit.yaml'), CONFIG(true));
    writeFileSync(join(dir, 'sets.yaml'), CONFIG(false));
    cluster = await startCluster(BIN!);
    secrets.push(cluster.password);
    env = { PGPASSWORD: cluster.password };
    const copy = (table: string, part: string[][]) => `COPY ${table} FROM STDIN WITH (FORMAT csv);\n${part.map((row) => row.map((v) => (v.includes(' ') ? `"${v}"` : v)).join(',')).join('\n')}\n\\.\n`;
    shards.push(await startCluster(BIN!), await startCluster(BIN!));
    cluster.psql(`CREATE DATABASE single; CREATE DATABASE coord;`);
    cluster.psql(`CREATE TABLE preds (${COLUMNS});\n${copy('preds', rows)}`, 'single');
    shards[0].psql(`CREATE TABLE preds (${COLUMNS});\n${copy('preds', rows.slice(0, 1400))}`);
    shards[1].psql(`CREATE TABLE preds (${COLUMNS});\n${copy('preds', rows.slice(1400))}`);
    const server = (name: string, shard: PgCluster) =>
      `CREATE SERVER ${name} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '${shard.port}', dbname 'postgres');\n` +
      `CREATE USER MAPPING FOR postgres SERVER ${name} OPTIONS (user 'postgres', password '${shard.password}');\n`;
    cluster.psql(
      `CREATE EXTENSION postgres_fdw;\n${server('shard1', shards[0])}${server('shard2', shards[1])}` +
        `CREATE TABLE preds (${COLUMNS}) PARTITION BY RANGE (rid);\n` +
        `CREATE FOREIGN TABLE preds_1 PARTITION OF preds FOR VALUES FROM (MINVALUE) TO (1401) SERVER shard1 OPTIONS (table_name 'preds');\n` +
        `CREATE FOREIGN TABLE preds_2 PARTITION OF preds FOR VALUES FROM (1401) TO (MAXVALUE) SERVER shard2 OPTIONS (table_name 'preds');\n`,
      'coord',
    );
  });
  afterAll(() => {
    cluster?.stop();
    for (const shard of shards) shard.stop();
  });

  async function audit(name: string, args: string[], runEnv: Record<string, string> = env, config = 'audit.yaml') {
    const out = join(dir, name);
    const run = await runCliInProcess(['audit', ...args, '-c', join(dir, config), '-o', out, '--fail-on', 'never'], { env: runEnv });
    outputs.push(run.stdout, run.stderr);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status, run.stderr).toBe(0);
    return join(out, 'audit.json');
  }

  it('gives identical counts, rates and aggregates for every attribute and intersection', async () => {
    const file = await audit('file', [join(dir, 'loans.csv')]);
    const duck = await audit('duckdb', ['duckdb:', '--query', `SELECT * FROM read_csv('${join(dir, 'loans.csv')}')`]);
    // The password in the URL once, from PGPASSWORD the other times.
    const single = await audit('postgres', [`postgres://postgres:${cluster.password}@127.0.0.1:${cluster.port}/single`, '--table', 'preds'], {});
    const sharded = await audit('sharded', [cluster.url('coord'), '--table', 'public.preds']);

    const sql = await runCliInProcess(['sql', '--dialect', 'postgres', '--table', 'preds', '-c', join(dir, 'audit.yaml')]);
    expect(sql.status, sql.stderr).toBe(0);
    writeFileSync(join(dir, 'counts.sql'), sql.stdout);
    const copied = cluster.psql(`COPY (${sql.stdout.trim().replace(/;$/, '')}) TO STDOUT WITH (FORMAT csv, HEADER true);`, 'single');
    writeFileSync(join(dir, 'counts.csv'), copied);
    const counts = await audit('counts', ['--counts', join(dir, 'counts.csv'), '--counts-query', join(dir, 'counts.sql')]);

    const expected = comparable(file);
    // The file path itself read what the test wrote: 3000 rows, the padded name trimmed, bins as configured.
    const race = (expected.attributes as { name: string; groups: { key: Record<string, string>; n: number }[] }[]).find((a) => a.name === 'race')!;
    expect(race.groups.map((g) => g.key.race).sort()).toEqual(['(missing)', 'Asian', 'Black', 'Hispanic', 'White']);
    expect(race.groups.reduce((sum, g) => sum + g.n, 0)).toBe(3000);
    for (const other of [duck, single, sharded, counts]) expectSame(comparable(other), expected);

    const provenance = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { input: { source: Record<string, unknown>; rows_read: number } }).input;
    expect(provenance(duck).source).toMatchObject({ engine: 'duckdb', location: 'duckdb:' });
    expect(provenance(single).source).toMatchObject({ engine: 'postgres', table: 'preds', location: `postgres://postgres@127.0.0.1:${cluster.port}/single` });
    expect(String(provenance(single).source.engine_version)).toMatch(/^PostgreSQL \d+/);
    expect(provenance(counts).source).toMatchObject({ engine: 'counts', query: sql.stdout });
    // Every engine returned the same count table.
    const hashes = [single, sharded, counts].map((p) => provenance(p).source.count_table_sha256);
    expect(provenance(single).source.count_rows).toBe(copied.trim().split('\n').length - 1);
    expect(new Set([provenance(single).source.count_rows, provenance(sharded).source.count_rows]).size).toBe(1);
    expect(hashes.length).toBe(3);
    for (const p of [duck, single, sharded, counts]) expect(provenance(p).rows_read).toBe(3000);
    // The report and summary name the server without the password the URL carried (the next test scans them for it).
    const report = readFileSync(join(dir, 'postgres', 'report.html'), 'utf8');
    expect(report).toContain(`postgres://postgres@127.0.0.1:${cluster.port}/single`);
    expect(report).toMatch(/Counted by<\/th><td>PostgreSQL \d+/);
    expect(readFileSync(join(dir, 'postgres', 'summary.md'), 'utf8')).toContain(`Database address: postgres\\://postgres\\@127.0.0.1:${cluster.port}/single; Table: preds`);
  });

  it('gives the same counts, rates, aggregates and checks through GROUPING SETS (--grouping-sets)', async () => {
    const file = await audit('sets-file', [join(dir, 'loans.csv')], env, 'sets.yaml');
    const duck = await audit('sets-duckdb', ['duckdb:', '--grouping-sets', '--query', `SELECT * FROM read_csv('${join(dir, 'loans.csv')}')`], env, 'sets.yaml');
    const single = await audit('sets-postgres', [cluster.url('single'), '--grouping-sets', '--table', 'preds'], env, 'sets.yaml');
    const sharded = await audit('sets-sharded', [cluster.url('coord'), '--grouping-sets', '--table', 'preds'], env, 'sets.yaml');
    const sql = await runCliInProcess(['sql', '--dialect', 'postgres', '--grouping-sets', '--table', 'preds', '-c', join(dir, 'sets.yaml')]);
    expect(sql.stdout).toContain('GROUP BY GROUPING SETS (');
    writeFileSync(join(dir, 'sets-counts.csv'), cluster.psql(`COPY (${sql.stdout.trim().replace(/;$/, '')}) TO STDOUT WITH (FORMAT csv, HEADER true);`, 'single'));
    const counts = await audit('sets-counts', ['--counts', join(dir, 'sets-counts.csv')], env, 'sets.yaml');
    // One table per attribute and intersection: the bootstrap resamples each on its own (as a file
    // audit does when its joint table is too large), so only the inequality indices' intervals,
    // and the notes about them, differ from the joint draws; every other number is the same.
    const BY_DRAWS = ['generalized_entropy_index', 'theil_index', 'between_group_generalized_entropy_index', 'between_group_theil_index'];
    const withoutDraws = (path: string) => {
      const results = comparable(path) as { attributes: { aggregate_intervals: Record<string, unknown>; aggregate_notes?: Record<string, unknown> }[] };
      for (const a of results.attributes) {
        for (const name of BY_DRAWS) {
          delete a.aggregate_intervals[name];
          delete a.aggregate_notes?.[name];
        }
      }
      return results;
    };
    const expected = withoutDraws(file);
    expect(expected.attributes.length).toBe(10);
    for (const other of [duck, single, sharded, counts]) expectSame(withoutDraws(other), expected);
    // The four engines' count tables agree with each other exactly, draws included.
    for (const other of [single, sharded, counts]) expectSame(comparable(other), comparable(duck));
  });

  it('gives a multiclass and a regression audit the file audit\'s numbers: one server, the sharded one, and --counts', async () => {
    const tables = [
      { name: 'tiers', columns: MULTICLASS_COLUMNS, header: MULTICLASS_HEADER, rows: multiclassRows(2000), config: MULTICLASS_CONFIG, task: 'multiclass' },
      { name: 'salaries', columns: REGRESSION_COLUMNS, header: REGRESSION_HEADER, rows: regressionRows(2000, true), config: REGRESSION_CONFIG, task: 'regression' },
    ];
    for (const t of tables) {
      writeFileSync(join(dir, `${t.name}.csv`), csvOf(t.header, t.rows));
      writeFileSync(join(dir, `${t.name}.yaml`), t.config);
      const load = (part: string[][]) => `CREATE TABLE ${t.name} (${t.columns});\nCOPY ${t.name} FROM STDIN WITH (FORMAT csv);\n${part.map((row) => row.map((v) => (v.includes(' ') ? `"${v}"` : v)).join(',')).join('\n')}\n\\.\n`;
      cluster.psql(load(t.rows), 'single');
      // Sharded: rows 1–900 on one server, the rest on the other, behind the coordinator's partitioned table.
      shards[0].psql(load(t.rows.slice(0, 900)));
      shards[1].psql(load(t.rows.slice(900)));
      cluster.psql(
        `CREATE TABLE ${t.name} (${t.columns}) PARTITION BY RANGE (rid);\n` +
          `CREATE FOREIGN TABLE ${t.name}_1 PARTITION OF ${t.name} FOR VALUES FROM (MINVALUE) TO (901) SERVER shard1 OPTIONS (table_name '${t.name}');\n` +
          `CREATE FOREIGN TABLE ${t.name}_2 PARTITION OF ${t.name} FOR VALUES FROM (901) TO (MAXVALUE) SERVER shard2 OPTIONS (table_name '${t.name}');\n`,
        'coord',
      );
      const file = await audit(`${t.name}-file`, [join(dir, `${t.name}.csv`)], env, `${t.name}.yaml`);
      const single = await audit(`${t.name}-postgres`, [cluster.url('single'), '--table', t.name], env, `${t.name}.yaml`);
      const sharded = await audit(`${t.name}-sharded`, [cluster.url('coord'), '--table', t.name], env, `${t.name}.yaml`);
      const sql = await runCliInProcess(['sql', '--dialect', 'postgres', '--table', t.name, '--task', t.task, '-c', join(dir, `${t.name}.yaml`)]);
      expect(sql.status, sql.stderr).toBe(0);
      writeFileSync(join(dir, `${t.name}-counts.csv`), cluster.psql(`COPY (${sql.stdout.trim().replace(/;$/, '')}) TO STDOUT WITH (FORMAT csv, HEADER true);`, 'single'));
      const counts = await audit(`${t.name}-counts`, ['--counts', join(dir, `${t.name}-counts.csv`)], env, `${t.name}.yaml`);
      const expected = comparable(file);
      expect((expected.task as { name: string }).name).toBe(t.task);
      for (const other of [single, sharded, counts]) expect(sameFields(comparable(other), expected), t.name).toEqual([]);
      expect((JSON.parse(readFileSync(single, 'utf8')) as { input: { rows_read: number } }).input.rows_read).toBe(2000);
    }
  });

  it('init on PostgreSQL writes the address without the password the URL carried, and audit -c reads it back', async () => {
    const config = join(dir, 'init-pg.yaml');
    const init = await runCliInProcess(['init', `postgres://postgres:${cluster.password}@127.0.0.1:${cluster.port}/single`, '--table', 'preds', '-o', config], { env: {} });
    outputs.push(init.stdout, init.stderr);
    expect(init.status, init.stderr).toBe(0);
    const text = readFileSync(config, 'utf8');
    expect(text).not.toContain(cluster.password);
    expect(text).toMatch(new RegExp(`source:\\n  url: postgres://postgres@127.0.0.1:${cluster.port}/single\\n  table: preds\\n`));
    const out = join(dir, 'from-init');
    const run = await runCliInProcess(['audit', '-c', config, '--label', 'label', '--prediction', 'pred', '--sensitive', 'race,sex', '-o', out, '--fail-on', 'never'], { env });
    outputs.push(run.stdout, run.stderr);
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { input: { rows_read: number } }).input.rows_read).toBe(3000);
  });

  it('never writes or prints the password, and a wrong one is one line naming the server', async () => {
    const wrong = await runCliInProcess(['audit', cluster.url('single'), '--table', 'preds', '-c', join(dir, 'audit.yaml'), '-o', join(dir, 'wrong')], {
      env: { PGPASSWORD: 'not-the-password-X9' },
    });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toContain(`postgres://postgres@127.0.0.1:${cluster.port}/single`);
    expect(wrong.stderr).toMatch(/password authentication failed/);
    expect(wrong.stderr).not.toContain('not-the-password-X9');
    const inUrl = await runCliInProcess(['audit', `postgres://postgres:not-the-password-X9@127.0.0.1:${cluster.port}/single`, '--table', 'preds', '-c', join(dir, 'audit.yaml')], { env: { PGPASSWORD: '' } });
    expect(inUrl.status).toBe(2);
    expect(inUrl.stderr).not.toContain('not-the-password-X9');
    outputs.push(wrong.stdout, wrong.stderr, inUrl.stdout, inUrl.stderr);

    const written: string[] = [];
    const walk = (d: string) => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (/\.(json|html|md)$/.test(entry.name)) written.push(readFileSync(p, 'utf8'));
      }
    };
    walk(dir);
    expect(written.length).toBeGreaterThanOrEqual(15);
    for (const text of [...written, ...outputs]) for (const secret of [...secrets, 'not-the-password-X9']) expect(text).not.toContain(secret);
  });

  it('names an unknown table, an unknown column and a refused connection in one line, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [[cluster.url('single'), '--table', 'no_such_table'], /relation "no_such_table" does not exist \(check the table name/],
      [[cluster.url('single'), '--query', 'SELECT race AS r, label, pred, score, sex, age, income FROM preds'], /postgres:\/\/postgres@127\.0\.0\.1:\d+\/single \(query\): unknown column "race"; the columns are: r, label/],
      [[`postgres://postgres@127.0.0.1:1/single`, '--table', 'preds'], /connection refused \(is the server running\?/],
      [['duckdb:', '--table', 'nowhere'], /duckdb:: Catalog Error: Table with name nowhere does not exist/],
    ];
    for (const [args, message] of cases) {
      const run = await runCliInProcess(['audit', ...args, '-c', join(dir, 'audit.yaml'), '-o', join(dir, 'bad')], { env });
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
  });

  it('cancels a query that runs longer than --timeout', async () => {
    const run = await runCliInProcess(
      ['audit', cluster.url('single'), '--query', 'SELECT p.* FROM preds p, pg_sleep(5)', '--timeout', '1', '-c', join(dir, 'audit.yaml'), '-o', join(dir, 'slow')],
      { env },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/longer than --timeout 1 s/);
  });
});
