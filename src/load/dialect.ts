/**
 * The dialect of a delimited text file as fairaudit read it (delimiter, quote, header, line end,
 * encoding), what it repaired on the way (renamed columns, dropped repeated header rows), and the
 * warnings that tell the user so. Kept on the file's provenance, so the results record it and a
 * writer can keep the input's dialect.
 */
import type { TextEncoding } from './text-stream.js';

/** A column renamed because the header repeats its name. */
export interface RenamedColumn {
  /** 1-based position of the column in the file. */
  position: number;
  /** The name the header gives it. */
  from: string;
  /** The name fairaudit uses. */
  to: string;
}

/** How a choice of the dialect was made. */
export type DialectSource = 'detected' | 'given';

/**
 * How one CSV/TSV file was read. Field names are snake_case: the object lands in `audit.json`
 * (`input.files[].dialect`).
 */
export interface Dialect {
  /** `,` `;` `\t` `|`, or `' '` for runs of spaces and tabs (a space-aligned file). */
  delimiter: string;
  /** The quote character (RFC 4180 quoting: `""` inside a quoted value is one quote). */
  quote: '"';
  /** Whether the first line is a header (otherwise it is the first row). */
  header: boolean;
  /** How the first line ends. */
  line_ending: '\n' | '\r\n';
  /** The encoding the bytes were decoded from. */
  encoding: TextEncoding;
  /** Whether the delimiter, the header and the encoding were detected or given by a flag or config key. */
  decided: { delimiter: DialectSource; header: DialectSource; encoding: DialectSource };
  /** Where the column names come from: the header line, `--columns`, or `column_1…n` for a headerless file. */
  column_names: 'header' | 'given' | 'numbered';
  /** Columns renamed because the header repeats their names. */
  renamed_columns?: RenamedColumn[];
  /** Rows in the body equal to the header line, dropped (counted by the last full read). */
  repeated_header_rows?: number;
  /** Line numbers of the first few dropped header rows. */
  repeated_header_lines?: number[];
  /** With a given delimiter that yields one column: a delimiter that splits every line the same way, and into how many fields. */
  other_delimiter?: { delimiter: string; fields: number };
}

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
  if (dialect.other_delimiter) {
    const other = dialect.other_delimiter;
    warnings.push({
      code: 'single-column',
      message: `${path}: the delimiter ${delimiterLabel(dialect.delimiter)} reads one column, but ${delimiterLabel(other.delimiter)} splits every line into ${other.fields} fields. Check --delimiter (delimiter: in the config).`,
    });
  }
  return warnings;
}
