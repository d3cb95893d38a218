/**
 * Cells as text for the text writers (CSV, TSV, JSON Lines): one formatter per column chunk that
 * reads the typed arrays directly. Dictionary columns format each dictionary entry once.
 */
import { DataType, type Data, type Vector } from 'apache-arrow';
import { isValidAt, textOf, valueReader, type CellValue } from '../arrow/cells.js';

/** How values become cell text. */
export interface CellStyle {
  /** A non-null value's text (already quoted or escaped as the format needs). */
  value(value: CellValue, type: DataType): string;
  /** What a null is written as. */
  nullText: string;
}

/** `cell(i)`: the text of row `i` of `data` in `style`. */
export function cellFormatter(data: Data, style: CellStyle): (i: number) => string {
  if (DataType.isDictionary(data.type)) {
    const dictionary = data.dictionary as Vector;
    const entries: string[] = [];
    for (const chunk of dictionary.data) {
      const read = valueReader(chunk);
      for (let j = 0; j < chunk.length; j++) entries.push(isValidAt(chunk, j) ? style.value(read(j), chunk.type) : style.nullText);
    }
    const indices = data.values as ArrayLike<number>;
    if (data.nullCount === 0) return (i) => entries[indices[i]];
    return (i) => (isValidAt(data, i) ? entries[indices[i]] : style.nullText);
  }
  const read = valueReader(data);
  const type = data.type;
  if (data.nullCount === 0) return (i) => style.value(read(i), type);
  return (i) => (isValidAt(data, i) ? style.value(read(i), type) : style.nullText);
}

/**
 * RFC 4180 style for a delimiter: a field holding the delimiter, a quote, CR or LF is quoted with
 * quotes doubled; an empty string is written `""` so it differs from a null (an empty field).
 * `quoteAll` quotes every text field. `guardFormulas` prefixes `'` to text a spreadsheet would run
 * as a formula (starting with `=`, `+`, `-`, `@`, tab or CR; OWASP's CSV-injection guidance);
 * numbers are never prefixed.
 */
export function delimitedStyle(delimiter: string, options: { quoteAll?: boolean; guardFormulas?: boolean } = {}): CellStyle {
  const special = new RegExp(`["\\r\\n${delimiter === '\t' ? '\\t' : delimiter.replace(/[|\\^$.*+?()[\]{}]/g, '\\$&')}]`);
  const { quoteAll = false, guardFormulas = false } = options;
  return {
    nullText: '',
    value(value, type) {
      let text = textOf(value, type);
      if (text === '') return '""';
      if (guardFormulas && typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
      return quoteAll || special.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    },
  };
}

/** The first characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** JSON style: numbers and booleans bare (non-finite numbers as null), everything else a JSON string. */
export const JSON_STYLE: CellStyle = {
  nullText: 'null',
  value(value, type) {
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') {
      const t = DataType.isDictionary(type) ? type.dictionary : type;
      if (DataType.isDate(t) || DataType.isTimestamp(t)) return JSON.stringify(textOf(value, type));
      return Number.isFinite(value) ? String(value) : 'null';
    }
    if (typeof value === 'bigint') return value.toString();
    return JSON.stringify(value);
  },
};
