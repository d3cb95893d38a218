/**
 * Delimiter sniffing for delimited text: the candidate that splits the first lines into the same
 * number of fields (two or more) wins.
 */

/** The delimiters fairaudit recognizes, in order of preference on a tie. */
export const DELIMITERS = [',', '\t', ';', '|'] as const;

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

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) count++;
  }
  return count;
}
