/**
 * A file that appears whole or not at all: bytes go to a temporary file in the target's folder
 * (same file system, so the final rename is atomic), hashed and counted on the way; `commit`
 * renames it into place, `abort` removes it (and any folder `create` made for it).
 */
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, rmdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';

/** Bytes gathered before a write reaches the file system. */
export const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

/** What a committed file holds. */
export interface CommittedFile {
  path: string;
  bytes: number;
  /** Hex SHA-256 of the bytes written. */
  sha256: string;
}

/** What the file system said, in words, for the errors a user can fix by choosing another path. */
const WRITE_FAILURES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'part of the path is a file, not a folder',
  EISDIR: 'the path is a folder',
  ENOENT: 'no file can be created there',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links in the path',
};

/**
 * A file-system failure while writing `target` as a UserError (exit 2, one line, the target named)
 * when choosing another path fixes it; anything else passes through unchanged.
 */
export function writeFailure(error: unknown, target: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === undefined ? undefined : WRITE_FAILURES[code];
  if (reason === undefined) return error;
  return new UserError(`cannot write the output: ${reason} (${code})`, { file: target, hint: 'choose a writable output path', cause: error });
}

/** Temporary files not yet committed or aborted, for {@link removeTemporaryFiles}. */
const live = new Set<string>();

/**
 * Removes, synchronously, every temporary file still being written: for the CLI's signal handler,
 * so that Ctrl-C or a scheduler's SIGTERM mid-write leaves no `.tmp` file behind.
 */
export function removeTemporaryFiles(): void {
  for (const path of live) rmSync(path, { force: true });
  live.clear();
}

/** A temporary file that becomes `target` on {@link AtomicFile.commit}. */
export class AtomicFile {
  private readonly hash = createHash('sha256');
  private written = 0;
  private state: 'open' | 'sealed' | 'committed' | 'aborted' = 'open';
  private sealed: CommittedFile | undefined;
  /** Small writes not yet written, copied into one buffer of {@link WRITE_BUFFER_BYTES}. */
  private gathering: Buffer | undefined;
  private gathered = 0;

  private constructor(
    readonly target: string,
    readonly temporary: string,
    private readonly handle: FileHandle,
    /** The outermost folder `create` made (undefined when the folder existed). */
    private readonly madeFolder: string | undefined,
  ) {}

