/** Counting one part of the input, on whichever thread takes it. */
import { openPart } from '../load/parts.js';
import { collectStatistics } from '../metrics/statistics.js';
import { Warnings } from '../warnings.js';
import { errorData, type CountAnswer, type CountTask } from './messages.js';

/**
 * The unvalidated group statistics of one part (only the merged statistics of every part can be
 * judged), or its error as plain data; never throws.
 */
export async function countPart(task: CountTask): Promise<CountAnswer> {
  try {
    const source = await openPart(task.part);
    const warnings = new Warnings();
    const stats = await collectStatistics(source, task.columns, task.config, warnings, {
      validate: false,
      bins: task.bins,
      thresholdGiven: task.thresholdGiven,
      batchSize: task.batchSize,
      task: task.task,
    });
    return { index: task.index, ok: true, stats, warnings: warnings.list() };
  } catch (error) {
    return { index: task.index, ok: false, error: errorData(error) };
  }
}
