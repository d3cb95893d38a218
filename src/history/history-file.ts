/**
 * The history file (I/O): one JSON line per run, chained by SHA-256 (`chain.ts`). Appends from
 * concurrent runs are serialized by a lock file, so lines never interleave and none is lost.
 */
import { open, readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { sealEntry, splitLines, verifyChain, type HistoryVerification } from './chain.js';
import type { HistoryEntry, HistoryLine } from './entry.js';
import { withFileLock, type LockOptions } from './lock.js';

const NEWLINE = 0x0a;
const TAIL_CHUNK = 64 * 1024;

/**
 * Appends `entry` as one line to the history at `path` (created when missing), chained to the
 * current last line. Under `<path>.lock`: read the last line, write the new line with one write,
 * fsync, release. Throws a UserError when the file ends in an incomplete line (a cut-short write
 * or an edit), because chaining onto it would hide the damage; `fairaudit history verify` shows it.
 *
 * @example
 * await appendHistory('reports/history.jsonl', historyEntryFrom(results));
 */
export async function appendHistory(path: string, entry: HistoryEntry, options: LockOptions = {}): Promise<void> {
  await withFileLock(
    path,
    async () => {
      const handle = await open(path, 'a+').catch((error: NodeJS.ErrnoException) => {
        throw new UserError(`cannot open the history file (${error.code})`, { file: path, hint: 'check the path given to --history' });
      });
      try {
        const previous = await lastLine(handle, path);
        const bytes = Buffer.from(sealEntry(entry, previous) + '\n', 'utf8');
        let written = 0;
        // In append mode every write lands at the end; a short write continues where it stopped.
        while (written < bytes.length) written += (await handle.write(bytes, written)).bytesWritten;
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    options,
  );
}

/** The last line's bytes without its newline; null for an empty file. */
async function lastLine(handle: Awaited<ReturnType<typeof open>>, path: string): Promise<Buffer | null> {
  const { size } = await handle.stat();
  if (size === 0) return null;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  if (last[0] !== NEWLINE) {
    throw new UserError('the history file ends with an incomplete line; refusing to chain onto it', {
      file: path,
      hint: 'run `fairaudit history verify` on it, repair or move it aside, then rerun',
    });
  }
  // Read backwards from the end until the newline before the last line is found.
  const end = size - 1;
  let start = end;
  const chunks: Buffer[] = [];
  while (start > 0) {
    const from = Math.max(0, start - TAIL_CHUNK);
    const chunk = Buffer.alloc(start - from);
    await handle.read(chunk, 0, chunk.length, from);
    const at = chunk.lastIndexOf(NEWLINE);
    if (at >= 0) {
      chunks.unshift(chunk.subarray(at + 1));
      return Buffer.concat(chunks);
    }
    chunks.unshift(chunk);
    start = from;
  }
  return Buffer.concat(chunks);
}

/**
 * Every line of the history at `path`, oldest first; an empty list when the file does not exist
 * yet. Throws a UserError naming the line that is not valid JSON. Does not verify the chain
 * ({@link verifyHistory} does).
 */
export async function readHistory(path: string): Promise<HistoryLine[]> {
  const bytes = await readBytes(path, true);
  if (bytes === null) return [];
  return splitLines(bytes).lines.flatMap((raw, index) => {
    if (raw.length === 0) return [];
    try {
      return [JSON.parse(Buffer.from(raw).toString('utf8')) as HistoryLine];
    } catch {
      throw new UserError('not valid JSON in the history file', { file: path, line: index + 1, hint: 'run `fairaudit history verify` on it' });
    }
  });
}

/**
 * Verifies the chain of the history at `path`: every line's own hash and its link to the line
 * before. Throws a UserError when the file cannot be read.
 */
export async function verifyHistory(path: string): Promise<HistoryVerification> {
  const bytes = await readBytes(path, false);
  return verifyChain(bytes!);
}

async function readBytes(path: string, missingIsEmpty: boolean): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && missingIsEmpty) return null;
    throw new UserError(code === 'ENOENT' ? 'history file not found' : `cannot read the history file (${code})`, { file: path });
  }
}
