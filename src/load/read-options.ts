/**
 * The options that say how to read text files, as a user writes them (flags and config keys):
 * checked and normalized once, here. Pure.
 */
import { UserError } from '../errors.js';
import type { TextEncoding } from './text-stream.js';

/** The encodings a user can name; `utf-16` is little-endian unless a byte-order mark says otherwise. */
export const ENCODING_NAMES = ['utf-8', 'latin1', 'windows-1252', 'utf-16', 'utf-16le', 'utf-16be'] as const;
export type EncodingName = (typeof ENCODING_NAMES)[number];

/** How a user can name each delimiter: the character itself, or a word for the ones hard to type. */
const DELIMITER_NAMES: Record<string, string> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  '|': '|',
  pipe: '|',
  ' ': ' ',
  space: ' ',
  spaces: ' ',
  whitespace: ' ',
};

/** The delimiter words a user can write (for help and error texts). */
export const DELIMITER_CHOICES = ', ; | tab, or whitespace (runs of spaces and tabs)';

/**
 * The delimiter `text` names (`' '` for runs of spaces and tabs); throws {@link UserError} naming
 * `key` for anything else.
 *
 * @example
 * parseDelimiter('tab', '--delimiter') // '\t'
 */
export function parseDelimiter(text: string, key: string): string {
  const delimiter = Object.hasOwn(DELIMITER_NAMES, text) ? DELIMITER_NAMES[text] : Object.hasOwn(DELIMITER_NAMES, text.toLowerCase()) ? DELIMITER_NAMES[text.toLowerCase()] : undefined;
  if (delimiter === undefined) throw new UserError(`invalid ${key}: ${JSON.stringify(text)}`, { hint: `use one of ${DELIMITER_CHOICES}` });
  return delimiter;
}

/** The encoding `name` means, given the one a byte-order mark announced (UTF-16 only). */
export function textEncoding(name: EncodingName, announced: TextEncoding | undefined): TextEncoding {
  if (name === 'utf-16') return announced === 'utf-16be' ? 'utf-16be' : 'utf-16le';
  return name;
}

/**
 * A byte limit (`--max-field-bytes`, `max_field_bytes:`): a whole number of at least 1 KiB;
 * throws {@link UserError} naming `key` otherwise.
 */
export function parseByteLimit(value: number, key: string): number {
  if (!Number.isInteger(value) || value < 1024) throw new UserError(`invalid ${key}: ${value}`, { hint: `${key} takes a whole number of bytes, at least 1024 (default 67108864, 64 MB)` });
  return value;
}
