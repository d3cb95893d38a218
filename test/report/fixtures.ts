/**
 * A realistic, internally consistent AuditResults for a loans dataset (label `repaid`, prediction
 * `approved`), built from hand-chosen confusion counts: race (with a group too small to judge and a
 * `(missing)` group), sex, binned age and the race × sex intersection (with a group that has no
 * actual positives). Rates, Wilson intervals, impact ratios and aggregates are derived from the
 * counts here so that every number in the report can be checked by hand against them.
 */
import type {
  AttributeResult,
  AuditResults,
  BinSpec,
  CheckResult,
  GroupKey,
  GroupResult,
  Interval,
  MaskManifest,
  RateName,
} from '../../src/results/index.js';
import { judgeResults } from '../../src/audit/judge.js';
import type { AcceptedFinding, DriftTolerance, PolicyCheck, ResolvedConfig } from '../../src/config/types.js';
import { historyEntryFrom, type HistoryEntry } from '../../src/history/entry.js';
import type { DiscoveryResult } from '../../src/results/index.js';
import { wilsonInterval } from '../../src/stats/wilson.js';

export interface Counts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

const MIN_GROUP_SIZE = 30;

const POLICY: PolicyCheck[] = [
  { metric: 'impact_ratio', min: 0.8, severity: 'fail' },
  { metric: 'demographic_parity_difference', max: 0.1, severity: 'fail' },
  { metric: 'equalized_odds_difference', max: 0.1, severity: 'warn' },
];

/** Race groups: counts of the whole group. */
export const RACE: Record<string, Counts> = {
  White: { tp: 11_800, fp: 1_500, tn: 4_900, fn: 3_280 },
  Black: { tp: 3_900, fp: 520, tn: 3_100, fn: 2_350 },
  Hispanic: { tp: 4_100, fp: 700, tn: 1_900, fn: 1_440 },
  Asian: { tp: 1_850, fp: 260, tn: 610, fn: 495 },
  'Native American': { tp: 6, fp: 1, tn: 6, fn: 5 },
  '(missing)': { tp: 180, fp: 40, tn: 120, fn: 72 },
};

/** The Female part of each race group; the Male part is the rest. */
export const RACE_FEMALE: Record<string, Counts> = {
  White: { tp: 5_200, fp: 700, tn: 2_400, fn: 1_500 },
  Black: { tp: 1_500, fp: 200, tn: 1_700, fn: 1_300 },
  Hispanic: { tp: 1_900, fp: 330, tn: 950, fn: 700 },
  Asian: { tp: 880, fp: 120, tn: 300, fn: 230 },
  'Native American': { tp: 0, fp: 0, tn: 6, fn: 0 },
  '(missing)': { tp: 70, fp: 15, tn: 50, fn: 30 },
};

export const AGE: Record<string, Counts> = {
  '<25': { tp: 1_700, fp: 350, tn: 1_150, fn: 810 },
  '25–44': { tp: 9_900, fp: 1_400, tn: 4_300, fn: 3_300 },
  '45–64': { tp: 8_200, fp: 1_100, tn: 3_700, fn: 2_425 },
  '65+': { tp: 2_236, fp: 221, tn: 1_536, fn: 807 },
};

/** Half-width of the made-up bootstrap interval of each attribute's aggregates. */
const BOOTSTRAP_HALF_WIDTH: Record<string, number> = { race: 0.015, sex: 0.01, age: 0.018, 'race × sex': 0.03 };

export function total(c: Counts): number {
  return c.tp + c.fp + c.tn + c.fn;
}

function minus(a: Counts, b: Counts): Counts {
  return { tp: a.tp - b.tp, fp: a.fp - b.fp, tn: a.tn - b.tn, fn: a.fn - b.fn };
}

function plus(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, tn: a.tn + b.tn, fn: a.fn + b.fn };
}

function ratio(num: number, den: number, reason: string): [number | null, string | undefined] {
  return den > 0 ? [num / den, undefined] : [null, reason];
}

/** The reason the fixture gives for the error rates of a label-only audit. */
export const NO_PREDICTIONS = 'no predictions in this audit';

