/**
 * The benchmark (`npm run bench`): generates the seeded bench dataset (three sensitive attributes
 * with 2, 5 and 4 levels, label, prediction, score and six other columns) at each row count and
 * format, caches it in bench-data/, then times the full audit end to end as a child process
 * (process start to report written: intersections, 1000 bootstrap draws, HTML report) with its CPU
 * time and peak RSS, next to a plain DuckDB GROUP BY of the confusion counts on the same file.
 * The table goes into BENCHMARKS.md between its `bench:start` and `bench:end` markers.
 *
 *   npm run bench                                     # 1M and 10M rows, Arrow IPC, Parquet, CSV
 *   npm run bench -- --rows 1e8 --formats arrow,parquet
 *   npm run bench -- --smoke --no-duckdb --out /tmp/BENCH.md
 *
 * Flags: --rows 1e6,1e7 (100M rows is heavy: about 5 GB of Arrow IPC), --formats arrow,parquet,csv,
 * --runs N (best of N, default 3; 1 with --smoke), --smoke (100k rows, one run), --no-duckdb,
 * --no-threads-compare (skip the one-thread runs that show the speed-up), --no-extras (skip
 * discover and mask), --data DIR (default bench-data), --out FILE (default BENCHMARKS.md; "-" prints
 * the table only), --wait-load X (wait up to 10 minutes for the 1-minute load average to fall below X),
 * --tasks binary,regression,multiclass (default binary: the table above only; naming another task adds
 * a second table that audits one Parquet file of the bench rows with outcomes of every task appended,
 * scripts/datasets/bench-outcomes.ts, as binary, regression on integer and on continuous values, and
 * multiclass, each with its CPU time against the binary audit's).
 *
 *   npx tsx scripts/bench.ts --rows 1e7 --formats parquet --tasks binary,regression,multiclass --runs 1 --no-duckdb --no-extras --no-threads-compare --out -
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DataType, RecordBatch, Utf8, vectorFromArray, type Data } from 'apache-arrow';
import { benchOutcomeBatches, BENCH_OUTCOMES } from './datasets/bench-outcomes.js';
import { generateBatches } from './datasets/generate.js';
import { openParquetSink, writeBatches, writeDataset, type DatasetFormat } from './datasets/write.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'fairaudit.js');
const TIME = '/usr/bin/time';
const DUCKDB_PREFIX = join(ROOT, '.cache', 'duckdb');
const SEED = 42;
const SENSITIVE = ['sex', 'race', 'age_group'];

/**
 * The formats benched: fairaudit's own datasets, and `parquet-strings`, the same table as pyarrow
 * writes it by default (string columns as plain strings, dictionary-encoded only inside the pages;
 * Snappy).
 */
export type BenchFormat = DatasetFormat | 'parquet-strings';

/** What to run. */
export interface BenchOptions {
  rows: number[];
  formats: BenchFormat[];
  runs: number;
  duckdb: boolean;
  threadsCompare: boolean;
  extras: boolean;
  data: string;
  /** Markdown file to update; undefined prints only. */
  out?: string;
  waitLoad?: number;
  /** Outcome types to time on the outcomes file (default binary only: no second table). */
  tasks?: BenchTask[];
  log?: (line: string) => void;
}

/** The outcome types the bench can time. */
export type BenchTask = 'binary' | 'regression' | 'multiclass';
const BENCH_TASKS: readonly BenchTask[] = ['binary', 'regression', 'multiclass'];

/** One audit of the outcomes file. */
export interface TaskRow {
  /** What was audited: binary, regression (integer), regression (continuous), multiclass. */
  name: string;
  rows: number;
  audit: Timing;
}

/** One timed child process. */
export interface Timing {
  wall_s: number;
  cpu_s: number;
  peak_rss_mb: number;
  exit: number;
  stdout: string;
  stderr: string;
}

/** One audit measurement. */
export interface AuditRow {
  format: BenchFormat;
  rows: number;
  file_mb: number;
  audit: Timing;
  rows_per_s: number;
  one_thread?: Timing;
  duckdb?: { query_s: number; process: Timing } | { error: string };
}

