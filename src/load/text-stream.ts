/**
 * Text files as a stream of decoded strings: read in large chunks, hashed on the way, gunzipped
 * when compressed, decoded as strict UTF-8 (bad bytes are an input error naming their line).
 */
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
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of source.gzip ? gunzipped(bytes) : bytes) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    throw await explained(error, source);
  }
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
