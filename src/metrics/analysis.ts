/**
 * What the analysis of an audit returns: the parts of the results that come from the data (the
 * verdict is the judge's). Its own file, so the task analyses that extend the binary one
 * (src/metrics/task-analysis.ts) name it without importing the analysis they are called from.
 */
import type { AttributeResult, CheckResult } from '../results/index.js';

/** What `analyzeStatistics` returns: the parts of the results that come from the data. */
export interface Analysis {
  outcome: 'prediction' | 'label';
  rows: { rows_read: number; rows_used: number; rows_missing_label: number; rows_missing_prediction: number };
  attributes: AttributeResult[];
  checks: CheckResult[];
}