/** Rates that need predictions and are null in a label-only audit. */
const PREDICTION_RATES: RateName[] = ['tpr', 'fnr', 'fpr', 'tnr', 'ppv', 'fdr', 'npv', 'for', 'accuracy', 'treatment_equality'];

function groupResult(key: GroupKey, given: Counts, totalRows: number, labelOnly = false): GroupResult {
  // A label-only audit rates the label: as if every prediction equalled its label (tp = P, tn = N).
  const c = labelOnly ? { tp: given.tp + given.fn, fp: 0, tn: given.fp + given.tn, fn: 0 } : given;
  const n = total(c);
  const P = c.tp + c.fn;
  const N = c.fp + c.tn;
  const PP = c.tp + c.fp;
  const PN = c.fn + c.tn;
  const noPos = 'no actual positives in this group';
  const noNeg = 'no actual negatives in this group';
  const noPP = 'no predicted positives in this group';
  const noPN = 'no predicted negatives in this group';
  const defs: Record<RateName, [number, number, string, boolean]> = {
    base_rate: [P, n, 'no rows', true],
    selection_rate: [PP, n, 'no rows', true],
    favorable_rate: [PP, n, 'no rows', true],
    tpr: [c.tp, P, noPos, true],
    fnr: [c.fn, P, noPos, true],
    fpr: [c.fp, N, noNeg, true],
    tnr: [c.tn, N, noNeg, true],
    ppv: [c.tp, PP, noPP, true],
    fdr: [c.fp, PP, noPP, true],
    npv: [c.tn, PN, noPN, true],
    for: [c.fn, PN, noPN, true],
    accuracy: [c.tp + c.tn, n, 'no rows', true],
    treatment_equality: [c.fn, c.fp, 'no false positives in this group', false],
  };
  const rates = {} as Record<RateName, number | null>;
  const null_reasons: Partial<Record<RateName, string>> = {};
  const intervals: Partial<Record<RateName, Interval>> = {};
  for (const [name, [num, den, reason, proportion]] of Object.entries(defs) as [RateName, [number, number, string, boolean]][]) {
    const [value, why] = ratio(num, den, reason);
    rates[name] = value;
    if (why) null_reasons[name] = why;
    const interval = proportion ? wilsonInterval(num, den) : null;
    if (interval) intervals[name] = interval;
  }
  if (labelOnly) {
    for (const rate of PREDICTION_RATES) {
      rates[rate] = null;
      null_reasons[rate] = NO_PREDICTIONS;
      delete intervals[rate];
    }
  }
  const eligible = n >= MIN_GROUP_SIZE;
  return {
    key,
    n,
    share: n / totalRows,
    counts: { ...c, label_missing: 0, prediction_missing: 0, both_missing: 0 },
    rates,
    null_reasons,
    intervals,
    eligible,
    ...(eligible ? {} : { ineligible_reason: `too small to judge: n = ${n} < ${MIN_GROUP_SIZE}` }),
    impact_ratio: null,
    four_fifths_flag: null,
    average_odds_difference: null,
  };
}

function spread(values: (number | null)[]): { max: number; min: number } | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length ? { max: Math.max(...defined), min: Math.min(...defined) } : null;
}