export interface BenchResult {
  machine: string;
  load_before: number[];
  load_after: number[];
  audits: AuditRow[];
  extras: { name: string; rows: number; timing?: Timing; rows_per_s?: number; error?: string }[];
  tasks: TaskRow[];
}

/** Runs the benchmark and returns its figures (and writes the table when `out` is set). */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const duckdb = options.duckdb ? ensureDuckdb(log) : { error: 'skipped (--no-duckdb)' };
  const work = join(tmpdir(), `fairaudit-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });

  for (const rows of options.rows) await ensureData(options.data, rows, options.formats.filter((f) => f !== 'csv' || rows <= 10_000_000), log);
  if (options.waitLoad !== undefined) await waitForLoad(options.waitLoad, log);
  const loadBefore = loadavg();

  const audits: AuditRow[] = [];
  for (const rows of options.rows) {
    for (const format of options.formats) {
      if (format === 'csv' && rows > 10_000_000) continue;
      const file = dataFile(options.data, rows, format);
      const args = ['audit', file, '--label', 'label', '--prediction', 'prediction', '--sensitive', SENSITIVE.join(','), '-o', join(work, `${format}-${rows}`), '-q', '--fail-on', 'never'];
      const audit = await best(options.runs, () => timeNode([BIN, ...args]));
      if (audit.exit !== 0) throw new Error(`fairaudit audit ${file} exited with ${audit.exit}: ${audit.stderr.trim()}`);
      const row: AuditRow = { format, rows, file_mb: statSync(file).size / 1e6, audit, rows_per_s: rows / audit.wall_s };
      if (options.threadsCompare) row.one_thread = await best(options.runs, () => timeNode([BIN, ...args], { FAIRAUDIT_THREADS: '1' }));
      if ('module' in duckdb) row.duckdb = await duckdbGroupBy(duckdb.module, file, format, options.runs, work);
      else row.duckdb = { error: duckdb.error };
      audits.push(row);
      log(describe(row));
    }
  }

  const extras: BenchResult['extras'] = [];
  const extraRows = options.rows.includes(10_000_000) ? 10_000_000 : Math.max(...options.rows);
  if (options.extras && options.formats.includes('parquet')) {
    const file = dataFile(options.data, extraRows, 'parquet');
    extras.push(await extra('discover', extraRows, [BIN, 'discover', file, '--json'], {}));
    const config = join(work, 'mask.yaml');
    writeFileSync(config, MASK_CONFIG);
    const output = join(work, 'masked.parquet');
    extras.push(await extra('mask (five operators)', extraRows, [BIN, 'mask', file, '-c', config, '-o', output, '-q'], { FAIRAUDIT_MASK_KEY: 'bench-key-0123456789abcdef0123456789abcdef' }));
    for (const e of extras) log(`${e.name} ${e.rows} rows: ${e.timing ? `${e.timing.wall_s.toFixed(2)} s wall, ${e.timing.cpu_s.toFixed(2)} s CPU` : e.error}`);
  }

  const tasks: TaskRow[] = [];
  const taskList = options.tasks ?? ['binary'];
  if (taskList.some((t) => t !== 'binary')) {
    for (const rows of options.rows) tasks.push(...(await timeTasks(options.data, rows, taskList, options.runs, work, log)));
  }

  const result: BenchResult = { machine: machineText(), load_before: loadBefore, load_after: loadavg(), audits, extras, tasks };
  const table = benchMarkdown(result);
  if (options.out) writeSection(options.out, table);
  else process.stdout.write(table + '\n');
  return result;
}

const MASK_CONFIG = `mask:
  columns:
    region: { op: hmac }
    product: { op: redact }
    channel: { op: mask, keep: 2 }
    income: { op: generalize, bins: [25000, 50000, 100000] }
    balance: { op: drop }
`;

async function extra(name: string, rows: number, args: string[], env: Record<string, string>): Promise<BenchResult['extras'][number]> {
  const timing = await timeNode(args, env);
  if (timing.exit !== 0) return { name, rows, error: `exit ${timing.exit}: ${timing.stderr.trim().split('\n').pop()}` };
  return { name, rows, timing, rows_per_s: rows / timing.wall_s };
}

/** The audits of each outcome type (binary always first, as the yardstick) on the outcomes file. */
async function timeTasks(data: string, rows: number, tasks: readonly BenchTask[], runs: number, work: string, log: (line: string) => void): Promise<TaskRow[]> {
  const file = join(data, rowsLabel(rows), 'bench.outcomes.parquet');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const started = performance.now();
    const sink = await openParquetSink(file, {});
    await writeBatches(benchOutcomeBatches(rows, SEED), [sink]);
    log(`generated ${rows} rows with outcomes of every task in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const cases: { name: string; task: BenchTask; label: string; prediction: string }[] = [{ name: 'binary', task: 'binary', label: 'label', prediction: 'prediction' }];
  if (tasks.includes('regression')) {
    cases.push({ name: 'regression (integer)', task: 'regression', ...BENCH_OUTCOMES.integer });
    cases.push({ name: 'regression (continuous)', task: 'regression', ...BENCH_OUTCOMES.continuous });
  }
  if (tasks.includes('multiclass')) cases.push({ name: 'multiclass', task: 'multiclass', ...BENCH_OUTCOMES.multiclass });
  const out: TaskRow[] = [];
  for (const c of cases) {
    const args = ['audit', file, '--task', c.task, '--label', c.label, '--prediction', c.prediction, '--sensitive', SENSITIVE.join(','), '-o', join(work, `task-${rows}`), '-q', '--fail-on', 'never'];
    const audit = await best(runs, () => timeNode([BIN, ...args]));
    if (audit.exit !== 0) throw new Error(`fairaudit audit ${file} (${c.name}) exited with ${audit.exit}: ${audit.stderr.trim()}`);
    out.push({ name: c.name, rows, audit });
    log(`${c.name} ${rows} rows: ${audit.wall_s.toFixed(2)} s wall, ${audit.cpu_s.toFixed(2)} s CPU, ${audit.peak_rss_mb.toFixed(0)} MB peak`);
  }
  return out;
}

