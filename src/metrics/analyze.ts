/**
 * From group statistics to results (DESIGN §4–§7): per attribute and intersection, the groups with
 * their rates, intervals, eligibility, impact ratios and tests; the aggregates with bootstrap
 * intervals; dataset and score metrics; then the policy checks, the verdict and the exit code.
 * Pure: no I/O, every random draw from `config.seed`.
 */
import type { AttributeResult, CheckResult, GroupKey, GroupResult, Interval, RateName, Verdict } from '../audit/results.js';
import type { ResolvedConfig } from '../config/types.js';
import { nearestName, UserError } from '../errors.js';
import { benjaminiHochberg, compareProportions } from '../stats/significance.js';
import { quantiles } from '../stats/quantiles.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { Warnings } from '../warnings.js';
import { AGGREGATE_COUNT, aggregateRates, computeAggregates, groupAverageOddsDifference, groupImpactRatio } from './aggregates.js';
import { AGGREGATE_NAMES, INEQUALITY_AGGREGATES, needsLabelAndPrediction, SMALLEST_IMPACT_RATIO } from './registry.js';
import { averageOddsIntervals, disparityIntervals, impactRatioIntervals, type RateTable } from './intervals.js';
import { bootstrapIntervals, type BootstrapBase, type BootstrapTarget } from './bootstrap.js';
import { INTERSECTION_SEPARATOR, type Combination } from './combinations.js';
import { CELL, CELLS, groupCount, marginalize, strides, type CountTable } from './count-table.js';
import { MISSING_GROUP } from './features.js';
import { conditionalDisparities, datasetMetrics, scoreMetrics } from './group-extras.js';
import { evaluatePolicy } from './policy.js';
import { exitCodeFor, worstVerdict } from '../audit/verdict.js';
import { groupCounts, nullReason, PROPORTION_RATES, RATE_COUNT, RATE_INDEX, RATE_NAMES, rateFractions, type RateContext } from './rates.js';
import type { GroupStatistics } from './statistics.js';
import { analyzeTask } from './task-analysis.js';
import { groupKeyValues } from '../text/group-key.js';

/** What {@link analyzeStatistics} returns: the parts of the results that come from the data. */
export interface Analysis {
  outcome: 'prediction' | 'label';
  rows: { rows_read: number; rows_used: number; rows_missing_label: number; rows_missing_prediction: number };
  attributes: AttributeResult[];
  checks: CheckResult[];
  verdict: Verdict;
  exit_code: 0 | 1;
}

/** LL144 leaves out categories under this share of the data. */
export const LL144_MIN_SHARE = 0.02;
/** The four-fifths rule (EEOC Uniform Guidelines). */
export const FOUR_FIFTHS = 0.8;

/** One attribute or intersection while it is being worked out. */
interface Frame {
  combination: Combination;
  features: number[];
  /** Groups with rows, in output order. */
  keys: GroupKey[];
  /** Table index of each output group (in `table`). */
  tableIndex: Int32Array;
  /** Output group of each table index (−1 when empty). */
  localOf: Int32Array;
  table: CountTable;
  cells: Float64Array;
  rows: Float64Array;
  rates: Float64Array;
  denominators: Float64Array;
  eligible: Int32Array;
  /** Output group of the impact-ratio reference, −1 for none. */
  impactReference: number;
  /** Whether that reference is the highest favorable rate or the fixed reference group. */
  impactKind: 'highest' | 'reference';
  /** Output group the average odds differences are taken against, −1 when they are not computed. */
  oddsReference: number;
  result: AttributeResult;
}

/**
 * Computes every metric, check and verdict of an audit from its group statistics. Throws a
 * UserError for a policy metric or attribute name the audit does not know, and for a configured
 * reference group that is not in the data.
 */
