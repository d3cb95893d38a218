/**
 * CSV tokenizers that hand each field straight to its column builder: no row arrays, no row
 * objects. RFC 4180 quoting (`"a ""b"", c"`, line breaks inside quotes), `\n` or `\r\n` line ends,
 * blank lines skipped, 1-based line numbers kept for every error. {@link CsvTokenizer} reads
 * strings (the header, the rows sampled for type inference); {@link CsvByteTokenizer} reads the
 * UTF-8 bytes of a scan and must agree with it record for record.
 *
 * Why two state machines for one grammar: reading the header and the sample with the byte
 * tokenizer (the sample encoded once, its fields collected by {@link ValuesSink}) was tried twice,
 * and every measurement of a 1M-row CSV audit showed more CPU: 9% the first time; then medians of
 * 1.74 s against 1.64 s, and 1.60 s against 1.40 s (6 interleaved runs each, on 2 cores shared
 * with other work: noisy, but one-sided). The scan's sink calls meeting one more class is not the
 * cause: running the byte tokenizer with ValuesSink on two records before the scan cost nothing
 * (median of 5 runs: 1.48 s against 1.60 s). The cause was not found; until it is, the string tokenizer stays.
 * What keeps them from drifting apart instead: test/load/csv-byte-tokenizer.test.ts checks both
 * against a plain one-character-at-a-time reading of the grammar written there, records, line
 * numbers and errors, whole and cut at every byte.
 */
import { UserError } from '../errors.js';

const QUOTE = 34;
const CR = 13;
const LF = 10;

const utf8 = new TextDecoder();

/** The text of UTF-8 `bytes` from `start` to `end` (bytes already checked to be UTF-8). */
export function decodeRange(bytes: Uint8Array, start: number, end: number): string {
  return utf8.decode(bytes.subarray(start, end));
}

/** Where the fields of one column go; `undefined` for a column the scan does not need. */
export interface FieldSink {
  readonly length: number;
  addText(value: string, line: number): void;
  /** Adds the unquoted value `text.slice(start, end)`; lets a number column parse it in place. */
  addRange(text: string, start: number, end: number, line: number): void;
  /** Adds the unquoted value held by UTF-8 `bytes` from `start` to `end`; lets a column skip decoding it. */
  addBytes(bytes: Uint8Array, start: number, end: number, line: number): void;
  truncate(length: number): void;
}

/**
 * Parses records of a known number of fields from successive pieces of text. A record cut off at
 * the end of a piece is left unparsed (its position is returned) so the caller can prepend it to
 * the next piece.
 */
export class CsvTokenizer {
  /** Line number of the next record to parse. */
  line: number;
  /** Records parsed by the last {@link parse} call. */
  records = 0;
  private readonly delimiterCode: number;

  constructor(
    private readonly delimiter: string,
    private readonly fieldCount: number,
    private readonly sinks: readonly (FieldSink | undefined)[],
    firstLine: number,
    private readonly strictFieldCount = true,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
    this.line = firstLine;
  }

