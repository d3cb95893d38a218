/**
 * Numeric flags, checked on entry. yargs' own `type: 'number'` turns `--threshold abc` into NaN
 * (every score is then "below" it and an audit passes having judged nothing) and reads `0x10` as
 * 16; these flags are read as text instead and parsed here, so a number that is not plainly a
 * finite decimal in range is a usage error naming the flag.
 */
import { UserError } from '../errors.js';

/** What a numeric flag accepts. */
export interface NumberFlagRange {
  /** Whole numbers only (sizes, counts, seeds). */
  integer?: boolean;
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
}

/** A plain decimal number, as people write one: `0.7`, `-3`, `.5`, `1e-3`. No hex, no `Infinity`. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses the text of numeric flag `--flag` under `range`; throws a UserError naming the flag and
 * what it takes for anything else (`abc`, `0x10`, `1e400`, `-1` for a size, `1.5` for a seed).
 *
 * @example
 * parseNumberFlag('threshold', '0.7');                          // 0.7
 * parseNumberFlag('min-group-size', '-1', { integer: true, min: 0 }); // throws: invalid --min-group-size: -1 (…)
 */
export function parseNumberFlag(flag: string, text: unknown, range: NumberFlagRange = {}): number {
  if (Array.isArray(text)) {
    throw new UserError(`--${flag} is given ${text.length} times (give it once)`);
  }
  const raw = String(text).trim();
  const value = DECIMAL.test(raw) ? Number(raw) : NaN;
  const ok = Number.isFinite(value) && (!range.integer || Number.isSafeInteger(value)) && (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
  // The hint is part of the message: yargs passes on only the message of a coerce function's error.
  if (!ok) throw new UserError(`invalid --${flag}: ${JSON.stringify(String(text))} (--${flag} takes ${describeRange(range)})`);
  return value;
}

/** A yargs option for a numeric flag: read as text, parsed by {@link parseNumberFlag}. */
export function numberFlag(flag: string, describe: string, range: NumberFlagRange = {}): { type: 'string'; describe: string; coerce: (text: unknown) => number } {
  return { type: 'string', describe, coerce: (text: unknown) => parseNumberFlag(flag, text, range) };
}

/** The largest seed: seeds are whole numbers that a double holds exactly. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** `a whole number from 0 to 100000`, `a finite number`, … */
function describeRange(range: NumberFlagRange): string {
  const kind = range.integer ? 'a whole number' : 'a finite decimal number';
  if (range.min !== undefined && range.max !== undefined) return `${kind} from ${range.min} to ${range.max}`;
  if (range.min !== undefined) return `${kind}, at least ${range.min}`;
  if (range.max !== undefined) return `${kind}, at most ${range.max}`;
  return kind;
}