export function analyzeStatistics(stats: GroupStatistics, config: ResolvedConfig, warnings: Warnings): Analysis {
  if (stats.task && stats.task.detection.task !== 'binary') return analyzeTask(stats, config, warnings, analyzeStatistics);
  const hasLabel = !!stats.columns.label;
  const hasPrediction = stats.prediction_source !== 'none';
  const context: RateContext = {
    has_label: hasLabel,
    has_prediction: hasPrediction,
    outcome: hasPrediction ? 'prediction' : 'label',
    favorable: config.favorable,
  };
  const rows = rowSummary(stats, warnings);
  const frames = stats.combinations.map((c) => frameOf(stats, c, context, config, warnings));

  const tests: { group: GroupResult; p: number }[] = [];
  for (const frame of frames) {
    fillAggregates(frame, context, warnings);
    tests.push(...fillTests(frame, stats.weighted));
    fillDatasetMetrics(stats, frame, hasLabel);
    fillScores(stats, frame, hasLabel);
  }
  const q = benjaminiHochberg(tests.map((t) => t.p));
  tests.forEach((t, i) => {
    if (t.group.test) t.group.test.q_value = q[i];
  });
  fillIntervals(stats, frames, context, config);

  const attributes = frames.map((f) => f.result);
  const checks = evaluatePolicy(attributes, config.policy, { has_label: hasLabel, has_prediction: hasPrediction }, warnings, config.inconclusive ?? 'warn');
  return {
    outcome: context.outcome,
    rows,
    attributes,
    checks,
    verdict: worstVerdict(checks),
    exit_code: exitCodeFor(checks, config.fail_on),
  };
}

function rowSummary(stats: GroupStatistics, warnings: Warnings): Analysis['rows'] {
  const c = stats.rows.cells;
  const read = stats.rows.read;
  const missingLabel = stats.columns.label ? c[6] + c[7] + c[8] : 0;
  const missingPrediction = stats.prediction_source !== 'none' ? c[2] + c[5] + c[8] : 0;
  const predictionColumn = stats.columns.prediction ?? stats.columns.score;
  if (missingLabel > 0 && missingLabel < read) {
    warnings.add('rows-missing-label', `${missingLabel} of ${read} rows have no label ("${stats.columns.label}"): they count for selection rates only.`);
  }
  if (missingPrediction > 0 && missingPrediction < read) {
    warnings.add(
      'rows-missing-prediction',
      `${missingPrediction} of ${read} rows have no prediction ("${predictionColumn}"): they count for base rates only.`,
    );
  }
  if (stats.rows.missing_weight > 0) {
    warnings.add('rows-missing-weight', `${stats.rows.missing_weight} rows have no weight ("${stats.columns.weight}") and were counted with weight 0.`);
  }
  return { rows_read: read, rows_used: read - c[8], rows_missing_label: missingLabel, rows_missing_prediction: missingPrediction };
}

/** The table holding `features` (the joint one, or the combination's own), summed down to them. */
function tableFor(stats: GroupStatistics, features: number[]): CountTable {
  const source = stats.tables.find((t) => features.every((f) => t.features.includes(f)));
  if (!source) throw new Error(`no count table holds features ${features.join(', ')}`);
  return marginalize(source, features, features.map((f) => Math.max(1, stats.features[f].values.length)));
}

