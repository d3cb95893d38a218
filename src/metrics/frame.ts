/**
 * One attribute or intersection while the analysis works it out (a {@link Frame}): its groups with
 * rows, their count table marginalized from the joint one, their rates and eligibility, and the
 * attribute result the later steps fill in (src/metrics/analyze.ts). Pure.
 */
import type { AttributeResult, GroupKey, GroupResult, Interval, RateName } from '../results/index.js';
import type { ResolvedConfig } from '../config/types.js';
import { nearestName, UserError } from '../errors.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { Warnings } from '../warnings.js';
import { groupAverageOddsDifference, groupImpactRatio } from './aggregates.js';
import { INTERSECTION_SEPARATOR } from './combinations.js';
import type { Combination } from './combinations.js';
import { CELL, CELLS, groupCount, marginalize, strides } from './count-table.js';
import type { CountTable } from './count-table.js';
import { MISSING_GROUP } from './features.js';
import { groupCounts, nullReason, PROPORTION_RATES, RATE_COUNT, RATE_INDEX, RATE_NAMES, rateFractions } from './rates.js';
import type { RateContext } from './rates.js';
import type { GroupStatistics } from './statistics.js';
import { groupKeyValues } from '../text/group-key.js';

/** LL144 leaves out categories under this share of the data. */
const LL144_MIN_SHARE = 0.02;

/** The four-fifths rule (EEOC Uniform Guidelines). */
const FOUR_FIFTHS = 0.8;

/** One attribute or intersection while it is being worked out. */
export interface Frame {
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

/** The table holding `features` (the joint one, or the combination's own), summed down to them. */
export function tableFor(stats: GroupStatistics, features: number[]): CountTable {
  const source = stats.tables.find((t) => features.every((f) => t.features.includes(f)));
  if (!source) throw new Error(`no count table holds features ${features.join(', ')}`);
  return marginalize(source, features, features.map((f) => Math.max(1, stats.features[f].values.length)));
}

/**
 * The frame of one attribute or intersection: its groups with rows, their counts, rates, Wilson
 * intervals and eligibility (warning about small and single groups), and the reference groups.
 */
export function frameOf(stats: GroupStatistics, combination: Combination, context: RateContext, config: ResolvedConfig, warnings: Warnings): Frame {
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

/** Rows of the group whose cells start at `at`: the sum of its label × prediction cells. */
export function sumCells(cells: Float64Array, at: number): number {
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

/** A group's values as the messages spell them (`Black × female`). */
export function keyText(key: GroupKey): string {
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
