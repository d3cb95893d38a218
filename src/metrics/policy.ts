/**
 * Policy checks and verdicts (DESIGN §7): each check bounds one aggregate of each attribute and
 * intersection (or of those it names). A check takes its severity only when its whole 95%
 * interval lies beyond the limit; when the interval crosses the limit it is inconclusive and warns
 * (`inconclusive: fail` judges it on the point value instead, as fairaudit did before); it passes
 * otherwise, and is insufficient-data when the value is undefined. Without an interval (bootstrap
 * 0) the point value decides. Like drift checks, which fail only when the intervals separate, a
 * nightly job is not failed by noise in small cells.
 */
import type { AttributeResult, CheckResult, GroupKey, Verdict } from '../results/index.js';
import { groupKeyValues } from '../text/group-key.js';
import { DEFAULT_POLICY, type PolicyCheck } from '../config/types.js';
import { nearestName, UserError } from '../errors.js';
import type { Warnings } from '../warnings.js';
import { AGGREGATE_NAMES, isAggregateName, needsLabelAndPrediction, SMALLEST_IMPACT_RATIO } from './registry.js';

/** Whether `policy` is the default one (its checks that cannot apply are skipped without a word). */
function isDefaultPolicy(policy: readonly PolicyCheck[]): boolean {
  return JSON.stringify(policy) === JSON.stringify(DEFAULT_POLICY);
}

function format(x: number): string {
  return String(Number(x.toPrecision(3)));
}

function keyText(key: GroupKey | undefined | null): string {
  return key ? groupKeyValues(key) : '';
}

/**
 * Evaluates `policy` on every attribute (filling each attribute's `checks`) and returns all checks,
 * flattened. Throws a UserError for a metric or attribute name the audit does not know. A check on
 * an aggregate that needs both labels and predictions is skipped when the audit lacks either
 * (with a warning unless the policy is the default one).
 */
export function evaluatePolicy(
  attributes: AttributeResult[],
  policy: readonly PolicyCheck[],
  audit: { has_label: boolean; has_prediction: boolean },
  warnings: Warnings,
  inconclusive: 'warn' | 'fail' = 'warn',
): CheckResult[] {
  const names = attributes.map((a) => a.name);
  policy.forEach((check, i) => {
    if (!isAggregateName(check.metric)) {
      const near = nearestName(check.metric, AGGREGATE_NAMES);
      throw new UserError(`policy[${i}].metric: unknown metric "${check.metric}"`, {
        hint: near ? `did you mean "${near}"?` : `use one of ${AGGREGATE_NAMES.join(', ')}`,
      });
    }
    for (const name of check.attributes ?? []) {
      if (!names.includes(name)) {
        const near = nearestName(name, names);
        throw new UserError(`policy[${i}].attributes: "${name}" is not an attribute or intersection of this audit (${names.join(', ')})`, {
          hint: near ? `did you mean "${near}"?` : 'name a sensitive attribute, or an intersection such as "race × sex"',
        });
      }
    }
  });
  const applicable = audit.has_label && audit.has_prediction;
  const quiet = isDefaultPolicy(policy);
  const all: CheckResult[] = [];
  for (const check of policy) {
    if (isAggregateName(check.metric) && needsLabelAndPrediction(check.metric) && !applicable) {
      if (!quiet) {
        warnings.add('check-skipped', `The check on ${check.metric} was skipped: it needs both a label and a prediction column.`);
      }
      continue;
    }
    for (const attribute of attributes) {
      if (check.attributes && !check.attributes.includes(attribute.name)) continue;
      const result = evaluate(check, attribute, inconclusive);
      attribute.checks.push(result);
      all.push(result);
    }
  }
  return all;
}

function evaluate(check: PolicyCheck, attribute: AttributeResult, inconclusiveRule: 'warn' | 'fail'): CheckResult {
  const direction = check.max !== undefined ? 'max' : 'min';
  const threshold = (check.max ?? check.min)!;
  const severity = check.severity ?? 'fail';
  const value = attribute.aggregates[check.metric] ?? null;
  const interval = attribute.aggregate_intervals[check.metric] ?? null;
  const group = check.metric === SMALLEST_IMPACT_RATIO ? groupWithLowestImpactRatio(attribute) : undefined;
  const beyond = (x: number): boolean => (direction === 'max' ? x > threshold : x < threshold);
  const inconclusive = value !== null && interval !== null && interval[0] <= threshold && threshold <= interval[1];
  let verdict: Verdict;
  if (value === null) verdict = 'insufficient-data';
  else if (inconclusive) verdict = inconclusiveRule === 'fail' ? (beyond(value) ? severity : 'pass') : 'warn';
  else verdict = beyond(value) ? severity : 'pass';
  const bound = direction === 'max' ? `at most ${format(threshold)}` : `at least ${format(threshold)}`;
  let message: string;
  if (value === null) {
    const note = attribute.aggregate_notes[check.metric];
    message = `${check.metric} of ${attribute.name} could not be measured${note ? `: ${note}` : ''}; the policy asks for ${bound}.`;
  } else {
    // The check judges the lowest ratio of all groups; its interval is that minimum's (over every
    // group at once), so it can differ from the interval of the one group that is lowest here.
    const where = group ? `, the lowest of its groups: ${keyText(group)} against ${keyText(attribute.impact_reference)}` : '';
    const ci = interval ? ` (95% interval${group ? ' of the lowest ratio' : ''} ${format(interval[0])} to ${format(interval[1])})` : '';
    message = `${check.metric} of ${attribute.name} is ${format(value)}${where}${ci}; the policy asks for ${bound}.`;
    if (inconclusive) {
      message +=
        inconclusiveRule === 'fail'
          ? ' The interval crosses the threshold, so the verdict could go either way.'
          : ' The interval crosses the threshold, so the data cannot tell: the check warns (inconclusive) instead of passing or failing.';
    }
  }
  return {
    metric: check.metric,
    attribute: attribute.name,
    value,
    threshold,
    direction,
    severity,
    verdict,
    interval,
    inconclusive,
    ...(group ? { group } : {}),
    message,
  };
}

function groupWithLowestImpactRatio(attribute: AttributeResult): GroupKey | undefined {
  let best: { key: GroupKey; ratio: number } | undefined;
  for (const g of attribute.groups) {
    if (!g.eligible || g.impact_ratio === null) continue;
    if (!best || g.impact_ratio < best.ratio) best = { key: g.key, ratio: g.impact_ratio };
  }
  return best?.key;
}
