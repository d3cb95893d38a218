/** Runs the built CLI (`npm test` builds first) as a user would, and captures what it prints. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const BIN = join(ROOT, 'bin/fairaudit.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `fairaudit ...args` with `cwd` (default the repository root) and no terminal. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, FAIRAUDIT_DEBUG: '', ...options.env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'fairaudit-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