function dataFile(data: string, rows: number, format: BenchFormat): string {
  return join(data, rowsLabel(rows), format === 'parquet-strings' ? 'bench.strings.parquet' : `bench.${format}`);
}

function rowsLabel(rows: number): string {
  const exponent = Math.log10(rows);
  return Number.isInteger(exponent) ? `1e${exponent}` : String(rows);
}

/** Generates the missing files of one row count (all formats from one seeded stream). */
async function ensureData(data: string, rows: number, formats: BenchFormat[], log: (line: string) => void): Promise<void> {
  const missing = formats.filter((format) => !existsSync(dataFile(data, rows, format)));
  if (missing.length === 0) return;
  const out = join(data, rowsLabel(rows));
  mkdirSync(out, { recursive: true });
  const started = performance.now();
  const own = missing.filter((format): format is DatasetFormat => format !== 'parquet-strings');
  if (own.length > 0) await writeDataset('bench', rows, { out, formats: own, seed: SEED });
  if (missing.includes('parquet-strings')) {
    const sink = await openParquetSink(dataFile(data, rows, 'parquet-strings'), { compression: 'snappy' });
    await writeBatches((function* () {
      for (const batch of generateBatches('bench', rows, { seed: SEED })) yield withPlainStrings(batch);
    })(), [sink]);
  }
  log(`generated ${rows} rows (${missing.join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The batch with its dictionary-encoded columns as plain strings. */
function withPlainStrings(batch: RecordBatch): RecordBatch {
  const columns: Record<string, Data> = {};
  for (const field of batch.schema.fields) {
    const vector = batch.getChild(field.name)!;
    columns[field.name] = DataType.isDictionary(field.type) ? vectorFromArray(vector.toArray() as (string | null)[], new Utf8()).data[0] : vector.data[0];
  }
  return new RecordBatch(columns);
}

async function waitForLoad(below: number, log: (line: string) => void): Promise<void> {
  const until = Date.now() + 10 * 60_000;
  while (loadavg()[0] >= below && Date.now() < until) {
    log(`load average ${loadavg()[0].toFixed(2)}; waiting for it to fall below ${below}`);
    await new Promise((r) => setTimeout(r, 15_000));
  }
}

async function best(runs: number, measure: () => Promise<Timing>): Promise<Timing> {
  let kept: Timing | undefined;
  for (let run = 0; run < runs; run++) {
    const timing = await measure();
    if (!kept || timing.wall_s < kept.wall_s) kept = timing;
    if (timing.exit !== 0) return timing;
  }
  return kept!;
}

/**
 * Runs node with `args` and measures wall time (spawn to exit), CPU time (user + system) and peak
 * RSS: through GNU time when installed, else by polling /proc/PID (VmHWM, utime + stime).
 */
export function timeNode(args: string[], env: Record<string, string> = {}): Promise<Timing> {
  const viaTime = existsSync(TIME);
  const [command, argv] = viaTime ? [TIME, ['-v', process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout.length < 1 << 16 ? (stdout += chunk.toString()) : undefined));
    let polled = { rss: 0, cpu: 0 };
    const poll = viaTime ? undefined : setInterval(() => (polled = procFigures(child.pid!, polled)), 10);
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = (performance.now() - started) / 1000;
      if (poll) clearInterval(poll);
      const timing: Timing = { wall_s: wall, cpu_s: polled.cpu, peak_rss_mb: polled.rss / 1024, exit: code ?? 1, stdout, stderr };
      if (viaTime) {
        const number = (label: string) => Number(new RegExp(`${label}: ([\\d.]+)`).exec(stderr)?.[1] ?? NaN);
        timing.cpu_s = number('User time \\(seconds\\)') + number('System time \\(seconds\\)');
        timing.peak_rss_mb = number('Maximum resident set size \\(kbytes\\)') / 1024;
        const status = /Exit status: (\d+)/.exec(stderr);
        if (status) timing.exit = Number(status[1]);
        timing.stderr = stderr.slice(0, stderr.indexOf('\tCommand being timed') >= 0 ? stderr.indexOf('\tCommand being timed') : stderr.length);
      }
      resolvePromise(timing);
    });
  });
}

function procFigures(pid: number, last: { rss: number; cpu: number }): { rss: number; cpu: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const cpu = (Number(fields[11]) + Number(fields[12])) / 100;
    return { rss: Math.max(rss, last.rss), cpu: Math.max(cpu, last.cpu) };
  } catch {
    return last;
  }
}

/** Installs @duckdb/node-api into the cache folder on first use; never into the project. */
function ensureDuckdb(log: (line: string) => void): { module: string } | { error: string } {
  const module = join(DUCKDB_PREFIX, 'node_modules', '@duckdb', 'node-api');
  if (existsSync(module)) return { module };
  log('installing @duckdb/node-api into .cache/duckdb (once)');
  mkdirSync(DUCKDB_PREFIX, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['install', '--prefix', DUCKDB_PREFIX, '--no-audit', '--no-fund', '--no-save', '@duckdb/node-api'], { encoding: 'utf8', timeout: 600_000 });
  if (install.status !== 0 || !existsSync(module)) {
    const why = (install.stderr || install.error?.message || 'unknown').trim().split('\n').filter((l) => !l.includes('Unknown user config')).pop();
    return { error: `DuckDB not installed: npm install failed (${why})` };
  }
  return { module };
}

const DUCKDB_SCRIPT = `
const [moduleDir, file, format] = process.argv.slice(2);
const { DuckDBInstance } = await import(moduleDir + '/lib/index.js').catch(() => import(moduleDir));
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
let from;
if (format.startsWith('parquet')) from = "read_parquet('" + file + "')";
else if (format === 'csv') from = "read_csv('" + file + "')";
else {
  await connection.run('INSTALL arrow FROM community; LOAD arrow;');
  from = "read_arrow('" + file + "')";
}
const started = performance.now();
const reader = await connection.runAndReadAll('SELECT sex, race, age_group, label, prediction, count(*) AS n FROM ' + from + ' GROUP BY ALL');
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, groups: reader.getRows().length }));
`;

async function duckdbGroupBy(module: string, file: string, format: BenchFormat, runs: number, work: string): Promise<AuditRow['duckdb']> {
  const script = join(work, 'duckdb-groupby.mjs');
  writeFileSync(script, DUCKDB_SCRIPT);
  let kept: { query_s: number; process: Timing } | undefined;
  for (let run = 0; run < runs; run++) {
    const timing = await timeNode([script, module, file, format]);
    if (timing.exit !== 0) {
      const lines = timing.stderr.trim().split('\n');
      const why = (lines.find((l) => /Error/.test(l)) ?? lines.pop() ?? '').replace(/^\[?Error: /, '');
      // DuckDB reads Arrow IPC through a community extension it downloads at run time.
      if (/download extension/i.test(why)) return { error: "not run: DuckDB's arrow extension is a download from outside the package registries" };
      return { error: `DuckDB could not read it: ${why.length > 110 ? `${why.slice(0, 110)}…` : why}` };
    }
    const query = (JSON.parse(timing.stdout) as { ms: number }).ms / 1000;
    if (!kept || query < kept.query_s) kept = { query_s: query, process: timing };
  }
  return kept;
}

function machineText(): string {
  const cores = cpus();
  return `${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory, Node ${process.version}, ${process.platform}`;
}

function describe(row: AuditRow): string {
  const one = row.one_thread ? `; one thread ${row.one_thread.wall_s.toFixed(2)} s` : '';
  const duck = row.duckdb && 'query_s' in row.duckdb ? `; DuckDB ${row.duckdb.query_s.toFixed(2)} s` : '';
  return `${row.format} ${row.rows} rows: ${row.audit.wall_s.toFixed(2)} s wall, ${row.audit.cpu_s.toFixed(2)} s CPU, ${(row.rows_per_s / 1e6).toFixed(2)} M rows/s, ${row.audit.peak_rss_mb.toFixed(0)} MB peak${one}${duck}`;
}

const FORMAT_NAMES: Record<BenchFormat, string> = { arrow: 'Arrow IPC', parquet: 'Parquet', 'parquet-strings': 'Parquet, as pyarrow writes it', csv: 'CSV' };

/** The results as Markdown: the machine, then one table of audits and one of the other commands. */
export function benchMarkdown(result: BenchResult): string {
  const f = (x: number, digits = 2) => x.toFixed(digits);
  const lines: string[] = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${result.machine}; load average ${result.load_before.map((x) => f(x)).join(' / ')} before, ${result.load_after.map((x) => f(x)).join(' / ')} after (1 / 5 / 15 min). Best of the runs; wall time is process start to report written.`,
  ];
  // Without formats (--formats= with --tasks) only the task table is printed.
  if (result.audits.length > 0) {
    lines.push(
      '',
      '| Format | Rows | File MB | Wall s | CPU s | M rows/s | Peak RSS MB | 1 thread: wall s | CPU s | Speed-up | DuckDB GROUP BY s (query / process) | Wall ÷ DuckDB (query / process) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
    );
  }
  for (const row of result.audits) {
    const one = row.one_thread;
    const duck = row.duckdb && 'query_s' in row.duckdb ? row.duckdb : undefined;
    const duckText = duck ? `${f(duck.query_s)} / ${f(duck.process.wall_s)}` : (row.duckdb && 'error' in row.duckdb ? row.duckdb.error : 'n/a');
    lines.push(
      `| ${FORMAT_NAMES[row.format]} | ${row.rows.toLocaleString('en-US')} | ${f(row.file_mb, 0)} | ${f(row.audit.wall_s)} | ${f(row.audit.cpu_s)} | ${f(row.rows_per_s / 1e6)} | ${f(row.audit.peak_rss_mb, 0)} | ${one ? f(one.wall_s) : '–'} | ${one ? f(one.cpu_s) : '–'} | ${one ? `${f(one.wall_s / row.audit.wall_s)}×` : '–'} | ${duckText} | ${duck ? `${f(row.audit.wall_s / duck.query_s)}× / ${f(row.audit.wall_s / duck.process.wall_s)}×` : '–'} |`,
    );
  }
  if (result.extras.length > 0) {
    lines.push('', '| Command (Parquet) | Rows | Wall s | CPU s | M rows/s | Peak RSS MB |', '|---|---:|---:|---:|---:|---:|');
    for (const e of result.extras) {
      if (e.timing) lines.push(`| ${e.name} | ${e.rows.toLocaleString('en-US')} | ${f(e.timing.wall_s)} | ${f(e.timing.cpu_s)} | ${f(e.rows_per_s! / 1e6)} | ${f(e.timing.peak_rss_mb, 0)} |`);
      else lines.push(`| ${e.name} | ${e.rows.toLocaleString('en-US')} | ${e.error} | | | |`);
    }
  }
  if (result.tasks.length > 0) {
    lines.push('', '| Task (Parquet, outcomes file) | Rows | Wall s | CPU s | Peak RSS MB | CPU ÷ binary |', '|---|---:|---:|---:|---:|---:|');
    for (const t of result.tasks) {
      const binary = result.tasks.find((b) => b.rows === t.rows && b.name === 'binary');
      const ratio = binary ? `${f(t.audit.cpu_s / binary.audit.cpu_s)}×` : '–';
      lines.push(`| ${t.name} | ${t.rows.toLocaleString('en-US')} | ${f(t.audit.wall_s)} | ${f(t.audit.cpu_s)} | ${f(t.audit.peak_rss_mb, 0)} | ${ratio} |`);
    }
  }
  return lines.join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the section between the markers of `path` (appends it when the markers are missing). */
