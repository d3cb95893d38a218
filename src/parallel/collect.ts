/**
 * Counting on every core: a large single input file is split into parts (Parquet row groups, Arrow
 * IPC record batch ranges, CSV byte ranges), worker threads count the parts into partial group
 * statistics (the main thread takes parts too, from the same queue), then the main thread merges
 * them in file order and validates the result. The input is hashed for provenance on a thread of
 * its own meanwhile, so hashing costs no time of its own. Whatever cannot gain from threads is
 * counted on the main thread, as before.
 */
import { DEFAULTS, type ResolvedConfig } from '../config/types.js';
import { UserError } from '../errors.js';
import { splitData } from '../load/open.js';
import type { SourcePart } from '../load/source-part.js';
import type { DataSource, DataFormat } from '../load/source.js';
import { groupCount } from '../metrics/count-table.js';
import { MISSING_GROUP } from '../metrics/features.js';
import {
  collectStatistics,
  decideStatisticsBins,
  JOINT_GROUP_LIMIT,
  mergeStatistics,
  validateStatistics,
  type AuditColumns,
  type CollectOptions,
  type GroupStatistics,
} from '../metrics/statistics.js';
import { DETECTION_ROWS, decideTask, detectTaskInBatch, settledTask, type TaskDetection } from '../metrics/task.js';
import type { Warnings } from '../warnings.js';
import type { CountTask } from './messages.js';
import { countPart } from './count-part.js';
import { errorFromData } from './messages.js';
import { CountingPool, countingThreads } from './pool.js';

/** Options of {@link collectStatisticsInParallel}. */
export interface ParallelCollectOptions extends CollectOptions {
  /** Threads to count with (default {@link countingThreads}: the cores); 1 counts on the main thread. */
  threads?: number;
  /** Smallest file, in bytes, worth splitting (default by format, see {@link MIN_PARALLEL_BYTES}). */
  minBytes?: number;
  /** Smallest part of a CSV/TSV file, in bytes (default 8 MiB). */
  minPartBytes?: number;
  /** Told how many of the file's parts are counted when counting on threads (a progress line). */
  onParts?: (done: number, total: number) => void;
}

/**
 * Smallest input worth worker threads, by format. A thread needs 0.2–0.5 s to start and warm up,
 * so it pays only when counting takes clearly longer: measured on 2 cores (BENCHMARKS.md), CSV
 * gains from about 100 MB (1.4M rows of the bench table). Arrow IPC and Parquet get no thread
 * there (one core is left to the hash, see below); the sizes for them are where a thread's start
 * is paid back in counting time: 10M rows of Parquet count in about 0.5 s.
 */
const MIN_PARALLEL_BYTES: Partial<Record<DataFormat, number>> = {
  parquet: 200_000_000,
  arrow: 1_000_000_000,
  csv: 100_000_000,
  tsv: 100_000_000,
};

/** Parts per thread: more parts than threads keep every core busy when one part reads slower. */
const PARTS_PER_THREAD = 4;

/**
 * The group statistics of `source`, equal to {@link collectStatistics} (same merged counts, same
 * warnings, same UserError for bad input), counted by worker threads when the input is one large
 * Parquet, Arrow IPC or uncompressed CSV/TSV file. A part that fails, for any bad input, sends the
 * whole count back to the main thread, so a user error is reported for the first bad row of the
 * file, with its line, exactly as a single-threaded read reports it. Also starts hashing the file
 * for `source.provenance()` where the scan cannot hash on the way, so the hash runs beside the
 * count and the analysis after it; awaiting `provenance()` waits for it.
 */
