/**
 * The CSV tokenizer, which hands each field straight to its column builder: no row arrays, no row
 * objects. RFC 4180 quoting (`"a ""b"", c"`, line breaks inside quotes), `\n` or `\r\n` line ends,
 * blank lines skipped, 1-based line numbers kept for every error. One tokenizer over UTF-8 bytes
 * reads everything: the header and the rows sampled for type inference (their text encoded once)
 * as well as every scan, so the sampled start and the scan cannot read a record differently.
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
  /** Adds the unquoted value held by UTF-8 `bytes` from `start` to `end`; lets a column skip decoding it. */
  addBytes(bytes: Uint8Array, start: number, end: number, line: number): void;
  truncate(length: number): void;
}

/**
 * Parses records of a known number of fields from successive pieces of UTF-8 bytes. A field is
 * found by a loop over a typed array (several times faster than `charCodeAt` over a string) and
 * reaches its sink as a byte range, so a number or a known dictionary value never becomes a
 * string. A record cut off at the end of a piece is left unparsed (its position is returned) so
 * the caller can prepend it to the next piece. Delimiter, quote, CR and LF are ASCII, and UTF-8 never uses bytes below
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
   * @param strictFieldCount Whether a record with more or fewer than `fieldCount` fields is an
   *   error (default); false for the header, whose fields are being counted.
   */
  constructor(
    private readonly delimiter: string,
    private readonly fieldCount: number,
    private readonly sinks: readonly (FieldSink | undefined)[],
    firstLine: number,
    private readonly skipRecord?: Uint8Array,
    private readonly strictFieldCount = true,
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
   * `final`, `end` ends the last record. Bytes past `end` are never read.
   */
  parse(bytes: Uint8Array, pos: number, end: number, final: boolean, maxRecords: number): number {
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

      if (field !== fieldCount && this.strictFieldCount) throw ragged(line, field, fieldCount, delimiter);
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
 * The fields of the first record of the UTF-8 `bytes` (the header), the byte position just after
 * it and the line number of the record after it; blank lines before the header are skipped.
 * Undefined when `bytes` hold no complete record.
 */
export function readHeaderRecord(bytes: Uint8Array, delimiter: string, final: boolean): { fields: string[]; end: number; nextLine: number } | undefined {
  const collector = new ValuesSink();
  const tokenizer = new CsvByteTokenizer(delimiter, MAX_HEADER_FIELDS, new Array<FieldSink>(MAX_HEADER_FIELDS).fill(collector), 1, undefined, false);
  const end = tokenizer.parse(bytes, 0, bytes.length, final, 1);
  return tokenizer.records === 0 ? undefined : { fields: collector.values, end, nextLine: tokenizer.line };
}

/**
 * Collects field values as strings (the header, the rows sampled for type inference). One class
 * for both keeps the tokenizer's calls to its sinks from seeing many shapes, which would slow the
 * hot path down.
 */
export class ValuesSink implements FieldSink {
  readonly values: string[] = [];

  /**
   * @param asciiText The text the tokenized bytes encode, when it is all ASCII: byte positions
   *   are then character positions, and a field is a slice of it, which costs far less than
   *   decoding each field's bytes (10 000 rows of fields are sampled at each open).
   */
  constructor(private readonly asciiText?: string) {}

  get length(): number {
    return this.values.length;
  }

  addText(value: string): void {
    this.values.push(value);
  }

  addBytes(bytes: Uint8Array, start: number, end: number): void {
    if (this.asciiText !== undefined) this.values.push(this.asciiText.slice(start, end));
    // Buffer#toString decodes short fields several times faster than TextDecoder on a subarray.
    else this.values.push(Buffer.isBuffer(bytes) ? bytes.toString('utf8', start, end) : decodeRange(bytes, start, end));
  }

  truncate(length: number): void {
    this.values.length = length;
  }
}
