/**
 * Group statistics (DESIGN §2): one streaming pass over the audit's columns fills the count table
 * every metric is computed from, plus the scores of each row when a score column is set (exact AUC
 * needs them). The result is plain typed arrays and small metadata, so partial statistics from
 * several passes (files, row ranges, worker threads) merge by addition ({@link mergeStatistics}).
 */
import type { Data, RecordBatch } from 'apache-arrow';
import { DataType } from 'apache-arrow';
import type { BinSpec } from '../results/index.js';
import { DEFAULTS, type ResolvedConfig } from '../config/types.js';
import { UserError } from '../errors.js';
import type { DataSource } from '../load/source.js';
import type { Warnings } from '../warnings.js';
import { readNumbers } from './arrow-data.js';
import { auditCombinations, type Combination } from './combinations.js';
import { CELLS, countRows, emptyTable, groupCount, marginalize, relayout, strides, type CountTable } from './count-table.js';
import { FeatureEncoder } from './features.js';
import { MISSING, OutcomeEncoder } from './outcome.js';
import { checkColumns, columnData, decideBins, decideStatisticsBins } from './statistics-bins.js';
import { canonicalStatistics, joinGroups, mergeStatistics, validateStatistics } from './statistics-merge.js';
import { decideTask, detectTaskInBatch, settledTask, type TaskDetection } from './task.js';
import { TaskCollector } from './task-statistics.js';
import { JOINT_GROUP_LIMIT, type AuditColumns, type CollectOptions, type GroupStatistics, type ScoreRows } from './statistics-types.js';

// The statistics' other stages keep their historical import path through this module.
export { canonicalStatistics, decideStatisticsBins, joinGroups, JOINT_GROUP_LIMIT, mergeStatistics, validateStatistics };
export type { AuditColumns, CollectOptions, GroupStatistics, ScoreRows };

/** Largest per-batch table over dictionary codes (in groups) for the fast counting path. */
const LOCAL_GROUP_LIMIT = 1 << 16;

/**
 * Reads `columns` of `source` once (plus a pre-pass over numeric sensitive columns when quartile
 * bins are needed) and returns their group statistics. Throws a UserError for an unknown column,
 * a non-binary label or prediction without `positive`, a non-numeric score or weight, scores
 * outside [0, 1] without an explicit threshold, all labels missing with no prediction, and a
 * sensitive column with more than `config.max_groups` values.
 */
export async function collectStatistics(
  source: DataSource,
  columns: AuditColumns,
  config: ResolvedConfig,
  warnings: Warnings,
  options: CollectOptions = {},
): Promise<GroupStatistics> {
  const schema = source.schema;
  checkColumns(schema, columns);
  const featureNames = [...columns.sensitive, ...(columns.strata ? [columns.strata] : [])];
  const bins = await decideBins(source, schema, featureNames, config, options.bins ?? {});
  // Without a task set, the first batch decides it (src/metrics/task.ts) before anything is counted.
  const settled = options.task ?? settledTask(columns, config);
  let builder = settled ? new StatisticsBuilder(columns, config, { ...options, task: settled }, bins) : undefined;
  const needed = [...new Set([columns.label, columns.prediction, columns.score, columns.weight, ...featureNames].filter((c): c is string => !!c))];
  // The builder is done with each batch when add returns: loaders may reuse its memory.
  let onFirstBatch = options.onFirstBatch;
  let rows = 0;
  for await (const batch of source.scan({ columns: needed, batchSize: options.batchSize, transient: true })) {
    builder ??= new StatisticsBuilder(columns, config, { ...options, task: detectTaskInBatch(batch, columns, config) }, bins);
    builder.add(batch);
    onFirstBatch?.();
    onFirstBatch = undefined;
    rows += batch.numRows;
    options.onRows?.(rows);
  }
  onFirstBatch?.();
  builder ??= new StatisticsBuilder(columns, config, { ...options, task: decideTask([], false, 0) }, bins);
  return builder.finish(warnings);
}

