/**
 * The dialect of a delimited text file as fairaudit read it (delimiter, quote, header, line end,
 * encoding), what it repaired on the way (renamed columns, dropped repeated header rows), and the
 * warnings that tell the user so. Kept on the file's provenance, so the results record it and a
 * writer can keep the input's dialect.
 */
import type { Dialect } from '../results/input.js';

/** How a file was read: the results contract's types (`input.files[].dialect`). */
export type { Dialect, DialectSource, RenamedColumn } from '../results/input.js';

/** One warning about how a file was read, as the audit's warnings list holds it. */
export interface ReadWarning {
  code: string;
  message: string;
}

/** A delimiter as a user would type it in a message. */
function delimiterLabel(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : delimiter === ' ' ? 'runs of spaces' : `"${delimiter}"`;
}

/**
 * The warnings a reader of the results needs about how `path` was read: nothing is repaired or
 * guessed silently. Empty for a plain file with a header.
 */
export function dialectWarnings(path: string, dialect: Dialect, columns: number): ReadWarning[] {
  const warnings: ReadWarning[] = [];
  if (dialect.column_names === 'numbered' && dialect.decided.header === 'detected') {
    warnings.push({
      code: 'no-header',
      message: `${path}: the first line looks like data (its values have the types of the rows below it), so it is read as a row and the columns are named column_1…column_${columns}. Pass --header if it is a header, or name the columns with --columns a,b,… (columns: in the config).`,
    });
  }
  if (dialect.skipped_lines) {
    const n = dialect.skipped_lines;
    warnings.push({
      code: 'skipped-lines',
      message: `${path}: skipped the first ${n === 1 ? 'line' : `${n} lines`}, a title or note above the table (fewer fields than the lines below); the header is line ${n + 1}. Remove ${n === 1 ? 'it' : 'them'} from the file to silence this.`,
    });
  }
  if (dialect.renamed_columns && dialect.renamed_columns.length > 0) {
    const list = dialect.renamed_columns.map((r) => `"${r.from}" (column ${r.position}) → "${r.to}"`).join(', ');
    warnings.push({
      code: 'renamed-columns',
      message: `${path}: the header repeats column names; renamed ${list}. Rename them in the file, or name every column with --columns, to choose the names.`,
    });
  }
  if (dialect.repeated_header_rows) {
    const lines = dialect.repeated_header_lines ?? [];
    const shown = lines.join(', ') + (dialect.repeated_header_rows > lines.length ? ', …' : '');
    warnings.push({
      code: 'repeated-header-rows',
      message: `${path}: dropped ${dialect.repeated_header_rows} row${dialect.repeated_header_rows === 1 ? '' : 's'} that repeat the header (line${lines.length === 1 ? '' : 's'} ${shown}); they are not counted as data. Remove them from the file to silence this.`,
    });
  }
  if (dialect.delimiter === ' ' && dialect.decided.delimiter === 'detected') {
    warnings.push({
      code: 'whitespace-delimited',
      message: `${path}: fields are separated by runs of spaces, so it is read as a space-aligned table of ${columns} columns. Pass --delimiter to choose another delimiter.`,
    });
  }
  if (dialect.decimal_comma_columns && dialect.decimal_comma_columns.length > 0) {
    const list = dialect.decimal_comma_columns.map((c) => `"${c}"`).join(', ');
    warnings.push({
      code: 'decimal-comma',
      message: `${path}: ${list} ${dialect.decimal_comma_columns.length === 1 ? 'holds numbers' : 'hold numbers'} written with a decimal comma, read as such (0,54 as 0.54; 1.234,5 as 1234.5).`,
    });
  }
  if (dialect.missing_words && dialect.missing_words.length > 0) warnings.push(missingWordsWarning(path, dialect.missing_words));
  if (dialect.other_delimiter) {
    const other = dialect.other_delimiter;
    warnings.push({
      code: 'single-column',
      message: `${path}: the delimiter ${delimiterLabel(dialect.delimiter)} reads one column, but ${delimiterLabel(other.delimiter)} splits every line into ${other.fields} fields. Check --delimiter (delimiter: in the config).`,
    });
  }
  return warnings;
}

/** The warning about words read as missing values in number columns (`unknown`, `#N/A`), for any text format. */
export function missingWordsWarning(path: string, columns: readonly { column: string; words: readonly string[] }[]): ReadWarning {
  const list = columns.map((m) => `"${m.column}" (${m.words.map((w) => JSON.stringify(w)).join(', ')})`).join('; ');
  return {
    code: 'missing-words',
    message: `${path}: number columns hold words read as missing values: ${list}. Rows with them count as missing in those columns.`,
  };
}
