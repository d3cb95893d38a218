/**
 * The judge: the one step that turns an audit's checks into its verdict and exit code. The
 * metrics compute checks and stop there; the judge weighs, in order, the checks a constant outcome
 * left unmeasured, the drift checks against a baseline, the findings a person accepted, and
 * `fail_on` (DESIGN §7). The CLI and the library both get their verdict from here. Pure.
 */
import type { AcceptedFinding, DriftTolerance } from '../config/types.js';
import type { AttributeResult, AuditResults, CheckResult, Comparison, Verdict, Warning } from '../results/index.js';
import { applyAcceptancesToResults } from '../accept/accept.js';
import { applyComparison } from '../compare/apply.js';
import { compareResults } from '../compare/comparison.js';
import { driftTolerances } from '../compare/drift.js';
import { unmeasuredChecks } from '../metrics/constant-outcome.js';
import { exitCodeFor, worstVerdict } from './verdict.js';

/** The results before judging: everything but the verdict and the exit code. */
export type UnjudgedResults = Omit<AuditResults, 'verdict' | 'exit_code'>;

/** What the judge weighs besides the policy checks. */
export interface JudgeOptions {
  /**
   * Why the checks could measure nothing (every judged outcome is one value): their passes become
   * insufficient-data, saying so. Default: none.
   */
  unmeasured?: string;
  /** An earlier audit to compare with: its drift checks join the policy checks. Default: none. */
  baseline?: AuditResults;
  /** Drift tolerances. Default: the config's `drift:`, or the headline metrics' defaults. */
  tolerances?: readonly DriftTolerance[];
  /** Accepted findings. Default: the config's `accept:`. */
  accept?: readonly AcceptedFinding[];
  /** The day acceptances are judged on (inclusive expiry, UTC). Default: now. */
  today?: Date;
}

/** What the judge decides: the checks as judged, the warnings about acceptances, the verdict. */
export interface Judgement {
  attributes: AttributeResult[];
  checks: CheckResult[];
  warnings: Warning[];
  /** The comparison with the baseline, when one was given. */
  comparison?: Comparison;
  verdict: Verdict;
  exit_code: 0 | 1;
}

/**
 * Judges `results` (DESIGN §7): unmeasured checks first, then drift against `options.baseline`
 * (the comparison records this run's verdict before drift, as the policy alone decides it), then
 * acceptances, then the worst effective verdict and the exit code under `config.fail_on`. The
 * input is not modified.
 *
 * @example
 * const { verdict, exit_code } = judge(results, { baseline: lastNight, today: new Date() });
 */
export function judge(results: UnjudgedResults, options: JudgeOptions = {}): Judgement {
  const failOn = results.config.fail_on;
  let judged: Pick<AuditResults, 'attributes' | 'checks' | 'warnings'> & { comparison?: Comparison } = unmeasured(results, options.unmeasured);
  if (options.baseline) {
    const policyOnly: AuditResults = { ...results, ...judged, verdict: worstVerdict(judged.checks), exit_code: exitCodeFor(judged.checks, failOn) };
    const tolerances = options.tolerances ?? driftTolerances(results.config);
    judged = applyComparison(judged, compareResults(policyOnly, options.baseline, tolerances));
  }
  judged = applyAcceptancesToResults(judged, options.accept ?? results.config.accept ?? [], options.today ?? new Date());
  return {
    attributes: judged.attributes,
    checks: judged.checks,
    warnings: judged.warnings,
    ...(judged.comparison ? { comparison: judged.comparison } : {}),
    verdict: worstVerdict(judged.checks),
    exit_code: exitCodeFor(judged.checks, failOn),
  };
}

/**
 * `results` judged again with `options`, its fields in place (a comparison, when new, last): for
 * results that already carry a verdict, such as a saved audit.json.
 */
export function judgeResults(results: AuditResults, options: JudgeOptions = {}): AuditResults {
  return { ...results, ...judge(results, options) };
}

/** Copies of the checks with their passes made insufficient-data; each attribute lists the same copies. */
function unmeasured(results: UnjudgedResults, reason: string | undefined): Pick<AuditResults, 'attributes' | 'checks' | 'warnings'> {
  if (!reason) return { attributes: results.attributes, checks: results.checks, warnings: results.warnings };
  const copies = new Map(results.checks.map((check) => [check, { ...check }]));
  unmeasuredChecks([...copies.values()], reason);
  return {
    attributes: results.attributes.map((attribute) => ({ ...attribute, checks: attribute.checks.map((check) => copies.get(check) ?? check) })),
    checks: [...copies.values()],
    warnings: results.warnings,
  };
}
