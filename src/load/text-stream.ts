/**
 * Text files read in large chunks, hashed on the way, gunzipped when compressed and checked as
 * strict UTF-8 (bad bytes are an input error naming their line): as a stream of decoded strings,
 * or as checked bytes in one reused buffer for readers that tokenize bytes.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UserError } from '../errors.js';
import { hashedBytes } from './hash.js';

const CHUNK_BYTES = 1 << 20;

import type { TextEncoding } from '../results/input.js';

/** The text encodings fairaudit decodes; every other stage sees UTF-8 (a results contract type). */
export type { TextEncoding } from '../results/input.js';

/** Longest line or record a text reader holds in memory unless told otherwise (64 MiB). */
export const DEFAULT_MAX_RECORD_BYTES = 64 << 20;

/** How to read one text file. */
export interface TextSource {
  path: string;
  gzip: boolean;
  /** The bytes' encoding (default UTF-8): any other is turned into UTF-8 as it is read. */
  encoding?: TextEncoding;
  /**
   * Fields are separated by runs of spaces and tabs (a space-aligned file): each run outside
   * quotes reaches the tokenizer as one tab, and runs at the start or end of a line are dropped.
   */
  whitespace?: boolean;
  /** Longest line or record held in memory (default {@link DEFAULT_MAX_RECORD_BYTES}). */
  maxRecordBytes?: number;
}

/**
 * A line or record longer than the limit: thrown by the readers, which know its line number and
 * turn it into a {@link lineTooLong} user error.
 */
export class RecordTooLong extends Error {
  constructor(readonly limit: number) {
    super(`a record is longer than ${limit} bytes`);
  }
}

