/**
 * The audit's task (DESIGN §3, §14): binary, multiclass or regression, as `task:` sets it or as
 * detected from the first rows of the label and prediction columns. The detection, and why, is
 * recorded in the results, so a reader sees what kind of audit ran.
 */
import { DataType, type Data, type RecordBatch } from 'apache-arrow';
import type { ResolvedConfig, Task } from '../config/types.js';
import { UserError } from '../errors.js';
import { isNumericType, isValid, readBool, readNumbers, readUtf8, validity, valueText } from './arrow-data.js';

export type { Task };

/** The task of an audit and how it was decided. */
export interface TaskDetection {
  task: Task;
  /** True when fairaudit chose the task from the data; false when `task:` (or `--task`) set it. */
  detected: boolean;
  /** A sentence for people: why this task. */
  reason: string;
}

/** What the detection saw of one outcome column. */
export interface OutcomeSample {
  column: string;
  role: 'label' | 'prediction';
  /** A number type (not dictionary-coded text). */
  numeric: boolean;
  /** Distinct non-missing values seen (counting stops a little above {@link MANY_VALUES}). */
  distinct: number;
  /** Whether every number seen is whole. */
  whole: boolean;
  /** Rows seen per distinct value (trimmed, lower case), where the reader counts them. */
  counts?: ReadonlyMap<string, number>;
}

/** Rows read to detect the task. */
export const DETECTION_ROWS = 10_000;
/** A numeric label with more distinct values than this is a continuous outcome (regression). */
export const MANY_VALUES = 20;

/**
 * Decides the task from what the first rows showed. Pure. With `positive` set the audit is
 * binary (the user named what counts as 1). A numeric label (or, without a label, prediction)
 * with more than {@link MANY_VALUES} distinct values, or with fractions among more than two
 * values, is regression; a label or prediction with three or more values is multiclass; anything
 * else is binary.
 *
 * @example
 * decideTask([{ column: 'grade', role: 'label', numeric: false, distinct: 4, whole: true }], false).task; // 'multiclass'
 */
export function decideTask(samples: readonly OutcomeSample[], positiveSet: boolean, rows = DETECTION_ROWS): TaskDetection {
  if (positiveSet) return { task: 'binary', detected: true, reason: 'positive: names the values that count as 1' };
  for (const sample of samples) refuseStrayValues(sample);
  const first = `in the first ${rows.toLocaleString('en-US')} rows`;
  const leading = samples.find((s) => s.role === 'label') ?? samples[0];
  if (leading && leading.numeric && (leading.distinct > MANY_VALUES || (!leading.whole && leading.distinct > 2))) {
    const many = leading.distinct > MANY_VALUES ? `more than ${MANY_VALUES}` : String(leading.distinct);
    return { task: 'regression', detected: true, reason: `the ${leading.role} "${leading.column}" holds ${many} distinct numbers ${first}` };
  }
  // A prediction of fractions beside a yes/no label is a score named as a prediction: as classes it
  // would be refused for their number, or audited as a few dozen classes.
  const label = samples.find((s) => s.role === 'label');
  const fractions = samples.find((s) => s.role === 'prediction' && s.numeric && !s.whole && s.distinct > 2);
  if (label && label.distinct <= 2 && fractions) {
    throw new UserError(`the prediction column holds fractions, ${fractions.distinct > MANY_VALUES ? `more than ${MANY_VALUES}` : fractions.distinct} distinct ${first}, beside a yes/no label: a score rather than a decision?`, {
      column: fractions.column,
      hint: `name it with --score ${fractions.column} (score: in the config), with --threshold for the score at which a prediction is positive`,
    });
  }
  const classes = samples.find((s) => s.distinct >= 3);
  if (classes) {
    return { task: 'multiclass', detected: true, reason: `the ${classes.role} "${classes.column}" holds ${classes.distinct} classes ${first}, and positive: is not set` };
  }
  return { task: 'binary', detected: true, reason: `the label and prediction hold at most two values ${first}` };
}


/**
 * Refuses an outcome column that holds two values in nearly every row and others in a handful (a
 * totals row under a 0/1 label, `Total,,,150,148`; a typo): detected as it reads, the audit would
 * turn multiclass (or regression) over them, with exit 0. Stray means at most 0.5% of the rows
 * (at least one), and each of the two values in ten times as many rows. `--task` or `positive:`
 * settles the task without this check.
 */
