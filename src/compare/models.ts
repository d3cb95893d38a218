/**
 * Model integrity across runs: which model artifacts (by SHA-256) produced the predictions now
 * and at the baseline, and whether any changed.
 */

import type { ModelChange, ModelComparison, ModelFile } from '../results/comparison.js';

/** Model artifacts and their changes: the results contract's types. */
export type { ModelChange, ModelComparison, ModelFile } from '../results/comparison.js';

/**
 * Pairs artifacts by path; when each run has exactly one artifact and their paths differ, pairs
 * those two (a nightly job often points at a new file name for a new model). Pure.
 */
export function compareModels(current: readonly ModelFile[] = [], baseline: readonly ModelFile[] = []): ModelComparison {
  const files: ModelChange[] = [];
  if (current.length === 1 && baseline.length === 1 && current[0].path !== baseline[0].path) {
    const [now, then] = [current[0], baseline[0]];
    files.push({ path: now.path, baseline_path: then.path, baseline_sha256: then.sha256, current_sha256: now.sha256, status: now.sha256 === then.sha256 ? 'same' : 'changed' });
  } else {
    const before = new Map(baseline.map((m) => [m.path, m]));
    for (const now of current) {
      const then = before.get(now.path);
      before.delete(now.path);
      files.push({
        path: now.path,
        baseline_sha256: then?.sha256 ?? null,
        current_sha256: now.sha256,
        status: !then ? 'added' : then.sha256 === now.sha256 ? 'same' : 'changed',
      });
    }
    for (const then of before.values()) files.push({ path: then.path, baseline_sha256: then.sha256, current_sha256: null, status: 'removed' });
  }
  return { recorded: current.length + baseline.length > 0, changed: files.some((f) => f.status !== 'same'), files };
}