  /**
   * Creates the temporary file `.<name>.<pid>-<random>.tmp` beside `target`, creating the folder if
   * needed, after removing the temporary files that runs killed outright (kill -9, a power cut) left
   * in that folder. A target that is a folder, or a folder that cannot be written, is a UserError,
   * raised before any byte is produced.
   */
  static async create(target: string): Promise<AtomicFile> {
    const folder = dirname(target);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isDirectory()) {
      throw new UserError('the output path is a folder', { file: target, hint: 'name a file to write, e.g. <folder>/masked.parquet' });
    }
    let madeFolder: string | undefined;
    let temporary: string | undefined;
    try {
      madeFolder = await mkdir(folder, { recursive: true });
      await removeAbandonedTemporaryFiles(folder);
      temporary = temporaryPath(target);
      // Known before it exists: a signal that lands while the file is being created still removes it.
      live.add(temporary);
      const handle = await open(temporary, 'wx');
      return new AtomicFile(target, temporary, handle, madeFolder);
    } catch (error) {
      if (temporary !== undefined) live.delete(temporary);
      await removeMadeFolders(folder, madeFolder);
      throw writeFailure(error, target);
    }
  }

  /**
   * Appends `bytes`; the caller may reuse their memory once this resolves. Small writes are gathered
   * up to {@link WRITE_BUFFER_BYTES} first (an Arrow batch arrives as many small buffers), by copy,
   * into one buffer the file keeps; a large one is written as it is. Resolves once the file system
   * took what was due, so memory stays bounded.
   */
  async write(bytes: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw new Error(`write after the file was closed: ${this.target}`);
    this.hash.update(bytes);
    this.written += bytes.byteLength;
    if (this.gather(bytes)) return;
    try {
      await this.flush();
      if (!this.gather(bytes)) await this.writeAll(bytes);
    } catch (error) {
      throw writeFailure(error, this.target);
    }
  }

  /** Copies `bytes` after the gathered ones when they fit and leave room; false when they do not. */
  private gather(bytes: Uint8Array): boolean {
    if (bytes.byteLength >= WRITE_BUFFER_BYTES - this.gathered) return false;
    this.gathering ??= Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
    this.gathering.set(bytes, this.gathered);
    this.gathered += bytes.byteLength;
    return true;
  }

  private async flush(): Promise<void> {
    if (this.gathered === 0) return;
    const gathered = this.gathered;
    this.gathered = 0;
    await this.writeAll(this.gathering!.subarray(0, gathered));
  }

  private async writeAll(bytes: Uint8Array): Promise<void> {
    let at = 0;
    while (at < bytes.byteLength) {
      const { bytesWritten } = await this.handle.write(bytes, at, bytes.byteLength - at);
      at += bytesWritten;
    }
  }

  /**
   * Flushes and closes the temporary file without moving it into place, and returns its size and
   * hash: what goes into a manifest before either file appears. Then only `commit` or `abort`.
   */
  async seal(): Promise<CommittedFile> {
    if (this.state === 'sealed') return this.sealed!;
    if (this.state !== 'open') throw new Error(`file already ${this.state}: ${this.target}`);
    try {
      await this.flush();
      await this.handle.sync();
      await this.handle.close();
    } catch (error) {
      await this.abort();
      throw writeFailure(error, this.target);
    }
    this.state = 'sealed';
    this.sealed = { path: this.target, bytes: this.written, sha256: this.hash.digest('hex') };
    return this.sealed;
  }

  /** Seals the file if needed and renames it into place; returns its size and hash. */
  async commit(): Promise<CommittedFile> {
    const sealed = await this.seal();
    try {
      await rename(this.temporary, this.target);
    } catch (error) {
      await this.abort();
      throw writeFailure(error, this.target);
    }
    this.state = 'committed';
    live.delete(this.temporary);
    return sealed;
  }

  /**
   * Removes the temporary file, and the folders `create` made for it when they are empty; the
   * target is left as it was. Safe to call twice; does nothing once committed.
   */
  async abort(): Promise<void> {
    if (this.state === 'committed' || this.state === 'aborted') return;
    const wasOpen = this.state === 'open';
    this.state = 'aborted';
    if (wasOpen) await this.handle.close().catch(() => undefined);
    await rm(this.temporary, { force: true });
    live.delete(this.temporary);
    await removeMadeFolders(dirname(this.target), this.madeFolder);
  }
}

/** A fresh temporary name beside `target`; the process id in it tells a later run whether its writer still lives. */
export function temporaryPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/** `.<name>.<pid>-<12 hex>.tmp`, as {@link temporaryPath} names them. */
const TEMPORARY_NAME = /^\..+\.(\d+)-[0-9a-f]{12}\.tmp$/;

/**
 * Completes a set a killed run left half-renamed in `folder`, then removes the temporary files
 * there whose writing process is gone: left by a run killed with
 * no chance to clean up (SIGKILL, out of memory, a power cut). A file of a live process, or of
 * another user's, is left alone. Never fails: cleaning up is a courtesy, not the run's purpose.
 */
export async function removeAbandonedTemporaryFiles(folder: string): Promise<string[]> {
  // A journaled set's temporary files are finished files waiting for their rename: complete it first.
  await completeInterruptedSet(folder);
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMPORARY_NAME.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    const path = join(folder, name);
    if (live.has(path)) continue;
    await rm(path, { force: true }).then(
      () => removed.push(path),
      () => undefined,
    );
  }
  return removed;
}

/** Whether a process with this id runs on this machine (one of another user counts as running). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes `folder` and its parents up to and including `made` (the outermost folder created),
 * each only if empty: another writer may have put a file there meanwhile.
 */
