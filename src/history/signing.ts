/**
 * Keyed signatures for history lines, so that someone who can edit the file but does not hold the
 * key cannot rewrite it unseen. The SHA-256 chain alone catches accidents, not an adversary: an
 * edited line with every later hash recomputed, or a history invented from scratch, passes it.
 *
 * With an HMAC key (`FAIRAUDIT_HISTORY_KEY`), each line carries `mac`: HMAC-SHA-256 over the
 * line's signing input — the canonical JSON of every field except `mac` and `signature`, so
 * `prev_sha256` and `sha256` are covered and the MAC binds the line to its place in the chain.
 * A public-key signature (Ed25519 with `--sign-key`) is meant to sit beside it as `signature`
 * over the same signing input, verified with the public key alone. Pure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../config/resolve.js';
import { UserError } from '../errors.js';

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
 * The signed record of where the history ended after the last signed append: its line count and
 * the SHA-256 of its last line. Kept beside the history (`<file>.head`): lines cut from the end
 * leave a history shorter than its head says, which a key holder detects.
 */
export interface HistoryHead {
  schema: 'fairaudit/history-head@1';
  lines: number;
  /** SHA-256 of the last line's exact bytes (without its newline). */
  last_line_sha256: string;
  mac: LineMac;
}

/** The head record for a history of `lines` lines whose last line hashes to `lastLineSha256`. */
export function signHead(lines: number, lastLineSha256: string, key: Buffer): HistoryHead {
  const unsigned = { schema: 'fairaudit/history-head@1' as const, lines, last_line_sha256: lastLineSha256 };
  const value = createHmac('sha256', key).update(HEAD_DOMAIN).update(canonicalJson(unsigned)).digest('hex');
  return { ...unsigned, mac: { alg: 'hmac-sha256', value } };
}

/** Whether `head` is a head record signed with `key`. */
export function headValid(head: unknown, key: Buffer): head is HistoryHead {
  if (head === null || typeof head !== 'object') return false;
  const record = head as Partial<HistoryHead>;
  if (record.schema !== 'fairaudit/history-head@1' || !Number.isInteger(record.lines) || typeof record.last_line_sha256 !== 'string') return false;
  if (typeof record.mac?.value !== 'string') return false;
  return sameHex(record.mac.value, signHead(record.lines!, record.last_line_sha256, key).mac.value);
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
