import type { AuditResults } from './results.js';

/**
 * The single line a scheduled job logs: dataset, verdict, and what failed.
 * `fairaudit: loans: FAIL: 2 of 9 checks failed (impact_ratio on race 0.70 < 0.8; …), 1 warning`
 */
export function summaryLine(results: AuditResults): string {
  const judged = results.checks.filter((c) => c.verdict !== 'insufficient-data');
  const failed = results.checks.filter((c) => c.verdict === 'fail');
  const warned = results.checks.filter((c) => c.verdict === 'warn');
  const worst = [...failed, ...warned].slice(0, 3).map((c) => {
    const op = c.direction === 'min' ? '<' : '>';
    return `${c.metric} on ${c.attribute} ${c.value === null ? 'n/a' : c.value.toFixed(3)} ${op} ${c.threshold}`;
  });
  const counts = failed.length
    ? `${failed.length} of ${judged.length} checks failed`
    : warned.length
      ? `${warned.length} of ${judged.length} checks warned`
      : judged.length
        ? `${checksWord(judged.length)} passed`
        : `none of ${checksWord(results.checks.length)} could be judged`;
  const detail = worst.length ? ` (${worst.join('; ')}${failed.length + warned.length > 3 ? '; …' : ''})` : '';
  const warningCount = results.warnings.length;
  const warnings = warningCount ? `, ${warningCount} warning${warningCount === 1 ? '' : 's'}` : '';
  return `fairaudit: ${results.input.name}: ${results.verdict.toUpperCase()}: ${counts}${detail}${warnings}`;
}

function checksWord(n: number): string {
  return `${n} check${n === 1 ? '' : 's'}`;
}

/** One stderr line per distinct warning, with how often it was raised when more than once. */
export function warningLines(results: AuditResults): string[] {
  return results.warnings.map((w) => `fairaudit: warning: ${w.message}${w.count > 1 ? ` (${w.count} times)` : ''}`);
}
