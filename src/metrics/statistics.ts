/**
 * Group statistics (DESIGN §2): one streaming pass over the audit's columns fills the count table
 * every metric is computed from, plus the scores of each row when a score column is set (exact AUC
 * needs them). The result is plain typed arrays and small metadata, so partial statistics from
 * several passes (files, row ranges, worker threads) merge by addition ({@link mergeStatistics}).
 */
import { DataType, type Data, type RecordBatch, type Schema } from 'apache-arrow';
import type { BinSpec } from '../results/index.js';
import { DEFAULTS, type ResolvedConfig } from '../config/types.js';
import { UserError, unknownColumn } from '../errors.js';
import type { DataSource } from '../load/source.js';
import type { Warnings } from '../warnings.js';
import { isNumericType, readNumbers } from './arrow-data.js';
import { ageBins, configBins, isAgeLike, MAX_CODED_CATEGORIES, quartileBins } from './bins.js';
import { auditCombinations, type Combination } from './combinations.js';
import { CELLS, countRows, emptyTable, groupCount, marginalize, relayout, strides, type CountTable } from './count-table.js';
import { compareGroupValues, FeatureEncoder, MAX_TRIMMED_KEPT, type FeatureDomain } from './features.js';
import { checkOutcomeValues, checkPositiveMatches, mergeOutcomeValues, MISSING, OutcomeEncoder, type OutcomeValues, type PositiveSetting } from './outcome.js';

/** The columns an audit reads, by role. */
export interface AuditColumns {
  label?: string;
  prediction?: string;
  score?: string;
  weight?: string;
  strata?: string;
  sensitive: string[];
}

/** Options of {@link collectStatistics}. */
export interface CollectOptions {
  /**
   * Whether the user set `threshold` (flag or config). Scores outside [0, 1] are refused unless it
   * is, since the default 0.5 only makes sense for probabilities. Default: true when
   * `config.threshold` differs from the default 0.5, else false.
   */
  thresholdGiven?: boolean;
  /** Rows per batch asked of the source (default: the source's own). */
  batchSize?: number;
  /**
   * Bins decided beforehand, by sensitive or strata column (null: not binned). Partial passes run
   * in parallel must share bins to merge; a column missing here gets its bins from a pre-pass.
   */
  bins?: Record<string, BinSpec | null>;
  /**
   * Whether to run {@link validateStatistics} at the end (default true). A partial pass whose
   * statistics are merged later turns it off and validates the merged result instead.
   */
  validate?: boolean;
  /** Called once, when the first batch has been counted (the pipeline starts side work then). */
  onFirstBatch?: () => void;
  /** Called after each batch is counted with the rows counted so far (progress on a terminal). */
  onRows?: (rows: number) => void;
}

/** The score of each row that has one, with its label and its group id in each sensitive feature. */
export interface ScoreRows {
  length: number;
  score: Float64Array;
  /** 0, 1 or 2 (missing). */
  label: Int8Array;
  /** One array per sensitive feature (in `features` order), group ids. */
  groups: Int32Array[];
}

/** Everything the metrics need from the data: mergeable, and transferable to a worker thread. */
export interface GroupStatistics {
  format: 'fairaudit/group-statistics@1';
  columns: AuditColumns;
  weighted: boolean;
  /** Where predictions come from: a column, the score against the threshold, or nowhere. */
  prediction_source: 'column' | 'score' | 'none';
  threshold: number;
  threshold_given: boolean;
  positive?: PositiveSetting;
  outcomes: { label: OutcomeValues | null; prediction: OutcomeValues | null };
  /** The sensitive features in order, then the strata feature when set. */
  features: FeatureDomain[];
  combinations: Combination[];
  /**
   * One table over every feature, or — when that cross product would be too large — one table per
   * combination (with the strata feature last when set).
   */
  tables: CountTable[];
  scores: ScoreRows | null;
  /** Smallest and largest score seen. */
  score_range: [number, number] | null;
  rows: {
    read: number;
    /** Unweighted rows per cell (3 · label + prediction), over all groups. */
    cells: Float64Array;
    /** Rows whose weight was missing (counted with weight 0). */
    missing_weight: number;
  };
}

