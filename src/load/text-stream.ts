/**
 * Text files as a stream of decoded strings: read in large chunks, hashed on the way, gunzipped
 * when compressed, decoded as strict UTF-8 (bad bytes are an input error naming their line).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UserError } from '../errors.js';
import { hashedBytes } from './hash.js';

const CHUNK_BYTES = 1 << 20;

/** How to read one text file. */
export interface TextSource {
  path: string;
  gzip: boolean;
}

/**
 * The decoded text of a file, chunk by chunk. `onHashed` receives the SHA-256 of the file's
 * stored bytes once every byte was read. Throws {@link UserError} for invalid UTF-8 or gzip.
 */
export async function* textChunks(source: TextSource, onHashed: (sha256: string) => void = () => {}): AsyncGenerator<string> {
  const bytes = hashedBytes(source.path, onHashed);
  const decoder = new StrictUtf8Decoder();
  try {
    for await (const chunk of source.gzip ? gunzipped(bytes) : bytes) {
      const text = decoder.decode(chunk);
      if (text) yield text;
    }
    decoder.end();
  } catch (error) {
    throw await explained(error, source);
  }
}

/**
 * The decoded text of bytes `start` (inclusive) to `end` (exclusive) of an uncompressed text file,
 * for readers that split a file into parts. `start` must be the first byte of a character (a line
 * start is). Not hashed. Throws {@link UserError} for invalid UTF-8.
 */
export async function* rangeTextChunks(path: string, start: number, end: number): AsyncGenerator<string> {
  if (end <= start) return;
  const decoder = new StrictUtf8Decoder(start === 0);
  try {
    for await (const chunk of createReadStream(path, { start, end: end - 1, highWaterMark: CHUNK_BYTES })) {
      const text = decoder.decode(chunk as Buffer);
      if (text) yield text;
    }
    decoder.end();
  } catch (error) {
    throw await explained(error, { path, gzip: false });
  }
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
function completeEnd(bytes: Buffer): number {
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
  if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
    const line = await firstInvalidUtf8Line(source);
    return new UserError('is not valid UTF-8 text', {
      file: source.path,
      line,
      hint: 're-save the file as UTF-8, e.g. "CSV UTF-8" in a spreadsheet',
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
