import type { AuditResults } from '../results/index.js';

/**
 * The single line a scheduled job logs: dataset, verdict, and what failed or warned.
 * `fairaudit: loans: FAIL: 2 of 9 checks failed (impact_ratio on race 0.70 < 0.8; …), 1 warning about the run`
 *
 * Two words are kept apart everywhere: a "warned check" is a check whose verdict is WARN; a
 * "warning" is something about the run (a small group, missing labels).
 */
export function summaryLine(results: AuditResults): string {
  const judged = results.checks.filter((c) => c.verdict !== 'insufficient-data');
  const failed = results.checks.filter((c) => c.verdict === 'fail');
  const warned = results.checks.filter((c) => c.verdict === 'warn');
  const worst = [...failed, ...warned].slice(0, 3).map(checkText);
  const counts = failed.length
    ? `${failed.length} of ${judged.length} checks failed${warned.length ? `, ${warnedChecks(warned.length)}` : ''}`
    : warned.length
      ? `${warnedChecks(warned.length)} of ${judged.length}, none failed`
      : judged.length
        ? `${checksWord(judged.length)} passed`
        : `none of ${checksWord(results.checks.length)} could be judged`;
  const detail = worst.length ? ` (${worst.join('; ')}${failed.length + warned.length > 3 ? '; …' : ''})` : '';
  const warningCount = results.warnings.length;
  const warnings = warningCount ? `, ${warningCount} warning${warningCount === 1 ? '' : 's'} about the run` : '';
  return `fairaudit: ${results.input.name}: ${results.verdict.toUpperCase()}: ${counts}${detail}${warnings}`;
}

/** One check in a few words: its value against the limit, or, when inconclusive, its interval across it. */
function checkText(c: AuditResults['checks'][number]): string {
  const value = c.value === null ? 'n/a' : c.value.toFixed(3);
  if (c.inconclusive && c.interval) {
    return `${c.metric} on ${c.attribute} ${value}, interval ${c.interval[0].toFixed(3)}–${c.interval[1].toFixed(3)} crosses ${c.threshold}`;
  }
  const op = c.direction === 'min' ? '<' : '>';
  return `${c.metric} on ${c.attribute} ${value} ${op} ${c.threshold}`;
}

function warnedChecks(n: number): string {
  return `${n} warned check${n === 1 ? '' : 's'}`;
}

function checksWord(n: number): string {
  return `${n} check${n === 1 ? '' : 's'}`;
}

/** How many warnings of one kind stderr spells out before it counts the rest. */
const WARNINGS_SHOWN_PER_KIND = 1;

/**
 * The stderr lines of the run's warnings: warnings of one kind (one code) share a line, the first
 * spelled out and the rest counted, with how often each was raised when more than once; the
 * report lists every one. A 311-row file with a dozen small groups prints one line about them,
 * not a dozen.
 */
export function warningLines(results: AuditResults): string[] {
  const byCode = new Map<string, AuditResults['warnings']>();
  for (const w of results.warnings) byCode.set(w.code, [...(byCode.get(w.code) ?? []), w]);
  return [...byCode.values()].map((kind) => {
    const [first] = kind;
    const times = first.count > 1 ? ` (${first.count} times)` : '';
    const more = kind.length - WARNINGS_SHOWN_PER_KIND;
    if (more <= 0) return `fairaudit: warning: ${first.message}${times}`;
    // The count goes inside the sentence: "…to judge them (and 2 more warnings of this kind: see the report)."
    const stop = first.message.endsWith('.') ? '.' : '';
    const body = stop ? first.message.slice(0, -1) : first.message;
    return `fairaudit: warning: ${body}${times} (and ${more} more warning${more === 1 ? '' : 's'} of this kind: see the report)${stop}`;
  });
}