/** Largest per-batch table over dictionary codes (in groups) for the fast counting path. */
const LOCAL_GROUP_LIMIT = 1 << 16;

/** Largest joint table (in groups) before falling back to one table per combination. */
export const JOINT_GROUP_LIMIT = 1 << 18;

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
  const builder = new StatisticsBuilder(columns, config, options, bins);
  const needed = [...new Set([columns.label, columns.prediction, columns.score, columns.weight, ...featureNames].filter((c): c is string => !!c))];
  // The builder is done with each batch when add returns: loaders may reuse its memory.
  let onFirstBatch = options.onFirstBatch;
  let rows = 0;
  for await (const batch of source.scan({ columns: needed, batchSize: options.batchSize, transient: true })) {
    builder.add(batch);
    onFirstBatch?.();
    onFirstBatch = undefined;
    rows += batch.numRows;
    options.onRows?.(rows);
  }
  onFirstBatch?.();
  return builder.finish(warnings);
}

/**
 * The bins of every sensitive and strata feature (null: not binned) exactly as
 * {@link collectStatistics} decides them — given ones, config `bins`, age bands, else one pre-pass
 * over the numeric columns that need quartiles — after the same column checks. Partial passes run
 * in parallel take these as `options.bins` so their statistics merge.
 */
export async function decideStatisticsBins(
  source: DataSource,
  columns: AuditColumns,
  config: ResolvedConfig,
  given: Record<string, BinSpec | null> = {},
): Promise<Record<string, BinSpec | null>> {
  checkColumns(source.schema, columns);
  const featureNames = [...columns.sensitive, ...(columns.strata ? [columns.strata] : [])];
  return decideBins(source, source.schema, featureNames, config, given);
}

function fieldType(schema: Schema, name: string): DataType {
  return schema.fields.find((f) => f.name === name)!.type;
}

function checkColumns(schema: Schema, columns: AuditColumns): void {
  const names = schema.fields.map((f) => f.name);
  const roles: [string | undefined, string][] = [
    [columns.label, '--label'],
    [columns.prediction, '--prediction'],
    [columns.score, '--score'],
    [columns.weight, '--weight'],
    [columns.strata, '--strata'],
    ...columns.sensitive.map((s): [string, string] => [s, '--sensitive']),
  ];
  for (const [column, flag] of roles) if (column !== undefined && !names.includes(column)) throw unknownColumn(column, names, { flag });
  if (!columns.label && !columns.prediction && !columns.score) {
    throw new UserError('nothing to audit: no label, prediction or score column is set', {
      hint: 'name the outcome with --label and the model decision with --prediction (or --score)',
    });
  }
  if (columns.sensitive.length === 0) throw new UserError('no sensitive attributes are set', { hint: 'name them with --sensitive' });
  if (columns.label) OutcomeEncoder.checkType(columns.label, 'label', fieldType(schema, columns.label));
  if (columns.prediction) OutcomeEncoder.checkType(columns.prediction, 'prediction', fieldType(schema, columns.prediction));
  for (const [column, role] of [[columns.score, 'score'], [columns.weight, 'weight']] as const) {
    if (column && !isNumericType(fieldType(schema, column))) {
      throw new UserError(`the ${role} column has type ${String(fieldType(schema, column))}; expected numbers`, {
        column,
        hint: `choose a numeric column for --${role}`,
      });
    }
  }
  for (const name of [...columns.sensitive, ...(columns.strata ? [columns.strata] : [])]) FeatureEncoder.checkType(name, fieldType(schema, name));
}

/**
 * Bins for every numeric feature: given ones first, then the config's `bins`, then age bands for
 * age-like names, then — from one pre-pass over just those columns — coded categories (few whole
 * numbers: not binned) or quartiles.
 */