class StatisticsBuilder {
  private readonly encoders: FeatureEncoder[];
  private readonly label: OutcomeEncoder | null;
  private readonly prediction: OutcomeEncoder | null;
  private readonly predictionSource: GroupStatistics['prediction_source'];
  private readonly thresholdGiven: boolean;
  private readonly combinations: Combination[];
  private readonly featureIndex: Map<string, number>;
  private tables: CountTable[];
  private joint = true;
  private capacity = 0;
  private labels = new Int8Array(0);
  private predictions = new Int8Array(0);
  private ids: Int32Array[] = [];
  private jointIds = new Int32Array(0);
  private local: CountTable = emptyTable([], [0], false);
  private weights: Float64Array | null = null;
  private scoreValues = new Float64Array(0);
  private scores: ScoreRows | null = null;
  private scoreMin = Infinity;
  private scoreMax = -Infinity;
  private readonly rowCells = new Float64Array(CELLS);
  private rowsRead = 0;
  private missingWeight = 0;
  private readonly validate: boolean;
  /** The multiclass or regression collector; null for a binary audit. */
  private readonly task: TaskCollector | null;
  private readonly detection: TaskDetection | undefined;

  constructor(
    private readonly columns: AuditColumns,
    private readonly config: ResolvedConfig,
    options: CollectOptions,
    bins: Record<string, BinSpec | null>,
  ) {
    const names = [...columns.sensitive, ...(columns.strata ? [columns.strata] : [])];
    this.encoders = names.map(
      (name, i) =>
        new FeatureEncoder(name, i < columns.sensitive.length ? 'sensitive' : 'strata', config.max_groups, bins[name] ?? undefined, { trim: config.trim }),
    );
    this.featureIndex = new Map(names.map((name, i) => [name, i]));
    const detection = options.task ?? (config.task ? { task: config.task, detected: false, reason: 'set by task: (or --task)' } : undefined);
    this.detection = detection;
    const binary = !detection || detection.task === 'binary';
    // A multiclass or regression audit reads its outcomes itself; a score plays no part in it.
    this.task = binary ? null : new TaskCollector(detection, columns, config, this.encoders.slice(0, columns.sensitive.length), !!columns.weight);
    this.label = binary && columns.label ? new OutcomeEncoder(columns.label, 'label', config.positive, { trim: config.trim }) : null;
    this.prediction = binary && columns.prediction ? new OutcomeEncoder(columns.prediction, 'prediction', config.positive, { trim: config.trim }) : null;
    this.predictionSource = columns.prediction ? 'column' : columns.score && binary ? 'score' : 'none';
    this.thresholdGiven = options.thresholdGiven ?? config.threshold !== DEFAULTS.threshold;
    this.combinations = auditCombinations(columns.sensitive, config);
    this.tables = [emptyTable(names.map((_, i) => i), names.map(() => 1), !!columns.weight)];
    if (columns.score && binary) this.scores = { length: 0, score: new Float64Array(1024), label: new Int8Array(1024), groups: columns.sensitive.map(() => new Int32Array(1024)) };
    this.validate = options.validate ?? true;
  }

  add(batch: RecordBatch): void {
    const n = batch.numRows;
    if (n === 0) return;
    this.ensureCapacity(n);
    const { columns } = this;
    if (this.task) {
      const label = columns.label ? columnData(batch, columns.label) : null;
      this.task.read(label, columns.prediction ? columnData(batch, columns.prediction) : null, n, this.labels, this.predictions);
    } else if (this.label) this.label.encode(columnData(batch, columns.label!), this.labels);
    else this.labels.fill(MISSING, 0, n);
    if (columns.score && !this.task) this.readScores(columnData(batch, columns.score), n);
    if (this.task) {
      // read() wrote the presence of both columns.
    } else if (this.prediction) this.prediction.encode(columnData(batch, columns.prediction!), this.predictions);
    else if (this.predictionSource === 'score') {
      const t = this.config.threshold;
      const s = this.scoreValues;
      for (let i = 0; i < n; i++) this.predictions[i] = s[i] !== s[i] ? MISSING : s[i] >= t ? 1 : 0;
    } else this.predictions.fill(MISSING, 0, n);
    if (columns.weight) this.readWeights(columnData(batch, columns.weight), n);
    if (this.task || !this.addByCodes(batch, n)) this.addByIds(batch, n);
    this.task?.count(this.ids.slice(0, columns.sensitive.length), this.weights, n);
    if (this.weights) for (let i = 0; i < n; i++) this.rowCells[this.labels[i] * 3 + this.predictions[i]] += 1;
    if (this.scores) this.keepScores(n);
    this.rowsRead += n;
  }

  /** The general path: every feature to global ids, then the kernel over them. */
  private addByIds(batch: RecordBatch, n: number): void {
    this.encoders.forEach((encoder, f) => encoder.encode(columnData(batch, encoder.domain.name), this.ids[f]));
    this.grow();
    for (const table of this.tables) {
      countRows(table, table.features.map((f) => this.ids[f]), this.labels, this.predictions, this.weights, n, this.jointIds);
    }
  }

