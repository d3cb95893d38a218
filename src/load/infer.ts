/**
 * Type inference shared by the text formats (CSV, TSV, JSON Lines): which values count as
 * missing, and which Arrow type a column gets from a first sample of its values.
 */
import { Bool, Dictionary, Float64, Int32, Utf8, type DataType } from 'apache-arrow';

/**
 * What a text column holds, decided once from a sample. `decimal_comma`: numbers written with a
 * decimal comma (`0,54`, `1.234,5`), as spreadsheets in much of Europe export them.
 */
export type ColumnKind = 'number' | 'decimal_comma' | 'boolean' | 'string';

/** Rows read to infer the column types of a text file. */
export const INFERENCE_ROWS = 10_000;

const NULL_TOKENS = new Set(['', 'na', 'n/a', 'null', '?']);

/**
 * Whether a text value means "missing": `""`, `NA`, `N/A`, `NULL`, `?`, in any letter case and
 * with surrounding whitespace (` NA `, `na`, `   `).
 */
export function isNullToken(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  const first = value.charCodeAt(0);
  // Every token starts with N, n, ? or whitespace; anything else is a value (the common case).
  if (first !== 78 && first !== 110 && first !== 63 && first !== 32 && first !== 9) return false;
  const trimmed = value.trim();
  return trimmed.length <= 4 && NULL_TOKENS.has(trimmed.toLowerCase());
}

/**
 * Whether a text value is a floating-point NaN as other tools write it (`NaN` from Spark, Java and
 * R, `nan` and `-nan` from C and NumPy), in any letter case, surrounding whitespace allowed: in a
 * number column it means "missing". Not a null token elsewhere: `Nan` is also a given name.
 */
export function isNanToken(value: string): boolean {
  const n = value.length;
  if (n < 3 || n > 8) return false;
  const trimmed = value.trim().toLowerCase();
  return trimmed === 'nan' || trimmed === '-nan' || trimmed === '+nan';
}

/**
 * Words that mean "no number here" as spreadsheets and people write them in a number column
 * (`unknown`, `missing`, `.` as SAS and Stata write a missing value, Excel's `#N/A` and
 * `#DIV/0!`), lower case. Only among numbers: elsewhere `unknown` is a value like any other. Not
 * `none`, `nil` or `-`: in a count or an accounting column they often mean 0.
 */
const MISSING_WORDS = new Set([
  'unknown', 'unk', 'missing', 'not available', 'not stated', 'not known', 'not applicable', 'n.a.', 'n.a', 'n/k',
  '.', '#n/a', '#na', '#value!', '#div/0!', '#ref!', '#num!', '#null!', '#name?',
  'desconocido', 'inconnu', 'unbekannt', 'desconhecido', 'k.a.', 'sin dato',
]);

/** Whether a text value is one of the {@link MISSING_WORDS}, in any letter case, spaces around allowed. */
export function isMissingWord(value: string): boolean {
  const n = value.length;
  if (n === 0 || n > 20) return false;
  return MISSING_WORDS.has(value.trim().toLowerCase());
}

/** The distinct {@link isMissingWord missing words} among a number column's sampled values, trimmed, at most five. */
export function missingWordsIn(values: Iterable<unknown>): string[] {
  const words = new Set<string>();
  for (const value of values) if (typeof value === 'string' && isMissingWord(value) && words.size < 5) words.add(value.trim());
  return [...words];
}

/** Whether a text value is missing in a number column: a {@link isNanToken NaN} or a {@link isMissingWord missing word}. */
export function isMissingNumber(value: string): boolean {
  return isNanToken(value) || isMissingWord(value);
}

/** `true` or `false` in any letter case, surrounding whitespace allowed; undefined otherwise. */
export function parseBoolean(value: string): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** Letters JavaScript reads as a radix prefix (`0x10`, `0b1`, `0o7`); no decimal spelling holds one. */
const RADIX_PREFIX = /[xXbBoO]/;

/**
 * The number a text value spells in decimal, or NaN. Blank text is not a number, and neither is
 * `0x10`, `0b1` or `0o7`: JavaScript would read them as 16, 1 and 7, but in data they are codes
 * (a hex id, a product code), and reading `0x10` as 16 would merge it with a real 16.
 */
export function parseNumber(value: string): number {
  const n = +value;
  if (n !== n) return n;
  if (n === 0 && value.trim() === '') return NaN;
  return RADIX_PREFIX.test(value) ? NaN : n;
}

/**
 * The kind of one non-missing text value. A whole number written with a leading zero (`02134`,
 * `007`) is text: it is a code (ZIP, identifier) whose zeros matter, not a quantity.
 */