  /**
   * Parses up to `maxRecords` records of `text` from `pos`; returns the position after the last
   * complete record. With `final`, the end of `text` ends the last record.
   */
  parse(text: string, pos: number, final: boolean, maxRecords: number): number {
    const n = text.length;
    const { delimiter, delimiterCode, fieldCount, sinks } = this;
    let records = 0;
    // Position of the next line feed at or after the cursor; n when none.
    let nextNewline = -1;

    while (records < maxRecords && pos < n) {
      if (nextNewline < pos) nextNewline = indexOrEnd(text, '\n', pos);
      if (nextNewline === n && !final) break;
      let lineEnd = nextNewline;
      let contentEnd = lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
      if (contentEnd === pos) {
        pos = lineEnd + 1;
        this.line++;
        continue;
      }

      const line = this.line;
      let extraLines = 0;
      let field = 0;
      let p = pos;
      let complete = true;
      for (;;) {
        const sink = field < fieldCount ? sinks[field] : undefined;
        if (text.charCodeAt(p) === QUOTE) {
          let close: number;
          let escaped = false;
          for (let q = p + 1; ; ) {
            close = text.indexOf('"', q);
            if (close === -1 || text.charCodeAt(close + 1) !== QUOTE) break;
            escaped = true;
            q = close + 2;
          }
          // A quote at the very end of the piece may be the first half of an escaped `""`.
          if (close === -1 || (close === n - 1 && !final)) {
            if (final) throw unclosedQuote(line);
            complete = false;
            break;
          }
          if (close > lineEnd) {
            extraLines += countNewlines(text, p, close);
            nextNewline = indexOrEnd(text, '\n', close);
            if (nextNewline === n && !final) {
              complete = false;
              break;
            }
            lineEnd = nextNewline;
            contentEnd = lineEnd > close && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
          }
          if (sink) {
            const value = text.slice(p + 1, close);
            sink.addText(escaped ? value.replaceAll('""', '"') : value, line);
          }
          p = close + 1;
          if (p < contentEnd && text.charCodeAt(p) !== delimiterCode) throw textAfterQuote(line + countNewlines(text, pos, p), delimiter);
        } else {
          // Fields are short: a character loop beats a call to indexOf per field.
          let end = p;
          while (end < contentEnd && text.charCodeAt(end) !== delimiterCode) end++;
          if (sink) sink.addRange(text, p, end, line);
          p = end;
        }
        field++;
        if (p >= contentEnd) break;
        p++;
      }

      if (!complete) {
        for (let i = 0; i < field && i < fieldCount; i++) {
          const sink = sinks[i];
          if (sink) sink.truncate(sink.length - 1);
        }
        break;
      }
      if (field !== fieldCount && this.strictFieldCount) throw ragged(line, field, fieldCount, delimiter);
      this.line += 1 + extraLines;
      pos = lineEnd + 1;
      records++;
    }
    this.records = records;
    return Math.min(pos, n);
  }
}

/**
 * {@link CsvTokenizer} over UTF-8 bytes instead of a string: the same records, line numbers and
 * errors, but a field is found by a loop over a typed array (several times faster than
 * `charCodeAt`) and reaches its sink as a byte range, so a number or a known dictionary value
 * never becomes a string. Delimiter, quote, CR and LF are ASCII, and UTF-8 never uses bytes below
 * 0x80 inside a multi-byte character, so splitting on them is safe for any UTF-8 text.
 */
export class CsvByteTokenizer {
  /** Line number of the next record to parse. */
  line: number;
  /** Records parsed by the last {@link parse} call. */
  records = 0;
  /** Records equal to `skipRecord` dropped so far. */
  skipped = 0;
  /** Line numbers of the first few records dropped. */
  readonly skippedLines: number[] = [];
  private readonly delimiterCode: number;
  private readonly skipFirst: number;
  private readonly skipNewlines: number;

  /**
   * @param skipRecord The UTF-8 bytes of a line (without its line end) to drop wherever it stands
   *   as a whole record: the header line repeated in the body (files concatenated with their
   *   headers). Checked only when a record starts with its first byte, so it costs nearly nothing.
   */
  constructor(
    private readonly delimiter: string,
    private readonly fieldCount: number,
    private readonly sinks: readonly (FieldSink | undefined)[],
    firstLine: number,
    private readonly skipRecord?: Uint8Array,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
    if (this.delimiterCode >= 0x80 || delimiter.length !== 1) throw new Error(`bug: the byte tokenizer needs a one-byte delimiter, got ${JSON.stringify(delimiter)}`);
    this.line = firstLine;
    this.skipFirst = skipRecord && skipRecord.length > 0 ? skipRecord[0] : -1;
    this.skipNewlines = skipRecord ? skipRecord.reduce((n, b) => n + (b === LF ? 1 : 0), 0) : 0;
  }