export async function collectStatisticsInParallel(
  source: DataSource,
  columns: AuditColumns,
  config: ResolvedConfig,
  warnings: Warnings,
  options: ParallelCollectOptions = {},
): Promise<GroupStatistics> {
  // A Parquet or Arrow IPC file is hashed on a thread of its own beside the count: it keeps a core.
  // (On 2 cores the count then runs on one thread: 100M rows of Arrow IPC 4.3 s against 4.8–5.1 s
  // on two, of Parquet 2.9–3.8 s against 3.3–3.5 s.)
  const hashedBeside = source.files.some((f) => f.format === 'parquet' || f.format === 'arrow');
  const threads = options.threads ?? countingThreads(hashedBeside ? 1 : 0);
  if (threads < 2 || !worthThreads(source, options.minBytes)) return collectAlone(source, columns, config, warnings, options);
  // Every part counts for the same task, decided once from the start of the data.
  const task = options.task ?? (await detectTask(source, columns, config));
  // A regression audit counts on one thread: each part builds exact histograms until it alone
  // passes the bound, then rounds them, and the parts' histograms merge on this thread, so on 2
  // cores parts took twice the CPU (10M continuous rows of Parquet: 5.4 s wall, 8.5 s CPU on two
  // threads against 3.3 s and 4.3 s on one). One thread also keeps the float sums in one order,
  // so the numbers are the same on any machine.
  if (task.task === 'regression') return collectAlone(source, columns, config, warnings, options);
  // This thread counts too, so one thread fewer is started.
  const pool = new CountingPool(threads - 1);
  try {
    const [parts, bins] = await Promise.all([
      splitData(source, threads * PARTS_PER_THREAD, { minPartBytes: options.minPartBytes }).catch(() => undefined),
      decideStatisticsBins(source, columns, config, options.bins ?? {}),
    ]);
    if (!parts || parts.length < 2) return await collectStatistics(source, columns, config, warnings, { ...options, bins });
    source.provenance().catch(() => undefined);
    const thresholdGiven = options.thresholdGiven ?? config.threshold !== DEFAULTS.threshold;
    options = { ...options, task };
    const tasks = parts.map((part: SourcePart, index): CountTask => ({ index, part, columns, config, thresholdGiven, bins, batchSize: options.batchSize, task }));
    const answers = await pool.run(tasks, countPart, options.onParts);
    void pool.close();
    const failed = answers.find((a) => !a.ok);
    if (failed && !failed.ok) {
      const error = errorFromData(failed.error);
      if (!(error instanceof UserError)) throw error;
      return await collectStatistics(source, columns, config, warnings, { ...options, bins });
    }
    let merged: GroupStatistics | undefined;
    for (const answer of answers) {
      if (!answer.ok) continue;
      merged = merged ? mergeStatistics(merged, answer.stats) : answer.stats;
      for (const w of answer.warnings) for (let i = 0; i < w.count; i++) warnings.add(w.code, w.message);
    }
    if (!merged || beyondLimits(merged, config)) return await collectStatistics(source, columns, config, warnings, { ...options, bins });
    if (options.validate ?? true) validateStatistics(merged, warnings);
    return merged;
  } finally {
    await pool.close();
  }
}

/**
 * {@link collectStatistics} on this thread. Parquet and Arrow IPC file scans read only the byte
 * ranges they need and cannot hash on the way: their hash runs beside the count, on a thread of
 * its own, started and not awaited (the analysis runs while it finishes; provenance() waits for
 * it). Arrow IPC is large for its rows, so its hash is the longer job and starts at once. Parquet
 * is compact: its hash is short and starts once the first batch is counted, since on two cores a
 * hash thread started with the count slows the compiling of the counting code (10M rows: 1.00 ->
 * 0.93 s; Arrow IPC, hashed after its first batch, went 0.87 -> 0.94 s).
 */
function collectAlone(source: DataSource, columns: AuditColumns, config: ResolvedConfig, warnings: Warnings, options: ParallelCollectOptions): Promise<GroupStatistics> {
  if (!source.files.some((f) => f.format === 'parquet' || f.format === 'arrow')) return collectStatistics(source, columns, config, warnings, options);
  const startHash = () => void source.provenance().catch(() => undefined);
  if (source.files.some((f) => f.format === 'arrow')) {
    startHash();
    return collectStatistics(source, columns, config, warnings, options);
  }
  return collectStatistics(source, columns, config, warnings, { ...options, onFirstBatch: startHash });
}

function worthThreads(source: DataSource, minBytes: number | undefined): boolean {
  if (source.files.length !== 1) return false;
  const [file] = source.files;
  const min = minBytes ?? MIN_PARALLEL_BYTES[file.format];
  return min !== undefined && !file.gzip && file.bytes >= min;
}

/**
 * Whether the merged statistics break a limit that a single pass enforces while it reads (more
 * than `max_groups` values in a feature, an intersection too large to count): the single pass
 * then says which, exactly.
 */
function beyondLimits(stats: GroupStatistics, config: ResolvedConfig): boolean {
  for (const domain of stats.features) {
    const distinct = domain.values.length - (domain.values.includes(MISSING_GROUP) ? 1 : 0);
    if (!domain.bins && distinct > config.max_groups) return true;
  }
  const index = new Map(stats.features.map((d, i) => [d.name, i]));
  const strata = stats.columns.strata ? [index.get(stats.columns.strata)!] : [];
  return stats.combinations.some((c) => {
    const features = [...c.features.map((name) => index.get(name)!), ...strata];
    return groupCount(features.map((f) => powerOfTwoAtLeast(stats.features[f].values.length))) > JOINT_GROUP_LIMIT;
  });
}

function powerOfTwoAtLeast(size: number): number {
  let room = 1;
  while (room < size) room *= 2;
  return room;
}

/**
 * The task of an audit: `config.task` when set, else {@link decideTask} on the first
 * `DETECTION_ROWS` rows of the label and prediction columns (only those are read). An
 * audit of a score alone is binary. Used before counting in parts; one pass decides from its
 * first batch instead (`detectTaskInBatch`), so it reads nothing twice.
 */
async function detectTask(source: DataSource, columns: { label?: string; prediction?: string }, config: ResolvedConfig): Promise<TaskDetection> {
  const settled = settledTask(columns, config);
  if (settled) return settled;
  const names = [columns.label, columns.prediction].filter((c): c is string => !!c);
  for await (const batch of source.scan({ columns: names, batchSize: DETECTION_ROWS })) return detectTaskInBatch(batch, columns, config);
  return decideTask([], false, 0);
}