function frameOf(stats: GroupStatistics, combination: Combination, context: RateContext, config: ResolvedConfig, warnings: Warnings): Frame {
  const features = combination.features.map((name) => stats.features.findIndex((d) => d.name === name));
  const table = tableFor(stats, features);
  const sizes = table.sizes;
  const tableStrides = strides(sizes);
  const keys: GroupKey[] = [];
  const order: number[] = [];
  const localOf = new Int32Array(groupCount(sizes)).fill(-1);
  // Output order: the first feature varies slowest.
  const ids = new Array<number>(features.length).fill(0);
  for (let step = 0; step < groupCount(sizes); step++) {
    let t = 0;
    for (let j = 0; j < features.length; j++) t += ids[j] * tableStrides[j];
    const rowsHere = table.rows ? table.rows[t] : sumCells(table.cells, t * CELLS);
    if (rowsHere > 0) {
      localOf[t] = order.length;
      order.push(t);
      keys.push(Object.fromEntries(features.map((f, j) => [stats.features[f].name, stats.features[f].values[ids[j]]])));
    }
    for (let j = features.length - 1; j >= 0; j--) {
      if (++ids[j] < sizes[j]) break;
      ids[j] = 0;
    }
  }
  const G = order.length;
  const cells = new Float64Array(G * CELLS);
  const rows = new Float64Array(G);
  order.forEach((t, g) => {
    cells.set(table.cells.subarray(t * CELLS, (t + 1) * CELLS), g * CELLS);
    rows[g] = table.rows ? table.rows[t] : sumCells(table.cells, t * CELLS);
  });
  let total = 0;
  let totalRows = 0;
  for (let g = 0; g < G; g++) {
    total += sumCells(cells, g * CELLS);
    totalRows += rows[g];
  }

  const rates = new Float64Array(G * RATE_COUNT);
  const denominators = new Float64Array(G * RATE_COUNT);
  const fractions = new Float64Array(2 * RATE_COUNT);
  const eligibleList: number[] = [];
  const groups: GroupResult[] = [];
  const small: string[] = [];
  for (let g = 0; g < G; g++) {
    rateFractions(cells, g * CELLS, context, fractions);
    const rateValues = {} as Record<RateName, number | null>;
    const reasons: Partial<Record<RateName, string>> = {};
    const intervals: Partial<Record<RateName, Interval>> = {};
    for (let r = 0; r < RATE_COUNT; r++) {
      const name = RATE_NAMES[r];
      const num = fractions[2 * r];
      const den = fractions[2 * r + 1];
      denominators[g * RATE_COUNT + r] = den;
      if (den > 0) {
        rates[g * RATE_COUNT + r] = num / den;
        rateValues[name] = num / den;
        if (PROPORTION_RATES.includes(name)) intervals[name] = wilsonInterval(num, den)!;
      } else {
        rates[g * RATE_COUNT + r] = NaN;
        rateValues[name] = null;
        reasons[name] = nullReason(name, den, context);
      }
    }
    const why = ineligibility(keys[g], rows[g], totalRows, config);
    if (why === null) eligibleList.push(g);
    else small.push(Object.values(keys[g]).join(INTERSECTION_SEPARATOR));
    const n = sumCells(cells, g * CELLS);
    groups.push({
      key: keys[g],
      n,
      ...(stats.weighted ? { rows: rows[g] } : {}),
      share: total > 0 ? n / total : 0,
      counts: groupCounts(cells, g * CELLS, context.has_prediction),
      rates: rateValues,
      null_reasons: reasons,
      intervals,
      eligible: why === null,
      ...(why === null ? {} : { ineligible_reason: why }),
      impact_ratio: null,
      impact_ratio_interval: null,
      four_fifths_flag: null,
      average_odds_difference: null,
      average_odds_difference_interval: null,
    });
  }

  if (combination.kind === 'attribute' && G === 1) {
    warnings.add(
      'single-group',
      `Sensitive attribute "${combination.name}" has a single group ("${Object.values(keys[0])[0]}"): there is nothing to compare it with. Check the column, or leave it out of sensitive.`,
    );
  }
  if (small.length > 0) {
    const rule =
      config.mode === 'll144'
        ? `under ${LL144_MIN_SHARE * 100}% of the data or unknown (LL144)`
        : `smaller than min_group_size ${config.min_group_size}`;
    const fix = config.mode === 'll144' ? '' : '; lower min_group_size to judge them';
    warnings.add(
      'small-group',
      `${combination.name}: ${small.length} group(s) ${rule} are shown but left out of aggregates and verdicts (${small.slice(0, 8).join(', ')}${small.length > 8 ? ', …' : ''})${fix}.`,
    );
  }

  const eligible = Int32Array.from(eligibleList);
  const result: AttributeResult = {
    name: combination.name,
    features: [...combination.features],
    kind: combination.kind,
    ...binsOf(stats, features),
    groups,
    impact_reference: null,
    reference: null,
    aggregates: {},
    aggregate_intervals: {},
    aggregate_notes: {},
    checks: [],
  };
  const frame: Frame = {
    combination,
    features,
    keys,
    tableIndex: Int32Array.from(order),
    localOf,
    table,
    cells,
    rows,
    rates,
    denominators,
    eligible,
    impactReference: -1,
    impactKind: config.impact_ratio_reference ?? 'highest',
    oddsReference: -1,
    result,
  };
  fillReferences(frame, config, context);
  return frame;
}

