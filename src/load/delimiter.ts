/**
 * Delimiter sniffing for delimited text: the candidate that splits the first lines into the same
 * number of fields (two or more) wins.
 */

/**
 * The delimiters fairaudit recognizes, in order of preference on a tie. `' '` stands for runs of
 * spaces and tabs (a space-aligned file, as `read_csv(sep=r"\s+")` reads it): it comes last, so a
 * one-character delimiter that splits the lines as well is preferred.
 */
const DELIMITERS = [',', '\t', ';', '|', ' '] as const;

/** The delimiter that stands for runs of spaces and tabs. */
export const WHITESPACE = ' ';

const SNIFF_LINES = 20;

/**
 * The delimiter of the text that starts with `sample`: for each candidate, the number of lines
 * among the first 20 whose field count (outside quotes) equals the header's, then the header's
 * field count, decide; `fallback` when no candidate splits the header.
 *
 * @example
 * sniffDelimiter('a;b;c\n1;2,5;3\n', ',') // ';'
 */
export function sniffDelimiter(sample: string, fallback: string): string {
  const lines = sample.split('\n', SNIFF_LINES + 1).filter((line) => line.trim() !== '');
  // The last piece may be a line cut short by the end of the sample.
  if (lines.length > 1 && !sample.endsWith('\n')) lines.pop();
  let best = fallback;
  let bestScore = 0;
  for (const candidate of [fallback, ...DELIMITERS.filter((d) => d !== fallback)]) {
    const counts = lines.slice(0, SNIFF_LINES).map((line) => countOutsideQuotes(line, candidate));
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const agreeing = counts.filter((count) => count === header).length;
    const score = agreeing * 1_000_000 + header;
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}

/**
 * How many fields `delimiter` splits each of the first complete lines of `sample` into (outside
 * quotes; blank lines left out).
 */
export function fieldCounts(sample: string, delimiter: string): number[] {
  const lines = sample.split('\n', SNIFF_LINES + 1).filter((line) => line.trim() !== '');
  if (lines.length > 1 && !sample.endsWith('\n')) lines.pop();
  return lines.slice(0, SNIFF_LINES).map((line) => countOutsideQuotes(line, delimiter) + 1);
}

function countOutsideQuotes(line: string, delimiter: string): number {
  if (delimiter === WHITESPACE) return countWhitespaceRuns(line);
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) count++;
  }
  return count;
}

/** Runs of spaces and tabs between fields (outside quotes), not counting runs at the line's ends. */
function countWhitespaceRuns(line: string): number {
  const text = line.trim();
  let count = 0;
  let quoted = false;
  let inRun = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const space = !quoted && (c === ' ' || c === '\t');
    if (space) {
      if (!inRun) count++;
      inRun = true;
      continue;
    }
    inRun = false;
    if (c === '"') quoted = !quoted;
  }
  return count;
}
