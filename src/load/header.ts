/**
 * Header detection and column naming for delimited text: whether the first record is a header
 * (as Python's `csv.Sniffer.has_header` and DuckDB's sniffer judge it), and unique column names.
 * Pure: strings in, decisions out.
 */
import { inferTextKind, isMissingNumber, isNullToken, parseDecimalComma, textValueKind, type ColumnKind } from './infer.js';
import type { RenamedColumn } from './dialect.js';

/**
 * Whether `first` (the fields of the first record) is a header, judged against `body` (each
 * column's values in the next records, without exact copies of `first`):
 * - a column whose body holds only numbers (or only true/false) votes "header" when its first
 *   value is not of that type and "data" when it is: any "header" vote makes a header, else any
 *   "data" vote makes the first record a row;
 * - when no column is typed, the first record is a row when more than half of its values also
 *   occur in their column's body (`Male` in a column of `Male`/`Female`): a header name that
 *   happens to be a value too does not make a header a row;
 * - otherwise, and when there is no body to judge by, it is a header.
 *
 * @example
 * looksLikeHeader(['age', 'sex'], [['39', '50'], ['Male', 'Female']]) // true
 * looksLikeHeader(['39', 'Male'], [['50', '38'], ['Female', 'Male']]) // false
 */
export function looksLikeHeader(first: readonly string[], body: readonly (readonly string[])[], bodyKinds?: readonly ColumnKind[]): boolean {
  if (body.length === 0 || body.every((values) => values.length === 0)) return true;
  let headerVotes = 0;
  let dataVotes = 0;
  first.forEach((value, i) => {
    const values = body[i] ?? [];
    const kind = bodyKinds?.[i] ?? inferTextKind(values);
    if (kind === 'string' || values.every(isNullToken)) return;
    if (isNullToken(value) || ((kind === 'number' || kind === 'decimal_comma') && isMissingNumber(value))) return;
    if (kind === 'decimal_comma' ? parseDecimalComma(value) === parseDecimalComma(value) : textValueKind(value) === kind) dataVotes++;
    else headerVotes++;
  });
  if (headerVotes > 0) return true;
  if (dataVotes > 0) return false;
  let seen = 0;
  first.forEach((value, i) => {
    if (!isNullToken(value) && (body[i] ?? []).includes(value)) seen++;
  });
  return seen * 2 <= first.length;
}

/**
 * Unique column names from a header: blank names become `column_<position>`, and a name seen
 * before becomes `name_2`, `name_3`, … (the first that is not taken), as pandas and DuckDB do.
 * Returns the names and every rename.
 *
 * @example
 * uniqueColumnNames(['a', 'b', 'a']) // { names: ['a', 'b', 'a_2'], renamed: [{ position: 3, from: 'a', to: 'a_2' }] }
 */
export function uniqueColumnNames(header: readonly string[]): { names: string[]; renamed: RenamedColumn[] } {
  const wanted = header.map((name, i) => name.trim() || `column_${i + 1}`);
  const taken = new Set<string>();
  const names: string[] = [];
  const renamed: RenamedColumn[] = [];
  // Names the header gives itself win over generated ones, wherever they stand.
  const given = new Set(wanted);
  for (let i = 0; i < wanted.length; i++) {
    const name = wanted[i];
    if (!taken.has(name)) {
      taken.add(name);
      names.push(name);
      continue;
    }
    let k = 2;
    while (taken.has(`${name}_${k}`) || given.has(`${name}_${k}`)) k++;
    const to = `${name}_${k}`;
    taken.add(to);
    names.push(to);
    renamed.push({ position: i + 1, from: name, to });
  }
  return { names, renamed };
}

/** `column_1` … `column_n`, the names of a headerless file's columns. */
export function numberedColumnNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `column_${i + 1}`);
}
