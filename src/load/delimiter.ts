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

/** Lines above a table, as {@link preambleOf} finds them. */
export interface Preamble {
  /** Non-blank lines before the header. */
  lines: number;
  /** The header's line number (1-based, blank lines counted). */
  headerLine: number;
  /** Fields of the header and the lines below it. */
  fields: number;
  delimiter: string;
}

/**
 * Title or note lines above a table (`Loan decisions export`, `Generated 2026-11-30 by LoanSys`,
 * then the header): one to ten first lines with at most half the fields of the lines below,
 * which all agree (two fields or more, at least five lines). Read as they are, the first such
 * line becomes the header and the delimiter is guessed from it. Null when the file starts with
 * its table. `delimiters`: the candidates (default: every one fairaudit recognizes).
 *
 * @example
 * preambleOf('Report\n\na,b,c\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n2,2,2\n')?.headerLine // 3
 */
export function preambleOf(sample: string, delimiters: readonly string[] = DELIMITERS): Preamble | null {
  // Non-blank records, with the 1-based line each starts on.
  const lines = records(sample, 4 * SNIFF_LINES).filter((l) => l.text.trim() !== '');
  const countsBy = delimiters.map((delimiter) => lines.map((l) => countOutsideQuotes(l.text, delimiter) + 1));
  // A delimiter that splits the first line as it splits the next ones: the table starts on line 1.
  for (const counts of countsBy) {
    const head = counts.slice(0, SNIFF_LINES);
    if (head[0] >= 2 && head.every((c) => c === head[0])) return null;
  }
  for (const [d, counts] of countsBy.entries()) {
    const delimiter = delimiters[d];
    for (let k = 1; k <= 10 && k < counts.length; k++) {
      const table = counts.slice(k, k + SNIFF_LINES);
      const fields = table[0];
      if (fields < 2 || table.length < 5 || !table.every((c) => c === fields)) continue;
      if (counts.slice(0, k).every((c) => c <= fields / 2)) return { lines: k, headerLine: lines[k].line, fields, delimiter };
      break;
    }
  }
  return null;
}

/**
 * The first `limit` complete records of `sample`: lines, except that a line end inside quotes
 * (a quoted header name or value over several lines) continues the record.
 */
function records(sample: string, limit: number): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let quoted = false;
  for (let i = 0; i < sample.length && out.length < limit; i++) {
    const c = sample.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10) {
      line++;
      if (quoted) continue;
      out.push({ text: sample.slice(start, i), line: startLine });
      start = i + 1;
      startLine = line;
    }
  }
  return out;
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
