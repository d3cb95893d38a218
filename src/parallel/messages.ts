/**
 * What crosses between the main thread and a counting worker: a task (one part of the input and
 * the audit setup), and its answer (the part's statistics, or its error as plain data).
 */
import type { BinSpec } from '../results/index.js';
import type { ResolvedConfig } from '../config/types.js';
import { UserError, type ExitCode } from '../errors.js';
import type { SourcePart } from '../load/source-part.js';
import type { AuditColumns, GroupStatistics } from '../metrics/statistics.js';
import type { TaskDetection } from '../metrics/task.js';
import type { Warning } from '../warnings.js';

/** One part to count. */
export interface CountTask {
  index: number;
  part: SourcePart;
  columns: AuditColumns;
  config: ResolvedConfig;
  thresholdGiven: boolean;
  bins: Record<string, BinSpec | null>;
  batchSize?: number;
  /** The audit's task, decided once for every part. */
  task?: TaskDetection;
}

/** An error as plain data: a user error keeps its place, hint and exit code. */
export interface ErrorData {
  user: boolean;
  message: string;
  file?: string;
  line?: number;
  column?: string;
  hint?: string;
  exitCode?: ExitCode;
  stack?: string;
}

/** A worker's answer to a {@link CountTask}. */
export type CountAnswer = { index: number; ok: true; stats: GroupStatistics; warnings: Warning[] } | { index: number; ok: false; error: ErrorData };

/** Flattens an error for postMessage. */
export function errorData(error: unknown): ErrorData {
  if (error instanceof UserError) {
    return { user: true, message: error.message, ...error.place, hint: error.hint, exitCode: error.exitCode };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { user: false, message: `${e.name}: ${e.message}`, stack: e.stack };
}

/** The error again, on the receiving side: a UserError stays a UserError. */
export function errorFromData(data: ErrorData): Error {
  if (data.user) return new UserError(data.message, { file: data.file, line: data.line, column: data.column, hint: data.hint, exitCode: data.exitCode });
  const error = new Error(`in a counting thread: ${data.message}`);
  if (data.stack) error.stack = data.stack;
  return error;
}

/**
 * The buffers of every typed array in `stats`, each once: moved to the receiver instead of copied
 * (the sender gives them up).
 */
export function transferList(stats: GroupStatistics): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [stats.rows.cells];
  for (const table of stats.tables) {
    arrays.push(table.cells);
    if (table.rows) arrays.push(table.rows);
  }
  if (stats.scores) arrays.push(stats.scores.score, stats.scores.label, ...stats.scores.groups);
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  return [...buffers];
}