function attribute(name: string, features: string[], entries: [GroupKey, Counts][], bins?: BinSpec[], labelOnly = false): AttributeResult {
  const totalRows = entries.reduce((s, [, c]) => s + total(c), 0);
  const groups = entries.map(([key, c]) => groupResult(key, c, totalRows, labelOnly));
  const judged = groups.filter((g) => g.eligible);
  const reference = judged.reduce((best, g) => ((g.rates.favorable_rate ?? -1) > (best.rates.favorable_rate ?? -1) ? g : best));
  const largest = judged.reduce((best, g) => (g.n > best.n ? g : best));
  for (const g of groups) {
    const ref = reference.rates.favorable_rate!;
    g.impact_ratio = g.rates.favorable_rate === null ? null : g.rates.favorable_rate / ref;
    g.four_fifths_flag = g.impact_ratio === null ? null : g.impact_ratio < 0.8;
    g.average_odds_difference =
      g.rates.fpr === null || g.rates.tpr === null || largest.rates.fpr === null || largest.rates.tpr === null
        ? null
        : 0.5 * (g.rates.fpr - largest.rates.fpr + (g.rates.tpr - largest.rates.tpr));
  }
  const aggregates: Record<string, number | null> = {};
  const on = (rate: RateName) => spread(judged.map((g) => g.rates[rate]));
  const families = [
    ['demographic_parity', 'selection_rate'],
    ['equal_opportunity', 'tpr'],
    ['predictive_parity', 'ppv'],
    ['accuracy', 'accuracy'],
  ] as const;
  for (const [metric, rate] of labelOnly ? families.slice(0, 1) : families) {
    const s = on(rate);
    aggregates[`${metric}_difference`] = s ? s.max - s.min : null;
    aggregates[`${metric}_ratio`] = s && s.max > 0 ? s.min / s.max : null;
  }
  if (!labelOnly) {
    const tpr = on('tpr')!;
    const fpr = on('fpr')!;
    aggregates.equalized_odds_difference = Math.max(tpr.max - tpr.min, fpr.max - fpr.min);
    aggregates.equalized_odds_ratio = Math.min(tpr.min / tpr.max, fpr.min / fpr.max);
  }
  aggregates.impact_ratio = Math.min(...judged.map((g) => g.impact_ratio!));
  const w = BOOTSTRAP_HALF_WIDTH[name];
  const aggregate_intervals: Record<string, Interval | null> = {};
  for (const [metric, value] of Object.entries(aggregates)) aggregate_intervals[metric] = value === null ? null : [value - w, value + w];

  const label = (key: GroupKey) => features.map((f) => key[f]).join(' × ');
  const checks: CheckResult[] = POLICY.filter((p) => p.metric in aggregates).map((p) => {
    const value = aggregates[p.metric];
    const threshold = (p.min ?? p.max)!;
    const direction = p.min !== undefined ? 'min' : 'max';
    const beyond = value !== null && (direction === 'min' ? value < threshold : value > threshold);
    const interval = aggregate_intervals[p.metric];
    const worst = p.metric === 'impact_ratio' ? judged.reduce((a, g) => (g.impact_ratio! < a.impact_ratio! ? g : a)) : undefined;
    const what =
      p.metric === 'impact_ratio'
        ? `The lowest impact ratio on ${name} is ${value!.toFixed(3)} (${label(worst!.key)}: ${(worst!.rates.favorable_rate! * 100).toFixed(1)}% approved against ${(reference.rates.favorable_rate! * 100).toFixed(1)}% for ${label(reference.key)})`
        : `${p.metric.replace(/_/g, ' ')} on ${name} is ${value!.toFixed(3)}`;
    return {
      metric: p.metric,
      attribute: name,
      value,
      threshold,
      direction,
      severity: p.severity!,
      verdict: beyond ? p.severity! : 'pass',
      interval,
      inconclusive: !!interval && interval[0] < threshold && interval[1] > threshold,
      ...(worst ? { group: worst.key } : {}),
      message: `${what}; the policy asks for ${direction === 'min' ? 'at least' : 'at most'} ${threshold}.`,
    };
  });
  const small = groups.filter((g) => !g.eligible).map((g) => label(g.key));
  return {
    name,
    features,
    kind: features.length > 1 ? 'intersection' : 'attribute',
    ...(bins ? { bins } : {}),
    groups,
    impact_reference: reference.key,
    reference: largest.key,
    aggregates,
    aggregate_intervals,
    aggregate_notes: small.length ? { demographic_parity_difference: `computed over ${judged.length} judged groups; left out as too small: ${small.join(', ')}` } : {},
    checks,
  };
}

/** Options to vary the fixture. */
export interface FixtureOptions {
  /** Rename group values (e.g. to hostile strings); keys are the values above. */
  rename?: Record<string, string>;
  discovery?: boolean;
  masking?: boolean;
  /** Replace the counts of race groups (by original name); sex and race × sex follow. */
  race?: Partial<Record<string, Counts>>;
  /** A label-only audit: no prediction column, rates of the label. */
  labelOnly?: boolean;
  /** Add per-group tests, score metrics, dataset metrics and CDD (see {@link addExtras}). */
  extras?: boolean;
  /** ISO time the audit finished (default 2025-03-14T09:26:41.512Z). */
  createdAt?: string;
}

