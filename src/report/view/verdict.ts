/**
 * The verdict section: the headline, the explanation, the checks in the order a reviewer reads
 * them, and the top findings. Pure.
 */
import type { AuditResults, CheckResult, Verdict } from '../../results/index.js';
import { groupKeyValues } from '../../text/group-key.js';
import { comparisonView } from '../comparison-view.js';
import { metricDefinition } from '../definitions.js';
import { formatAgainst, formatCount, formatInterval, formatNumber, formatPercent } from '../format.js';
import { DRIFT_PREFIX, VERDICT_WORDS } from './shared.js';
import type { CheckRow, ReportView } from './types.js';

/** Checks in the order a reviewer reads them: findings that count, accepted ones, then the rest. */
export function byConcern(checks: readonly CheckResult[]): CheckResult[] {
  const rank = (c: CheckResult) => {
    const finding = c.verdict === 'fail' || c.verdict === 'warn';
    if (finding && acceptanceState(c) === 'in-force') return 2;
    return { fail: 0, warn: 1, 'insufficient-data': 3, pass: 4 }[c.verdict] ?? 4;
  };
  // Array.prototype.sort is stable: checks of equal concern keep the engine's order.
  return [...checks].sort((a, b) => rank(a) - rank(b));
}

/** The verdict section: the overall verdict, its headline in counts, and what it means. */
export function verdictView(results: AuditResults): ReportView['verdict'] {
  const count = (v: Verdict) => results.checks.filter((c) => c.verdict === v).length;
  const judged = results.checks.length - count('insufficient-data');
  const [failed, warned] = [count('fail'), count('warn')];
  const findingsOf = (state: 'in-force' | 'expired') => results.checks.filter((c) => (c.verdict === 'fail' || c.verdict === 'warn') && acceptanceState(c) === state).length;
  const [accepted, expired] = [findingsOf('in-force'), findingsOf('expired')];
  const inconclusive = results.checks.filter((c) => c.inconclusive && c.verdict !== 'insufficient-data').length;
  const drift = results.checks.filter((c) => c.metric.startsWith(DRIFT_PREFIX)).length;
  const headline =
    results.verdict === 'fail'
      ? `${failed} of ${judged} judged checks failed${warned ? `; ${warned} ${warned > 1 ? 'are warned checks' : 'is a warned check'}` : ''}.`
      : results.verdict === 'warn'
        ? failed
          ? `${warnedChecks(warned)} of ${judged} judged; ${failed} failed but ${failed > 1 ? 'are' : 'is'} accepted.`
          : `${warnedChecks(warned)} of ${judged} judged; none failed.`
        : results.verdict === 'pass'
          ? accepted
            ? `${judged - accepted} of ${judged} judged checks passed; the other ${accepted} failed or warned and ${accepted > 1 ? 'are accepted findings' : 'is an accepted finding'}.`
            : `All ${judged} judged checks passed.`
          : 'No check could be judged: every group was too small or every rate undefined.';
  const parts = [
    results.verdict === 'pass' && !accepted
      ? 'No measured disparity is beyond the limits of the audit policy.'
      : 'A failed check means the whole 95% interval of a measured disparity lies beyond a limit of the audit policy; a warned check means a disparity beyond a limit set to warn, or one whose 95% interval crosses its limit (the data cannot tell). Either is evidence to investigate, not proof of discrimination.',
  ];
  if (accepted) {
    parts.push(
      `${accepted} of the failed or warned findings ${accepted > 1 ? 'are' : 'is'} accepted by a named owner until a date and ${accepted > 1 ? 'do' : 'does'} not count toward the verdict until then; ${accepted > 1 ? 'they are' : 'it is'} still listed below.`,
    );
  }
  if (expired) parts.push(`${expired} acceptance${expired > 1 ? 's have' : ' has'} expired: ${expired > 1 ? 'those findings count' : 'that finding counts'} again.`);
  if (drift) parts.push(`${drift} of the checks ${drift > 1 ? 'are drift checks' : 'is a drift check'} against the baseline run (see “Changes since the baseline”).`);
  if (inconclusive) {
    const rule = results.config.inconclusive === 'fail' ? 'judged on the point value (inconclusive: fail)' : 'warned checks, not failures (inconclusive: fail would judge them on the point value)';
    parts.push(`${inconclusive} verdict${inconclusive > 1 ? 's are' : ' is'} inconclusive: the 95% interval crosses the threshold, so the data cannot tell and more data could change ${inconclusive > 1 ? 'them' : 'it'}; ${inconclusive > 1 ? 'they are' : 'it is'} ${rule}.`);
  }
  const notJudged = count('insufficient-data');
  if (notJudged) parts.push(`${notJudged} check${notJudged > 1 ? 's' : ''} could not be judged for lack of data.`);
  return { verdict: results.verdict, headline, explanation: parts.join(' '), exitCode: results.exit_code, failOn: results.config.fail_on };
}

/** "1 warned check", "3 warned checks": WARN verdicts, never called warnings (those are about the run). */
function warnedChecks(n: number): string {
  return `${n} warned check${n === 1 ? '' : 's'}`;
}

/** Whether a person accepted this check's finding, and whether that acceptance is still in force. */
function acceptanceState(check: CheckResult): 'in-force' | 'expired' | undefined {
  if (!check.accepted) return undefined;
  return check.accepted.expired ? 'expired' : 'in-force';
}

