/**
 * The CSV tokenizer on its own: records and line numbers for the tricky shapes of RFC 4180 text,
 * written out by hand, and the same records whichever position the text is cut at between two
 * pieces (as chunks of a stream cut it).
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { CsvByteTokenizer, ValuesSink, readHeaderRecord } from '../../src/load/csv-tokenizer.js';

/** Parses the UTF-8 bytes of `pieces` as a stream would (each piece appended to what the last parse left), three fields per record. */
function parse(pieces: string[], fields = 3): string[][] {
  const sinks = Array.from({ length: fields }, () => new ValuesSink());
  const tokenizer = new CsvByteTokenizer(',', fields, sinks, 1);
  let left = Buffer.alloc(0);
  pieces.forEach((piece, i) => {
    const bytes = Buffer.concat([left, Buffer.from(piece, 'utf8')]);
    left = bytes.subarray(tokenizer.parse(bytes, 0, bytes.length, i === pieces.length - 1, Infinity));
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

  it('reads a header of any number of fields, with the byte position after it and the next line number', () => {
    const text = '\r\nnamé,"a,b",c,d\r\n1,2\n';
    // Bytes: CR LF (2) + "namé" (5) + , + "a,b" quoted (5) + ",c,d" (4) + CR LF (2) = 19.
    expect(readHeaderRecord(Buffer.from(text, 'utf8'), ',', true)).toEqual({ fields: ['namé', 'a,b', 'c', 'd'], end: 19, nextLine: 3 });
    expect(readHeaderRecord(Buffer.from('a,b', 'utf8'), ',', false)).toBeUndefined();
  });

  it('gives the same sampled values whether the fields are sliced from ASCII text or decoded from bytes', () => {
    const text = 'a,"b ""q""",c\r\n\n1,,x y\n';
    const bytes = Buffer.from(text, 'utf8');
    const values = (sinks: ValuesSink[]) => {
      new CsvByteTokenizer(',', 3, sinks, 1).parse(bytes, 0, bytes.length, true, Infinity);
      return sinks.map((s) => s.values);
    };
    const expected = [['a', '1'], ['b "q"', ''], ['c', 'x y']];
    expect(values([0, 1, 2].map(() => new ValuesSink(text)))).toEqual(expected);
    expect(values([0, 1, 2].map(() => new ValuesSink()))).toEqual(expected);
  });
});