  /**
   * The fast path when every feature is dictionary-coded without nulls (and no per-row ids are
   * needed for scores): count over the batch's own codes into a small local table, then fold each
   * used code combination into the global table. Saves a remapping pass per feature. Returns false
   * when the batch does not qualify.
   */
  private addByCodes(batch: RecordBatch, n: number): boolean {
    if (!this.joint || this.scores) return false;
    const datas = this.encoders.map((e) => columnData(batch, e.domain.name));
    let groups = 1;
    for (const data of datas) {
      if (!DataType.isDictionary(data.type) || data.nullCount > 0 || !data.dictionary) return false;
      groups *= Math.max(1, data.dictionary.length);
    }
    if (groups > LOCAL_GROUP_LIMIT) return false;
    const sizes = datas.map((d) => Math.max(1, d.dictionary!.length));
    if (this.local.cells.length < groups * CELLS) this.local = emptyTable([], [groups], !!this.weights);
    const local: CountTable = { features: [], sizes, cells: this.local.cells, rows: this.local.rows };
    local.cells.fill(0, 0, groups * CELLS);
    local.rows?.fill(0, 0, groups);
    const codes = datas.map((d) => d.values as ArrayLike<number>);
    countRows(local, codes, this.labels, this.predictions, this.weights, n, this.jointIds);

    // Global ids of each used code combination (this may add values to the domains).
    const used: number[] = [];
    const globalIds: number[][] = [];
    for (let g = 0; g < groups; g++) {
      let any = false;
      for (let c = 0; c < CELLS && !any; c++) any = local.cells[g * CELLS + c] !== 0;
      if (!any && !(local.rows && local.rows[g] > 0)) continue;
      let rest = g;
      globalIds.push(
        sizes.map((size, f) => {
          const code = rest % size;
          rest = (rest - code) / size;
          return this.encoders[f].idOfCode(datas[f].dictionary!, code);
        }),
      );
      used.push(g);
    }
    this.grow();
    const table = this.tables[0];
    const tableStrides = strides(table.sizes);
    used.forEach((g, u) => {
      let to = 0;
      globalIds[u].forEach((id, f) => (to += id * tableStrides[f]));
      for (let c = 0; c < CELLS; c++) table.cells[to * CELLS + c] += local.cells[g * CELLS + c];
      if (table.rows && local.rows) table.rows[to] += local.rows[g];
    });
    return true;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.labels = new Int8Array(n);
    this.predictions = new Int8Array(n);
    this.ids = this.encoders.map(() => new Int32Array(n));
    this.jointIds = new Int32Array(n);
    if (this.columns.weight) this.weights = new Float64Array(n);
    if (this.columns.score) this.scoreValues = new Float64Array(n);
  }

  private readScores(data: Data, n: number): void {
    readNumbers(data, this.scoreValues);
    const s = this.scoreValues;
    let min = this.scoreMin;
    let max = this.scoreMax;
    for (let i = 0; i < n; i++) {
      const x = s[i];
      if (x < min) min = x;
      if (x > max) max = x;
      if (x === Infinity || x === -Infinity) {
        throw new UserError('the score column holds an infinite value', { column: this.columns.score, hint: 'scores must be finite numbers' });
      }
    }
    this.scoreMin = min;
    this.scoreMax = max;
  }

  private readWeights(data: Data, n: number): void {
    const w = this.weights!;
    readNumbers(data, w);
    for (let i = 0; i < n; i++) {
      const x = w[i];
      if (x !== x) {
        w[i] = 0;
        this.missingWeight++;
      } else if (!(x >= 0 && x < Infinity)) {
        throw new UserError(`the weight column holds ${x}; weights must be finite and not negative`, {
          column: this.columns.weight,
          hint: 'fix the weights or choose another --weight column',
        });
      }
    }
  }

  private keepScores(n: number): void {
    const rows = this.scores!;
    const s = this.scoreValues;
    let kept = 0;
    for (let i = 0; i < n; i++) if (s[i] === s[i]) kept++;
    if (rows.length + kept > rows.score.length) {
      let size = rows.score.length;
      while (size < rows.length + kept) size *= 2;
      rows.score = grow(rows.score, size);
      rows.label = grow(rows.label, size);
      rows.groups = rows.groups.map((g) => grow(g, size));
    }
    let at = rows.length;
    const sensitive = this.columns.sensitive.length;
    for (let i = 0; i < n; i++) {
      if (s[i] !== s[i]) continue;
      rows.score[at] = s[i];
      rows.label[at] = this.labels[i];
      for (let f = 0; f < sensitive; f++) rows.groups[f][at] = this.ids[f][i];
      at++;
    }
    rows.length = at;
  }

