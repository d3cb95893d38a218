/**
 * The rules of the overall verdict and exit code of an audit's checks, which the judge
 * (`judge.ts`) applies once to the policy, drift and accepted checks together. A check whose
 * finding a person accepted (and whose acceptance has not expired) keeps its own verdict for the
 * report, but counts as passed here: it no longer fails the run.
 */
import type { CheckResult, Verdict } from '../results/index.js';
import type { FailOn } from '../config/types.js';
import { effectiveVerdict } from '../accept/accept.js';

/** Verdicts from least to most severe; insufficient-data ranks below pass (nothing was judged). */
const RANK: Record<Verdict, number> = { 'insufficient-data': 0, pass: 1, warn: 2, fail: 3 };

/**
 * The worst effective verdict of `checks` (fail > warn > pass > insufficient-data);
 * `insufficient-data` only when no check could be judged, including when there are none.
 *
 * @example
 * worstVerdict([{ verdict: 'pass', … }, { verdict: 'warn', … }]); // 'warn'
 */
export function worstVerdict(checks: readonly CheckResult[]): Verdict {
  let worst: Verdict = 'insufficient-data';
  for (const check of checks) {
    const verdict = effectiveVerdict(check);
    if (RANK[verdict] > RANK[worst]) worst = verdict;
  }
  return worst;
}

/**
 * The exit code `checks` earn under `failOn` (DESIGN §7): `fail` → 1 when any effective verdict
 * is fail, or when there are checks and not one could be judged (every prediction the same, a
 * threshold above every score: the audit measured nothing, and a scheduled job must not read that
 * as a pass); `warn` → 1 when any is short of a pass (warn, fail, or insufficient data: a strict
 * job also wants to know when one check could not be judged, e.g. a sensitive column that arrived
 * empty); `never` → 0. Accepted findings in force do not count.
 */
export function exitCodeFor(checks: readonly CheckResult[], failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  const verdicts = checks.map(effectiveVerdict);
  if (verdicts.includes('fail')) return 1;
  if (verdicts.length > 0 && verdicts.every((v) => v === 'insufficient-data')) return 1;
  return failOn === 'warn' && verdicts.some((v) => v !== 'pass') ? 1 : 0;
}
