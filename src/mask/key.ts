/**
 * The HMAC key: from the environment variable `FAIRAUDIT_MASK_KEY` or a key file, never from a
 * config file, and never written anywhere. What the manifest records is a fingerprint: a hash that
 * tells two runs with the same key apart from runs with different keys, and reveals nothing else.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';

/** The environment variable the key is read from. */
export const MASK_KEY_ENV = 'FAIRAUDIT_MASK_KEY';

/** The refusal when an hmac rule has no key to use. */
export const MISSING_KEY_MESSAGE = `hmac needs a key: set ${MASK_KEY_ENV} or pass --key-file`;

const FINGERPRINT_DOMAIN = 'fairaudit/mask-key-fingerprint@1\u0000';

/**
 * The masking key: the contents of `keyFile` when given (one trailing newline removed, so
 * `echo secret > key` works), else `env.FAIRAUDIT_MASK_KEY`, else undefined. An empty key is
 * refused.
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
    return key;
  }
  const value = (options.env ?? process.env)[MASK_KEY_ENV];
  if (value === undefined) return undefined;
  if (value.length === 0) throw new UserError(`${MASK_KEY_ENV} is set but empty`, { hint: `set ${MASK_KEY_ENV} to a long random secret` });
  return Buffer.from(value, 'utf8');
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
 * A fingerprint of the key for the manifest: hex SHA-256 of a domain-separation prefix followed by
 * the key bytes. Equal keys give equal fingerprints; the key itself is never recorded.
 */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(FINGERPRINT_DOMAIN).update(key).digest('hex');
}
