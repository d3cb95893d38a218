/**
 * The dialect of a delimited text file — delimiter, quoting, line ending, byte-order mark — read
 * from its first bytes, so a masked copy is written the way its input was (a semicolon-separated
 * export stays semicolon-separated, CRLF stays CRLF) and opens in the same tools. Only what a
 * writer needs: fairaudit reads and writes UTF-8 text, the header line is always written.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { sniffDelimiter } from '../load/delimiter.js';

/** How delimited text is written. */
export interface TextDialect {
  /** Field delimiter: `,` `;` tab `|`. */
  delimiter: string;
  /** Line ending. */
  eol: '\r\n' | '\n';
  /** Start the file with a UTF-8 byte-order mark (as spreadsheet exports often do). */
  bom: boolean;
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
export async function readDialect(path: string, format: 'csv' | 'tsv'): Promise<TextDialect> {
  const head = await readHead(path, path.toLowerCase().endsWith('.gz'));
  return dialectOf(head, format);
}

/** The dialect of text that starts with `head` (pure: see {@link readDialect}). */
export function dialectOf(head: Buffer, format: 'csv' | 'tsv'): TextDialect {
  const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const text = head.toString('utf8', bom ? 3 : 0);
  const standard = standardDialect(format);
  const delimiter = sniffDelimiter(text, standard.delimiter);
  const newline = text.indexOf('\n');
  const eol = newline > 0 && text[newline - 1] === '\r' ? '\r\n' : newline >= 0 ? '\n' : standard.eol;
  const lines = text.split(/\r?\n/, 3).slice(0, 2).filter((line) => line !== '');
  const quoteAll = lines.length > 0 && lines.every((line) => line.split(delimiter).every((field) => field.length >= 2 && field.startsWith('"') && field.endsWith('"')));
  return { delimiter, eol, bom, quoteAll };
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
