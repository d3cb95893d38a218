/**
 * A second, deliberately plain reading of fairaudit's CSV grammar, character by character over a
 * whole string, for the tokenizer's tests to check against: records separated by LF (a CR right
 * before it, or a lone CR ending the text, belongs to the line end; any other CR is text), blank
 * lines skipped, RFC 4180 quoting (`""` inside quotes is a quote, a quote inside an unquoted field
 * is text), a fixed number of fields, and 1-based line numbers (a quoted line break counts) in
 * the errors, whose texts are the ones users see.
 */
import { UserError } from '../../src/errors.js';

/** The records of `text`, `fields` fields each; throws the user's error for a bad record. */
export function referenceRecords(text: string, fields: number): string[][] {
  const records: string[][] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    if (text[i] === '\n') {
      i++;
      line++;
      continue;
    }
    if (text[i] === '\r' && (i + 1 === n || text[i + 1] === '\n')) {
      i += i + 1 === n ? 1 : 2;
      line++;
      continue;
    }
    const start = line;
    let breaks = 0;
    const record: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        let value = '';
        let j = i + 1;
        for (;;) {
          if (j >= n) throw new UserError(`a quoted value that starts on line ${start} is never closed`);
          if (text[j] === '"') {
            if (text[j + 1] !== '"') break;
            value += '"';
            j += 2;
            continue;
          }
          if (text[j] === '\n') breaks++;
          value += text[j++];
        }
        record.push(value);
        i = j + 1;
        if (i >= n) break;
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '\n') {
          i++;
          break;
        }
        if (text[i] === '\r' && (i + 1 === n || text[i + 1] === '\n')) {
          i += i + 1 === n ? 1 : 2;
          break;
        }
        throw new UserError(`line ${start + breaks} has text after a closing quote`);
      }
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n') j++;
      const atDelimiter = j < n && text[j] === ',';
      const end = !atDelimiter && j > i && text[j - 1] === '\r' ? j - 1 : j;
      record.push(text.slice(i, end));
      i = j + 1;
      if (!atDelimiter) break;
    }
    if (record.length !== fields) throw new UserError(`line ${start} has ${record.length} field${record.length === 1 ? '' : 's'}, the header has ${fields}`);
    records.push(record);
    line += 1 + breaks;
  }
  return records;
}