  /**
   * Where the record after a copy of `skipRecord` at `pos` starts; -1 when the record at `pos` is
   * not a copy, -2 when `end` cuts the comparison short before the text has ended.
   */
  private skipAt(bytes: Uint8Array, pos: number, end: number, final: boolean): number {
    const skip = this.skipRecord as Uint8Array;
    const n = skip.length;
    const available = Math.min(n, end - pos);
    for (let k = 0; k < available; k++) if (bytes[pos + k] !== skip[k]) return -1;
    if (available < n) return final ? -1 : -2;
    const p = pos + n;
    if (p === end) return final ? end : -2;
    if (bytes[p] === LF) return p + 1;
    if (bytes[p] !== CR) return -1;
    if (p + 1 === end) return final ? end : -2;
    return bytes[p + 1] === LF ? p + 2 : -1;
  }

  /**
   * Parses up to `maxRecords` records of `bytes` from `pos` up to `end`; returns the position
   * after the last complete record (a record cut off by `end` is left for the next call). With
   * `final`, `end` ends the last record. Bytes past `end` are never read. With `starts`, the
   * position where each parsed record begins (past blank lines and dropped header rows before
   * it) is written there, from index 0: a reader that keeps some records as bytes needs no call
   * per record.
   */
  parse(bytes: Uint8Array, pos: number, end: number, final: boolean, maxRecords: number, starts?: Float64Array): number {
    const { delimiter, delimiterCode, fieldCount, sinks } = this;
    let records = 0;

    records: while (records < maxRecords && pos < end) {
      // Blank lines (LF, or CR LF; a lone CR at the very end of the text) are skipped.
      const first = bytes[pos];
      if (first === LF) {
        pos++;
        this.line++;
        continue;
      }
      if (first === CR) {
        if (pos + 1 === end) {
          if (!final) break;
          pos = end;
          this.line++;
          continue;
        }
        if (bytes[pos + 1] === LF) {
          pos += 2;
          this.line++;
          continue;
        }
      }

      if (first === this.skipFirst) {
        const after = this.skipAt(bytes, pos, end, final);
        if (after === -2) break;
        if (after >= 0) {
          if (this.skippedLines.length < 5) this.skippedLines.push(this.line);
          this.skipped++;
          this.line += 1 + this.skipNewlines;
          pos = after;
          continue;
        }
      }

      if (starts) starts[records] = pos;
      const line = this.line;
      let extraLines = 0;
      let field = 0;
      let p = pos;
      // Position just after the record's line feed, or `end` when the text ends the record.
      let next = -1;
      for (;;) {
        const sink = field < fieldCount ? sinks[field] : undefined;
        if (p < end && bytes[p] === QUOTE) {
          const open = p;
          let close = -1;
          let escaped = false;
          let newlines = 0;
          for (let q = p + 1; q < end; q++) {
            const c = bytes[q];
            if (c === QUOTE) {
              if (q + 1 < end && bytes[q + 1] === QUOTE) {
                escaped = true;
                q++;
              } else {
                close = q;
                break;
              }
            } else if (c === LF) {
              newlines++;
            }
          }
          // A quote at the very end of the text may be the first half of an escaped `""`.
          if (close === -1 || (close === end - 1 && !final)) {
            if (final) throw unclosedQuote(line);
            this.incomplete(field);
            break records;
          }
          extraLines += newlines;
          p = close + 1;
          // After the closing quote: a delimiter, the line end (LF, CR LF, or the end of the text).
          let after = -1;
          if (p === end) {
            next = end;
          } else {
            const c = bytes[p];
            if (c === delimiterCode) {
              after = p + 1;
            } else if (c === LF) {
              next = p + 1;
            } else if (c === CR && p + 1 === end) {
              if (!final) {
                this.incomplete(field);
                break records;
              }
              next = end;
            } else if (c === CR && bytes[p + 1] === LF) {
              next = p + 2;
            } else {
              throw textAfterQuote(line + extraLines, delimiter);
            }
          }
          if (sink) {
            const value = decodeRange(bytes, open + 1, close);
            sink.addText(escaped ? value.replaceAll('""', '"') : value, line);
          }
          field++;
          if (after < 0) break;
          p = after;
        } else {
          // Fields are short: a byte loop beats a call to indexOf per field.
          let e = p;
          let c = -1;
          while (e < end) {
            c = bytes[e];
            if (c === delimiterCode || c === LF) break;
            e++;
          }
          if (e === end) {
            if (!final) {
              this.incomplete(field);
              break records;
            }
            c = -1;
          }
          // A CR just before the line end belongs to the line end.
          const valueEnd = c !== delimiterCode && e > p && bytes[e - 1] === CR ? e - 1 : e;
          if (sink) sink.addBytes(bytes, p, valueEnd, line);
          field++;
          if (c !== delimiterCode) {
            next = e === end ? end : e + 1;
            break;
          }
          p = e + 1;
        }
      }

      if (field !== fieldCount) throw ragged(line, field, fieldCount, delimiter);
      this.line += 1 + extraLines;
      pos = next;
      records++;
    }
    this.records = records;
    return pos;
  }

