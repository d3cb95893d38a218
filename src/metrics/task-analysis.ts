/**
 * The analysis of a multiclass or regression audit (DESIGN §14), from the one place the binary
 * analysis hands over: the presence-only binary analysis gives every group its size, share and
 * eligibility; the task's own metrics complete the attributes; then the policy runs on them. The
 * verdict is the judge's (src/audit/judge.ts), as for a binary audit.
 */
import { DEFAULT_POLICY, type PolicyCheck, type ResolvedConfig } from '../config/types.js';
import { Warnings } from '../warnings.js';
import type { Analysis } from './analysis.js';
import { multiclassAttributes, type BinaryAnalyzer } from './multiclass/analyze.js';
import { presenceView } from './multiclass/views.js';
import { evaluatePolicy } from './policy.js';
import { regressionAttributes } from './regression/analyze.js';
import type { GroupStatistics } from './statistics-types.js';

/** The default policy of a regression audit: the impact ratio of the above-median share, at least 0.8. */
const REGRESSION_DEFAULT_POLICY: readonly PolicyCheck[] = [{ metric: 'impact_ratio', min: 0.8, severity: 'fail' }];

/** Analyzes a multiclass or regression audit; `analyze` is the binary analysis. */
export function analyzeTask(stats: GroupStatistics, config: ResolvedConfig, warnings: Warnings, analyze: BinaryAnalyzer): Analysis {
  const task = stats.task!.detection.task;
  // The presence-only analysis speaks of rates that mean nothing here: only its warnings about
  // rows (missing labels, predictions, weights) and groups (small, single) are the audit's.
  const scratch = new Warnings();
  const skeleton = analyze(presenceView(stats), { ...config, policy: [], bootstrap: 0 }, scratch);
  for (const w of scratch.list()) {
    if (!/^(rows-|small-group|single-group|reference)/.test(w.code)) continue;
    const message = task === 'regression' ? (regressionRowsMessage(w.code, skeleton.rows, stats) ?? w.message) : w.message;
    for (let i = 0; i < w.count; i++) warnings.add(w.code, message);
  }
  let attributes;
  switch (task) {
    case 'multiclass':
      caseVariantClasses(stats.task!.multiclass?.classes ?? [], warnings);
      attributes = multiclassAttributes(stats, config, skeleton, analyze);
      break;
    case 'regression':
      // Favorable classes mean nothing for a numeric outcome: said, not silently dropped.
      if (config.favorable_classes?.length) {
        warnings.add('favorable-classes-ignored', `favorable: lists classes (${config.favorable_classes.join(', ')}), but this is a regression audit: they are ignored; the impact ratio is of each group's share above the overall median. Remove them, or set task: multiclass (--task multiclass).`);
      }
      attributes = regressionAttributes(stats, config, skeleton.attributes);
      break;
    default:
      throw new Error(`analyzeTask: no analysis for task ${task}`);
  }
  for (const attribute of attributes) attribute.checks = [];
  const isDefault = JSON.stringify(config.policy) === JSON.stringify(DEFAULT_POLICY);
  const policy = task === 'regression' && isDefault ? REGRESSION_DEFAULT_POLICY : config.policy;
  const audit = { has_label: !!stats.columns.label, has_prediction: stats.prediction_source !== 'none' };
  const checks = evaluatePolicy(attributes, policy, audit, warnings, config.inconclusive ?? 'warn');
  return { ...skeleton, attributes, checks };
}

/**
 * The binary analysis says rows without a label still count for selection rates (and without a
 * prediction for base rates); a regression audit's sums and histograms take only rows holding
 * every outcome column read, so it says that instead. Undefined for other warnings.
 */
function regressionRowsMessage(code: string, rows: Analysis['rows'], stats: GroupStatistics): string | undefined {
  const leftOut = 'a regression audit leaves them out (its sums and histograms take only rows holding every outcome column read).';
  if (code === 'rows-missing-label') return `${rows.rows_missing_label} of ${rows.rows_read} rows have no label ("${stats.columns.label}"): ${leftOut}`;
  if (code === 'rows-missing-prediction') return `${rows.rows_missing_prediction} of ${rows.rows_read} rows have no prediction ("${stats.columns.prediction ?? stats.columns.score}"): ${leftOut}`;
  return undefined;
}

/**
 * Classes that differ only by letter case (`Low` in the label, `low` in the prediction) are
 * different classes to the audit, so every such prediction counts as wrong: never silent.
 */
function caseVariantClasses(classes: readonly string[], warnings: Warnings): void {
  const byFolded = new Map<string, string[]>();
  for (const c of classes) byFolded.set(c.toLowerCase(), [...(byFolded.get(c.toLowerCase()) ?? []), c]);
  const variants = [...byFolded.values()].filter((spellings) => spellings.length > 1);
  if (variants.length === 0) return;
  warnings.add(
    'class-case-variants',
    `Classes that differ only by case are audited as different classes, so a prediction spelled unlike its label counts as wrong: ${variants.map((v) => v.map((c) => `"${c}"`).join(' / ')).join('; ')}. Spell the label and prediction values alike.`,
  );
}