/** The loans audit results. With no options: discovery and masking included. */
export function loansResults(options: FixtureOptions = {}): AuditResults {
  const r = (value: string) => options.rename?.[value] ?? value;
  const labelOnly = options.labelOnly ?? false;
  const race: Record<string, Counts> = { ...RACE, ...(options.race as Record<string, Counts> | undefined) };
  const races = Object.keys(RACE);
  const raceAttr = attribute('race', ['race'], races.map((v) => [{ race: r(v) }, race[v]]), undefined, labelOnly);
  const female = races.reduce((s, v) => plus(s, RACE_FEMALE[v]), { tp: 0, fp: 0, tn: 0, fn: 0 });
  const all = races.reduce((s, v) => plus(s, race[v]), { tp: 0, fp: 0, tn: 0, fn: 0 });
  const sexAttr = attribute(
    'sex',
    ['sex'],
    [
      [{ sex: r('Female') }, female],
      [{ sex: r('Male') }, minus(all, female)],
    ],
    undefined,
    labelOnly,
  );
  const ageBins: BinSpec = { feature: 'age', edges: [25, 45, 65], labels: Object.keys(AGE), method: 'age' };
  const ageAttr = attribute('age', ['age'], Object.keys(AGE).map((v) => [{ age: v }, AGE[v]]), [ageBins], labelOnly);
  const cross = attribute(
    'race × sex',
    ['race', 'sex'],
    races.flatMap((v): [GroupKey, Counts][] => [
      [{ race: r(v), sex: r('Female') }, RACE_FEMALE[v]],
      [{ race: r(v), sex: r('Male') }, minus(race[v], RACE_FEMALE[v])],
    ]),
    undefined,
    labelOnly,
  );
  const attributes = [raceAttr, sexAttr, ageAttr, cross];
  const checks = attributes.flatMap((a) => a.checks);
  const rows = total(all);
  const config: ResolvedConfig = {
    dataset: 'loans',
    label: 'repaid',
    prediction: 'approved',
    sensitive: ['race', 'sex', 'age'],
    bins: { age: [25, 45, 65] },
    threshold: 0.5,
    favorable: 'positive',
    intersections: [['race', 'sex']],
    min_group_size: MIN_GROUP_SIZE,
    mode: 'standard',
    bootstrap: 1000,
    seed: 42,
    max_groups: 200,
    policy: POLICY,
    fail_on: 'fail',
  };
  const results: AuditResults = {
    schema: 'fairaudit/audit@1',
    tool: { name: 'fairaudit', version: '0.1.0' },
    created_at: options.createdAt ?? '2025-03-14T09:26:41.512Z',
    duration_ms: 1843,
    seed: 42,
    input: {
      name: 'loans',
      files: [
        { path: 'datasets/loans/2024-q1.csv.gz', format: 'csv', gzip: true, bytes: 1_204_881, sha256: 'a3f1c9e07b52d4461f0e8d2c9b7a6e5f4d3c2b1a09f8e7d6c5b4a39281706f5e' },
        { path: 'datasets/loans/2024-q2.csv.gz', format: 'csv', gzip: true, bytes: 1_187_310, sha256: '5e0d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a190817' },
      ],
      rows_read: rows,
      rows_used: rows,
      rows_missing_label: 0,
      rows_missing_prediction: 0,
    },
    config,
    config_sha256: '9b1f0c2d3e4a5b6c7d8e9f00112233445566778899aabbccddeeff0011223344',
    outcome: labelOnly ? 'label' : 'prediction',
    columns: labelOnly ? { label: 'repaid', sensitive: ['race', 'sex', 'age'] } : { label: 'repaid', prediction: 'approved', sensitive: ['race', 'sex', 'age'] },
    attributes,
    checks,
    verdict: checks.some((c) => c.verdict === 'fail') ? 'fail' : checks.some((c) => c.verdict === 'warn') ? 'warn' : 'pass',
    exit_code: checks.some((c) => c.verdict === 'fail') ? 1 : 0,
    warnings: [
      {
        code: 'small-group',
        message: `3 groups have fewer than ${MIN_GROUP_SIZE} rows and are not judged (race: ${r('Native American')}; race × sex: ${r('Native American')} × ${r('Female')}, ${r('Native American')} × ${r('Male')}). Collect more data or lower min_group_size to judge them.`,
        count: 3,
      },
      { code: 'proxy', message: 'Column "zip" is associated with race (Cramér\'s V 0.41): a model can discriminate through it. Review whether the model uses it.', count: 1 },
    ],
  };
  if (labelOnly) {
    delete results.config.prediction;
    results.warnings = results.warnings.filter((w) => w.code !== 'proxy');
  }
  if (options.extras) addExtras(results);
  if (options.discovery !== false) results.discovery = discoveryFixture(rows);
  if (options.masking !== false) results.masking = maskingFixture();
  return results;
}