async function removeMadeFolders(folder: string, made: string | undefined): Promise<void> {
  if (made === undefined) return;
  const top = resolve(made);
  for (let at = resolve(folder); at.length >= top.length; at = dirname(at)) {
    try {
      await rmdir(at);
    } catch {
      return;
    }
    if (at === top) return;
  }
}

/** The journal naming a set of files being moved into place together (see {@link commitSet}). */
export const SET_JOURNAL = '.fairaudit-set.json';

/**
 * Moves sealed files of one folder into place as a set: the journal naming each temporary file
 * and its target is written first (atomically), then each file is renamed, then the journal is
 * removed. A run killed between two renames (kill -9, or a signal, which keeps the set's
 * temporary files) leaves the journal, and the next run that writes into the folder completes
 * the set ({@link completeInterruptedSet}) before anything else.
 */
export async function commitSet(files: readonly AtomicFile[]): Promise<CommittedFile[]> {
  if (files.length === 0) return [];
  const folder = dirname(files[0].target);
  for (const file of files) await file.seal();
  const journal = join(folder, SET_JOURNAL);
  const entries: SetEntry[] = files.map((f) => ({ temporary: basename(f.temporary), target: basename(f.target) }));
  await writeFileAtomic(journal, JSON.stringify({ files: entries }) + '\n');
  // From here the set belongs to the journal: an interrupted run leaves it for the next one.
  for (const file of files) live.delete(file.temporary);
  const committed: CommittedFile[] = [];
  for (const file of files) committed.push(await file.commit());
  await rm(journal, { force: true });
  return committed;
}

/** One file of a set: its temporary name and the name it takes, both plain names in the folder. */
interface SetEntry {
  temporary: string;
  target: string;
}

/**
 * Completes the set a killed run left half-renamed in `folder`: each file the journal names whose
 * temporary file is still there is moved into place, then the journal is removed. Entries that
 * are not plain names of this folder (the journal is not trusted to point elsewhere), and a
 * journal that cannot be read, are ignored.
 */
export async function completeInterruptedSet(folder: string): Promise<void> {
  const journal = join(folder, SET_JOURNAL);
  const text = await readFile(journal, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  let entries: unknown[] = [];
  try {
    const parsed = JSON.parse(text) as { files?: unknown };
    if (Array.isArray(parsed.files)) entries = parsed.files;
  } catch {
    entries = [];
  }
  const moves: SetEntry[] = [];
  for (const entry of entries as Partial<SetEntry>[]) {
    const { temporary, target } = entry ?? {};
    if (typeof temporary !== 'string' || typeof target !== 'string') continue;
    const writer = TEMPORARY_NAME.exec(temporary);
    if (!writer || temporary !== basename(temporary)) continue;
    if (target !== basename(target) || target.startsWith('.') || target === '') continue;
    // A live run is moving its own set right now: leave its journal to it.
    if (isAlive(Number(writer[1]))) return;
    moves.push({ temporary, target });
  }
  for (const { temporary, target } of moves) await rename(join(folder, temporary), join(folder, target)).catch(() => undefined);
  await rm(journal, { force: true });
}

/**
 * Moves sealed files into place together: in order, and when one rename fails, the ones already
 * moved are removed again and the rest aborted, so a reader never finds one without the others.
 */
export async function commitAll(files: readonly AtomicFile[]): Promise<CommittedFile[]> {
  const done: CommittedFile[] = [];
  try {
    for (const file of files) done.push(await file.commit());
    return done;
  } catch (error) {
    await Promise.all(done.map((f) => rm(f.path, { force: true })));
    await Promise.all(files.map((f) => f.abort()));
    throw error;
  }
}

/** Writes `bytes` to `target` atomically (temporary file, then rename). */
export async function writeFileAtomic(target: string, bytes: Uint8Array | string): Promise<CommittedFile> {
  const file = await AtomicFile.create(target);
  try {
    await file.write(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    return await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
}
