/**
 * Accepted findings (`accept:` in the config): a person accepts a failing or warning check, with a
 * reason and an owner, until a date. Nothing is hidden: the check keeps its verdict and gains
 * `accepted: { reason, owner, expires, expired }`. While the acceptance is in force the check
 * counts as passed for the run's verdict and exit code (the judge, `audit/judge.ts`); from the day
 * after `expires` (UTC) it fails the run like any other finding. Pure.
 */
import type { AuditResults, CheckResult, Verdict } from '../results/index.js';
import type { AcceptedFinding } from '../config/types.js';
import { nearestName } from '../errors.js';
import { labelMatchesKey } from '../compare/group-label.js';

/** What applying acceptances gives: the checks, and warnings about acceptances that matched nothing. */
export interface AcceptanceOutcome {
  checks: CheckResult[];
  /** Sentences for people, each naming the `accept[i]` entry and what to change. */
  warnings: string[];
}

/**
 * Marks each failing or warning check that an acceptance matches. An acceptance matches a check
 * when `check` is its metric (`impact_ratio`) or metric and attribute (`impact_ratio@race`), and
 * `group`, when given, is either a group label (`race=Black`; any pair order for intersections)
 * equal to the check's group, or an attribute name equal to the check's attribute. When several
 * match, one in force wins over an expired one, else the first listed. An acceptance is in force
 * through its `expires` date (UTC, inclusive). The input checks are not modified.
 *
 * @example
 * applyAcceptances(checks, [{ check: 'impact_ratio@race', reason: 'retraining', owner: 'ana', expires: '2025-06-30' }], new Date());
 */
export function applyAcceptances(checks: readonly CheckResult[], accept: readonly AcceptedFinding[], today: Date): AcceptanceOutcome {
  const day = today.toISOString().slice(0, 10);
  const warnings: string[] = [];
  const expired = accept.map((a, i) => {
    if (isCalendarDate(a.expires)) return a.expires < day;
    warnings.push(`${describeEntry(a, i)}: expires "${a.expires}" is not a date (YYYY-MM-DD); treated as expired`);
    return true;
  });
  const matchedAny = accept.map(() => false);
  const matchedFinding = accept.map(() => false);
  const result = checks.map((check) => {
    const matching = accept.map((a, i) => (matches(a, check) ? i : -1)).filter((i) => i >= 0);
    for (const i of matching) matchedAny[i] = true;
    if (check.verdict !== 'fail' && check.verdict !== 'warn') return { ...check };
    if (matching.length === 0) return { ...check };
    for (const i of matching) matchedFinding[i] = true;
    const chosen = matching.find((i) => !expired[i]) ?? matching[0];
    const a = accept[chosen];
    return { ...check, accepted: { reason: a.reason, owner: a.owner, expires: a.expires, expired: expired[chosen] } };
  });
  const metrics = [...new Set(checks.map((c) => c.metric))];
  accept.forEach((a, i) => {
    if (!matchedAny[i]) {
      const near = nearestName(splitCheck(a.check).metric, metrics);
      warnings.push(`${describeEntry(a, i)} matches no check of this audit${near ? `; did you mean "${near}"?` : '; fix accept[].check or accept[].group'}`);
    } else if (!matchedFinding[i]) {
      warnings.push(`${describeEntry(a, i)} matches only checks that pass now; remove it from accept if the finding is resolved`);
    } else if (expired[i] && isCalendarDate(a.expires)) {
      warnings.push(`${describeEntry(a, i)} expired on ${a.expires}; its finding counts again (owner: ${a.owner})`);
    }
  });
  return { checks: result, warnings };
}

/**
 * `results` with `accept` applied to every check (flattened and per attribute) and acceptance
 * warnings added to `warnings` (code `acceptance`). The verdict is left to the judge
 * (`audit/judge.ts`), which weighs accepted findings as passed.
 */
export function applyAcceptancesToResults<R extends Pick<AuditResults, 'attributes' | 'checks' | 'warnings'>>(results: R, accept: readonly AcceptedFinding[], today: Date): R {
  if (accept.length === 0) return results;
  const outcome = applyAcceptances(results.checks, accept, today);
  const attributes = results.attributes.map((attribute) => ({ ...attribute, checks: applyAcceptances(attribute.checks, accept, today).checks }));
  const warnings = [...results.warnings, ...outcome.warnings.map((message) => ({ code: 'acceptance', message, count: 1 }))];
  return { ...results, attributes, checks: outcome.checks, warnings };
}

/** True when a person accepted this check's finding and the acceptance is still in force. */
export function isAcceptedInForce(check: CheckResult): boolean {
  return check.accepted !== undefined && !check.accepted.expired;
}

/**
 * The verdict a check contributes to the run: its own verdict, except that a failing or warning
 * check under an unexpired acceptance contributes `pass`.
 */
export function effectiveVerdict(check: CheckResult): Verdict {
  if (isAcceptedInForce(check) && (check.verdict === 'fail' || check.verdict === 'warn')) return 'pass';
  return check.verdict;
}

function matches(a: AcceptedFinding, check: CheckResult): boolean {
  const { metric, attribute } = splitCheck(a.check);
  if (check.metric !== metric) return false;
  if (attribute !== undefined && check.attribute !== attribute) return false;
  if (a.group === undefined || a.group.trim() === '') return true;
  if (a.group.includes('=')) return check.group !== undefined && labelMatchesKey(a.group, check.group);
  return check.attribute === a.group.trim();
}

function splitCheck(text: string): { metric: string; attribute?: string } {
  const at = text.indexOf('@');
  if (at < 0) return { metric: text.trim() };
  return { metric: text.slice(0, at).trim(), attribute: text.slice(at + 1).trim() };
}

function describeEntry(a: AcceptedFinding, i: number): string {
  return `accept[${i}] (check "${a.check}"${a.group ? `, group "${a.group}"` : ''})`;
}

/** True for a real YYYY-MM-DD calendar date (2024-02-30 is not). */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
