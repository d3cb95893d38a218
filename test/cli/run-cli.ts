/**
 * Runs the built CLI (`npm test` builds first) as a user would, and captures what it prints.
 *
 * `runCli` spawns `bin/fairaudit.js`: a real process, for what only a process has (signals, a
 * terminal, pipes, exit handlers). `runCliInProcess` calls the same bundle's `main` inside the
 * test's own process, with stdout, stderr, the exit code, the folder and the environment of the
 * run captured and put back afterwards: the same code on the same arguments, without starting
 * Node and loading the bundle again for every run (about 0.3 s each on a loaded machine).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const BIN = join(ROOT, 'bin/fairaudit.js');
const BUNDLE = join(ROOT, 'dist/fairaudit.mjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
}

/** Spawns `fairaudit ...args` with `cwd` (default the repository root) and no terminal. */
export function runCli(args: string[], options: CliOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, FAIRAUDIT_DEBUG: '', ...options.env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

type Main = (argv: string[]) => Promise<number>;
let loadedMain: Promise<Main> | undefined;

/** The built bundle's `main`, loaded once per test file. */
function bundleMain(): Promise<Main> {
  loadedMain ??= import(/* @vite-ignore */ pathToFileURL(BUNDLE).href).then((m: { main: Main }) => m.main);
  return loadedMain;
}

/** Runs stay one at a time: each one owns the process's folder, environment and output streams. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `fairaudit ...args` in this process, as `runCli` runs it in a new one: `cwd` (default the
 * repository root) as the current folder, `env` over this process's environment, no terminal on
 * stdout or stderr, and everything written to either captured instead of printed.
 */
export function runCliInProcess(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const run = queue.then(() => runOnce(args, options));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(args: string[], options: CliOptions): Promise<CliRun> {
  const main = await bundleMain();
  const env: Record<string, string> = { FAIRAUDIT_DEBUG: '', ...options.env };
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const savedCwd = process.cwd();
  const captured = { stdout: '', stderr: '' };
  const restoreStreams = (['stdout', 'stderr'] as const).map((name) => capture(name, captured));
  try {
    Object.assign(process.env, env);
    process.chdir(options.cwd ?? ROOT);
    const status = await main(args);
    return { status, ...captured };
  } finally {
    for (const restore of restoreStreams) restore();
    process.chdir(savedCwd);
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Routes `process[name]` writes into `into[name]` and hides any terminal; returns the undo. */
function capture(name: 'stdout' | 'stderr', into: { stdout: string; stderr: string }): () => void {
  const stream = process[name];
  const write = Object.getOwnPropertyDescriptor(stream, 'write');
  const isTTY = Object.getOwnPropertyDescriptor(stream, 'isTTY');
  Object.defineProperty(stream, 'isTTY', { value: false, configurable: true, writable: true });
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    into[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (done) queueMicrotask(done);
    return true;
  }) as typeof stream.write;
  return () => {
    if (write) Object.defineProperty(stream, 'write', write);
    else delete (stream as { write?: unknown }).write;
    if (isTTY) Object.defineProperty(stream, 'isTTY', isTTY);
    else delete (stream as { isTTY?: unknown }).isTTY;
  };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'fairaudit-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** What {@link auditInProcess} gives: the run, its output folder, and the report files it wrote ('' when missing). */
export interface AuditRun extends CliRun {
  out: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read audit.json freely
  results: any;
  html: string;
  md: string;
}

/** Runs `audit ARGS` in process into a fresh folder under `dir`, writing every report format, and reads what it wrote. */
export async function auditInProcess(dir: string, args: string[]): Promise<AuditRun> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const run = await runCliInProcess(['audit', ...args, '-o', out, '--format', 'json,html,md']);
  const read = (name: string) => (existsSync(join(out, name)) ? readFileSync(join(out, name), 'utf8') : '');
  return { ...run, out, results: read('audit.json') ? JSON.parse(read('audit.json')) : undefined, html: read('report.html'), md: read('summary.md') };
}
