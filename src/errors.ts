/**
 * The one error module. A {@link UserError} is bad input or bad usage: the CLI prints its message
 * on one line and exits with its code (2 unless said otherwise), never with a stack trace. Any
 * other error that reaches the CLI is a bug in fairaudit and exits 3.
 */
import { terminalText } from './text/terminal.js';

/** Exit codes of every command (DESIGN §7). */
export const ExitCode = {
  /** Every check passed (warnings allowed). */
  ok: 0,
  /** A policy check failed. */
  checkFailed: 1,
  /** Usage or input error. */
  usage: 2,
  /** A bug in fairaudit. */
  internal: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Where a user error came from, so the message can name it. */
export interface ErrorPlace {
  /** The input or config file. */
  file?: string;
  /** 1-based line in that file. */
  line?: number;
  /** The column concerned. */
  column?: string;
}

/**
 * Bad input or usage. `message` says what is wrong; `hint` says what to change (a flag, a config
 * key, a column name). Rendered as `fairaudit: <file>:<line>: column "x": message (hint)`.
 *
 * @example
 * throw new UserError('column "race" not found', { file: 'loans.csv', hint: 'did you mean "Race"?' });
 */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  readonly hint?: string;
  readonly place: ErrorPlace;

  constructor(message: string, options: ErrorPlace & { hint?: string; exitCode?: ExitCode; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? ExitCode.usage;
    this.hint = options.hint;
    this.place = { file: options.file, line: options.line, column: options.column };
  }
}

/** The same error with `place` filled in where it was empty. Non-user errors pass through. */
export function placed(error: unknown, place: ErrorPlace): unknown {
  if (!(error instanceof UserError)) return error;
  const merged = { ...place, ...definedOnly(error.place) };
  return new UserError(error.message, { ...merged, hint: error.hint, exitCode: error.exitCode, cause: error.cause });
}

function definedOnly(place: ErrorPlace): ErrorPlace {
  return Object.fromEntries(Object.entries(place).filter(([, v]) => v !== undefined));
}

/** One line for stderr: `fairaudit: file:line: column "c": message (hint)`. */
export function formatUserError(error: UserError): string {
  const { file, line, column } = error.place;
  const where = terminalText([file && (line ? `${file}:${line}` : file), column && `column "${column}"`].filter(Boolean).join(': '));
  const text = oneLine(error.message) + (error.hint ? ` (${oneLine(error.hint)})` : '');
  return `fairaudit: ${where ? `${where}: ` : ''}${text}`;
}

/** What the CLI prints for an unexpected error: it is a bug, and says so. */
export function formatInternalError(error: unknown): string {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `fairaudit: internal error (a bug in fairaudit; please report it with the command you ran): ${oneLine(detail)}`;
}

/** One line, with the control characters that data may bring (a column name, a file name) shown escaped. */
function oneLine(text: string): string {
  return terminalText(text.replace(/\s*\n\s*/g, ' ').trim());
}

/**
 * The name in `candidates` nearest to `name` (case-insensitive edit distance), for "did you mean"
 * hints; undefined when nothing is close.
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  const target = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(target.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** A user error for a column name that is not in the data: lists the columns, suggests the nearest. */
export function unknownColumn(name: string, columns: readonly string[], options: { flag?: string; file?: string } = {}): UserError {
  const near = nearestName(name, columns);
  const list = columns.length > 12 ? `${columns.slice(0, 12).join(', ')}, … (${columns.length} in all)` : columns.join(', ');
  const fix = options.flag ? `; fix ${options.flag}` : '';
  // Columns named column_1…n: the file was read without a header, so no name of the user's can match.
  if (columns.length > 0 && columns.every((c, i) => c === `column_${i + 1}`)) {
    return new UserError(`unknown column "${name}": the file looks headerless (its first line reads as data), so its columns are named column_1…column_${columns.length}`, {
      file: options.file,
      hint: 'name the columns with --columns a,b,c (columns: in the config), or pass --header if the first line is the header',
    });
  }
  return new UserError(`unknown column "${name}"; the columns are: ${list}`, {
    file: options.file,
    hint: near ? `did you mean "${near}"?${fix}` : options.flag ? `fix ${options.flag}` : undefined,
  });
}
