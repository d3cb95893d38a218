/**
 * The HMAC key: from the environment variable `FAIRAUDIT_MASK_KEY` or a key file, never from a
 * config file, and never written anywhere. What the manifest records is a fingerprint: a hash that
 * tells two runs with the same key apart from runs with different keys, and reveals nothing else.
 * A fast hash of the key would let anyone holding a manifest test guesses at millions a second
 * (`summer2024` fell in a millisecond), so the fingerprint is a slow, salted KDF (scrypt), and a
 * key too short to resist guessing is refused outright.
 */
import { scrypt, scryptSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';

/** The environment variable the key is read from. */
export const MASK_KEY_ENV = 'FAIRAUDIT_MASK_KEY';

/** The refusal when an hmac rule has no key to use. */
export const MISSING_KEY_MESSAGE = `hmac needs a key: set ${MASK_KEY_ENV} or pass --key-file`;

/** Fewest bytes a masking key may have: 128 bits, beyond guessing however fast each guess is. */
export const MIN_MASK_KEY_BYTES = 16;

/**
 * The fingerprint's salt and cost. The salt is fixed so that equal keys give equal fingerprints
 * across runs (the point of recording one); it is fairaudit's own, so no table made for another
 * tool's hashes applies. N = 2^15 costs each guess about 0.1 s and 32 MiB.
 */
const FINGERPRINT_SALT = 'fairaudit/mask-key-fingerprint@2';
export const FINGERPRINT_SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/**
 * The masking key: the contents of `keyFile` when given (one trailing newline removed, so
 * `echo secret > key` works), else `env.FAIRAUDIT_MASK_KEY`, else undefined. An empty key, or one
 * shorter than {@link MIN_MASK_KEY_BYTES}, is refused with the length required.
 */
export async function readMaskKey(options: { keyFile?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Buffer | undefined> {
  if (options.keyFile !== undefined) {
    let bytes: Buffer;
    try {
      bytes = await readFile(options.keyFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UserError(code === 'ENOENT' ? 'key file not found' : `cannot read key file (${code})`, {
        file: options.keyFile,
        hint: 'check the path given to --key-file',
      });
    }
    const key = stripNewline(bytes);
    if (key.length === 0) throw new UserError('key file is empty', { file: options.keyFile, hint: 'write a long random secret into it' });
    return longEnough(key, 'the key file holds', { file: options.keyFile });
  }
  const value = (options.env ?? process.env)[MASK_KEY_ENV];
  if (value === undefined) return undefined;
  if (value.length === 0) throw new UserError(`${MASK_KEY_ENV} is set but empty`, { hint: `set ${MASK_KEY_ENV} to a long random secret` });
  return longEnough(Buffer.from(value, 'utf8'), `${MASK_KEY_ENV} is`, {});
}

function longEnough(key: Buffer, what: string, place: { file?: string }): Buffer {
  if (key.length >= MIN_MASK_KEY_BYTES) return key;
  throw new UserError(`${what} ${key.length} bytes; a masking key needs at least ${MIN_MASK_KEY_BYTES}`, {
    ...place,
    hint: 'use a long random secret, e.g. $(openssl rand -hex 32)',
  });
}

function stripNewline(bytes: Buffer): Buffer {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) end--;
  if (end > 0 && bytes[end - 1] === 0x0d) end--;
  return bytes.subarray(0, end);
}

/** The key, or the refusal {@link MISSING_KEY_MESSAGE} when there is none. */
export function requireMaskKey(key: Buffer | undefined): Buffer {
  if (!key || key.length === 0) throw new UserError(MISSING_KEY_MESSAGE, { hint: `e.g. export ${MASK_KEY_ENV}=$(openssl rand -hex 32)` });
  return key;
}

/**
 * A fingerprint of the key for the manifest: 32 bytes of scrypt (N = 2^15, r = 8, p = 1) of the
 * key with fairaudit's salt, in hex. Equal keys give equal fingerprints; the key itself is never
 * recorded, and each guess at it costs about 0.1 s.
 */
export function keyFingerprint(key: Buffer): string {
  return scryptSync(key, FINGERPRINT_SALT, 32, FINGERPRINT_SCRYPT).toString('hex');
}

/**
 * {@link keyFingerprint} computed on a libuv pool thread: the same hex string, but the scrypt work
 * (about 0.1 s) runs while the caller masks the data instead of after it, so a masking run pays
 * for the slow fingerprint in CPU only, not in waiting time.
 *
 * @example
 * const pending = keyFingerprintInBackground(key); // start first
 * // … mask the data …
 * manifest.key_fingerprint = await pending;
 */
export function keyFingerprintInBackground(key: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(key, FINGERPRINT_SALT, 32, FINGERPRINT_SCRYPT, (error, derived) => (error ? reject(error) : resolve(derived.toString('hex'))));
  });
}
