/** Plain-text tables for the terminal: columns padded to their widest cell. Pure. */
import { terminalText } from '../text/terminal.js';

/** Column alignment: text left, numbers right. */
export type Align = 'left' | 'right';

/**
 * The rows under the header, each column padded to its widest cell and separated by two spaces;
 * trailing spaces trimmed. `align[i]` defaults to left. Control characters in a cell are shown
 * escaped, so no cell can forge a row or send the terminal a command.
 *
 * @example
 * textTable(['metric', 'now'], [['impact_ratio', '0.720']], ['left', 'right']);
 * // "metric        now\nimpact_ratio  0.720"
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const all = [header, ...rows].map((row) => row.map((cell) => terminalText(cell ?? '')));
  const widths = header.map((_, i) => Math.max(...all.map((row) => [...(row[i] ?? '')].length)));
  return all
    .map((row) =>
      widths
        .map((width, i) => {
          const cell = row[i] ?? '';
          const pad = ' '.repeat(width - [...cell].length);
          return align[i] === 'right' ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A number with `digits` decimals (default 3), `n/a` for null. */
export function fixed(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits);
}

/** A change with its sign (`+0.012`, `−0.130`, `0.000`), `n/a` for null. */
export function signedFixed(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  const text = Math.abs(x).toFixed(digits);
  if (Number(text) === 0) return text;
  return `${x > 0 ? '+' : '−'}${text}`;
}