/** The user error for a line longer than `limit` bytes that starts on `line`. */
export function lineTooLong(line: number, limit: number): UserError {
  return new UserError(`line ${line} is longer than ${formatBytes(limit)}, the limit of one line or record`, {
    line,
    hint: 'check the file has line ends and its quotes are closed; if the line is real, raise the limit with --max-field-bytes (max_field_bytes: in the config)',
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 1 << 20 && bytes % (1 << 20) === 0 ? `${bytes >> 20} MB` : `${bytes} bytes`;
}

/** Whether the file's bytes reach the tokenizers unchanged (so byte offsets in the file mean something). */
export function plainUtf8(source: TextSource): boolean {
  return (source.encoding ?? 'utf-8') === 'utf-8' && !source.whitespace;
}

/** The file's bytes as UTF-8, gunzipped, transcoded and with whitespace runs collapsed as `source` says. */
function utf8Chunks(source: TextSource, onHashed: ((sha256: string) => void) | undefined): AsyncGenerator<Buffer> {
  let chunks = hashedBytes(source.path, onHashed);
  if (source.gzip) chunks = gunzipped(chunks);
  if (source.encoding && source.encoding !== 'utf-8') chunks = transcoded(chunks, source.encoding);
  if (source.whitespace) chunks = collapsedWhitespace(chunks);
  return chunks;
}

/** Chunks of text in `encoding` as UTF-8 bytes (a byte-order mark dropped). */
async function* transcoded(chunks: AsyncIterable<Buffer>, encoding: TextEncoding): AsyncGenerator<Buffer> {
  // Node's latin1 is ISO-8859-1 itself; the WHATWG decoder's "latin1" label means windows-1252.
  if (encoding === 'latin1') {
    for await (const chunk of chunks) yield Buffer.from(chunk.toString('latin1'), 'utf8');
    return;
  }
  const decoder = new TextDecoder(encoding, { fatal: true });
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.decode();
  if (rest) yield Buffer.from(rest, 'utf8');
}

const SPACE = 0x20;
const TAB = 0x09;

/**
 * Chunks of a space-aligned file with each run of spaces and tabs between fields turned into one
 * tab, and the runs at line starts and ends dropped; quoted text is left as it is. One pass, with
 * its state carried across chunks.
 */
async function* collapsedWhitespace(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let quoted = false;
  let pendingRun = false;
  let lineStart = true;
  for await (const chunk of chunks) {
    const out = Buffer.allocUnsafe(chunk.length + 1);
    let o = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (quoted) {
        out[o++] = c;
        if (c === 0x22) quoted = false;
      } else if (c === SPACE || c === TAB) {
        if (!lineStart) pendingRun = true;
      } else if (c === 0x0a || c === 0x0d) {
        pendingRun = false;
        lineStart = true;
        out[o++] = c;
      } else {
        if (pendingRun) out[o++] = TAB;
        pendingRun = false;
        lineStart = false;
        out[o++] = c;
        if (c === 0x22) quoted = true;
      }
    }
    if (o > 0) yield out.subarray(0, o);
  }
}

/**
 * The decoded text of a file, chunk by chunk. `onHashed`, when given, receives the SHA-256 of the
 * file's stored bytes once every byte was read. Throws {@link UserError} for invalid UTF-8 or gzip.
 */
export async function* textChunks(source: TextSource, onHashed?: (sha256: string) => void): AsyncGenerator<string> {
  const decoder = new StrictUtf8Decoder();
  try {
    for await (const chunk of utf8Chunks(source, onHashed)) {
      const text = decoder.decode(chunk);
      if (text) yield text;
    }
    decoder.end();
  } catch (error) {
    throw await explained(error, source);
  }
}

/** Where a {@link Utf8Window} gets its bytes: `read` returns 0 at the end. */
interface ByteSource {
  read(into: Uint8Array, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A file's bytes, checked to be UTF-8, in one reused buffer: each {@link fill} keeps the bytes
 * the caller has not consumed yet and reads more after them. Reusing the buffer spares the page
 * faults of a fresh buffer per chunk (on this machine several times the cost of the read), and
 * readers that tokenize bytes need no decoded string at all.
 */
export class Utf8Window {
  /** The buffer; valid, checked bytes run from {@link start} to {@link end}. */
  bytes: Uint8Array = new Uint8Array(CHUNK_BYTES);
  /** First byte of the text (after a byte-order mark at the start of the file). */
  start = 0;
  /** End of the bytes checked to be UTF-8; a character cut by the last read waits past it. */
  end = 0;
  /** Whether the file has ended: no bytes follow {@link end}. */
  done = false;
  private filled = 0;

  private readonly maxRecordBytes: number;

  constructor(
    private readonly source: ByteSource,
    private readonly described: TextSource,
    private atStart: boolean,
  ) {
    this.maxRecordBytes = described.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    // A record never fills a buffer smaller than the limit without passing it, so the limit holds exactly.
    if (this.maxRecordBytes < CHUNK_BYTES) this.bytes = new Uint8Array(this.maxRecordBytes);
  }

  /**
   * Drops the bytes before `keepFrom`, moves the rest to the buffer's start and reads more after
   * them (the buffer grows when the kept bytes fill it). The kept bytes are one unfinished record:
   * at least as many bytes as it holds are read before returning, so a huge record is scanned a
   * bounded number of times (linear time, however small the reads), and a record longer than
   * `maxRecordBytes` throws {@link RecordTooLong}. Throws {@link UserError} for invalid UTF-8 or
   * gzip.
   */
  async fill(keepFrom: number): Promise<void> {
    try {
      await this.fillUnexplained(keepFrom);
    } catch (error) {
      await this.close();
      throw await explained(error, this.described);
    }
  }

  /** Stops reading (also when the caller stops early). */
  async close(): Promise<void> {
    this.done = true;
    await this.source.close();
  }

  private async fillUnexplained(keepFrom: number): Promise<void> {
    if (this.done) return;
    let { bytes } = this;
    if (keepFrom > 0) bytes.copyWithin(0, keepFrom, this.filled);
    this.filled -= keepFrom;
    this.end -= keepFrom;
    this.start = 0;
    const kept = this.end;
    if (kept > this.maxRecordBytes) throw new RecordTooLong(this.maxRecordBytes);
    for (;;) {
      if (this.filled === bytes.length) {
        if (bytes.length >= this.maxRecordBytes) throw new RecordTooLong(this.maxRecordBytes);
        const larger = new Uint8Array(bytes.length * 2);
        larger.set(bytes);
        this.bytes = bytes = larger;
      }
      const read = await this.source.read(bytes, this.filled, bytes.length - this.filled);
      if (read === 0) {
        await this.close();
        if (this.end < this.filled) throw invalidUtf8();
        return;
      }
      const from = this.end;
      this.filled += read;
      if (this.atStart) {
        // A byte-order mark needs its three bytes before it can be dropped.
        if (this.filled < BOM.length && BOM.slice(0, this.filled).every((b, i) => b === bytes[i])) continue;
        this.atStart = false;
        if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) this.start = this.end = BOM.length;
      }
      const checked = bytes.subarray(this.end, this.filled);
      if (isAscii(checked)) {
        this.end = this.filled;
      } else {
        const end = this.end + completeEnd(checked);
        if (!isUtf8(bytes.subarray(this.end, end))) throw invalidUtf8();
        this.end = end;
      }
      if (this.end > from && (this.end - kept >= kept || this.filled === bytes.length)) return;
    }
  }
}

/**
 * The whole text of a file as a {@link Utf8Window} (gunzipped when compressed; a byte-order mark
 * dropped). `onHashed`, when given, receives the SHA-256 of the file's stored bytes once every
 * byte was read; without it nothing is hashed.
 */
export function textWindow(source: TextSource, onHashed?: (sha256: string) => void): Utf8Window {
  const direct = !source.gzip && plainUtf8(source);
  return new Utf8Window(direct ? fileSource(source.path, 0, Infinity, onHashed) : chunkSource(utf8Chunks(source, onHashed)), source, true);
}

/**
 * Bytes `start` (inclusive) to `end` (exclusive) of an uncompressed text file as a
 * {@link Utf8Window}, for readers that split a file into parts. `start` must be the first byte of
 * a character (a line start is). Not hashed. `maxRecordBytes` caps a record as for the whole file.
 */
export function rangeTextWindow(path: string, start: number, end: number, maxRecordBytes?: number): Utf8Window {
  return new Utf8Window(fileSource(path, start, end), { path, gzip: false, maxRecordBytes }, start === 0);
}

/** Reads a file's bytes `start` to `end` straight into the caller's buffer, hashing them when asked. */
function fileSource(path: string, start: number, end: number, onHashed?: (sha256: string) => void): ByteSource {
  let handle: FileHandle | undefined;
  let position = start;
  let closed = false;
  const hash = onHashed ? createHash('sha256') : undefined;
  return {
    async read(into, offset, length) {
      if (closed || position >= end) return 0;
      handle ??= await open(path, 'r');
      const { bytesRead } = await handle.read(into, offset, Math.min(length, end - position), position);
      position += bytesRead;
      if (hash) {
        if (bytesRead > 0) hash.update(into.subarray(offset, offset + bytesRead));
        else onHashed?.(hash.digest('hex'));
      }
      return bytesRead;
    },
    async close() {
      if (closed) return;
      closed = true;
      await handle?.close();
    },
  };
}

/** A {@link ByteSource} over a stream of buffers (gunzipped bytes), copying them into the caller's buffer. */
function chunkSource(chunks: AsyncGenerator<Buffer>): ByteSource {
  let pending: Buffer | undefined;
  let offsetInPending = 0;
  return {
    async read(into, offset, length) {
      while (!pending || offsetInPending === pending.length) {
        const next = await chunks.next();
        if (next.done) return 0;
        pending = next.value;
        offsetInPending = 0;
      }
      const count = Math.min(length, pending.length - offsetInPending);
      into.set(pending.subarray(offsetInPending, offsetInPending + count), offset);
      offsetInPending += count;
      return count;
    },
    async close() {
      await chunks.return(undefined);
    },
  };
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Strict UTF-8 decoding chunk by chunk, like `TextDecoder('utf-8', { fatal: true })` with
 * `stream: true` (a leading byte-order mark is dropped), but fast on the common case: a chunk of
 * pure ASCII becomes a one-byte string by a plain copy, and other chunks are validated and decoded
 * by Node's native UTF-8 routines. A character cut by a chunk boundary waits for the next chunk.
 */
class StrictUtf8Decoder {
  private carry: Buffer | undefined;

  constructor(private atStart = true) {}

  decode(chunk: Buffer): string {
    let bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = undefined;
    if (this.atStart) {
      if (bytes.length < BOM.length && bytes.every((b, i) => b === BOM[i])) {
        this.carry = Buffer.from(bytes);
        return '';
      }
      this.atStart = false;
      if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) bytes = bytes.subarray(3);
    }
    if (isAscii(bytes)) return bytes.toString('latin1');
    const end = completeEnd(bytes);
    if (end < bytes.length) {
      this.carry = Buffer.from(bytes.subarray(end));
      bytes = bytes.subarray(0, end);
    }
    if (!isUtf8(bytes)) throw invalidUtf8();
    return bytes.toString('utf8');
  }

  /** Throws when the text ended inside a character. */
  end(): void {
    if (this.carry && this.carry.length > 0) throw invalidUtf8();
    this.carry = undefined;
  }
}

/** The length of the longest prefix of `bytes` that does not end inside a multi-byte character. */
function completeEnd(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 4 && back <= n; back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue;
    const length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > back ? n - back : n;
  }
  return n;
}

function invalidUtf8(): Error {
  return Object.assign(new TypeError('The encoded data was not valid for encoding utf-8'), { code: 'ERR_ENCODING_INVALID_ENCODED_DATA' });
}

/**
 * The start of a file's text: at least `chars` characters when the file has them; `complete`
 * tells whether that is the whole file.
 */
export async function readTextStart(source: TextSource, chars: number): Promise<{ text: string; complete: boolean }> {
  let text = '';
  const chunks = textChunks(source);
  for await (const chunk of chunks) {
    text += chunk;
    if (text.length >= chars) {
      await chunks.return(undefined);
      return { text, complete: false };
    }
  }
  return { text, complete: true };
}

async function* gunzipped(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const input = Readable.from(source);
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

async function explained(error: unknown, source: TextSource): Promise<unknown> {
  if (error instanceof UserError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA' && (source.encoding ?? 'utf-8') !== 'utf-8') {
    return new UserError(`is not valid ${source.encoding?.toUpperCase()} text`, {
      file: source.path,
      hint: 'check --encoding (encoding: in the config) names the encoding the file was saved in',
    });
  }
  if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
    const line = await firstInvalidUtf8Line(source);
    return new UserError('is not valid UTF-8 text', {
      file: source.path,
      line,
      hint: 're-save the file as UTF-8, e.g. "CSV UTF-8" in a spreadsheet, or name its encoding with --encoding windows-1252 (or latin1, utf-16)',
    });
  }
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new UserError(`is not a readable gzip file: ${(error as Error).message}`, {
      file: source.path,
      hint: 'the file may be truncated or corrupt; compress it again, or give the uncompressed file',
    });
  }
  return error;
}

/** The 1-based line holding the first byte sequence that is not UTF-8; undefined when none. */
async function firstInvalidUtf8Line(source: TextSource): Promise<number | undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const raw = createReadStream(source.path, { highWaterMark: CHUNK_BYTES });
  let line = 1;
  let pending: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of source.gzip ? gunzipped(raw) : raw) {
      let bytes = Buffer.concat([pending, chunk as Buffer]);
      for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10)) {
        if (!validUtf8(decoder, bytes.subarray(0, nl))) return line;
        line++;
        bytes = bytes.subarray(nl + 1);
      }
      pending = Buffer.from(bytes);
    }
    return validUtf8(decoder, pending) ? undefined : line;
  } catch {
    return undefined;
  } finally {
    raw.destroy();
  }
}

function validUtf8(decoder: { decode(bytes: Uint8Array): string }, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