function writeSection(path: string, table: string): void {
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\n';
  const section = `${START}\n${table}\n${END}`;
  const at = before.indexOf(START);
  const end = before.indexOf(END);
  const text = at >= 0 && end > at ? before.slice(0, at) + section + before.slice(end + END.length) : `${before.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, text);
}

function parseRows(text: string): number[] {
  return text.split(',').map((item) => {
    const n = Number(item.trim());
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--rows: not a row count: ${item}`);
    return n;
  });
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: '1e6,1e7' },
      formats: { type: 'string', default: 'arrow,parquet,parquet-strings,csv' },
      runs: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      'no-duckdb': { type: 'boolean', default: false },
      'no-threads-compare': { type: 'boolean', default: false },
      'no-extras': { type: 'boolean', default: false },
      data: { type: 'string', default: join(ROOT, 'bench-data') },
      out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') },
      'wait-load': { type: 'string' },
      tasks: { type: 'string', default: 'binary' },
    },
    strict: true,
  });
  // An empty --formats= times the tasks only.
  const formats = values.formats.split(',').map((s) => s.trim()).filter((s) => s !== '') as BenchFormat[];
  for (const format of formats) if (!(format in FORMAT_NAMES)) throw new Error(`--formats: unknown format ${format}; use arrow, parquet, parquet-strings, csv`);
  const tasks = values.tasks.split(',').map((s) => s.trim()) as BenchTask[];
  for (const task of tasks) if (!BENCH_TASKS.includes(task)) throw new Error(`--tasks: unknown task ${task}; use ${BENCH_TASKS.join(', ')}`);
  await runBench({
    tasks,
    rows: values.smoke ? [100_000] : parseRows(values.rows),
    formats,
    runs: values.runs ? Number(values.runs) : values.smoke ? 1 : 3,
    duckdb: !values['no-duckdb'],
    threadsCompare: !values['no-threads-compare'],
    extras: !values['no-extras'],
    data: values.data,
    out: values.out === '-' ? undefined : values.out,
    waitLoad: values['wait-load'] ? Number(values['wait-load']) : undefined,
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
