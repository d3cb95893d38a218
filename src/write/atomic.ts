/**
 * A file that appears whole or not at all: bytes go to a temporary file in the target's folder
 * (same file system, so the final rename is atomic), hashed and counted on the way; `commit`
 * renames it into place, `abort` removes it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Bytes gathered before a write reaches the file system. */
export const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

/** What a committed file holds. */
export interface CommittedFile {
  path: string;
  bytes: number;
  /** Hex SHA-256 of the bytes written. */
  sha256: string;
}

/** A temporary file that becomes `target` on {@link AtomicFile.commit}. */
export class AtomicFile {
  private readonly hash = createHash('sha256');
  private written = 0;
  private done = false;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  private constructor(
    readonly target: string,
    readonly temporary: string,
    private readonly handle: FileHandle,
  ) {}

  /** Creates the temporary file `.<name>.<random>.tmp` beside `target` (creating the folder if needed). */
  static async create(target: string): Promise<AtomicFile> {
    const folder = dirname(target);
    await mkdir(folder, { recursive: true });
    const temporary = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temporary, 'wx');
    return new AtomicFile(target, temporary, handle);
  }

  /**
   * Appends `bytes`. Small writes are gathered up to {@link WRITE_BUFFER_BYTES} first (an Arrow
   * batch arrives as many small buffers); resolves once the file system took what was due, so
   * memory stays bounded.
   */
  async write(bytes: Uint8Array): Promise<void> {
    if (this.done) throw new Error(`write after the file was closed: ${this.target}`);
    this.hash.update(bytes);
    this.written += bytes.byteLength;
    this.pending.push(bytes);
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= WRITE_BUFFER_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const bytes = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    let at = 0;
    while (at < bytes.byteLength) {
      const { bytesWritten } = await this.handle.write(bytes, at, bytes.byteLength - at);
      at += bytesWritten;
    }
  }

  /** Flushes, closes and renames the file into place; returns its size and hash. */
  async commit(): Promise<CommittedFile> {
    if (this.done) throw new Error(`file already closed: ${this.target}`);
    this.done = true;
    try {
      await this.flush();
      await this.handle.sync();
      await this.handle.close();
      await rename(this.temporary, this.target);
    } catch (error) {
      await rm(this.temporary, { force: true });
      throw error;
    }
    return { path: this.target, bytes: this.written, sha256: this.hash.digest('hex') };
  }

  /** Closes and removes the temporary file; the target is left as it was. Safe to call twice. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.handle.close().catch(() => undefined);
    await rm(this.temporary, { force: true });
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
