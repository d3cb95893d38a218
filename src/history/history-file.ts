/**
 * The history file (I/O): one JSON line per run, chained by SHA-256 (`chain.ts`). Appends from
 * concurrent runs are serialized by a lock file, so lines never interleave and none is lost. With
 * a key, each line is signed and `<file>.head` records, signed, how many lines the history has.
 */
import type { HistoryRecord } from '../results/index.js';
import { open, readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { writeFailure, writeFileAtomic } from '../write/atomic.js';
import { sealEntry, sha256Hex, splitLines, verifyChain, verifySignatures, type HistoryProblem, type HistoryVerification } from './chain.js';
import type { HistoryEntry, HistoryLine } from './entry.js';
import { lockHeld, withFileLock, type LockOptions } from './lock.js';
import { signHead, type HistorySigner, type HistoryVerifier } from './signing.js';

/**
 * Options of {@link appendHistory}: the lock's, and the keys that sign the line and the head:
 * `key` (HMAC, `FAIRAUDIT_HISTORY_KEY`) and `signer` (Ed25519 private key, `--sign-key`).
 */
export interface AppendOptions extends LockOptions, HistorySigner {}

/** Where the history ended once this run's line was appended: a results contract type. */
export type { HistoryRecord } from '../results/index.js';

/** The signed head record's path beside the history. */
export function headPath(path: string): string {
  return `${path}.head`;
}

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
export async function appendHistory(path: string, entry: HistoryEntry, options: AppendOptions = {}): Promise<HistoryRecord> {
  return withFileLock(
    path,
    async (lock) => {
      const handle = await open(path, 'a+').catch((error: NodeJS.ErrnoException) => {
        throw new UserError(`cannot open the history file (${error.code})`, { file: path, hint: 'check the path given to --history' });
      });
      let line: string;
      try {
        // The tail is read, and read again, under the lock: should another run have appended
        // meanwhile (it broke a lock it took for abandoned while this run stalled), the line is
        // chained to what is really last, and a run that lost its lock writes nothing.
        let size = -1;
        let bytes: Buffer;
        do {
          size = (await handle.stat()).size;
          line = sealEntry(entry, await lastLine(handle, path), options);
          bytes = Buffer.from(line + '\n', 'utf8');
          if (!(await lockHeld(lock))) {
            throw new UserError('another run took over the history lock while this one was stalled; nothing was appended', {
              file: path,
              hint: 'rerun; if runs often stall this long, run them one after another',
            });
          }
        } while ((await handle.stat()).size !== size);
        let written = 0;
        // In append mode every write lands at the end; a short write continues where it stopped.
        while (written < bytes.length) written += (await handle.write(bytes, written)).bytesWritten;
        await handle.sync();
      } catch (error) {
        throw writeFailure(error, path);
      } finally {
        await handle.close();
      }
      const count = splitLines(await readFile(path)).lines.length;
      if (options.key || options.signer) await writeFileAtomic(headPath(path), JSON.stringify(signHead(count, sha256Hex(line), options)) + '\n');
      return { path, lines: count, last_line_sha256: sha256Hex(line) };
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
 * yet. Throws a UserError naming the line that is not valid JSON or not a history entry (an
 * object with time, dataset, verdict, checks and metrics). Does not verify the chain
 * ({@link verifyHistory} does).
 */
export async function readHistory(path: string): Promise<HistoryLine[]> {
  const bytes = await readBytes(path, true);
  if (bytes === null) return [];
  return splitLines(bytes).lines.flatMap((raw, index) => {
    if (raw.length === 0) return [];
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(raw).toString('utf8'));
    } catch {
      throw new UserError('not valid JSON in the history file', { file: path, line: index + 1, hint: 'run `fairaudit history verify` on it' });
    }
    const problem = entryProblem(value);
    if (problem) throw new UserError(`not a history entry: ${problem}`, { file: path, line: index + 1, hint: 'run `fairaudit history verify` on it' });
    return [value as HistoryLine];
  });
}

/** What keeps `value` from being a history line the trend can show; undefined when nothing. */
function entryProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'expected a JSON object';
  const line = value as Record<string, unknown>;
  for (const field of ['time', 'dataset', 'verdict'] as const) if (typeof line[field] !== 'string') return `"${field}" is not text`;
  if (!Array.isArray(line.checks) || !line.checks.every((c) => c !== null && typeof c === 'object' && typeof (c as { attribute?: unknown }).attribute === 'string')) {
    return '"checks" is not a list of checks';
  }
  if (line.metrics === null || typeof line.metrics !== 'object' || Array.isArray(line.metrics)) return '"metrics" is not an object';
  for (const metrics of Object.values(line.metrics)) if (metrics === null || typeof metrics !== 'object') return '"metrics" holds a value that is not an object';
  return undefined;
}

/** What {@link verifyHistory} found, and whether a key was there to check signatures. */
export interface HistoryCheck extends HistoryVerification {
  /** True when a key (HMAC or public) checked every line and the signed head. */
  keyed?: boolean;
}

/**
 * Verifies the chain of the history at `path`: every line's own hash and its link to the line
 * before; with `key` (HMAC) or `publicKey` (Ed25519), also every line's MAC or signature and the
 * signed head record (`<file>.head`), which catch a line edited with its hashes recomputed, an
 * invented history and a deleted tail. Throws a UserError when the file cannot be read.
 */
export async function verifyHistory(path: string, options: HistoryVerifier = {}): Promise<HistoryCheck> {
  const bytes = await readBytes(path, false);
  const result = verifyChain(bytes!);
  if (!options.key && !options.publicKey) return result;
  const head = await readFile(headPath(path), 'utf8').then(
    (text) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return null;
      }
    },
    () => undefined,
  );
  const problems = [...result.problems, ...verifySignatures(bytes!, options, head)].sort((a, b) => a.line - b.line);
  return { ...result, ok: problems.length === 0, problems, keyed: true };
}

/**
 * The problems of the history at `path` against what a report recorded when its run appended:
 * the history must still have that many lines, the recorded last one unchanged. Finds lines cut
 * from the end after that run, with or without a key.
 */
export async function verifyAgainstRecord(path: string, record: Pick<HistoryRecord, 'lines' | 'last_line_sha256'>): Promise<HistoryProblem[]> {
  const { lines } = splitLines((await readBytes(path, false))!);
  if (lines.length < record.lines) {
    return [{ line: lines.length, message: `the report records ${record.lines} lines but the history has ${lines.length}: the last ${record.lines - lines.length} were deleted` }];
  }
  if (sha256Hex(lines[record.lines - 1]) !== record.last_line_sha256) {
    return [{ line: record.lines, message: `line ${record.lines} is not the line the report records for its run: the history was rewritten` }];
  }
  return [];
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
