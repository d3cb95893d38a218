/**
 * Reading signing keys (I/O): an Ed25519 private key in PEM from `--sign-key FILE` or the file
 * named by `FAIRAUDIT_SIGN_KEY_FILE`, and a public key for `fairaudit verify`. The key's bytes are
 * never copied into any output or message: errors name the file and what to change.
 */
import { readFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { UserError } from '../errors.js';

/** The environment variable naming the signing key file when `--sign-key` is not given. */
export const SIGN_KEY_ENV = 'FAIRAUDIT_SIGN_KEY_FILE';

const MAKE_KEY = 'make one with: openssl genpkey -algorithm ed25519 -out signing-key.pem';

/**
 * The signing key from `flag` (a path) or, without it, from the file named by
 * `FAIRAUDIT_SIGN_KEY_FILE`; undefined when neither is set. A file that is missing, not a PEM
 * private key, encrypted, or not Ed25519 is a UserError (exit 2) naming the file.
 */
export function readSigningKey(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { key: KeyObject; path: string } | undefined {
  const path = flag ?? (env[SIGN_KEY_ENV] || undefined);
  if (path === undefined) return undefined;
  const where = flag !== undefined ? '--sign-key' : SIGN_KEY_ENV;
  const text = readKeyFile(path, where);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(text) || (error as { code?: string }).code === 'ERR_MISSING_PASSPHRASE';
    throw new UserError(encrypted ? 'the signing key is encrypted; fairaudit reads unencrypted PEM keys only' : 'not a PEM private key', {
      file: path,
      hint: encrypted ? `decrypt it to a file only the signer can read (${where}), or ${MAKE_KEY}` : `give an Ed25519 private key with ${where}; ${MAKE_KEY}`,
    });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new UserError(`the signing key is ${key.asymmetricKeyType ?? 'of an unknown type'}, not Ed25519`, { file: path, hint: `${MAKE_KEY}, and give it with ${where}` });
  }
  return { key, path };
}

/**
 * The public key for `verify`: an Ed25519 public key in PEM (or the private key, whose public half
 * is taken). Anything else is a UserError (exit 2) naming the file.
 */
export function readPublicKey(path: string): KeyObject {
  const text = readKeyFile(path, '--public-key');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: text, format: 'pem' });
  } catch {
    throw new UserError('not a PEM public key', { file: path, hint: 'give the signer\'s public key with --public-key (openssl pkey -in signing-key.pem -pubout -out signing-key.pub.pem)' });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new UserError(`the public key is ${key.asymmetricKeyType ?? 'of an unknown type'}, not Ed25519`, { file: path, hint: 'give the Ed25519 public key the report was signed with (--public-key)' });
  }
  return key;
}

function readKeyFile(path: string, where: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'key file not found' : code === 'EISDIR' ? 'the key file is a folder' : `cannot read the key file (${code})`, {
      file: path,
      hint: `check the path given to ${where}`,
    });
  }
}