async function decideBins(
  source: DataSource,
  schema: Schema,
  features: readonly string[],
  config: ResolvedConfig,
  given: Record<string, BinSpec | null>,
): Promise<Record<string, BinSpec | null>> {
  const decided: Record<string, BinSpec | null> = {};
  const scan: string[] = [];
  for (const name of features) {
    if (name in given) decided[name] = given[name];
    else if (!isNumericType(fieldType(schema, name))) decided[name] = null;
    else if (config.bins?.[name]) decided[name] = configBins(name, config.bins[name]);
    else if (isAgeLike(name)) decided[name] = ageBins(name);
    else scan.push(name);
  }
  if (scan.length === 0) return decided;
  const values = scan.map(() => ({ data: new Float64Array(1024), length: 0, distinct: new Set<number>(), whole: true }));
  let numbers = new Float64Array(0);
  for await (const batch of source.scan({ columns: scan })) {
    if (numbers.length < batch.numRows) numbers = new Float64Array(batch.numRows);
    scan.forEach((name, j) => {
      const column = values[j];
      const data = columnData(batch, name);
      readNumbers(data, numbers);
      for (let i = 0; i < data.length; i++) {
        const x = numbers[i];
        if (x !== x) continue;
        if (column.length === column.data.length) {
          const grown = new Float64Array(column.data.length * 2);
          grown.set(column.data);
          column.data = grown;
        }
        column.data[column.length++] = x;
        if (column.distinct.size <= MAX_CODED_CATEGORIES) column.distinct.add(x);
        if (column.whole && !Number.isInteger(x)) column.whole = false;
      }
    });
  }
  scan.forEach((name, j) => {
    const column = values[j];
    const coded = column.whole && column.distinct.size <= MAX_CODED_CATEGORIES;
    decided[name] = coded ? null : quartileBins(name, column.data, column.length);
  });
  return decided;
}

