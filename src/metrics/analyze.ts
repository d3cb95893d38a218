/**
 * From group statistics to results (DESIGN §4–§7): per attribute and intersection, the groups with
 * their rates, intervals, eligibility, impact ratios and tests; the aggregates with bootstrap
 * intervals; dataset and score metrics; then the policy checks. It computes and does not judge:
 * the verdict and exit code are the judge's (src/audit/judge.ts). Pure: no I/O, every random draw
 * from `config.seed`.
 */
import type { AttributeResult, GroupResult, Interval, RateName } from '../results/index.js';
import type { ResolvedConfig } from '../config/types.js';
import { benjaminiHochberg, compareProportions } from '../stats/significance.js';
import { quantiles } from '../stats/quantiles.js';
import type { Warnings } from '../warnings.js';
import { AGGREGATE_COUNT, aggregateRates, computeAggregates } from './aggregates.js';
import { AGGREGATE_NAMES, INEQUALITY_AGGREGATES, needsLabelAndPrediction, SMALLEST_IMPACT_RATIO } from './registry.js';
import { averageOddsIntervals, disparityIntervals, impactRatioIntervals } from './intervals.js';
import type { RateTable } from './intervals.js';
import { bootstrapIntervals } from './bootstrap.js';
import type { BootstrapBase, BootstrapTarget } from './bootstrap.js';
import { CELLS, groupCount, strides } from './count-table.js';
import type { CountTable } from './count-table.js';
import { conditionalDisparities, datasetMetrics, scoreMetrics, scoringImpactRatios } from './group-extras.js';
import { evaluatePolicy } from './policy.js';
import { nullReason, RATE_COUNT, RATE_INDEX, RATE_NAMES } from './rates.js';
import type { RateContext } from './rates.js';
import type { GroupStatistics } from './statistics.js';
import type { Analysis } from './analysis.js';
import type { Frame } from './frame.js';
import { tableFor, frameOf, sumCells, keyText } from './frame.js';
import { analyzeTask } from './task-analysis.js';

export type { Analysis } from './analysis.js';

/**
 * Computes every metric and policy check of an audit from its group statistics. Throws a
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
  // Under impact_ratio_reference: reference the scoring ratios divide by the same group as the
  // impact ratios (none when that group has no favorable rate, so no impact reference).
  const reference = frame.impactKind === 'reference' ? frame.impactReference : null;
  const ratios = scoringImpactRatios(metrics.map((m) => m.scoring_rate), frame.eligible, reference);
  frame.result.groups.forEach((group, g) => {
    metrics[g].scoring_impact_ratio = ratios[g];
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
