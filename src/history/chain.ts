/**
 * The hash chain that makes a history tamper-evident. Each line carries the SHA-256 of the
 * previous line's exact bytes (`prev_sha256`, 64 zeros on the first line) and the SHA-256 of its
 * own content (`sha256`). An edited line breaks its own hash and the next line's link; a deleted
 * or reordered line breaks a link. Deleting lines from the end leaves a valid shorter chain, and
 * anyone can recompute the hashes after an edit: those two need the key (`signing.ts`). Pure.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../config/resolve.js';
import type { HistoryEntry, HistoryLine } from './entry.js';
import { headSignatureProblem, headValid, lineMacValid, lineSignatureProblem, signLine, type HistoryHead, type HistorySigner, type HistoryVerifier } from './signing.js';

/** The `prev_sha256` of the first line. */
export const GENESIS_SHA256 = '0'.repeat(64);

const NEWLINE = 0x0a;

/** Hex SHA-256 of bytes (a string is hashed as UTF-8). */
export function sha256Hex(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The `sha256` field of a line: SHA-256 of canonical JSON of everything else in it. */
export function entrySha256(line: Omit<HistoryLine, 'sha256'>): string {
  return sha256Hex(canonicalJson(line));
}

/**
 * The text of the line that follows `previousLine` (its exact bytes without the newline; null
 * for the first line), without a trailing newline. With the HMAC key the line carries its `mac`,
 * with the Ed25519 signer its `signature`.
 */
export function sealEntry(entry: HistoryEntry, previousLine: Uint8Array | string | null, keys: HistorySigner = {}): string {
  const chained = { ...entry, prev_sha256: previousLine === null ? GENESIS_SHA256 : sha256Hex(previousLine) };
  const line = { ...chained, sha256: entrySha256(chained) };
  return JSON.stringify({ ...line, ...signLine(line, keys) });
}

/** One break in the chain, at a 1-based line number. */
export interface HistoryProblem {
  line: number;
  message: string;
}

/** What {@link verifyChain} finds. */
export interface HistoryVerification {
  ok: boolean;
  lines: number;
  problems: HistoryProblem[];
  /** The last line's `sha256`: record it elsewhere to detect lines cut from the end. */
  head: string | null;
}

/** The lines of a history file's bytes (without newlines), and whether the last one ends with one. */
export function splitLines(bytes: Uint8Array): { lines: Uint8Array[]; complete: boolean } {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === NEWLINE) {
      lines.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  const complete = start === bytes.length;
  if (!complete) lines.push(bytes.subarray(start));
  return { lines, complete };
}

/**
 * Checks every link and every line hash of a history file's bytes. Reports each problem with its
 * line number; `ok` only when there are none. An empty file is a valid empty history.
 */
export function verifyChain(bytes: Uint8Array): HistoryVerification {
  const { lines, complete } = splitLines(bytes);
  const problems: HistoryProblem[] = [];
  let head: string | null = null;
  lines.forEach((raw, index) => {
    const number = index + 1;
    const parsed = parseLine(raw);
    if (typeof parsed === 'string') {
      problems.push({ line: number, message: parsed });
      head = null;
      return;
    }
    const expected = index === 0 ? GENESIS_SHA256 : sha256Hex(lines[index - 1]);
    if (parsed.prev_sha256 !== expected) {
      problems.push({
        line: number,
        message:
          index === 0
            ? 'prev_sha256 is not 64 zeros, so this is not the first line written: lines before it were deleted'
            : `prev_sha256 does not match line ${number - 1}: line ${number - 1} was edited, or lines between them were deleted or reordered`,
      });
    }
    // The signatures sign the line, hash included; they are not part of what the hash covers.
    const { sha256, mac: _mac, signature: _signature, ...rest } = parsed;
    if (sha256 !== entrySha256(rest)) problems.push({ line: number, message: 'the content does not match its sha256: this line was edited' });
    head = sha256;
  });
  if (!complete) problems.push({ line: lines.length, message: 'no newline at the end: the last append was cut short or the line was edited' });
  return { ok: problems.length === 0, lines: lines.length, problems, head };
}

/**
 * What only a key can check. With the HMAC key: every line carries a MAC made with it. With the
 * signer's public key: every line carries an Ed25519 signature by that key. A line without one,
 * or whose MAC or signature does not match, was invented or edited by someone without the key,
 * even with every hash recomputed. And the history ends where its signed head record says
 * (`head`, the parsed `<file>.head`, undefined when missing): fewer lines means lines were cut
 * from the end. With both keys, both are checked and each names its own problems.
 */
export function verifySignatures(bytes: Uint8Array, keys: HistoryVerifier, head: unknown): HistoryProblem[] {
  const { lines } = splitLines(bytes);
  const problems: HistoryProblem[] = [];
  lines.forEach((raw, index) => {
    const parsed = parseLine(raw);
    if (typeof parsed === 'string') return; // verifyChain names it
    const line = parsed as unknown as Record<string, unknown>;
    if (keys.key) {
      if (line.mac === undefined) problems.push({ line: index + 1, message: 'not signed: the line was added by someone without the history key' });
      else if (!lineMacValid(line, keys.key)) problems.push({ line: index + 1, message: 'its MAC does not match: the line was edited (its hashes recomputed or not) or signed with another key' });
    }
    const problem = keys.publicKey ? lineSignatureProblem(line, keys.publicKey) : undefined;
    if (problem) problems.push({ line: index + 1, message: problem });
  });
  if (head === undefined) {
    if (lines.length > 0) problems.push({ line: lines.length, message: 'no signed head record beside the history: lines cut from the end cannot be ruled out' });
    return problems;
  }
  const headProblems = [
    ...(keys.key && !headValid(head, keys.key) ? ['the head record is not signed with this key: it was edited or replaced'] : []),
    ...(keys.publicKey ? [headSignatureProblem(head, keys.publicKey)].filter((p): p is string => p !== undefined) : []),
  ];
  if (headProblems.length > 0) {
    problems.push(...headProblems.map((message) => ({ line: lines.length, message })));
    return problems;
  }
  const recorded = (head as HistoryHead).lines;
  if (lines.length < recorded) {
    problems.push({ line: lines.length, message: `the signed head records ${recorded} lines but the history has ${lines.length}: the last ${recorded - lines.length} were deleted` });
  } else if (sha256Hex(lines[recorded - 1] ?? new Uint8Array()) !== (head as HistoryHead).last_line_sha256) {
    problems.push({ line: recorded, message: `line ${recorded} is not the line the signed head records as the last one: the history was rewritten` });
  } else if (lines.length > recorded) {
    problems.push({ line: recorded + 1, message: `the signed head ends at line ${recorded}: the lines after it were appended without the key` });
  }
  return problems;
}

/** The parsed line, or a problem description. */
function parseLine(raw: Uint8Array): HistoryLine | string {
  if (raw.length === 0) return 'empty line: a line was deleted or blanked';
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'));
  } catch {
    return 'not valid JSON: the line was edited or cut short';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a history entry (expected a JSON object)';
  const record = value as Record<string, unknown>;
  if (typeof record.prev_sha256 !== 'string' || typeof record.sha256 !== 'string') return 'not a history entry: prev_sha256 or sha256 is missing';
  return value as HistoryLine;
}