function binsOf(stats: GroupStatistics, features: number[]): Pick<AttributeResult, 'bins'> {
  const bins = features.map((f) => stats.features[f].bins).filter((b) => b !== undefined);
  return bins.length > 0 ? { bins } : {};
}

function sumCells(cells: Float64Array, at: number): number {
  let n = 0;
  for (let c = 0; c < CELLS; c++) n += cells[at + c];
  return n;
}

/** Why a group is left out of aggregates and verdicts, or null when it is eligible. */
function ineligibility(key: GroupKey, rows: number, totalRows: number, config: ResolvedConfig): string | null {
  if (config.mode === 'll144') {
    if (Object.values(key).includes(MISSING_GROUP)) return 'unknown category: reported, left out of impact ratios (LL144)';
    const share = totalRows > 0 ? rows / totalRows : 0;
    if (share < LL144_MIN_SHARE) return `under 2% of the data (LL144): ${(share * 100).toFixed(2)}%`;
    return null;
  }
  if (config.min_group_size > 0 && rows < config.min_group_size) return `too small to judge: n = ${rows} < ${config.min_group_size}`;
  return null;
}

function keyText(key: GroupKey): string {
  return groupKeyValues(key);
}

/**
 * The two references of an attribute: the group its "to reference" numbers use (the configured
 * one, else the largest eligible group) and the impact-ratio reference, which is the highest
 * favorable rate among eligible groups (EEOC, LL144) unless `impact_ratio_reference: reference`
 * makes impact ratios use the same reference as everything else (Aequitas' choice).
 */
function fillReferences(frame: Frame, config: ResolvedConfig, context: RateContext): void {
  const { rates, eligible, result } = frame;
  const fav = RATE_INDEX.favorable_rate;
  const reference = referenceGroup(frame, config);
  let top = -1;
  if (config.impact_ratio_reference === 'reference') {
    if (reference >= 0 && rates[reference * RATE_COUNT + fav] === rates[reference * RATE_COUNT + fav]) top = reference;
  } else {
    for (const g of eligible) {
      const v = rates[g * RATE_COUNT + fav];
      if (v === v && (top < 0 || v > rates[top * RATE_COUNT + fav])) top = g;
    }
  }
  if (top >= 0) {
    result.impact_reference = frame.keys[top];
    frame.impactReference = top;
    result.groups.forEach((group, g) => {
      const ratio = groupImpactRatio(rates, g, top);
      if (ratio === ratio) {
        group.impact_ratio = ratio;
        group.four_fifths_flag = ratio < FOUR_FIFTHS;
      }
    });
  }

  if (reference < 0) return;
  result.reference = frame.keys[reference];
  fillDisparities(frame, reference, context);
  if (!(context.has_label && context.has_prediction)) return;
  frame.oddsReference = reference;
  result.groups.forEach((group, g) => {
    const value = groupAverageOddsDifference(rates, g, reference);
    group.average_odds_difference = value === value ? value : null;
  });
}

/**
 * Aequitas' disparity table: each group's proportion rates divided by the reference group's
 * (null where either is null or the reference's is 0), and `ppr`, the group's share of all the
 * attribute's predicted positives (of positive labels when the audit has no predictions).
 */
