/**
 * Keyed signatures for history lines, so that someone who can edit the file but does not hold the
 * key cannot rewrite it unseen. The SHA-256 chain alone catches accidents, not an adversary: an
 * edited line with every later hash recomputed, or a history invented from scratch, passes it.
 *
 * With an HMAC key (`FAIRAUDIT_HISTORY_KEY`), each line carries `mac`: HMAC-SHA-256 over the
 * line's signing input — the canonical JSON of every field except `mac` and `signature`, so
 * `prev_sha256` and `sha256` are covered and the MAC binds the line to its place in the chain.
 * With an Ed25519 key (`--sign-key`), each line carries `signature` over the same signing input,
 * which anyone holding the public key checks: no shared secret has to sit on the machine that
 * verifies. A line may carry both. Pure.
 */
import { createHmac, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../config/resolve.js';
import { UserError } from '../errors.js';
import { keyFingerprint } from '../sign/signature.js';

/** The environment variable holding the history's HMAC key. */
export const HISTORY_KEY_ENV = 'FAIRAUDIT_HISTORY_KEY';

/** Fewest bytes a history key may have: 128 bits, beyond guessing. */
export const MIN_HISTORY_KEY_BYTES = 16;

/** A line's MAC as stored. */
export interface LineMac {
  alg: 'hmac-sha256';
  /** Hex HMAC-SHA-256 of the line's signing input. */
  value: string;
}

/** A line's Ed25519 signature as stored. */
export interface LineSignature {
  alg: 'ed25519';
  /** `sha256:` and the hex SHA-256 of the signer's public key, as `fairaudit verify` shows it. */
  key_fingerprint: string;
  /** Base64 Ed25519 signature over the line's signing input. */
  value: string;
}

/** The keys that sign what a run appends: either, both or neither. */
export interface HistorySigner {
  /** HMAC key (`FAIRAUDIT_HISTORY_KEY`): the line gets `mac`. */
  key?: Buffer;
  /** Ed25519 private key (`--sign-key`): the line gets `signature`. */
  signer?: KeyObject;
}

/** The keys that check a history: the HMAC key, the signer's public key, or both. */
export interface HistoryVerifier {
  /** HMAC key (`FAIRAUDIT_HISTORY_KEY`): every line's `mac` is checked. */
  key?: Buffer;
  /** Ed25519 public key (`history verify --public-key`): every line's `signature` is checked. */
  publicKey?: KeyObject;
}

/**
 * Fingerprints by key: a history signs or checks thousands of lines with one key, and exporting
 * and hashing the public key for each would cost more than the Ed25519 operation itself.
 */
const fingerprints = new WeakMap<KeyObject, string>();

function fingerprintOf(key: KeyObject): string {
  let fingerprint = fingerprints.get(key);
  if (fingerprint === undefined) fingerprints.set(key, (fingerprint = keyFingerprint(key)));
  return fingerprint;
}

const LINE_DOMAIN = 'fairaudit/history-line@1\u0000';
const HEAD_DOMAIN = 'fairaudit/history-head@1\u0000';

/** The fields that are not part of what is signed: the signatures themselves. */
const UNSIGNED_FIELDS = new Set(['mac', 'signature']);

/**
 * The history key from the environment, or undefined when none is set. A key shorter than
 * {@link MIN_HISTORY_KEY_BYTES} is refused (exit 2), with the length required.
 */
export function readHistoryKey(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const value = env[HISTORY_KEY_ENV];
  if (value === undefined || value === '') return undefined;
  const key = Buffer.from(value, 'utf8');
  if (key.length < MIN_HISTORY_KEY_BYTES) {
    throw new UserError(`${HISTORY_KEY_ENV} is ${key.length} bytes; a history key needs at least ${MIN_HISTORY_KEY_BYTES}`, {
      hint: `set ${HISTORY_KEY_ENV} to a long random secret, e.g. $(openssl rand -hex 32)`,
    });
  }
  return key;
}

/** What a line's signatures cover: canonical JSON of every field but `mac` and `signature`. */
export function signingInput(line: Record<string, unknown>): string {
  return canonicalJson(Object.fromEntries(Object.entries(line).filter(([field]) => !UNSIGNED_FIELDS.has(field))));
}

/** The MAC of a line (all of its fields but the signatures) under `key`. */
export function lineMac(line: Record<string, unknown>, key: Buffer): LineMac {
  return { alg: 'hmac-sha256', value: createHmac('sha256', key).update(LINE_DOMAIN).update(signingInput(line)).digest('hex') };
}

/** Whether `line` carries a MAC that `key` made over its current content. */
export function lineMacValid(line: Record<string, unknown>, key: Buffer): boolean {
  const stored = line.mac as Partial<LineMac> | undefined;
  if (stored?.alg !== 'hmac-sha256' || typeof stored.value !== 'string') return false;
  return sameHex(stored.value, lineMac(line, key).value);
}

/**
 * The Ed25519 signature of a line (all of its fields but the signatures) with `privateKey`. The
 * signed bytes are the MAC's: the same domain and signing input.
 */
export function lineSignature(line: Record<string, unknown>, privateKey: KeyObject): LineSignature {
  const value = sign(null, Buffer.from(LINE_DOMAIN + signingInput(line), 'utf8'), privateKey).toString('base64');
  return { alg: 'ed25519', key_fingerprint: fingerprintOf(privateKey), value };
}

/**
 * What is wrong with the `signature` of `line` under `publicKey`, in words; undefined when it
 * holds. A line without one, or signed with another key, was not written by the key's holder.
 */
export function lineSignatureProblem(line: Record<string, unknown>, publicKey: KeyObject): string | undefined {
  return signatureProblem(line.signature, Buffer.from(LINE_DOMAIN + signingInput(line), 'utf8'), publicKey, 'the line');
}

/** The fields a line gets from `keys`: `mac`, `signature`, both or none. */
export function signLine(line: Record<string, unknown>, keys: HistorySigner): { mac?: LineMac; signature?: LineSignature } {
  return {
    ...(keys.key ? { mac: lineMac(line, keys.key) } : {}),
    ...(keys.signer ? { signature: lineSignature(line, keys.signer) } : {}),
  };
}

/** The problem of an Ed25519 `stored` signature over `bytes` under `publicKey`; `what` names the signed thing. */
function signatureProblem(stored: unknown, bytes: Buffer, publicKey: KeyObject, what: string): string | undefined {
  const signature = stored as Partial<LineSignature> | undefined;
  if (signature === undefined) return `${what} carries no Ed25519 signature: it was written by someone without the signing key`;
  if (signature?.alg !== 'ed25519' || typeof signature.value !== 'string' || typeof signature.key_fingerprint !== 'string') {
    return `${what} carries a damaged Ed25519 signature: it was edited`;
  }
  const expected = fingerprintOf(publicKey);
  if (signature.key_fingerprint !== expected) return `${what} was signed with key ${signature.key_fingerprint}, not with this public key (${expected})`;
  // A fingerprint can be copied from a genuine line; only the signature itself proves the key.
  if (!verify(null, bytes, publicKey, Buffer.from(signature.value, 'base64'))) {
    return `${what}'s Ed25519 signature does not match: it was edited (its hashes recomputed or not), or the signature forged`;
  }
  return undefined;
}

/**
 * The signed record of where the history ended after the last signed append: its line count and
 * the SHA-256 of its last line. Kept beside the history (`<file>.head`): lines cut from the end
 * leave a history shorter than its head says, which a key holder detects.
 */
export interface HistoryHead {
  schema: 'fairaudit/history-head@1';
  lines: number;
  /** SHA-256 of the last line's exact bytes (without its newline). */
  last_line_sha256: string;
  /** With the HMAC key. */
  mac?: LineMac;
  /** With the Ed25519 key, over the same bytes as the MAC. */
  signature?: LineSignature;
}

/**
 * The head record for a history of `lines` lines whose last line hashes to `lastLineSha256`,
 * with a MAC, an Ed25519 signature or both, by the keys given.
 */
export function signHead(lines: number, lastLineSha256: string, keys: HistorySigner): HistoryHead {
  const unsigned = { schema: 'fairaudit/history-head@1' as const, lines, last_line_sha256: lastLineSha256 };
  const bytes = Buffer.from(HEAD_DOMAIN + canonicalJson(unsigned), 'utf8');
  return {
    ...unsigned,
    ...(keys.key ? { mac: { alg: 'hmac-sha256' as const, value: createHmac('sha256', keys.key).update(bytes).digest('hex') } } : {}),
    ...(keys.signer ? { signature: { alg: 'ed25519' as const, key_fingerprint: fingerprintOf(keys.signer), value: sign(null, bytes, keys.signer).toString('base64') } } : {}),
  };
}

/** Whether `head` has the fields of a head record (signed or not). */
function isHead(head: unknown): head is HistoryHead {
  if (head === null || typeof head !== 'object') return false;
  const record = head as Partial<HistoryHead>;
  return record.schema === 'fairaudit/history-head@1' && Number.isInteger(record.lines) && typeof record.last_line_sha256 === 'string';
}

/** What is wrong with the Ed25519 signature of `head` under `publicKey`; undefined when it holds. */
export function headSignatureProblem(head: unknown, publicKey: KeyObject): string | undefined {
  if (!isHead(head)) return 'the head record is damaged: it was edited';
  const bytes = Buffer.from(HEAD_DOMAIN + canonicalJson({ schema: head.schema, lines: head.lines, last_line_sha256: head.last_line_sha256 }), 'utf8');
  return signatureProblem(head.signature, bytes, publicKey, 'the head record');
}

/** Whether `head` is a head record signed with `key`. */
export function headValid(head: unknown, key: Buffer): head is HistoryHead {
  if (!isHead(head) || typeof head.mac?.value !== 'string') return false;
  return sameHex(head.mac.value, signHead(head.lines, head.last_line_sha256, { key }).mac!.value);
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
