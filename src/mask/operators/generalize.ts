/**
 * `generalize`: replace a value by the coarser class it falls in — a numeric bin (`25–44`), the
 * year or month of a date, the first digits of a ZIP code, or a top code (`90+`). Coarser values
 * put more people in each class, which is what k-anonymity measures.
 */
import { DataType, makeData, type Data, type Dictionary, type Int32, type Utf8 } from 'apache-arrow';
import type { MaskRule } from '../../config/types.js';
import { parseCompactDate, parseDate, parseSerialDate } from '../../discover/patterns.js';
import { UserError } from '../../errors.js';
import { isInteger, isTemporal, textOf, type CellValue } from '../../arrow/cells.js';
import { utf8Vector, rewriteDistinct, rewrittenType, type ColumnOperator, type ColumnOutput, type ValueRewrite } from './column.js';

/**
 * The 3-digit ZIP areas with 20,000 people or fewer (US Census 2000), which HIPAA Safe Harbor
 * requires to be written as `000` (45 CFR 164.514(b)(2)(i)(B)).
 */
export const RESTRICTED_ZIP3: ReadonlySet<string> = new Set([
  '036', '059', '063', '102', '203', '556', '692', '790', '821', '823', '830', '831', '878', '879', '884', '890', '893',
]);

/** ZIP codes are written as their prefix padded with `*` to five characters, so `021**` stays text when read back. */
const ZIP_LENGTH = 5;

/**
 * Labels of numeric bins cut at `cuts` (ascending): `<25`, `25–44`, `45–64`, `65+` for integer
 * columns; for fractional columns the upper end is open, `25–<45`.
 */
export function binLabels(cuts: readonly number[], integer: boolean): string[] {
  const labels = [`<${cuts[0]}`];
  for (let b = 1; b < cuts.length; b++) {
    labels.push(integer && Number.isInteger(cuts[b]) ? `${cuts[b - 1]}–${cuts[b] - 1}` : `${cuts[b - 1]}–<${cuts[b]}`);
  }
  labels.push(`${cuts[cuts.length - 1]}+`);
  return labels;
}