  /** Drops the fields already added of a record that the text cuts off. */
  private incomplete(fields: number): void {
    for (let i = 0; i < fields && i < this.fieldCount; i++) {
      const sink = this.sinks[i];
      if (sink) sink.truncate(sink.length - 1);
    }
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const i = text.indexOf(search, from);
  return i === -1 ? text.length : i;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}

function ragged(line: number, fields: number, expected: number, delimiter: string): UserError {
  return new UserError(`line ${line} has ${fields} field${fields === 1 ? '' : 's'}, the header has ${expected}`, {
    line,
    hint: `quote values that contain the delimiter ${delimiterName(delimiter)}, or fix the row`,
  });
}

function unclosedQuote(line: number): UserError {
  return new UserError(`a quoted value that starts on line ${line} is never closed`, { line, hint: 'add the closing quote (")' });
}

function textAfterQuote(line: number, delimiter: string): UserError {
  return new UserError(`line ${line} has text after a closing quote`, {
    line,
    hint: `write a quote inside a quoted value as "", and put the delimiter ${delimiterName(delimiter)} right after the closing quote`,
  });
}

const MAX_HEADER_FIELDS = 100_000;

/**
 * The fields of the first record of `text` (the header), the position just after it and the line
 * number of the record after it; blank lines before the header are skipped. Undefined when `text`
 * holds no complete record.
 */
export function readHeaderRecord(text: string, delimiter: string, final: boolean): { fields: string[]; end: number; nextLine: number } | undefined {
  const collector = new ValuesSink();
  const tokenizer = new CsvTokenizer(delimiter, MAX_HEADER_FIELDS, new Array<FieldSink>(MAX_HEADER_FIELDS).fill(collector), 1, false);
  const end = tokenizer.parse(text, 0, final, 1);
  return tokenizer.records === 0 ? undefined : { fields: collector.values, end, nextLine: tokenizer.line };
}

/**
 * Collects field values as strings (the header, the rows sampled for type inference). One class
 * for both keeps the tokenizer's calls to its sinks from seeing many shapes, which would slow the
 * hot path down.
 */
export class ValuesSink implements FieldSink {
  readonly values: string[] = [];

  get length(): number {
    return this.values.length;
  }

  addText(value: string): void {
    this.values.push(value);
  }

  addRange(text: string, start: number, end: number): void {
    this.values.push(text.slice(start, end));
  }

  addBytes(bytes: Uint8Array, start: number, end: number): void {
    this.values.push(decodeRange(bytes, start, end));
  }

  truncate(length: number): void {
    this.values.length = length;
  }
}