function fillDisparities(frame: Frame, reference: number, context: RateContext): void {
  const { rates, cells, result } = frame;
  const selected = (g: number): number => cells[g * CELLS + CELL.fp] + cells[g * CELLS + CELL.tp] + cells[g * CELLS + CELL.labelMissingPredictedPositive];
  const positives = (g: number): number => cells[g * CELLS + CELL.fn] + cells[g * CELLS + CELL.tp] + cells[g * CELLS + CELL.labelPositivePredictionMissing];
  const onLabel = context.outcome === 'label';
  let total = 0;
  for (let g = 0; g < result.groups.length; g++) total += onLabel ? positives(g) : selected(g);
  const pprOf = (g: number): number | null => (total > 0 ? (onLabel ? positives(g) : selected(g)) / total : null);
  const refPpr = pprOf(reference);
  result.groups.forEach((group, g) => {
    group.ppr = pprOf(g);
    const disparities: Partial<Record<RateName | 'ppr', number | null>> = {};
    for (const rate of PROPORTION_RATES) {
      const r = RATE_INDEX[rate];
      const own = rates[g * RATE_COUNT + r];
      const ref = rates[reference * RATE_COUNT + r];
      if (frame.denominators[g * RATE_COUNT + r] < 0) continue;
      disparities[rate] = own === own && ref === ref && ref > 0 ? own / ref : null;
    }
    const ppr = group.ppr;
    disparities.ppr = ppr !== null && refPpr !== null && refPpr > 0 ? ppr / refPpr : null;
    group.disparities = disparities;
  });
}

/** The configured reference group, else the largest eligible group (else the largest group). */
function referenceGroup(frame: Frame, config: ResolvedConfig): number {
  const wanted = config.reference?.[frame.combination.name];
  const texts = frame.keys.map(keyText);
  if (wanted !== undefined) {
    const at = texts.indexOf(String(wanted));
    if (at < 0) {
      const near = nearestName(String(wanted), texts);
      throw new UserError(`reference.${frame.combination.name}: "${wanted}" is not a group of ${frame.combination.name} (groups: ${texts.join(', ')})`, {
        hint: near ? `did you mean "${near}"?` : 'name one of the groups listed',
      });
    }
    return at;
  }
  const candidates = frame.eligible.length > 0 ? [...frame.eligible] : frame.keys.map((_, g) => g);
  let best = -1;
  for (const g of candidates) if (best < 0 || frame.rows[g] > frame.rows[best]) best = g;
  return best;
}

/** How many groups a note or warning names before it says "and N more". */
const NAMED_GROUPS = 8;

function listed(items: readonly string[]): string {
  const shown = items.slice(0, NAMED_GROUPS).join('; ');
  return items.length > NAMED_GROUPS ? `${shown}; and ${items.length - NAMED_GROUPS} more` : shown;
}

/** Point values of the aggregates, with notes on null values and on groups a null rate left out. */
function fillAggregates(frame: Frame, context: RateContext, warnings: Warnings): void {
  const values = new Float64Array(AGGREGATE_COUNT);
  computeAggregates(frame.rates, frame.cells, frame.eligible, values);
  const { result } = frame;
  const bothMissing = !(context.has_label && context.has_prediction);
  // Eligible groups whose rate is null, per rate: "C (tpr: no actual positives in this group)".
  const nullGroups = new Map<RateName, string[]>();
  for (const rate of RATE_NAMES) {
    const r = RATE_INDEX[rate];
    const list: string[] = [];
    for (const g of frame.eligible) {
      if (frame.rates[g * RATE_COUNT + r] !== frame.rates[g * RATE_COUNT + r]) {
        list.push(`${keyText(frame.keys[g])} (${rate}: ${nullReason(rate, frame.denominators[g * RATE_COUNT + r], context)})`);
      }
    }
    nullGroups.set(rate, list);
  }
  const warned = new Set<RateName>();
  AGGREGATE_NAMES.forEach((name, a) => {
    const v = values[a];
    result.aggregates[name] = v === v ? v : null;
    result.aggregate_intervals[name] = null;
    const rates = aggregateRates(name);
    if (needsLabelAndPrediction(name) && bothMissing) {
      result.aggregate_notes[name] = `needs labels and predictions; this audit has ${context.has_label ? 'no predictions' : 'no labels'}`;
      return;
    }
    const leftOut = rates.flatMap((rate) => nullGroups.get(rate)!);
    const notes: string[] = [];
    if (leftOut.length > 0) {
      notes.push(`left out: ${listed(leftOut)}`);
      for (const rate of rates) {
        const list = nullGroups.get(rate)!;
        if (list.length === 0 || warned.has(rate)) continue;
        warned.add(rate);
        warnings.add('null-rate', `${result.name}: ${rate} is undefined for ${list.length} group(s), left out of the aggregates that use it: ${listed(list)}.`);
      }
    }
    if (v !== v) {
      const defined = Math.min(...rates.map((rate) => frame.eligible.length - nullGroups.get(rate)!.length), frame.eligible.length);
      if (frame.eligible.length < 2) notes.push(`needs at least two eligible groups; ${frame.eligible.length} found`);
      else if (defined < 2) notes.push('needs at least two eligible groups with the rate defined');
      else if ((INEQUALITY_AGGREGATES as readonly string[]).includes(name)) notes.push('undefined: no eligible row benefits (mean benefit 0)');
      else notes.push('0/0: the largest rate among eligible groups is 0');
    }
    if (notes.length > 0) result.aggregate_notes[name] = notes.join('; ');
  });
  if (frame.impactKind === 'reference') smallestImpactRatioToReference(frame);
}

