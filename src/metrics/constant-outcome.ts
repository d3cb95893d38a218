/**
 * An audit whose judged outcome never varies measures nothing: when every prediction (or, in a
 * label-only audit, every label) is the same value, every group's selection rate, TPR and FPR are
 * the same 0 or 1, every difference is 0, and the checks would pass having judged nothing. Those
 * checks say "insufficient data" instead, with the reason. Pure.
 */
import type { CheckResult } from '../results/index.js';
import type { GroupStatistics } from './statistics.js';

/**
 * Why the checks of an audit over `stats` cannot judge anything, or undefined when they can:
 * the outcome the checks judge (the prediction when there is one, else the label) holds one value
 * on every row that has it.
 *
 * @example
 * constantOutcomeReason(stats); // 'every prediction ("p") is 0 (no row is predicted positive)'
 */
export function constantOutcomeReason(stats: GroupStatistics): string | undefined {
  const c = stats.rows.cells;
  // Cells are 3 · label + prediction, each 0, 1 or 2 (missing).
  const byPrediction = stats.prediction_source !== 'none';
  const positives = byPrediction ? c[1] + c[4] + c[7] : c[3] + c[4] + c[5];
  const negatives = byPrediction ? c[0] + c[3] + c[6] : c[0] + c[1] + c[2];
  if (positives + negatives === 0 || (positives > 0 && negatives > 0)) return undefined;
  const column = byPrediction ? (stats.columns.prediction ?? stats.columns.score) : stats.columns.label;
  const what = byPrediction ? 'prediction' : 'label';
  return positives === 0
    ? `every ${what} ("${column}") is 0 (no row is ${byPrediction ? 'predicted ' : ''}positive)`
    : `every ${what} ("${column}") is 1 (no row is ${byPrediction ? 'predicted ' : ''}negative)`;
}

/**
 * `checks` with every pass turned into insufficient-data, saying `reason`: a constant outcome
 * makes every group look equal, which is no evidence of fairness. Fails and warnings stay.
 */
export function unmeasuredChecks(checks: CheckResult[], reason: string): void {
  for (const check of checks) {
    if (check.verdict !== 'pass') continue;
    check.verdict = 'insufficient-data';
    check.message = `${check.message} Not judged: ${reason}, so every group looks the same.`;
  }
}
