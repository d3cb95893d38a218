/**
 * An exclusive lock file next to a file that several processes write (I/O). Linking a file that
 * already holds the token to the lock's name either creates the lock or fails because another
 * process holds it, atomically on every local file system. A lock whose holder is gone (a process of this machine that no longer runs, an
 * empty lock from a full disk, or a lock older than `staleMs` from elsewhere) is broken by
 * renaming it away (only one waiting process can win that rename).
 */
import { randomBytes } from 'node:crypto';
import { link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { isAlive } from '../write/atomic.js';
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

/** A lock this process holds: its path and the token written in it. */
export interface HeldLock {
  path: string;
  token: string;
}

/**
 * An empty or unreadable lock is never one a fairaudit run holds (the token is written before
 * the lock appears): it was left by a run that died on a full disk. Broken after this grace
 * instead of the stale age, so the next run does not wait 30 s.
 */
const EMPTY_LOCK_GRACE_MS = 2_000;

/**
 * Runs `fn` while holding `<path>.lock`, then releases it, even when `fn` throws. Waits with
 * growing, jittered pauses (5 ms up to 100 ms) while another process holds it. Throws a UserError
 * when the lock cannot be had within `timeoutMs` or the folder is not writable. `fn` gets the
 * lock, to check with {@link lockHeld} that it still holds it before it writes.
 */
export async function withFileLock<T>(path: string, fn: (lock: HeldLock) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lockPath = `${path}.lock`;
  const token = await acquire(lockPath, options.staleMs ?? DEFAULT_STALE_MS, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    return await fn({ path: lockPath, token });
  } finally {
    await release(lockPath, token);
  }
}

/** Whether `lock` is still ours: no other process broke it and took its own. */
export async function lockHeld(lock: HeldLock): Promise<boolean> {
  return (await readFile(lock.path, 'utf8').catch(() => null)) === lock.token;
}

async function acquire(lockPath: string, staleMs: number, timeoutMs: number): Promise<string> {
  const token = `${process.pid}@${hostname()} ${new Date().toISOString()} ${randomBytes(8).toString('hex')}\n`;
  // The token is written to a file of our own first and then linked into place: the lock appears
  // whole or not at all, so a lock without a token always belongs to a run that died.
  const draft = `${lockPath}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(draft, token, { flag: 'wx' });
  } catch (error) {
    await unlink(draft).catch(() => undefined);
    throw lockFailure(lockPath, error);
  }
  const started = Date.now();
  let pause = 5;
  try {
    for (;;) {
      try {
        await link(draft, lockPath);
        return token;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw lockFailure(lockPath, error);
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
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

function lockFailure(lockPath: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  return new UserError(`cannot create lock file ${lockPath} (${code})`, { hint: 'the folder of the history file must exist, be writable and have space left' });
}

/**
 * Whether the lock at `lockPath` was abandoned: empty (a run died on a full disk) past a short
 * grace; held by a process of this machine that no longer runs; or, for a holder this machine
 * cannot check (another host, a token of another form), older than `staleMs`. A live process of
 * this machine keeps its lock however long it stalls.
 */
async function isStale(lockPath: string, staleMs: number): Promise<boolean> {
  const info = await stat(lockPath).catch(() => null);
  if (!info) return false;
  const age = Date.now() - info.mtimeMs;
  const token = await readFile(lockPath, 'utf8').catch(() => '');
  if (token.length === 0) return age > EMPTY_LOCK_GRACE_MS;
  const holder = /^(\d+)@(\S+) /.exec(token);
  if (holder && holder[2] === hostname()) return !isAlive(Number(holder[1]));
  return age > staleMs;
}

/** Breaks an abandoned lock; true when the caller should retry at once. */
async function breakIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const info = await stat(lockPath).catch(() => null);
  if (!info) return true; // released in the meantime
  if (!(await isStale(lockPath, staleMs))) return false;
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return true; // another waiter broke it first
  }
  // Between our check and rename another waiter may have broken the stale lock and taken a fresh
  // one, which we just moved: put a live lock back where it was (unless yet another now exists).
  const moved = await stat(aside).catch(() => null);
  if (moved && moved.ino !== info.ino && !(await isStale(aside, staleMs))) await link(aside, lockPath).catch(() => undefined);
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