/**
 * With a fixed impact-ratio reference the attribute's impact ratio is the smallest of its judged
 * groups' ratios to that reference (the reference's own 1 included), not min ÷ max; null when the
 * reference has no favorable rate above 0.
 */
function smallestImpactRatioToReference(frame: Frame): void {
  const { result } = frame;
  let smallest: number | null = null;
  if (frame.impactReference >= 0) {
    for (const g of frame.eligible) {
      const ratio = result.groups[g].impact_ratio;
      if (ratio !== null && (smallest === null || ratio < smallest)) smallest = ratio;
    }
  }
  result.aggregates[SMALLEST_IMPACT_RATIO] = smallest;
  if (smallest === null) {
    const reference = result.reference ? keyText(result.reference) : 'none';
    result.aggregate_notes[SMALLEST_IMPACT_RATIO] = `the reference group (${reference}) has no favorable rate above 0 to divide by (impact_ratio_reference: reference)`;
  }
}

/** Each eligible group's favorable rate tested against the reference group's; q-values come later. */
function fillTests(frame: Frame, weighted: boolean): { group: GroupResult; p: number }[] {
  const { result } = frame;
  const reference = result.reference ? frame.keys.indexOf(result.reference) : -1;
  if (reference < 0) return [];
  const fav = RATE_INDEX.favorable_rate;
  // Tests are defined on counts: weighted rates are put back on their unweighted row counts.
  const counts = (g: number): [number, number] => {
    const den = frame.denominators[g * RATE_COUNT + fav];
    const rate = frame.rates[g * RATE_COUNT + fav];
    if (!weighted) return [Math.round(rate * den), den];
    const n = frame.rows[g] * (den / sumCells(frame.cells, g * CELLS));
    return [Math.round(rate * n), Math.round(n)];
  };
  const out: { group: GroupResult; p: number }[] = [];
  if (frame.rates[reference * RATE_COUNT + fav] !== frame.rates[reference * RATE_COUNT + fav]) return out;
  const [xr, nr] = counts(reference);
  for (const g of frame.eligible) {
    if (g === reference) continue;
    const group = result.groups[g];
    const rate = frame.rates[g * RATE_COUNT + fav];
    if (rate !== rate) {
      group.test = null;
      continue;
    }
    const [x, n] = counts(g);
    const test = compareProportions(x, n, xr, nr);
    group.test = { method: test.method, p_value: test.p_value, q_value: test.p_value };
    out.push({ group, p: test.p_value });
  }
  return out;
}