/** "Accepted until 2025-06-30 by ana: retraining", or the expired form; undefined without acceptance. */
export function acceptanceText(check: CheckResult): string | undefined {
  const a = check.accepted;
  if (!a) return undefined;
  return a.expired
    ? `Acceptance expired on ${a.expires} (was accepted by ${a.owner}: ${a.reason}); this finding counts again.`
    : `Accepted until ${a.expires} by ${a.owner}: ${a.reason}`;
}

/** One row of the checks table: the check in words, its interval, threshold and acceptance. */
export function checkRow(check: CheckResult): CheckRow {
  const def = metricDefinition(check.metric);
  const drift = check.metric.startsWith(DRIFT_PREFIX);
  return {
    metric: check.metric,
    label: def.label,
    attribute: check.attribute,
    group: check.group ? groupKeyValues(check.group) : undefined,
    value: drift ? worseText(check.value, check.threshold) : check.value === null ? 'n/a' : formatAgainst(check.value, check.threshold),
    interval: check.interval ? formatInterval(check.interval, 'number') : undefined,
    threshold: `${drift ? 'worse by ' : ''}${check.direction === 'min' ? 'at least' : 'at most'} ${check.threshold}`,
    verdict: check.verdict,
    inconclusive: check.inconclusive && check.verdict !== 'insufficient-data',
    message: readableMessage(check),
    accepted: acceptanceText(check),
    acceptance: acceptanceState(check),
    drift,
  };
}

/**
 * A drift check's value in words: it is how much worse the metric got since the baseline, so a
 * negative value is an improvement ("better by 0.070"), never a bare "-0.070" beside a "+0.070".
 */
function worseText(worse: number | null, threshold: number): string {
  if (worse === null || !Number.isFinite(worse)) return 'n/a';
  if (worse > 0) return `worse by ${formatAgainst(worse, threshold)}`;
  return worse < 0 ? `better by ${formatNumber(-worse)}` : 'no change';
}

/**
 * The check's message with its leading metric id in words ("Impact ratio of race is …", and for a
 * drift check "Impact ratio on sex went down …"), for a reader who has never seen the metric ids.
 */
function readableMessage(check: CheckResult): string {
  const id = check.metric.startsWith(DRIFT_PREFIX) ? check.metric.slice(DRIFT_PREFIX.length) : check.metric;
  if (!check.message.startsWith(`${id} `)) return check.message;
  return `${metricDefinition(id).label}${check.message.slice(id.length)}`;
}

/** The few sentences a reader should see first: failed and warned checks, then the caveats. */
export function findings(results: AuditResults, max = 6): string[] {
  const out: string[] = [];
  // Findings that count come first; accepted ones follow, marked, so nothing is hidden.
  const counts = (c: CheckResult) => acceptanceState(c) !== 'in-force';
  const bad = [
    ...results.checks.filter((c) => c.verdict === 'fail' && counts(c)),
    ...results.checks.filter((c) => c.verdict === 'warn' && counts(c)),
    ...results.checks.filter((c) => (c.verdict === 'fail' || c.verdict === 'warn') && !counts(c)),
  ];
  for (const c of bad.slice(0, max - 2)) {
    const state = acceptanceState(c);
    const tag = state === 'in-force' ? ` (accepted until ${c.accepted!.expires} by ${c.accepted!.owner})` : state === 'expired' ? ' (acceptance expired)' : '';
    const drift = c.metric.startsWith(DRIFT_PREFIX) ? ' (drift since the baseline)' : '';
    out.push(`${VERDICT_WORDS[c.verdict]}${drift}${tag}: ${readableMessage(c)}${c.inconclusive ? ' (inconclusive: the interval crosses the threshold)' : ''}`);
  }
  if (bad.length > max - 2) out.push(`… and ${bad.length - (max - 2)} more failed or warned checks (see the table).`);
  const comparison = comparisonView(results.comparison, (key) => groupKeyValues(key));
  if (comparison) out.unshift(`${comparison.driftFound ? 'DRIFT' : 'NO DRIFT'} since the baseline run: ${comparison.driftSummary}`);
  const { rows_read: read, rows_missing_label: noLabel, rows_missing_prediction: noPrediction } = results.input;
  // A regression audit's metrics take only rows holding every outcome column read.
  const regression = results.task?.name === 'regression';
  if (noLabel > 0 && results.outcome === 'prediction') {
    const counted = regression ? 'the regression metrics leave them out' : 'they count for selection rates but not for error rates (TPR, FPR, precision, accuracy)';
    out.push(`${formatCount(noLabel)} of ${formatCount(read)} rows (${formatPercent(noLabel / read)}) have no label: ${counted}.`);
  }
  if (noPrediction > 0 && results.outcome === 'prediction') {
    const counted = regression ? 'the regression metrics leave them out' : 'they count for base rates only';
    out.push(`${formatCount(noPrediction)} of ${formatCount(read)} rows (${formatPercent(noPrediction / read)}) have no prediction: ${counted}.`);
  }
  const small = results.attributes.flatMap((a) => a.groups.filter((g) => !g.eligible).map(() => a.name));
  if (small.length) {
    // LL144 leaves categories out by the 2% rule (and unknown ones), never by min_group_size.
    out.push(
      results.config.mode === 'll144'
        ? `${small.length} categor${small.length > 1 ? 'ies were' : 'y was'} under 2% of the data or unknown and left out of the impact ratios (LL144); their counts and rates are still shown.`
        : `${small.length} group${small.length > 1 ? 's were' : ' was'} too small to judge (fewer than ${results.config.min_group_size} rows) and left out of the verdicts.`,
    );
  }
  if (results.warnings.length) out.push(`${results.warnings.length} warning${results.warnings.length > 1 ? 's' : ''} raised during the audit (see Data and provenance).`);
  return out;
}
