/** Folding a comparison into audit results: drift checks join the others and the verdict is recomputed. Pure. */
import type { AuditResults, CheckResult } from '../results/index.js';
import type { Comparison } from './comparison.js';
import { DRIFT_PREFIX } from './drift.js';
import { exitCodeFor, worstVerdict } from '../audit/verdict.js';

/**
 * `results` with `comparison` set, its drift checks appended to `checks` and to the checks of the
 * attribute each judges (drift checks from an earlier comparison are replaced, so applying twice
 * is applying once), then `verdict` and `exit_code` recomputed from every check under
 * `results.config.fail_on` ({@link worstVerdict}, {@link exitCodeFor}). The input is not modified.
 */
export function applyComparison(results: AuditResults, comparison: Comparison): AuditResults {
  const isDrift = (c: CheckResult) => c.metric.startsWith(DRIFT_PREFIX);
  const attributes = results.attributes.map((attribute) => ({
    ...attribute,
    checks: [...attribute.checks.filter((c) => !isDrift(c)), ...comparison.checks.filter((c) => c.attribute === attribute.name)],
  }));
  const checks = [...results.checks.filter((c) => !isDrift(c)), ...comparison.checks];
  return withVerdict({ ...results, attributes, checks, comparison });
}

/** `results` with `verdict` and `exit_code` recomputed from `results.checks` under `config.fail_on`. */
export function withVerdict(results: AuditResults): AuditResults {
  return { ...results, verdict: worstVerdict(results.checks), exit_code: exitCodeFor(results.checks, results.config.fail_on) };
}