function fillDatasetMetrics(stats: GroupStatistics, frame: Frame, hasLabel: boolean): void {
  if (!hasLabel) return;
  const G = frame.keys.length;
  const metrics = datasetMetrics(frame.cells, G);
  frame.result.groups.forEach((group, g) => (group.dataset = metrics[g]));
  const strata = stats.columns.strata ? stats.features.findIndex((d) => d.name === stats.columns.strata) : -1;
  if (strata < 0) return;
  const strataSize = Math.max(1, stats.features[strata].values.length);
  const table = tableFor(stats, [...frame.features, strata]);
  // Re-lay (group, stratum) cells with groups in output order: index g + G · s.
  const cells = new Float64Array(G * strataSize * CELLS);
  const groupsInTable = groupCount(frame.table.sizes);
  for (let s = 0; s < strataSize; s++) {
    for (let g = 0; g < G; g++) {
      const from = (frame.tableIndex[g] + groupsInTable * s) * CELLS;
      cells.set(table.cells.subarray(from, from + CELLS), (g + G * s) * CELLS);
    }
  }
  const cdd = conditionalDisparities(cells, G, strataSize);
  frame.result.conditional_demographic_disparity = Object.fromEntries(frame.keys.map((k, g) => [keyText(k), cdd[g]]));
}

function fillScores(stats: GroupStatistics, frame: Frame, hasLabel: boolean): void {
  const scores = stats.scores;
  if (!scores) return;
  const G = frame.keys.length;
  const tableStrides = strides(frame.table.sizes);
  const groupOfRow = new Int32Array(scores.length);
  const sizes = new Int32Array(G);
  for (let i = 0; i < scores.length; i++) {
    let t = 0;
    for (let j = 0; j < frame.features.length; j++) t += scores.groups[frame.features[j]][i] * tableStrides[j];
    const g = frame.localOf[t];
    groupOfRow[i] = g;
    if (g >= 0) sizes[g]++;
  }
  const buckets = Array.from({ length: G }, (_, g) => ({ score: new Float64Array(sizes[g]), label: new Int8Array(sizes[g]), length: 0 }));
  for (let i = 0; i < scores.length; i++) {
    const b = buckets[groupOfRow[i]];
    if (!b) continue;
    b.score[b.length] = scores.score[i];
    b.label[b.length++] = scores.label[i];
  }
  const median = scores.length > 0 ? quantiles(scores.score, [0.5], scores.length)[0] : null;
  const range = stats.score_range;
  const probabilities = range !== null && range[0] >= 0 && range[1] <= 1;
  const metrics = buckets.map((b) => scoreMetrics(b, median, hasLabel, probabilities));
  let top = 0;
  for (const g of frame.eligible) {
    const rate = metrics[g].scoring_rate;
    if (rate !== null && rate > top) top = rate;
  }
  frame.result.groups.forEach((group, g) => {
    const rate = metrics[g].scoring_rate;
    metrics[g].scoring_impact_ratio = rate !== null && top > 0 ? rate / top : null;
    group.scores = metrics[g];
  });
}

/**
 * Bootstrap intervals of every aggregate and of each group's impact ratio and average odds
 * difference, all attributes and intersections from the same draws. A group's interval is null
 * where its point value is null (see {@link GroupResult} for the other cases).
 */
function fillIntervals(stats: GroupStatistics, frames: Frame[], context: RateContext, config: ResolvedConfig): void {
  if (config.bootstrap <= 0 || frames.length === 0) return;
  const sensitive = stats.features.map((d, f) => (d.role === 'sensitive' ? f : -1)).filter((f) => f >= 0);
  const joint = stats.tables.length === 1 && sensitive.every((f) => stats.tables[0].features.includes(f));
  const bases: { base: BootstrapBase; frames: Frame[] }[] = joint
    ? [baseOf(tableFor(stats, sensitive), sensitive, frames)]
    : frames.map((frame) => baseOf(frame.table, frame.features, [frame]));
  const intervals = bootstrapIntervals(
    bases.map((b) => b.base),
    context,
    config.bootstrap,
    config.seed,
    'inequality',
  );
  bases
    .flatMap((b) => b.frames)
    .forEach((frame, i) => {
      const { aggregates, group_impact_ratio, average_odds_difference } = intervals[i];
      AGGREGATE_NAMES.forEach((name, a) => {
        frame.result.aggregate_intervals[name] = frame.result.aggregates[name] === null ? null : aggregates[a];
      });
      frame.result.groups.forEach((group, g) => {
        group.impact_ratio_interval = group.impact_ratio === null ? null : group_impact_ratio[g];
        group.average_odds_difference_interval = group.average_odds_difference === null ? null : average_odds_difference[g];
      });
      fillExtremeIntervals(frame, stats.weighted);
      noteIntervalsBesideEstimates(frame.result);
    });
}

