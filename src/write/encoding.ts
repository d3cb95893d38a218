/**
 * Text into the bytes of an encoding fairaudit reads (UTF-8, Latin-1, Windows-1252, UTF-16 in
 * either byte order), so a masked copy of a Latin-1 or UTF-16 file is written in its input's
 * encoding and opens in the tools that made it. Pure.
 */
import { UserError } from '../errors.js';
import type { TextEncoding } from '../load/text-stream.js';

/** The byte-order mark of each encoding that has one. */
export function byteOrderMark(encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf-16le':
      return Buffer.from([0xff, 0xfe]);
    case 'utf-16be':
      return Buffer.from([0xfe, 0xff]);
    case 'utf-8':
      return Buffer.from([0xef, 0xbb, 0xbf]);
    default:
      return Buffer.alloc(0);
  }
}

/** Windows-1252's bytes 0x80–0x9F as the characters they stand for (the rest equals Latin-1); holes are undefined in the code page. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const CP1252_BYTE = new Map<number, number>([...CP1252_HIGH].map((c, i) => [c.charCodeAt(0), 0x80 + i]));

/**
 * `text` as bytes of `encoding`. A character the encoding cannot hold (a Latin-1 copy of a value
 * that gained an en dash, say) is a {@link UserError} whose hint names `--output-encoding`:
 * nothing is replaced silently.
 *
 * @example
 * encodeText('Zürich', 'latin1'); // <Buffer 5a fc 72 69 63 68>
 */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
      return Buffer.from(text, 'utf16le').swap16();
    case 'latin1': {
      const bad = /[\u0100-\uffff]/.exec(text);
      if (bad) throw unencodable(bad[0], encoding);
      return Buffer.from(text, 'latin1');
    }
    case 'windows-1252': {
      const bytes = Buffer.allocUnsafe(text.length);
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : CP1252_BYTE.get(code);
        if (byte === undefined) throw unencodable(text[i], encoding);
        bytes[i] = byte;
      }
      return bytes;
    }
  }
}

function unencodable(character: string, encoding: TextEncoding): UserError {
  const code = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return new UserError(`the copy holds a character (${code}) that ${encoding} cannot encode`, {
    hint: 'write the copy as UTF-8 with --output-encoding utf-8',
  });
}
