/** Folding a comparison into audit results: drift checks join the others (the judge then decides the verdict). Pure. */
import type { AuditResults, CheckResult, Comparison } from '../results/index.js';
import { DRIFT_PREFIX } from './drift.js';

/**
 * `results` with `comparison` set, its drift checks appended to `checks` and to the checks of the
 * attribute each judges (drift checks from an earlier comparison are replaced, so applying twice
 * is applying once). The verdict is left to the judge (`audit/judge.ts`). The input is not modified.
 */
export function applyComparison<R extends Pick<AuditResults, 'attributes' | 'checks'>>(results: R, comparison: Comparison): R & { comparison: Comparison } {
  const isDrift = (c: CheckResult) => c.metric.startsWith(DRIFT_PREFIX);
  const attributes = results.attributes.map((attribute) => ({
    ...attribute,
    checks: [...attribute.checks.filter((c) => !isDrift(c)), ...comparison.checks.filter((c) => c.attribute === attribute.name)],
  }));
  const checks = [...results.checks.filter((c) => !isDrift(c)), ...comparison.checks];
  return { ...results, attributes, checks, comparison };
}