/**
 * Replaces the bootstrap's percentile intervals of the disparity aggregates and of each group's
 * impact ratio and average odds difference by intervals built for max/min statistics (why:
 * src/stats/extreme-intervals.ts). The bootstrap keeps the inequality indices, which are smooth.
 */
function fillExtremeIntervals(frame: Frame, weighted: boolean): void {
  const { result } = frame;
  const table: RateTable = {
    rates: frame.rates,
    denominators: frame.denominators,
    row_scale: Float64Array.from(frame.rows, (rows, g) => {
      const total = sumCells(frame.cells, g * CELLS);
      return weighted && total > 0 ? rows / total : 1;
    }),
    eligible: frame.eligible,
  };
  const set = (name: string, interval: Interval | null): void => {
    result.aggregate_intervals[name] = result.aggregates[name] === null ? null : interval;
  };
  for (const [name, interval] of Object.entries(disparityIntervals(table))) set(name, interval);
  const impact = frame.impactReference >= 0 ? impactRatioIntervals(table, { group: frame.impactReference, kind: frame.impactKind }) : null;
  set(SMALLEST_IMPACT_RATIO, impact?.smallest ?? null);
  const odds = frame.oddsReference >= 0 ? averageOddsIntervals(table, frame.oddsReference) : null;
  result.groups.forEach((group, g) => {
    group.impact_ratio_interval = group.impact_ratio === null || !impact ? null : impact.groups[g];
    group.average_odds_difference_interval = group.average_odds_difference === null || !odds ? null : odds[g];
  });
}

/**
 * An interval that does not contain its estimate gets a note saying why (DESIGN §7): only the
 * bootstrap's percentile intervals of the inequality indices can, when the resampled index is
 * biased (small groups).
 */
function noteIntervalsBesideEstimates(result: AttributeResult): void {
  for (const [name, interval] of Object.entries(result.aggregate_intervals)) {
    const value = result.aggregates[name];
    if (!interval || value === null || value === undefined || (interval[0] <= value && value <= interval[1])) continue;
    const note = `the bootstrap interval lies ${value < interval[0] ? 'above' : 'below'} the estimate: the index is biased in resamples of small groups, so read the interval as the spread of the resampled index, not as bounds on the estimate`;
    result.aggregate_notes[name] = result.aggregate_notes[name] ? `${result.aggregate_notes[name]}; ${note}` : note;
  }
}

/** A bootstrap base over `table` (laid out over `features`) feeding `frames`. */
function baseOf(table: CountTable, features: number[], frames: Frame[]): { base: BootstrapBase; frames: Frame[] } {
  const groups = groupCount(table.sizes);
  const kept: number[] = [];
  for (let t = 0; t < groups; t++) if ((table.rows ? table.rows[t] : sumCells(table.cells, t * CELLS)) > 0) kept.push(t);
  const cells = new Float64Array(kept.length * CELLS);
  const rows = new Float64Array(kept.length);
  kept.forEach((t, b) => {
    cells.set(table.cells.subarray(t * CELLS, (t + 1) * CELLS), b * CELLS);
    rows[b] = table.rows ? table.rows[t] : sumCells(table.cells, t * CELLS);
  });
  const targets: BootstrapTarget[] = frames.map((frame) => {
    const frameStrides = strides(frame.table.sizes);
    const positions = frame.features.map((f) => features.indexOf(f));
    const groupOf = new Int32Array(kept.length);
    kept.forEach((t, b) => {
      let rest = t;
      const ids = table.sizes.map((size) => {
        const id = rest % size;
        rest = (rest - id) / size;
        return id;
      });
      let to = 0;
      positions.forEach((p, j) => (to += ids[p] * frameStrides[j]));
      groupOf[b] = frame.localOf[to];
    });
    return { group_of: groupOf, groups: frame.keys.length, eligible: frame.eligible, impact_reference: frame.impactReference, reference: frame.oddsReference };
  });
  return { base: { cells, rows, targets }, frames };
}
