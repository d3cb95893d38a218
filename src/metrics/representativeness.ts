/**
 * Representativeness and data gaps (EU AI Act Art. 10(3) "sufficiently representative", 10(2)(h)
 * "identify data gaps"): each attribute's observed shares against the shares of the population the
 * system serves (`population:` in the config), with 95% Wilson intervals, the gap, and a
 * chi-square goodness-of-fit test; and the list of gaps a reviewer should see. Pure: plain counts
 * in, plain objects out.
 */
import type { AttributeRepresentativeness, AttributeResult, DataGap, GoodnessOfFit, RepresentativenessGroup, RepresentativenessResult } from '../results/index.js';
import { chiSquareUpperTail } from '../stats/chi-square.js';
import { wilsonInterval } from '../stats/wilson.js';
import { MISSING_GROUP } from './features.js';

/** A share of missing values above this makes an attribute a data gap (5%). */
const HIGH_MISSING_SHARE = 0.05;

/** Declared shares within this of 1 are taken as a whole population (rounding in published tables). */
const POPULATION_SUM_TOLERANCE = 0.01;

/** Expected counts below this make the chi-square p-value approximate (Cochran's rule). */
const MIN_EXPECTED_COUNT = 5;

export type { AttributeRepresentativeness, DataGap, DataGapKind, GoodnessOfFit, RepresentativenessGroup, RepresentativenessResult } from '../results/index.js';

/**
 * Observed shares of `counts` (value → rows; `(missing)` rows are counted apart) against `targets`
 * (value → declared share). Declared values absent from the data have n = 0. The test compares the
 * counts with expected counts from the targets, with one more category "(other)" for values the
 * population does not name when the declared shares leave room for them (sum below 1 − 0.01).
 * Shares within 0.01 of 1 are divided by their sum for the expected counts.
 *
 * @example
 * representativeness('sex', { F: 30, M: 70 }, { F: 0.5, M: 0.5 });
 * // groups F 0.30 (gap −0.20), M 0.70; chi-square 16 on 1 df, p ≈ 6.3e-5
 */
export function representativeness(attribute: string, counts: Readonly<Record<string, number>>, targets: Readonly<Record<string, number>>): AttributeRepresentativeness {
  const missing = counts[MISSING_GROUP] ?? 0;
  const known = Object.entries(counts).reduce((sum, [value, n]) => (value === MISSING_GROUP ? sum : sum + n), 0);
  const share = (n: number) => (known > 0 ? n / known : null);
  const declared = Object.keys(targets);
  const undeclared = Object.keys(counts).filter((v) => v !== MISSING_GROUP && !Object.hasOwn(targets, v));
  const groups: RepresentativenessGroup[] = [...declared, ...undeclared].map((value) => {
    const n = counts[value] ?? 0;
    const observed = share(n);
    const target = Object.hasOwn(targets, value) ? targets[value] : null;
    return { value, n, observed_share: observed, interval: wilsonInterval(n, known), target_share: target, gap: observed === null || target === null ? null : observed - target };
  });
  const total = missing + known;
  const base = { attribute, known, missing, missing_share: total > 0 ? missing / total : null, groups };
  const fit = goodnessOfFit(groups, known);
  return 'reason' in fit ? { ...base, test: null, test_null_reason: fit.reason } : { ...base, test: fit };
}

