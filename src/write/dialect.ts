/**
 * The dialect of a delimited text file — delimiter, quoting, line ending, byte-order mark — read
 * from its first bytes, so a masked copy is written the way its input was (a semicolon-separated
 * export stays semicolon-separated, CRLF stays CRLF, Latin-1 stays Latin-1, a headerless file
 * stays headerless) and opens in the same tools. The encoding and the header come from how the
 * loader read the file (its provenance), the rest from its first bytes.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { sniffDelimiter } from '../load/delimiter.js';
import type { FileProvenance } from '../load/source.js';
import type { TextEncoding } from '../load/text-stream.js';

/** How delimited text is written. */
export interface TextDialect {
  /** Field delimiter: `,` `;` tab `|`. */
  delimiter: string;
  /** Line ending. */
  eol: '\r\n' | '\n';
  /** Start the file with the encoding's byte-order mark (as spreadsheet exports and UTF-16 files often do). */
  bom: boolean;
  /** The bytes' encoding (default UTF-8). */
  encoding?: TextEncoding;
  /** Write the column names as the first line (default true). */
  header?: boolean;
  /** Quote every text field, as the input did, rather than only those that need it. */
  quoteAll: boolean;
  /**
   * Prefix a text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at its
   * start) with `'` (OWASP, CSV injection). Default false; `mask` turns it on unless `--raw-csv`.
   */
  guardFormulas?: boolean;
}

/** The dialect of a format's files when nothing else is known: RFC 4180 for CSV, tabs for TSV. */
export function standardDialect(format: 'csv' | 'tsv'): TextDialect {
  return { delimiter: format === 'tsv' ? '\t' : ',', eol: '\r\n', bom: false, quoteAll: false };
}

const HEAD_BYTES = 64 * 1024;

/**
 * Reads the dialect of the delimited text file at `path` (gzip-compressed when it ends in `.gz`)
 * from its first 64 KiB: the delimiter as the loader sniffs it, CRLF or LF from the first line,
 * the byte-order mark, and whether every field of the first two lines is quoted.
 *
 * @example
 * await readDialect('exports/loans.csv', 'csv'); // { delimiter: ';', eol: '\r\n', bom: true, quoteAll: false }
 */
export async function readDialect(path: string, format: 'csv' | 'tsv', encoding: TextEncoding = 'utf-8'): Promise<TextDialect> {
  const head = await readHead(path, path.toLowerCase().endsWith('.gz'));
  return dialectOf(head, format, encoding);
}

/**
 * The dialect a copy of the input file `file` keeps: the encoding and the header as the loader
 * read them (its provenance's `dialect`), the delimiter, line ending, byte-order mark and quoting
 * from its first bytes.
 *
 * @example
 * await inputDialect(source.files[0], 'csv'); // { delimiter: ';', encoding: 'latin1', header: false, … }
 */
export async function inputDialect(file: FileProvenance, format: 'csv' | 'tsv'): Promise<TextDialect> {
  const encoding = file.dialect?.encoding ?? 'utf-8';
  const dialect = await readDialect(file.path, format, encoding);
  return { ...dialect, header: file.dialect?.header ?? true };
}

/** The dialect of text in `encoding` that starts with `head` (pure: see {@link readDialect}). */
export function dialectOf(head: Buffer, format: 'csv' | 'tsv', encoding: TextEncoding = 'utf-8'): TextDialect {
  const { bom, text } = decodeHead(head, encoding);
  const standard = standardDialect(format);
  const delimiter = sniffDelimiter(text, standard.delimiter);
  const newline = text.indexOf('\n');
  const eol = newline > 0 && text[newline - 1] === '\r' ? '\r\n' : newline >= 0 ? '\n' : standard.eol;
  const lines = text.split(/\r?\n/, 3).slice(0, 2).filter((line) => line !== '');
  const quoteAll = lines.length > 0 && lines.every((line) => line.split(delimiter).every((field) => field.length >= 2 && field.startsWith('"') && field.endsWith('"')));
  // UTF-8 is what a dialect without an encoding means.
  return { delimiter, eol, bom, quoteAll, ...(encoding === 'utf-8' ? {} : { encoding }) };
}

/** The head's text and whether it starts with its encoding's byte-order mark (a cut-off last character is dropped). */
function decodeHead(head: Buffer, encoding: TextEncoding): { bom: boolean; text: string } {
  switch (encoding) {
    case 'utf-16le':
    case 'utf-16be': {
      const bom = head.length >= 2 && (encoding === 'utf-16le' ? head[0] === 0xff && head[1] === 0xfe : head[0] === 0xfe && head[1] === 0xff);
      const body = Buffer.from(head.subarray(bom ? 2 : 0, head.length - (head.length % 2)));
      return { bom, text: (encoding === 'utf-16be' ? body.swap16() : body).toString('utf16le') };
    }
    case 'latin1':
    case 'windows-1252':
      return { bom: false, text: new TextDecoder(encoding).decode(head) };
    default: {
      const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
      return { bom, text: head.toString('utf8', bom ? 3 : 0) };
    }
  }
}

async function readHead(path: string, gzip: boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  const file = createReadStream(path, gzip ? {} : { end: HEAD_BYTES - 1 });
  const stream = gzip ? file.pipe(createGunzip()) : file;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= HEAD_BYTES) break;
    }
  } catch {
    // A truncated or unreadable head leaves the standard dialect to the caller's checks; the loader reports bad bytes.
  } finally {
    file.destroy();
  }
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}