/** Index of the bin holding `x`: the number of cut points at or below it. */
export function binIndex(cuts: readonly number[], x: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A ZIP code generalized to its first `digits` digits, padded with `*` (`02134-1234` → `021**`).
 * With 3 digits, the restricted areas of {@link RESTRICTED_ZIP3} become `000**`. Numbers are
 * read as 5-digit ZIPs with their leading zeros restored (2134 → 02134). Text that is not a US ZIP
 * (a postcode) keeps its first `digits` characters, spaces removed. Null when nothing is left.
 */
export function generalizeZip(value: CellValue, digits: number): string | null {
  let text = typeof value === 'number' ? String(Math.trunc(value)).padStart(ZIP_LENGTH, '0') : String(value).trim();
  const zip = /^(\d{5})(?:[-\s]?\d{4})?$/.exec(text);
  if (zip) text = zip[1];
  else text = text.replace(/\s+/g, '').toUpperCase();
  if (text.length === 0) return null;
  let prefix = text.slice(0, digits);
  if (zip && digits === 3 && RESTRICTED_ZIP3.has(prefix)) prefix = '000';
  return prefix + '*'.repeat(Math.max(0, (zip ? ZIP_LENGTH : text.length) - prefix.length));
}

/**
 * The year (`1987`) or month (`1987-04`) of a date or datetime: epoch milliseconds for date
 * columns, or text in any layout discovery reads (ISO, `4/12/1987`, `12.04.87 10:30`, `12 Apr
 * 1987`; see `parseDate`), or any other form `Date.parse` reads. Null when unreadable,
 * so an unparsable date never passes through whole.
 */
export function generalizeDate(value: CellValue, to: 'year' | 'month'): string | null {
  let year: number;
  let month: number;
  if (typeof value === 'number') {
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return null;
    year = d.getUTCFullYear();
    month = d.getUTCMonth() + 1;
  } else {
    const text = String(value).trim();
    // Also eight-digit YYYYMMDD and five-digit spreadsheet serial dates, as a dob column may hold them.
    const day = parseDate(text) ?? parseCompactDate(text) ?? parseSerialDate(text);
    const yearMonth = /^(\d{4})-(\d{1,2})$/.exec(text);
    if (day !== null) {
      const d = new Date(day);
      [year, month] = [d.getUTCFullYear(), d.getUTCMonth() + 1];
    } else if (yearMonth) [year, month] = [Number(yearMonth[1]), Number(yearMonth[2])];
    else if (/^\d{4}$/.test(text)) [year, month] = [Number(text), 0];
    else {
      const ms = Date.parse(text);
      if (Number.isNaN(ms)) return null;
      const d = new Date(ms);
      [year, month] = [d.getUTCFullYear(), d.getUTCMonth() + 1];
    }
  }
  if (to === 'year' || month === 0) return String(year);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** `value` as a number: numbers as they are, text parsed; NaN when it is not a number. */
function numberOf(value: CellValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const text = String(value).trim();
  return text === '' ? NaN : Number(text);
}

/**
 * A top code: values above `top` become `<top+1>+` (89 → `90+`, HIPAA's rule for ages), the rest
 * are written as they are. Null for a value that is not a number.
 */
export function topCode(value: CellValue, top: number): string | null {
  const x = numberOf(value);
  if (Number.isNaN(x)) return null;
  return x > top ? `${top + 1}+` : String(value);
}

/**
 * A top code on text: a number above `top` becomes `<top+1>+`; an age band (`90-94`, `85 to 94`,
 * `95+`, `over 90`) has the ages above `top` folded into one class — a band wholly above `top`
 * becomes `<top+1>+`, a band reaching past it becomes `<its lower end>+` (`85-94` → `85+`) — and
 * every other text (`Less than 25`, `unknown`, `25 - 45`) is left as it is: a top code only
 * rewrites the values it fits, so a column of bands is never emptied.
 *
 * @example
 * topCodeText('90-94', 89); // '90+'
 * topCodeText('25 - 45', 89); // '25 - 45'
 */
export function topCodeText(text: string, top: number): string {
  const trimmed = text.trim();
  const x = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isNaN(x)) return x > top ? `${top + 1}+` : text;
  const band = /^(\d{1,3})\s*(?:-|–|to|a|bis)\s*(\d{1,3})(?:\s*years?)?$/i.exec(trimmed);
  if (band) {
    const [lo, hi] = [Number(band[1]), Number(band[2])];
    if (hi <= top) return text;
    return lo > top ? `${top + 1}+` : `${lo}+`;
  }
  const open = /^(?:(\d{1,3})\s*\+|(\d{1,3})\s*(?:and|or)\s*(?:over|older|above|more)|(?:>=?|≥|over|above)\s*(\d{1,3}))$/i.exec(trimmed);
  if (open) {
    const lo = Number(open[1] ?? open[2] ?? open[3]);
    return lo > top ? `${top + 1}+` : text;
  }
  return text;
}

/**
 * A date rule that rewrites only the values it fits: text without a single digit (`unknown`,
 * `not recorded`) holds no date element and stays as it is, so a column of mostly such text is
 * never emptied; text with digits that no layout reads becomes null, so a date never passes whole.
 */
function dateFitting(to: 'year' | 'month'): ValueRewrite {
  return (value) => {
    if (typeof value === 'string' && !/\d/.test(value)) return value;
    return generalizeDate(typeof value === 'number' ? String(value) : value, to);
  };
}

/**
 * An operator for a `generalize` rule; exactly one of `bins`, `date`, `zip_digits` or `top_code`
 * says how. A value that cannot be generalized (text in a numeric rule, an unreadable date)
 * becomes null rather than passing through.
 */
export function generalizeOperator(inputType: DataType, rule: MaskRule, column: string, dictionaryId?: number): ColumnOperator {
  const rewrite = generalizer(inputType, rule, column);
  const outputType = rewrittenType(inputType, dictionaryId);
  const cache = new WeakMap();
  const binned = rule.bins && isFlatNumber(inputType) ? numericBinner(rule.bins, isInteger(inputType), outputType) : null;
  return {
    op: 'generalize',
    outputType,
    needsPrePass: false,
    observe: () => undefined,
    apply: (data: Data): ColumnOutput => (binned ? binned(data) : rewriteDistinct(data, outputType, rewrite, cache)),
  };
}

/** Integers held in a 32-bit-or-smaller typed array (floats take the general path, which turns NaN into null). */
function isFlatNumber(type: DataType): boolean {
  return DataType.isInt(type) && type.bitWidth <= 32;
}

/**
 * Binning straight from the typed array: each row's bin index is its dictionary code and the labels
 * are the dictionary (one shared vector), so there is no per-row map lookup. A label (`25–44`,
 * `65+`) never reads like a single number, so every non-null value counts as changed.
 */
function numericBinner(cuts: readonly number[], integer: boolean, outputType: Dictionary<Utf8>): (data: Data) => ColumnOutput {
  const dictionary = utf8Vector(binLabels(cuts, integer));
  return (data) => {
    const values = data.values as ArrayLike<number>;
    const n = data.length;
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = binIndex(cuts, values[i]);
    const nullCount = Math.max(0, data.nullCount);
    const out = makeData({
      type: outputType as Dictionary<Utf8, Int32>,
      offset: data.offset,
      length: n,
      nullCount,
      nullBitmap: nullCount > 0 ? data.nullBitmap : undefined,
      data: codes,
      dictionary,
    });
    return { data: out, changed: n - nullCount };
  };
}

function generalizer(inputType: DataType, rule: MaskRule, column: string): ValueRewrite {
  const ways = [rule.bins, rule.date, rule.zip_digits, rule.top_code].filter((x) => x !== undefined).length;
  if (ways !== 1) {
    throw new UserError(`generalize needs exactly one of bins, date, zip_digits or top_code (got ${ways})`, {
      column,
      hint: `set mask.columns.${column}.bins, .date, .zip_digits or .top_code`,
    });
  }
  if (rule.bins) {
    const cuts = [...rule.bins];
    if (cuts.length === 0 || cuts.some((c, i) => !Number.isFinite(c) || (i > 0 && c <= cuts[i - 1]))) {
      throw new UserError(`generalize bins must be increasing numbers, got [${cuts.join(', ')}]`, {
        column,
        hint: `fix mask.columns.${column}.bins`,
      });
    }
    const labels = binLabels(cuts, isInteger(inputType));
    return (value) => {
      const x = numberOf(value);
      return Number.isNaN(x) ? null : labels[binIndex(cuts, x)];
    };
  }
  if (rule.date) {
    const to = rule.date;
    const plain = isTemporal(inputType) ? (value: CellValue) => generalizeDate(value, to) : dateFitting(to);
    const floor = rule.year_floor;
    if (floor === undefined) return plain;
    return (value) => {
      const out = plain(value);
      return out !== null && /^\d{4}/.test(out) && Number(out.slice(0, 4)) <= floor ? `≤${floor}` : out;
    };
  }
  if (rule.zip_digits !== undefined) {
    const digits = rule.zip_digits;
    if (!Number.isInteger(digits) || digits < 0 || digits > 5) {
      throw new UserError(`zip_digits must be a whole number from 0 to 5, got ${digits}`, { column, hint: `fix mask.columns.${column}.zip_digits` });
    }
    return (value) => generalizeZip(value, digits);
  }
  const top = rule.top_code as number;
  return (value) => (typeof value === 'number' ? topCode(value, top) : topCodeText(textOf(value, inputType), top));
}