function goodnessOfFit(groups: readonly RepresentativenessGroup[], known: number): GoodnessOfFit | { reason: string } {
  if (!(known > 0)) return { reason: 'no row has a known value of this attribute' };
  const declared = groups.filter((g) => g.target_share !== null);
  const sum = declared.reduce((s, g) => s + g.target_share!, 0);
  const whole = Math.abs(1 - sum) <= POPULATION_SUM_TOLERANCE;
  const otherObserved = groups.filter((g) => g.target_share === null).reduce((s, g) => s + g.n, 0);
  const cells = declared.map((g) => ({ observed: g.n, expected: (known * g.target_share!) / (whole ? sum : 1) }));
  if (!whole) cells.push({ observed: otherObserved, expected: known * (1 - sum) });
  else if (otherObserved > 0) {
    const names = groups.filter((g) => g.target_share === null).map((g) => g.value);
    return { reason: `the data has values the population does not name (${names.join(', ')}) while its shares add up to 1: add them to population:` };
  }
  if (cells.length < 2) return { reason: 'fewer than two categories to compare' };
  if (cells.some((c) => c.expected === 0 && c.observed > 0)) return { reason: 'a value with a declared share of 0 occurs in the data' };
  const tested = cells.filter((c) => c.expected > 0);
  const statistic = tested.reduce((s, c) => s + (c.observed - c.expected) ** 2 / c.expected, 0);
  const df = tested.length - 1;
  if (df < 1) return { reason: 'fewer than two categories with a declared share above 0' };
  const small = tested.some((c) => c.expected < MIN_EXPECTED_COUNT);
  return {
    method: 'chi-square',
    statistic,
    df,
    p_value: chiSquareUpperTail(statistic, df),
    ...(small ? { note: `some expected counts are below ${MIN_EXPECTED_COUNT}: the p-value is approximate` } : {}),
  };
}

/**
 * The data gaps a reviewer should see: declared population groups absent from the data, groups
 * whose whole 95% interval lies below their target, groups too small to judge (from the analysis),
 * and attributes with more than 5% missing values. `attributes` are the analysis results (group
 * eligibility decides "too small").
 */
export function dataGaps(attributes: readonly AttributeResult[], represented: readonly AttributeRepresentativeness[]): DataGap[] {
  const gaps: DataGap[] = [];
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  for (const r of represented) {
    for (const g of r.groups) {
      if (g.target_share === null) continue;
      if (g.n === 0 && g.target_share > 0) {
        gaps.push({ kind: 'target-group-absent', attribute: r.attribute, group: g.value, message: `${r.attribute} = ${g.value} is ${pct(g.target_share)} of the population served but absent from the data.` });
      } else if (g.n > 0 && g.interval && g.interval[1] < g.target_share) {
        gaps.push({
          kind: 'under-represented',
          attribute: r.attribute,
          group: g.value,
          message: `${r.attribute} = ${g.value} is under-represented: ${pct(g.observed_share!)} of the data (95% interval ${pct(g.interval[0])}–${pct(g.interval[1])}) against ${pct(g.target_share)} of the population.`,
        });
      }
    }
  }
  for (const a of attributes) {
    for (const g of a.groups) {
      if (g.eligible) continue;
      const label = a.features.map((f) => g.key[f]).join(' × ');
      const reason = g.ineligible_reason ?? 'too small to judge';
      gaps.push({ kind: 'group-too-small', attribute: a.name, group: label, message: `${a.name} = ${label}: ${reason}${/\bn = /.test(reason) ? '' : ` (n = ${g.n})`}.` });
    }
  }
  for (const a of attributes.filter((x) => x.kind === 'attribute')) {
    const total = a.groups.reduce((s, g) => s + g.n, 0);
    const missing = a.groups.filter((g) => g.key[a.features[0]] === MISSING_GROUP).reduce((s, g) => s + g.n, 0);
    if (total > 0 && missing / total > HIGH_MISSING_SHARE) {
      gaps.push({ kind: 'high-missing-rate', attribute: a.name, message: `${a.name} is missing for ${pct(missing / total)} of rows (${missing} of ${total}), above ${pct(HIGH_MISSING_SHARE)}: who they are is unknown.` });
    }
  }
  return gaps;
}

/**
 * The representativeness of every attribute in `population` found among `attributes` (by name,
 * single attributes only), and the data gaps of the whole audit.
 */
export function representativenessOf(attributes: readonly AttributeResult[], population: Readonly<Record<string, Record<string, number>>> = {}): RepresentativenessResult {
  const represented: AttributeRepresentativeness[] = [];
  for (const [name, targets] of Object.entries(population)) {
    const attribute = attributes.find((a) => a.kind === 'attribute' && a.name === name);
    if (!attribute) continue;
    const counts: Record<string, number> = {};
    for (const g of attribute.groups) counts[g.key[attribute.features[0]]] = (counts[g.key[attribute.features[0]]] ?? 0) + g.n;
    represented.push(representativeness(name, counts, targets));
  }
  return { attributes: represented, gaps: dataGaps(attributes, represented) };
}
