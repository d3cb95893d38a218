/**
 * The CSV tokenizer on its own: records and line numbers for the tricky shapes of RFC 4180 text,
 * written out by hand, and the same records whichever position the text is cut at between two
 * pieces (as chunks of a stream cut it).
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { CsvTokenizer, ValuesSink } from '../../src/load/csv-tokenizer.js';

/** Parses `pieces` as a stream would (each piece appended to what the last parse left), three fields per record. */
function parse(pieces: string[], fields = 3): string[][] {
  const sinks = Array.from({ length: fields }, () => new ValuesSink());
  const tokenizer = new CsvTokenizer(',', fields, sinks, 1);
  let text = '';
  let pos = 0;
  pieces.forEach((piece, i) => {
    text = text.slice(pos) + piece;
    pos = tokenizer.parse(text, 0, i === pieces.length - 1, Infinity);
  });
  return sinks[0].values.map((_, r) => sinks.map((s) => s.values[r]));
}

const CASES: [name: string, text: string, records: string[][]][] = [
  ['plain lines', 'a,b,c\nd,e,f\n', [['a', 'b', 'c'], ['d', 'e', 'f']]],
  ['no final line break', 'a,b,c\nd,e,f', [['a', 'b', 'c'], ['d', 'e', 'f']]],
  ['CRLF line ends', 'a,b,c\r\nd,e,f\r\n', [['a', 'b', 'c'], ['d', 'e', 'f']]],
  ['empty fields, also last', ',,\r\na,,\n', [['', '', ''], ['a', '', '']]],
  ['blank lines, LF and CRLF', '\na,b,c\n\r\n\nd,e,f\n\n', [['a', 'b', 'c'], ['d', 'e', 'f']]],
  ['a CR inside a field is kept', 'a\rx,b,c\n', [['a\rx', 'b', 'c']]],
  ['quoted delimiter, quotes and line breaks', '"a,1","say ""hi""","two\nlines"\r\nd,e,f\n', [['a,1', 'say "hi"', 'two\nlines'], ['d', 'e', 'f']]],
  ['a quoted last field before CRLF and at the end', 'a,b,"c"\r\nd,e,"f"', [['a', 'b', 'c'], ['d', 'e', 'f']]],
  ['an empty quoted field', '"",b,""\n', [['', 'b', '']]],
];

describe('the CSV tokenizer', () => {
  for (const [name, text, records] of CASES) {
    it(`reads ${name}`, () => {
      expect(parse([text])).toEqual(records);
    });

    it(`reads ${name} cut at any position`, () => {
      for (let cut = 0; cut <= text.length; cut++) expect(parse([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(records);
    });
  }

  it('counts lines inside quoted values in the line numbers of later errors', () => {
    const error = (() => {
      try {
        parse(['"x\ny",b,c\nd,e\n']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('line 3 has 2 fields, the header has 3');
  });

  it('names the line where text follows a closing quote (the quoted value spans lines 2 and 3)', () => {
    expect(() => parse(['a,b,c\n"x\ny"z,b,c\n'])).toThrow('line 3 has text after a closing quote');
  });
});
