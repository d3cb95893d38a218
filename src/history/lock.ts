/**
 * An exclusive lock file next to a file that several processes write (I/O). `open(…, 'wx')`
 * either creates the lock or fails because another process holds it, atomically on every local
 * file system. A lock older than `staleMs` was left by a process that died holding it, and is
 * broken by renaming it away (only one waiting process can win that rename).
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { UserError } from '../errors.js';

/** How long to wait for a lock and when to consider one abandoned. */
export interface LockOptions {
  /** A lock whose file is older than this is abandoned and broken (default 30 000 ms). */
  staleMs?: number;
  /** Give up waiting after this long (default 60 000 ms). */
  timeoutMs?: number;
}

const DEFAULT_STALE_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Runs `fn` while holding `<path>.lock`, then releases it, even when `fn` throws. Waits with
 * growing, jittered pauses (5 ms up to 100 ms) while another process holds it. Throws a UserError
 * when the lock cannot be had within `timeoutMs` or the folder is not writable.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lockPath = `${path}.lock`;
  const token = await acquire(lockPath, options.staleMs ?? DEFAULT_STALE_MS, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    return await fn();
  } finally {
    await release(lockPath, token);
  }
}

async function acquire(lockPath: string, staleMs: number, timeoutMs: number): Promise<string> {
  const token = `${process.pid}@${hostname()} ${new Date().toISOString()} ${randomBytes(8).toString('hex')}\n`;
  const started = Date.now();
  let pause = 5;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(token);
      } finally {
        await handle.close();
      }
      return token;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new UserError(`cannot create lock file ${lockPath} (${code})`, { hint: 'the folder of the history file must exist and be writable' });
      }
    }
    if (await breakIfStale(lockPath, staleMs)) continue;
    if (Date.now() - started > timeoutMs) {
      throw new UserError(`timed out after ${timeoutMs} ms waiting for the lock ${lockPath}`, {
        hint: 'another fairaudit run is writing this history; if none is running, delete the lock file',
      });
    }
    await sleep(pause * (0.5 + Math.random()));
    pause = Math.min(100, pause * 1.5);
  }
}

/** Breaks an abandoned lock; true when the caller should retry at once. */
async function breakIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const info = await stat(lockPath).catch(() => null);
  if (!info) return true; // released in the meantime
  if (Date.now() - info.mtimeMs <= staleMs) return false;
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return true; // another waiter broke it first
  }
  // Between our stat and rename another waiter may have broken the stale lock and taken a fresh
  // one, which we just moved: put a fresh lock back where it was (unless yet another now exists).
  const moved = await stat(aside).catch(() => null);
  if (moved && Date.now() - moved.mtimeMs <= staleMs) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return true;
}

async function release(lockPath: string, token: string): Promise<void> {
  // Only remove our own lock: if we held it past staleMs, another process may have broken it and holds its own now.
  const current = await readFile(lockPath, 'utf8').catch(() => null);
  if (current === token) await unlink(lockPath).catch(() => undefined);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