  /** Makes room in the tables for values seen for the first time in this batch. */
  private grow(): void {
    const domainSizes = this.encoders.map((e) => e.domain.values.length);
    const needsGrowth = this.tables.some((t) => t.features.some((f, j) => domainSizes[f] > t.sizes[j]));
    if (!needsGrowth) return;
    if (this.joint) {
      const sizes = this.tables[0].sizes.map((size, f) => (domainSizes[f] > size ? roomFor(domainSizes[f]) : size));
      if (groupCount(sizes) > JOINT_GROUP_LIMIT) this.splitTables();
      else {
        this.tables = [relayout(this.tables[0], sizes, sizes.map(() => null))];
        return;
      }
    }
    this.tables = this.tables.map((table) => {
      const sizes = table.sizes.map((size, j) => (domainSizes[table.features[j]] > size ? roomFor(domainSizes[table.features[j]]) : size));
      if (groupCount(sizes) > JOINT_GROUP_LIMIT) throw this.tooManyGroups(table.features);
      return sizes.every((s, j) => s === table.sizes[j]) ? table : relayout(table, sizes, sizes.map(() => null));
    });
  }

  /** Replaces the joint table by one table per combination (each a marginal of the joint one). */
  private splitTables(): void {
    const joint = this.tables[0];
    this.joint = false;
    this.tables = this.combinationFeatures().map((features) =>
      marginalize(joint, features, features.map((f) => joint.sizes[f])),
    );
  }

  private combinationFeatures(): number[][] {
    const strata = this.columns.strata ? [this.featureIndex.get(this.columns.strata)!] : [];
    return this.combinations.map((c) => [...c.features.map((name) => this.featureIndex.get(name)!), ...strata]);
  }

  private tooManyGroups(features: number[]): UserError {
    const names = features.map((f) => `${this.encoders[f].domain.name} (${this.encoders[f].domain.values.length} values)`);
    return new UserError(`the intersection ${names.join(' × ')} has too many groups to count`, {
      hint: 'set intersections: to fewer or smaller combinations (or none), bin numeric columns, or lower max_groups',
    });
  }

  finish(warnings: Warnings): GroupStatistics {
    const rowCells = this.weights ? this.rowCells : sumCells(this.tables[0]);
    const stats: GroupStatistics = {
      format: 'fairaudit/group-statistics@1',
      columns: this.columns,
      weighted: !!this.columns.weight,
      prediction_source: this.predictionSource,
      threshold: this.config.threshold,
      threshold_given: this.thresholdGiven,
      ...(this.config.positive !== undefined ? { positive: this.config.positive } : {}),
      outcomes: { label: this.label?.seen ?? null, prediction: this.prediction?.seen ?? null },
      features: this.encoders.map((e) => e.domain),
      combinations: this.combinations,
      tables: this.tables,
      scores: this.scores ? trimScores(this.scores) : null,
      score_range: this.scoreMin <= this.scoreMax ? [this.scoreMin, this.scoreMax] : null,
      rows: { read: this.rowsRead, cells: rowCells, missing_weight: this.missingWeight },
      ...(this.task ? { task: this.task.finish(!!this.columns.weight) } : {}),
      ...(this.detection ? { detection: this.detection } : {}),
    };
    if (this.validate) validateStatistics(stats, warnings);
    return canonicalStatistics(stats);
  }
}

function roomFor(size: number): number {
  let room = 1;
  while (room < size) room *= 2;
  return room;
}

function grow<T extends Float64Array | Int8Array | Int32Array>(array: T, size: number): T {
  const out = new (array.constructor as new (n: number) => T)(size);
  out.set(array);
  return out;
}

function trimScores(rows: ScoreRows): ScoreRows {
  return {
    length: rows.length,
    score: rows.score.slice(0, rows.length),
    label: rows.label.slice(0, rows.length),
    groups: rows.groups.map((g) => g.slice(0, rows.length)),
  };
}

function sumCells(table: CountTable): Float64Array {
  const out = new Float64Array(CELLS);
  for (let i = 0; i < table.cells.length; i++) out[i % CELLS] += table.cells[i];
  return out;
}