function columnData(batch: RecordBatch, name: string): Data {
  const index = batch.schema.fields.findIndex((f) => f.name === name);
  return batch.data.children[index] as Data;
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
    this.label = columns.label ? new OutcomeEncoder(columns.label, 'label', config.positive, { trim: config.trim }) : null;
    this.prediction = columns.prediction ? new OutcomeEncoder(columns.prediction, 'prediction', config.positive, { trim: config.trim }) : null;
    this.predictionSource = columns.prediction ? 'column' : columns.score ? 'score' : 'none';
    this.thresholdGiven = options.thresholdGiven ?? config.threshold !== DEFAULTS.threshold;
    this.combinations = auditCombinations(columns.sensitive, config);
    this.tables = [emptyTable(names.map((_, i) => i), names.map(() => 1), !!columns.weight)];
    if (columns.score) this.scores = { length: 0, score: new Float64Array(1024), label: new Int8Array(1024), groups: columns.sensitive.map(() => new Int32Array(1024)) };
    this.validate = options.validate ?? true;
  }

  add(batch: RecordBatch): void {
    const n = batch.numRows;
    if (n === 0) return;
    this.ensureCapacity(n);
    const { columns } = this;
    if (this.label) this.label.encode(columnData(batch, columns.label!), this.labels);
    else this.labels.fill(MISSING, 0, n);
    if (columns.score) this.readScores(columnData(batch, columns.score), n);
    if (this.prediction) this.prediction.encode(columnData(batch, columns.prediction!), this.predictions);
    else if (this.predictionSource === 'score') {
      const t = this.config.threshold;
      const s = this.scoreValues;
      for (let i = 0; i < n; i++) this.predictions[i] = s[i] !== s[i] ? MISSING : s[i] >= t ? 1 : 0;
    } else this.predictions.fill(MISSING, 0, n);
    if (columns.weight) this.readWeights(columnData(batch, columns.weight), n);
    if (!this.addByCodes(batch, n)) this.addByIds(batch, n);
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

/**
 * Checks what only the whole data can tell (also after merging partial statistics): binary
 * outcomes, labels present, scores inside [0, 1] when they make the predictions. Throws a
 * UserError or adds warnings.
 */
export function validateStatistics(stats: GroupStatistics, warnings: Warnings): void {
  const { columns } = stats;
  if (stats.outcomes.label) checkOutcomeValues(stats.outcomes.label, stats.positive, warnings);
  if (stats.outcomes.prediction) checkOutcomeValues(stats.outcomes.prediction, stats.positive, warnings);
  checkPositiveMatches([stats.outcomes.label, stats.outcomes.prediction], stats.positive);
  if (stats.rows.read === 0) throw new UserError('the data has no rows', { hint: 'check the input files' });
  const c = stats.rows.cells;
  const labelled = c[0] + c[1] + c[2] + c[3] + c[4] + c[5];
  const predicted = c[0] + c[1] + c[3] + c[4] + c[6] + c[7];
  if (columns.label && labelled === 0) {
    if (stats.prediction_source === 'none') {
      throw new UserError('every label is missing, so there is nothing to audit', {
        column: columns.label,
        hint: 'check the --label column, or audit predictions with --prediction',
      });
    }
    warnings.add('all-labels-missing', `Every value of the label column "${columns.label}" is missing: only selection rates can be measured. Check --label.`);
  }
  if (stats.prediction_source !== 'none' && predicted === 0) {
    const column = columns.prediction ?? columns.score;
    if (!columns.label || labelled === 0) {
      throw new UserError('every prediction is missing, so there is nothing to audit', { column, hint: 'check the --prediction or --score column' });
    }
    warnings.add('all-predictions-missing', `Every value of "${column}" is missing: only label metrics can be measured.`);
  }
  if (stats.prediction_source === 'score' && stats.score_range && !stats.threshold_given) {
    const [min, max] = stats.score_range;
    if (min < 0 || max > 1) {
      throw new UserError(`scores range from ${min} to ${max}, outside [0, 1], and no threshold is given`, {
        column: columns.score,
        hint: 'set threshold (--threshold X or threshold: in the config) to the score at which a prediction is positive',
      });
    }
  }
}

/** The order of a domain's values for output: bins, numbers, text, `(missing)` last. */
function canonicalOrder(domain: FeatureDomain, values: readonly string[]): string[] {
  return [...values].sort((a, b) => compareGroupValues(domain, a, b));
}

function remapTo(from: readonly string[], to: readonly string[]): Int32Array {
  const index = new Map(to.map((v, i) => [v, i]));
  return Int32Array.from(from, (v) => index.get(v)!);
}

/** The same statistics with each feature's values in canonical order and tables at exact size. */
export function canonicalStatistics(stats: GroupStatistics): GroupStatistics {
  const orders = stats.features.map((d) => canonicalOrder(d, d.values));
  return reindex(stats, orders);
}

/**
 * The same statistics with some groups joined: `renames[f]` maps values of feature f to the
 * value of the group they join (values it leaves out stay). Counts add up; values end in
 * canonical order. Used to merge groups whose values differ only by case (`merge_case`).
 */
export function joinGroups(stats: GroupStatistics, renames: readonly (ReadonlyMap<string, string> | null)[]): GroupStatistics {
  const renamed = stats.features.map((d, f) => d.values.map((v) => renames[f]?.get(v) ?? v));
  const orders = stats.features.map((d, f) => canonicalOrder(d, [...new Set(renamed[f])]));
  return reindex(stats, orders, renamed);
}

/**
 * Re-expresses `stats` over the given per-feature value lists (each a superset of its own, or of
 * `renamed`: each current value's new value, when groups are joined).
 */
function reindex(stats: GroupStatistics, orders: string[][], renamed?: string[][]): GroupStatistics {
  const remaps = stats.features.map((d, f) => remapTo(renamed?.[f] ?? d.values, orders[f]));
  const tables = stats.tables.map((t) =>
    relayout(
      t,
      t.features.map((f) => Math.max(1, orders[f].length)),
      t.features.map((f) => remaps[f]),
    ),
  );
  let scores = stats.scores;
  if (scores) {
    const s = scores;
    scores = { ...s, groups: s.groups.map((g, f) => Int32Array.from(g, (id) => remaps[f][id])) };
  }
  return { ...stats, features: stats.features.map((d, f) => ({ ...d, values: orders[f] })), tables, scores };
}

/**
 * The statistics of the union of the rows of `a` and `b` (two partial passes over the same audit
 * setup): domains united, counts added, score rows concatenated. Equals one pass over all rows.
 */
export function mergeStatistics(a: GroupStatistics, b: GroupStatistics): GroupStatistics {
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const shape = (s: GroupStatistics) => [s.columns, s.weighted, s.prediction_source, s.threshold, s.positive, s.features.map((f) => [f.name, f.role, f.bins])];
  if (!same(shape(a), shape(b))) throw new Error('mergeStatistics: the two statistics come from different audit setups');
  const orders = a.features.map((d, f) => canonicalOrder(d, [...new Set([...d.values, ...b.features[f].values])]));
  let left = reindex(a, orders);
  let right = reindex(b, orders);
  const joint = (s: GroupStatistics) => s.tables.length === 1 && s.tables[0].features.length === s.features.length;
  const sizes = orders.map((o) => Math.max(1, o.length));
  if (joint(left) !== joint(right) || (joint(left) && groupCount(sizes) > JOINT_GROUP_LIMIT)) {
    left = splitStatistics(left);
    right = splitStatistics(right);
  }
  const tables = left.tables.map((t, i) => {
    const u = right.tables[i];
    const cells = t.cells.slice();
    for (let c = 0; c < cells.length; c++) cells[c] += u.cells[c];
    let rows: Float64Array | null = null;
    if (t.rows && u.rows) {
      rows = t.rows.slice();
      for (let g = 0; g < rows.length; g++) rows[g] += u.rows[g];
    }
    return { features: t.features, sizes: t.sizes, cells, rows };
  });
  const cells = a.rows.cells.slice();
  for (let c = 0; c < CELLS; c++) cells[c] += b.rows.cells[c];
  return {
    ...left,
    features: left.features.map((d, f) => withTrimmed(d, b.features[f].trimmed)),
    outcomes: {
      label: mergeSeen(a.outcomes.label, b.outcomes.label),
      prediction: mergeSeen(a.outcomes.prediction, b.outcomes.prediction),
    },
    tables,
    scores: concatScores(left.scores, right.scores),
    score_range: a.score_range && b.score_range ? [Math.min(a.score_range[0], b.score_range[0]), Math.max(a.score_range[1], b.score_range[1])] : (a.score_range ?? b.score_range),
    rows: { read: a.rows.read + b.rows.read, cells, missing_weight: a.rows.missing_weight + b.rows.missing_weight },
  };
}

/** `domain` noting also the trimmed values another part saw (at most {@link MAX_TRIMMED_KEPT}). */
function withTrimmed(domain: FeatureDomain, more: readonly string[] | undefined): FeatureDomain {
  if (!more?.length) return domain;
  const trimmed = [...new Set([...(domain.trimmed ?? []), ...more])].sort().slice(0, MAX_TRIMMED_KEPT);
  return { ...domain, trimmed };
}

function mergeSeen(a: OutcomeValues | null, b: OutcomeValues | null): OutcomeValues | null {
  if (!a || !b) return a ?? b;
  return mergeOutcomeValues(a, b);
}

/** Statistics whose joint table is replaced by one table per combination. */
function splitStatistics(stats: GroupStatistics): GroupStatistics {
  if (!(stats.tables.length === 1 && stats.tables[0].features.length === stats.features.length)) return stats;
  const joint = stats.tables[0];
  const index = new Map(stats.features.map((d, i) => [d.name, i]));
  const strata = stats.columns.strata ? [index.get(stats.columns.strata)!] : [];
  const tables = stats.combinations.map((c) => {
    const features = [...c.features.map((n) => index.get(n)!), ...strata];
    return marginalize(joint, features, features.map((f) => joint.sizes[f]));
  });
  return { ...stats, tables };
}

function concatScores(a: ScoreRows | null, b: ScoreRows | null): ScoreRows | null {
  if (!a || !b) return a ?? b;
  const join = <T extends Float64Array | Int8Array | Int32Array>(x: T, y: T): T => {
    const out = new (x.constructor as new (n: number) => T)(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return { length: a.length + b.length, score: join(a.score, b.score), label: join(a.label, b.label), groups: a.groups.map((g, f) => join(g, b.groups[f])) };
}