function refuseStrayValues(sample: OutcomeSample): void {
  const counts = sample.counts;
  if (!counts || counts.size < 3 || counts.size > MANY_VALUES) return;
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  let n = 0;
  for (const [, c] of sorted) n += c;
  const stray = sorted.slice(2);
  const rest = n - sorted[0][1] - sorted[1][1];
  if (rest > Math.max(1, Math.floor(0.005 * n)) || sorted[1][1] < 10 * rest) return;
  const shown = (values: [string, number][]) => values.map(([v]) => JSON.stringify(v)).join(values.length === 2 ? ' and ' : ', ');
  const rows = (k: number) => `${k.toLocaleString('en-US')} row${k === 1 ? '' : 's'}`;
  throw new UserError(
    `the ${sample.role} column holds ${shown(sorted.slice(0, 2))} in ${rows(n - rest)} and ${shown(stray.slice(0, 3))}${stray.length > 3 ? ', …' : ''} in only ${rows(rest)} of the first ${rows(n)}: a totals or notes row, or a typo?`,
    {
      column: sample.column,
      hint: `remove or fix ${rest === 1 ? 'that row' : 'those rows'}, or, if every value is a class, set task: multiclass (--task multiclass)`,
    },
  );
}

/** The task when no data is needed to decide it (`task:` set, `positive:` set, no label or prediction), else undefined. */
export function settledTask(columns: { label?: string; prediction?: string }, config: ResolvedConfig): TaskDetection | undefined {
  if (config.task) return { task: config.task, detected: false, reason: 'set by task: (or --task)' };
  if (config.positive !== undefined || (!columns.label && !columns.prediction)) return decideTask([], config.positive !== undefined);
  return undefined;
}

/** {@link decideTask} on the first {@link DETECTION_ROWS} rows of `batch` (or `config.task`). */
export function detectTaskInBatch(batch: RecordBatch, columns: { label?: string; prediction?: string }, config: ResolvedConfig): TaskDetection {
  const settled = settledTask(columns, config);
  if (settled) return settled;
  const rows = Math.min(batch.numRows, DETECTION_ROWS);
  const roles = (
    [
      [columns.label, 'label'],
      [columns.prediction, 'prediction'],
    ] as const
  ).filter((r): r is [string, 'label' | 'prediction'] => !!r[0]);
  const samples = roles.map(([column, role]): OutcomeSample => {
    const data = batch.data.children[batch.schema.fields.findIndex((f) => f.name === column)] as Data;
    const seen = { distinct: new Map<string, number>(), whole: true };
    sampleValues(data, rows, seen);
    return { column, role, numeric: isNumericType(data.type), distinct: seen.distinct.size, whole: seen.whole, counts: seen.distinct };
  });
  return decideTask(samples, false, rows);
}

/** Counts the distinct values of the first `n` rows of `data` into `into` (numbers as text; text trimmed, in lower case). */
function sampleValues(data: Data, n: number, into: { distinct: Map<string, number>; whole: boolean }): void {
  const cap = MANY_VALUES + 1;
  if (isNumericType(data.type)) {
    const numbers = new Float64Array(data.length);
    readNumbers(data, numbers);
    for (let i = 0; i < n && into.distinct.size <= cap; i++) {
      const x = numbers[i];
      if (x !== x) continue;
      const key = String(x);
      into.distinct.set(key, (into.distinct.get(key) ?? 0) + 1);
      if (!Number.isInteger(x)) into.whole = false;
    }
    return;
  }
  const valid = validity(data);
  const dictionary = DataType.isDictionary(data.type) ? data.dictionary : undefined;
  for (let i = 0; i < n && into.distinct.size <= cap; i++) {
    if (!isValid(valid, i)) continue;
    let text: string;
    if (dictionary) text = valueText(dictionary.get(Number((data.values as ArrayLike<number>)[i])));
    else if (DataType.isBool(data.type)) text = String(readBool(data, i));
    else if (DataType.isUtf8(data.type)) text = readUtf8(data, i);
    else continue;
    // Compared as positive: is, trimmed and case-insensitively (Yes and YES are one value).
    text = text.trim().toLowerCase();
    if (text !== '') into.distinct.set(text, (into.distinct.get(text) ?? 0) + 1);
  }
}