export function textValueKind(value: string): ColumnKind {
  if (parseBoolean(value) !== undefined) return 'boolean';
  if (parseNumber(value) === parseNumber(value)) return hasLeadingZero(value.trim()) ? 'string' : 'number';
  return 'string';
}

function hasLeadingZero(text: string): boolean {
  const start = text.charCodeAt(0) === 45 || text.charCodeAt(0) === 43 ? 1 : 0;
  return text.length > start + 1 && text.charCodeAt(start) === 48 && text.charCodeAt(start + 1) >= 48 && text.charCodeAt(start + 1) <= 57;
}

/** A number with a decimal comma: digits (in groups of three after dots, `1.234`), a comma, digits. */
const DECIMAL_COMMA = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;

/**
 * The number a text value spells with a decimal comma (`0,54` → 0.54, `1.234,5` → 1234.5,
 * `-12` → −12), or NaN. Surrounding whitespace is allowed.
 */
export function parseDecimalComma(value: string): number {
  const text = value.trim();
  if (!DECIMAL_COMMA.test(text)) return NaN;
  return Number(text.replace(/\./g, '').replace(',', '.'));
}

/** The number `value` spells in a column of `kind` (`number` or `decimal_comma`), or NaN. */
export function parseNumberOf(kind: ColumnKind, value: string): number {
  return kind === 'decimal_comma' ? parseDecimalComma(value) : parseNumber(value);
}

/**
 * The kind of a text column from sampled values: `number` when every non-missing value is a
 * number (a NaN token is a missing number: {@link isNanToken}), `boolean` when every one is
 * true/false, else `string` (also when all are missing).
 *
 * @example
 * inferTextKind(['1', '2.5', 'NA']) // 'number'
 * inferTextKind(['1.0', '0.0', 'NaN']) // 'number'
 */
export function inferTextKind(values: Iterable<string>): ColumnKind {
  let kind: ColumnKind | undefined;
  let nan = false;
  for (const value of values) {
    if (isNullToken(value)) continue;
    if (isMissingNumber(value)) {
      nan = true;
      continue;
    }
    const k = textValueKind(value);
    if (k === 'string' || (kind !== undefined && kind !== k)) return decimalCommaKind(values);
    kind = k;
  }
  // NaN and the missing words are missing only among numbers: beside true/false, or alone, they are text.
  return kind === 'number' || (kind === 'boolean' && !nan) ? kind : 'string';
}

/**
 * `decimal_comma` when every non-missing value is a number with a decimal comma and at least one
 * has the comma (`1.234` alone is a number with a decimal point), else `string`. A whole number
 * with a leading zero (`02134`) is a code, as in {@link textValueKind}.
 */
function decimalCommaKind(values: Iterable<string>): ColumnKind {
  let comma = false;
  for (const value of values) {
    if (isNullToken(value) || isMissingNumber(value)) continue;
    const text = value.trim();
    if (!DECIMAL_COMMA.test(text)) return 'string';
    if (text.includes(',')) comma = true;
    else if (hasLeadingZero(text)) return 'string';
  }
  return comma ? 'decimal_comma' : 'string';
}

/**
 * The kind of a JSON Lines column from sampled JSON values: JSON numbers give `number`, JSON
 * booleans `boolean`; strings, objects, arrays or a mix give `string`. `null`, absent keys and
 * null-token strings are missing, and so is the string `"NaN"` among numbers.
 */
export function inferJsonKind(values: Iterable<unknown>): ColumnKind {
  let kind: ColumnKind | undefined;
  let nan = false;
  for (const value of values) {
    if (value === null || value === undefined || (typeof value === 'string' && isNullToken(value))) continue;
    if (typeof value === 'string' && isMissingNumber(value)) {
      nan = true;
      continue;
    }
    const k: ColumnKind = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
    if (k === 'string' || (kind !== undefined && kind !== k)) return 'string';
    kind = k;
  }
  // As in text: "NaN" is a missing number beside numbers, and text otherwise.
  return kind === 'number' || (kind === 'boolean' && !nan) ? kind : 'string';
}

let nextDictionaryId = 1_000_000;

/**
 * The Arrow type of a column kind: numbers are Float64 (exact for integers up to 2^53, and a
 * decimal after the sample cannot break the read), booleans Bool, strings
 * `Dictionary<Int32, Utf8>`.
 */
export function arrowTypeOf(kind: ColumnKind): DataType {
  if (kind === 'number' || kind === 'decimal_comma') return new Float64();
  if (kind === 'boolean') return new Bool();
  return new Dictionary(new Utf8(), new Int32(), nextDictionaryId++);
}