function discoveryFixture(rows: number): DiscoveryResult {
  const base = { confidence_lower: 0, non_null: 43_135, distinct: 0, examples: [] as string[] };
  return {
    sample_rows: 43_135,
    rows_seen: rows,
    seed: 42,
    columns: [
      { ...base, column: 'applicant_name', type: 'Utf8', categories: ['identifier'], identifier_kind: 'name', confidence: 1, confidence_lower: 0.9999, evidence: ["name matches 'name'"], action: 'mask (hmac) or drop', examples: ['J*** D**', 'M***** R***'], distinct: 41_870 },
      { ...base, column: 'email', type: 'Utf8', categories: ['identifier'], identifier_kind: 'email', confidence: 0.998, confidence_lower: 0.9975, evidence: ["name matches 'email'", '99.8% of values are e-mail addresses'], action: 'mask (hmac)', examples: ['j***@e*****.com'], distinct: 43_001 },
      { ...base, column: 'race', type: 'Dictionary<Int32, Utf8>', categories: ['protected'], protected_kind: 'race', confidence: 0.99, confidence_lower: 0.989, evidence: ["name matches 'race'", '99.0% of values are known race or ethnicity categories'], action: 'audit as a sensitive attribute', distinct: 6 },
      { ...base, column: 'sex', type: 'Dictionary<Int32, Utf8>', categories: ['protected'], protected_kind: 'sex', confidence: 1, confidence_lower: 0.9999, evidence: ["name matches 'sex'", 'values are Female/Male'], action: 'audit as a sensitive attribute', distinct: 2 },
      { ...base, column: 'age', type: 'Int32', categories: ['protected', 'quasi-identifier'], protected_kind: 'age', confidence: 1, confidence_lower: 0.9999, evidence: ["name matches 'age'", 'integers between 18 and 91'], action: 'audit in age bands; generalize when sharing', distinct: 74 },
      {
        ...base,
        column: 'zip',
        type: 'Utf8',
        categories: ['quasi-identifier', 'proxy'],
        identifier_kind: 'zip',
        confidence: 0.97,
        confidence_lower: 0.968,
        evidence: ['97.0% of values are US ZIP codes', "Cramér's V with race: 0.41"],
        action: 'generalize to 3 digits; review as a proxy for race',
        examples: ['021**', '606**'],
        proxy_for: [{ attribute: 'race', cramers_v: 0.41, strength: 'warn' }],
        distinct: 2_411,
      },
      { ...base, column: 'income', type: 'Float64', categories: [], confidence: 0, evidence: [], action: '', distinct: 30_112 },
      { ...base, column: 'repaid', type: 'Bool', categories: [], confidence: 0, evidence: [], action: '', distinct: 2 },
      { ...base, column: 'approved', type: 'Bool', categories: [], confidence: 0, evidence: [], action: '', distinct: 2 },
    ],
  };
}

/**
 * A masking manifest (src/results/masking.ts), as the audit stores it. The age rule's cut points
 * are written as text, so the report's rule details show them.
 */
