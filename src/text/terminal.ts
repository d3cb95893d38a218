/**
 * Text from data (column names, group values, dataset names, file names, accept reasons) bound for
 * a terminal. Control characters in it would be obeyed by the terminal — an escape sequence can
 * retitle the window, clear the screen or move the cursor, and a newline forges a table row — so
 * each is shown escaped instead, visibly, as a reader can report it. Pure.
 */

/**
 * C0 controls (newline and tab included), DEL, C1 controls, and the Unicode bidirectional
 * overrides and isolates, which reorder what a reader sees without changing the bytes.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/**
 * `text` with every control character shown as an escape (`\n`, `\t`, `\e`, `\x07`, `\u202e`);
 * other text, including every printable Unicode character, is left as it is.
 *
 * @example
 * terminalText('race\u001b]0;pwned\u0007'); // 'race\\e]0;pwned\\x07'
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? escapeCode(c.charCodeAt(0)));
}

function escapeCode(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A copy of `value` (plain JSON-like data) with {@link terminalText} applied to every string in it,
 * object keys included: for formatters that print many fields of data-derived results.
 */
export function terminalSafe<T>(value: T): T {
  if (typeof value === 'string') return terminalText(value) as T;
  if (Array.isArray(value)) return value.map((item) => terminalSafe(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [terminalText(key), terminalSafe(item)])) as T;
  }
  return value;
}
