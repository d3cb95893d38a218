/**
 * Format detection: magic bytes first, the file name second. A name that promises a binary format
 * the bytes do not have is an input error, not a guess.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { UserError } from '../errors.js';
import type { DataFormat } from './source.js';

/** The format of one file, its compression and size. */
export interface Detected {
  format: DataFormat;
  gzip: boolean;
  bytes: number;
  /** A text file that starts with a UTF-16 byte-order mark. */
  encoding?: 'utf-16le' | 'utf-16be';
}

const HEAD_BYTES = 64 * 1024;
const GZIP_HEAD_BYTES = 4 * 1024;

const BY_EXTENSION: Record<string, DataFormat> = {
  arrow: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
  arrows: 'arrow-stream',
  parquet: 'parquet',
  pq: 'parquet',
  csv: 'csv',
  txt: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

/** The file extensions fairaudit reads (each also with `.gz` for the text formats). */
export const DATA_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** The format a file name suggests (`x.csv.gz` → csv), ignoring `.gz`; undefined when unknown. */
export function formatFromName(path: string): DataFormat | undefined {
  const name = basename(path).toLowerCase().replace(/\.gz$/, '');
  const dot = name.lastIndexOf('.');
  return dot > 0 ? BY_EXTENSION[name.slice(dot + 1)] : undefined;
}

/**
 * Detects the format of the file at `path` from its first bytes: `ARROW1` (Arrow IPC file),
 * 0xFFFFFFFF (Arrow IPC stream), `PAR1` (Parquet), 1f 8b (gzip: the text inside decides), `{`
 * (JSON Lines); otherwise the extension, and CSV for unknown text.
 */
export async function detectFormat(path: string): Promise<Detected> {
  const { head, bytes } = await readHead(path);
  if (bytes === 0) throw new UserError('the file is empty', { file: path, hint: 'give a file with a header and rows, or leave it out' });
  const named = formatFromName(path);
  const binary = binaryFormat(head);
  if (binary) return { format: binary, gzip: false, bytes };
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const inner = gunzipStart(path, head);
    if (binaryFormat(inner)) {
      throw new UserError('gzip-compressed Arrow or Parquet files are not read', { file: path, hint: 'decompress the file first (gunzip)' });
    }
    return { format: startsWithBrace(inner) ? 'jsonl' : textFormat(named), gzip: true, bytes, ...utf16(inner) };
  }
  if (named === 'arrow') throw notWhatNamed(path, 'an Arrow IPC file', 'ARROW1');
  if (named === 'arrow-stream') throw notWhatNamed(path, 'an Arrow IPC stream', 'the stream marker 0xFFFFFFFF');
  if (named === 'parquet') throw notWhatNamed(path, 'a Parquet file', 'PAR1');
  if (startsWithBrace(head)) return { format: 'jsonl', gzip: false, bytes };
  return { format: textFormat(named), gzip: false, bytes, ...utf16(head) };
}

/** The UTF-16 encoding a byte-order mark announces. */
function utf16(head: Uint8Array): Pick<Detected, 'encoding'> {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be' };
  return {};
}

function binaryFormat(head: Uint8Array): DataFormat | undefined {
  const ascii = Buffer.from(head.subarray(0, 6)).toString('latin1');
  if (ascii === 'ARROW1') return 'arrow';
  if (head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) return 'arrow-stream';
  if (ascii.startsWith('PAR1')) return 'parquet';
  if (ascii.startsWith('FEA1')) {
    throw new UserError('Feather version 1 files are not read', { hint: 're-save it as Feather version 2, e.g. pyarrow.feather.write_feather(table, path, version=2)' });
  }
  return undefined;
}

function gunzipStart(path: string, head: Uint8Array): Uint8Array {
  try {
    // A few KB of compressed bytes say what the text starts with; all 64 KB of a gzip bomb would
    // inflate to 64 MB before anything else could refuse it.
    return gunzipSync(head.subarray(0, GZIP_HEAD_BYTES), { finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    throw new UserError(`is not a readable gzip file: ${(error as Error).message}`, { file: path, hint: 'compress it again, or give the uncompressed file' });
  }
}

function textFormat(named: DataFormat | undefined): DataFormat {
  return named === 'tsv' || named === 'jsonl' ? named : 'csv';
}

function startsWithBrace(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x7b;
}

function notWhatNamed(path: string, what: string, magic: string): UserError {
  return new UserError(`not ${what}: its bytes do not start with ${magic.startsWith('the') ? magic : `"${magic}"`}`, {
    file: path,
    hint: 'check the file is complete, or give it the extension of its real format: .csv, .tsv, .jsonl, .parquet or .arrow',
  });
}

async function readHead(path: string): Promise<{ head: Uint8Array; bytes: number }> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return { head: head.subarray(0, bytesRead), bytes: size };
  } catch (error) {
    throw new UserError(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { file: path, hint: 'check the path and its permissions' });
  } finally {
    await handle?.close();
  }
}