function maskingFixture(): MaskManifest {
  const column = (name: string, rule: Record<string, unknown>, reason: string, changed: number) => ({
    column: name,
    operator: rule.op,
    rule,
    reason,
    values_changed: changed,
    cells_suppressed: 0,
  });
  return {
    schema: 'fairaudit/mask-manifest@1',
    tool: { name: 'fairaudit', version: '0.1.0' },
    profile: 'default',
    input: { name: 'loans', files: [], rows: 43_135 },
    output: { path: 'reports/loans/loans.masked.parquet', format: 'parquet', bytes: 2_004_117, sha256: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0', rows: 43_135, columns: ['email', 'zip', 'age'] },
    columns: [
      column('applicant_name', { op: 'drop' }, 'identifier (name)', 43_135),
      column('email', { op: 'hmac' }, 'identifier (email)', 43_135),
      column('zip', { op: 'generalize', zip_digits: 3 }, 'quasi-identifier (zip)', 43_135),
      column('age', { op: 'generalize', bins: '25, 45, 65' }, 'quasi-identifier (age)', 43_135),
    ],
    key_fingerprint: 'sha256:6c1f…e9a2',
    risk: {
      quasi_identifiers: ['zip', 'age', 'sex'],
      classes: 1_204,
      rows: 43_135,
      k_achieved: 3,
      k_target: 5,
      records_below_k: 41,
      share_below_k: 41 / 43_135,
      l_diversity: 2,
      l_diversity_column: 'race',
    },
    suppressed_cells: 0,
  } as unknown as MaskManifest;
}

/** Hand-chosen test results of race groups against White, the largest group (p, BH q). */
export const RACE_TESTS: Record<string, { method: 'fisher' | 'z'; p_value: number; q_value: number } | null> = {
  Black: { method: 'z', p_value: 2e-9, q_value: 1.2e-8 },
  Hispanic: { method: 'z', p_value: 0.0123, q_value: 0.0246 },
  Asian: { method: 'z', p_value: 0.2, q_value: 0.26 },
  '(missing)': { method: 'fisher', p_value: 0.04, q_value: 0.0612 },
};

/** Hand-chosen score metrics of race groups; Native American has no AUC. */
export const RACE_SCORES: Record<string, { auc: number | null; mean_score: number; ece: number | null; scoring_rate: number }> = {
  White: { auc: 0.781, mean_score: 0.62, ece: 0.031, scoring_rate: 0.55 },
  Black: { auc: 0.742, mean_score: 0.47, ece: 0.058, scoring_rate: 0.38 },
  Hispanic: { auc: 0.766, mean_score: 0.58, ece: 0.04, scoring_rate: 0.5 },
  Asian: { auc: 0.79, mean_score: 0.66, ece: 0.027, scoring_rate: 0.6 },
  'Native American': { auc: null, mean_score: 0.52, ece: null, scoring_rate: 0.44 },
  '(missing)': { auc: 0.7, mean_score: 0.55, ece: 0.072, scoring_rate: 0.47 },
};

/** Hand-chosen conditional demographic disparity of race groups (strata: a made-up `branch`). */
export const RACE_CDD: Record<string, number | null> = { White: -0.041, Black: 0.087, Hispanic: 0.012, Asian: -0.03, 'Native American': null, '(missing)': 0.004 };

/**
 * Adds what the engine computes beyond the rates: dataset metrics of every group against the rest
 * (from the counts: class imbalance, DPL and the label divergences), and on race the tests, the
 * score metrics (scoring impact ratio against the highest judged scoring rate) and CDD.
 */
function addExtras(results: AuditResults): void {
  for (const attribute of results.attributes) {
    const rows = attribute.groups.reduce((s, g) => s + g.n, 0);
    const positives = attribute.groups.reduce((s, g) => s + g.counts.tp + g.counts.fn, 0);
    for (const g of attribute.groups) {
      const pd = g.counts.tp + g.counts.fn;
      const [qd, qa] = [pd / g.n, (positives - pd) / (rows - g.n)];
      const kl = qa * Math.log(qa / qd) + (1 - qa) * Math.log((1 - qa) / (1 - qd));
      const [ma, mb] = [(qa + qd) / 2, (2 - qa - qd) / 2];
      const js = 0.5 * (qa * Math.log(qa / ma) + (1 - qa) * Math.log((1 - qa) / mb) + qd * Math.log(qd / ma) + (1 - qd) * Math.log((1 - qd) / mb));
      const gap = Math.abs(qa - qd);
      g.dataset = { class_imbalance: (rows - 2 * g.n) / rows, dpl: qa - qd, kl: qd > 0 && qd < 1 ? kl : null, js, l2: Math.SQRT2 * gap, tvd: gap, ks: gap };
    }
  }
  const race = results.attributes.find((a) => a.name === 'race')!;
  const value = (g: GroupResult) => Object.values(g.key)[0];
  const original = (shown: string) => Object.keys(RACE).find((k) => k === shown) ?? Object.keys(RACE)[race.groups.findIndex((g) => value(g) === shown)];
  const top = Math.max(...race.groups.filter((g) => g.eligible).map((g) => RACE_SCORES[original(value(g))].scoring_rate));
  for (const g of race.groups) {
    const name = original(value(g));
    if (name in RACE_TESTS) g.test = RACE_TESTS[name];
    const s = RACE_SCORES[name];
    g.scores = {
      ...s,
      ...(s.auc === null ? { auc_null_reason: 'fewer than 2 scored rows of each label' } : {}),
      ...(s.ece === null ? { ece_null_reason: 'too few labelled scored rows' } : {}),
      scoring_impact_ratio: s.scoring_rate / top,
    };
  }
  race.conditional_demographic_disparity = Object.fromEntries(race.groups.map((g) => [value(g), RACE_CDD[original(value(g))]]));
}

/** Black's counts at the baseline run: 5,000 of the same 9,870 rows approved instead of 4,420. */
export const BLACK_AT_BASELINE: Counts = { tp: 4_300, fp: 700, tn: 2_920, fn: 1_950 };

/** The drift tolerances of the comparison fixture. */
export const DRIFT: DriftTolerance[] = [
  { metric: 'impact_ratio', max_change: 0.05, severity: 'fail' },
  { metric: 'demographic_parity_difference', max_change: 0.05, severity: 'warn' },
];

export const MODEL_NOW = { path: 'models/loans-v2.onnx', bytes: 48_213, sha256: 'c0ffee0000000000000000000000000000000000000000000000000000000002' };
export const MODEL_BEFORE = { path: 'models/loans-v1.onnx', bytes: 47_900, sha256: 'c0ffee0000000000000000000000000000000000000000000000000000000001' };

/**
 * The baseline run of the comparison: a day earlier, Black approved more often
 * ({@link BLACK_AT_BASELINE}), missing race recorded as "Unknown", no age attribute, other input
 * file and config hashes, and the previous model.
 */
export function baselineResults(): AuditResults {
  const base = loansResults({ race: { Black: BLACK_AT_BASELINE }, rename: { '(missing)': 'Unknown' }, createdAt: '2025-03-13T09:20:00.000Z', discovery: false, masking: false });
  const attributes = base.attributes.filter((a) => a.name !== 'age');
  return {
    ...base,
    attributes,
    checks: attributes.flatMap((a) => a.checks),
    input: { ...base.input, files: [{ ...base.input.files[0], sha256: 'b'.repeat(64) }] },
    config_sha256: 'c'.repeat(64),
    models: [MODEL_BEFORE],
  };
}

/** The loans results (with the current model) compared with {@link baselineResults} under {@link DRIFT}. */
export function comparedResults(): AuditResults {
  const current: AuditResults = { ...loansResults(), models: [MODEL_NOW] };
  return judgeResults(current, { baseline: baselineResults(), tolerances: DRIFT });
}

/** Three runs, oldest first: two days before (as the baseline, all attributes), the baseline, and this run. */
export function historyFixture(): HistoryEntry[] {
  const first = loansResults({ race: { Black: BLACK_AT_BASELINE }, createdAt: '2025-03-12T09:18:00.000Z', discovery: false, masking: false });
  return [historyEntryFrom({ ...first, models: [MODEL_BEFORE] }), historyEntryFrom(baselineResults()), historyEntryFrom(comparedResults())];
}

/** Acceptances of the fixture: race's impact ratio accepted until June, race's parity one expired. */
export const ACCEPT: AcceptedFinding[] = [
  { check: 'impact_ratio@race', reason: 'retraining with reweighted data is scheduled', owner: 'ana.lopez', expires: '2025-06-30' },
  { check: 'demographic_parity_difference@race', reason: 'known gap under review', owner: 'li.wei', expires: '2025-03-01' },
];

/** The loans results with {@link ACCEPT} applied on the day the audit ran. */
export function acceptedResults(accept: readonly AcceptedFinding[] = ACCEPT): AuditResults {
  return judgeResults(loansResults(), { accept, today: new Date('2025-03-14T12:00:00Z') });
}
