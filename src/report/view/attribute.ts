/**
 * The metrics section of one attribute or intersection: groups, representation, aggregates,
 * disparities, further metrics, scores and charts. Pure.
 */
import type { AttributeResult, AuditResults, GroupKey, GroupResult, Interval, RateName } from '../../results/index.js';
import { groupKeyValues } from '../../text/group-key.js';
import { metricLabel } from '../definitions.js';
import { formatAgainst, formatCount, formatInterval, formatNumber, formatPercent, formatPValue, notApplicable } from '../format.js';
import { DATASET_METRICS, GROUP_RATES, KEY_AGGREGATES, SHORT_LABELS } from './shared.js';
import type { AggregateRow, AttributeView, Cell, ChartSpec, DisparityTable, FurtherRow, GroupRow, RepresentationRow, ScoreRow, StatusView } from './types.js';

/** The view of one attribute or intersection (`attr-<index>` in the page): its tables, charts and checks. */
export function attributeView(attribute: AttributeResult, index: number, results: AuditResults): AttributeView {
  const id = `attr-${index}`;
  // Multiclass and regression audits have their own section; the yes/no parts of this one that
  // are null for every group there are left out (a binary audit keeps every part as before).
  const task = results.task?.name ?? 'binary';
  const binary = task === 'binary';
  const features = attribute.features;
  const label = (g: GroupResult) => groupKeyValues(g.key, features);
  const minSize = results.config.min_group_size;
  const columns = GROUP_RATES.filter((rate) => {
    if (rate === 'favorable_rate' && results.config.favorable === 'positive') return false;
    return attribute.groups.some((g) => g.rates[rate] !== null && g.rates[rate] !== undefined);
  }).map((key) => ({ key, label: rateHeader(key, results), full: rateFull(key, results) }));
  const sameKey = (a: GroupKey | null, b: GroupKey) => !!a && features.every((f) => a[f] === b[f]);

  const groups: GroupRow[] = attribute.groups.map((g) => ({
    label: label(g),
    n: formatCount(g.n),
    share: formatPercent(g.share),
    cells: columns.map((c) => rateCell(g, c.key as RateName)),
    impactRatio:
      g.impact_ratio === null
        ? { text: 'n/a', na: true }
        : {
            text: formatAgainst(g.impact_ratio, 0.8) + (sameKey(attribute.impact_reference, g.key) ? ' (reference)' : ''),
            interval: g.impact_ratio_interval ? formatInterval(g.impact_ratio_interval, 'number') : undefined,
          },
    belowFourFifths: g.eligible && g.four_fifths_flag === true,
    isReference: sameKey(attribute.impact_reference, g.key),
    status: status(g),
  }));

  // A label audit gets the full pre-training table; a prediction audit keeps CI and DPL here.
  const datasetTable = results.outcome === 'label' && attribute.groups.some((g) => g.dataset);
  const showDatasetMetrics = !datasetTable && attribute.groups.some((g) => g.dataset);
  const representation: RepresentationRow[] = attribute.groups.map((g) => ({
    label: label(g),
    n: formatCount(g.n),
    share: formatPercent(g.share),
    baseRate: rateCell(g, 'base_rate'),
    classImbalance: showDatasetMetrics && g.dataset ? formatNumber(g.dataset.class_imbalance) : undefined,
    dpl: showDatasetMetrics && g.dataset ? formatNumber(g.dataset.dpl) : undefined,
    status: status(g),
  }));

  const checks = attribute.checks;
  const aggregateNames = Object.keys(attribute.aggregates);
  const ordered = [...new Set([...checks.map((c) => c.metric).filter((m) => aggregateNames.includes(m)), ...aggregateNames])];
  const aggregates: AggregateRow[] = ordered.map((name) => {
    const value = attribute.aggregates[name];
    const check = checks.find((c) => c.metric === name);
    const interval = attribute.aggregate_intervals[name] ?? null;
    return {
      name,
      label: metricLabel(name),
      value: value === null ? notApplicable(attribute.aggregate_notes[name]) : check ? formatAgainst(value, check.threshold) : formatNumber(value),
      interval: value === null ? '—' : formatInterval(interval, 'number'),
      verdict: check?.verdict,
      inconclusive: check ? check.inconclusive && check.verdict !== 'insufficient-data' : undefined,
      note: value === null ? undefined : attribute.aggregate_notes[name],
    };
  });

  const charts: ChartSpec[] = [];
  const rateKey: RateName = attribute.groups.some((g) => g.rates.selection_rate !== null) ? 'selection_rate' : 'base_rate';
  // A multiclass or regression audit may have no yes/no rate at all: then no chart of one.
  if (binary || attribute.groups.some((g) => g.rates[rateKey] !== null && g.rates[rateKey] !== undefined)) {
    charts.push({
      type: 'selection',
      id: `${id}-selection`,
      title: `${rateFull(rateKey, results)} by group: ${attribute.name}`,
      rateLabel: rateFull(rateKey, results),
      rows: attribute.groups.map((g) => ({
        label: label(g),
        value: g.rates[rateKey],
        interval: (g.intervals[rateKey] as Interval | undefined) ?? null,
        eligible: g.eligible,
        note: g.rates[rateKey] === null ? notApplicable(g.null_reasons[rateKey]) : g.eligible ? undefined : 'too small to judge',
      })),
    });
  }
  if (attribute.groups.some((g) => g.impact_ratio !== null)) {
    charts.push({
      type: 'impact',
      id: `${id}-impact`,
      title: `Impact ratio by group: ${attribute.name}`,
      threshold: 0.8,
      rows: attribute.groups.map((g) => ({
        label: label(g),
        ratio: g.impact_ratio,
        reference: sameKey(attribute.impact_reference, g.key),
        eligible: g.eligible,
        note: g.impact_ratio === null ? notApplicable(g.null_reasons.favorable_rate) : g.eligible ? undefined : 'too small to judge',
      })),
    });
  }
  if (attribute.groups.some((g) => g.rates.tpr !== null && g.rates.fpr !== null)) {
    charts.push({
      type: 'errors',
      id: `${id}-errors`,
      title: `True versus false positive rate by group: ${attribute.name}`,
      rows: attribute.groups.map((g) => ({ label: label(g), tpr: g.rates.tpr, fpr: g.rates.fpr, eligible: g.eligible })),
    });
  }

  // A yes/no aggregate that is null in a multiclass or regression audit means nothing there.
  const shown = binary ? aggregates : aggregates.filter((row) => row.verdict || attribute.aggregates[row.name] !== null);

  const impactRef = attribute.impact_reference ? groupKeyValues(attribute.impact_reference, features) : null;
  const reference = attribute.reference ? groupKeyValues(attribute.reference, features) : null;
  const byReference = results.config.impact_ratio_reference === 'reference';
  const referenceText = [
    impactRef
      ? byReference
        ? `Impact ratios compare each group with ${impactRef}, the reference group (impact_ratio_reference: reference).`
        : `Impact ratios compare each group with ${impactRef}, the judged group with the highest favorable rate.`
      : 'No impact-ratio reference: no judged group has a favorable rate.',
    reference
      ? `Average odds differences, tests and disparities compare each group with ${reference}, ${results.config.reference?.[attribute.name] !== undefined ? 'the reference group the config names' : 'the largest judged group'}.`
      : '',
    // LL144 judges by its 2% rule, never by min_group_size.
    results.config.mode === 'll144'
      ? 'Categories under 2% of the data, and unknown ones, are shown but left out of impact ratios and verdicts (LL144).'
      : minSize > 0
        ? `Groups under ${formatCount(minSize)} rows are shown but not judged.`
        : '',
  ]
    .filter(Boolean)
    .join(' ');

  return {
    id,
    name: attribute.name,
    kindLabel: attribute.kind === 'intersection' ? 'Intersection' : 'Attribute',
    isIntersection: attribute.kind === 'intersection',
    features: features.join(' × '),
    referenceText,
    columns,
    groups,
    representation,
    showDatasetMetrics,
    taskNote: binary ? null : taskNote(results, index),
    hideImpact: !binary && attribute.groups.every((g) => g.impact_ratio === null),
    aggregates: shown.filter((row) => row.verdict || KEY_AGGREGATES.includes(row.name)),
    otherAggregates: shown.filter((row) => !row.verdict && !KEY_AGGREGATES.includes(row.name)),
    charts,
    judgedCount: attribute.groups.filter((g) => g.eligible).length,
    groupCount: attribute.groups.length,
    disparities: disparityTable(attribute, label, sameKey, results.outcome),
    further: furtherRows(attribute, label, sameKey, binary),
    scores: scoreRows(attribute, label),
    dataset: datasetTable
      ? attribute.groups.map((g) => ({ label: label(g), cells: DATASET_METRICS.map((m) => (g.dataset ? formatNumber(g.dataset[m.key] ?? null, m.digits ?? 3) : 'n/a')) }))
      : null,
  };
}

/**
 * The pointer from a multiclass or regression attribute to the task's own section: what the
 * yes/no rates here are of, and where the per-class or error metrics are.
 */
function taskNote(results: AuditResults, index: number): NonNullable<AttributeView['taskNote']> {
  const href = `#outcome-${index}`;
  if (results.task?.name === 'multiclass') {
    const favorable = results.task.favorable_classes ?? [];
    return {
      text: favorable.length
        ? `Multiclass audit: the rates below are of the favorable classes together (${favorable.join(', ')}) and the summary metrics are the worst class of each.`
        : 'Multiclass audit: the summary metrics below are the worst class of each; without favorable classes (favorable: [A, B]) a group has no single yes/no rate or impact ratio.',
      href,
      link: 'Each class’s rates, the confusion matrices and the class-mix distances',
      after: ' are in the per-class section.',
    };
  }
  return {
    text: 'Regression audit: the yes/no rates do not apply; the impact ratio is of each group’s share above the overall median.',
    href,
    link: 'The errors, distributions and their differences by group',
    after: ' are in the regression section.',
  };
}

/** The header of a rate column: short for the error rates; of the label in a label audit. */
function rateHeader(rate: RateName, results: AuditResults): string {
  if (results.outcome === 'label' && (rate === 'selection_rate' || rate === 'favorable_rate')) return rateFull(rate, results);
  return SHORT_LABELS[rate] ?? metricLabel(rate);
}

/** The full name of a rate; in a label audit the selection rate is said to be of the label. */
function rateFull(rate: RateName, results: AuditResults): string {
  if (results.outcome === 'label' && rate === 'selection_rate') return 'Positive label rate';
  if (results.outcome === 'label' && rate === 'favorable_rate') return 'Favorable label rate';
  return metricLabel(rate);
}

/** Column headers of the disparity table: the short names Aequitas' table uses. */
const DISPARITY_HEADERS: Partial<Record<RateName | 'ppr', string>> = {
  ppr: 'PPR',
  selection_rate: 'Selection rate',
  ppv: 'PPV',
  fdr: 'FDR',
  for: 'FOR',
  fpr: 'FPR',
  fnr: 'FNR',
  tpr: 'TPR',
  tnr: 'TNR',
  npv: 'NPV',
};

/** The rates of the disparity table, in Aequitas' order (ppr first, then pprev, precision, error rates). */
const DISPARITY_RATES: RateName[] = ['selection_rate', 'ppv', 'fdr', 'for', 'fpr', 'fnr', 'tpr', 'tnr', 'npv'];

/**
 * Aequitas' disparity table for one attribute: each group's `ppr` (share of all predicted
 * positives) and each rate's disparity, the group's rate ÷ the reference group's. Null without a
 * reference group or disparities.
 */
function disparityTable(
  attribute: AttributeResult,
  label: (g: GroupResult) => string,
  sameKey: (a: GroupKey | null, b: GroupKey) => boolean,
  outcome: AuditResults['outcome'],
): DisparityTable | null {
  if (!attribute.reference || !attribute.groups.some((g) => g.disparities)) return null;
  const keys: (RateName | 'ppr')[] = ['ppr', ...DISPARITY_RATES.filter((r) => attribute.groups.some((g) => g.disparities?.[r] !== undefined && g.disparities[r] !== null))];
  const columns = keys.map((key) => ({ key, label: `${DISPARITY_HEADERS[key] ?? metricLabel(key)} disparity` }));
  return {
    reference: groupKeyValues(attribute.reference, attribute.features),
    positives: outcome === 'label' ? 'positive labels' : 'predicted positives',
    columns,
    rows: attribute.groups.map((g) => ({
      label: label(g),
      isReference: sameKey(attribute.reference, g.key),
      ppr: g.ppr === null || g.ppr === undefined ? 'n/a' : formatPercent(g.ppr),
      cells: keys.map((key) => {
        const value = g.disparities?.[key];
        return value === null || value === undefined ? { text: 'n/a', na: true } : { text: formatNumber(value) };
      }),
    })),
  };
}

/** Average odds difference, the test against the reference group and CDD, when any group has one. */
function furtherRows(
  attribute: AttributeResult,
  label: (g: GroupResult) => string,
  sameKey: (a: GroupKey | null, b: GroupKey) => boolean,
  binary: boolean,
): AttributeView['further'] {
  const cdd = attribute.conditional_demographic_disparity;
  const hasCdd = !!cdd && Object.keys(cdd).length > 0;
  // Outside a binary audit, a test that is null for every group (no favorable rate) is no column.
  const hasTests = attribute.groups.some((g) => (binary ? g.test !== undefined : !!g.test));
  const hasAod = attribute.groups.some((g) => g.average_odds_difference !== null);
  if (!hasCdd && !hasTests && !hasAod) return null;
  return {
    reference: attribute.reference ? groupKeyValues(attribute.reference, attribute.features) : 'none',
    hasAod,
    hasTests,
    hasCdd,
    rows: attribute.groups.map((g) => furtherRow(g, label(g), sameKey(attribute.reference, g.key), hasCdd ? cdd : undefined)),
  };
}

function furtherRow(g: GroupResult, label: string, isReference: boolean, cdd: Record<string, number | null> | undefined): FurtherRow {
  const test = g.test;
  // The engine sets `test` to null when the favorable rate is undefined, and leaves it out for the
  // reference group and for groups too small to judge.
  const notTested = isReference
    ? 'reference group'
    : !g.eligible
      ? 'not tested: too small to judge'
      : test === null
        ? 'not tested: favorable rate undefined'
        : 'not tested';
  const cddValue = cdd ? (cdd[label] ?? null) : undefined;
  return {
    label,
    aod: g.average_odds_difference === null ? { text: isReference ? 'n/a' : notApplicable(g.null_reasons.tpr ?? g.null_reasons.fpr), na: true } : { text: formatNumber(g.average_odds_difference) },
    test: test ? (test.method === 'fisher' ? "Fisher's exact" : 'two-proportion z') : notTested,
    p: test ? formatPValue(test.p_value) : '—',
    q: test ? formatPValue(test.q_value) : '—',
    significant: !!test && test.q_value < 0.05,
    ...(cdd ? { cdd: cddValue === null ? { text: 'n/a — no stratum has both labels', na: true } : { text: formatNumber(cddValue) } } : {}),
    isReference,
  };
}

/** Score metrics per group (AUC, mean score, ECE, LL144 scoring rate), when the audit had scores. */
function scoreRows(attribute: AttributeResult, label: (g: GroupResult) => string): ScoreRow[] | null {
  if (!attribute.groups.some((g) => g.scores)) return null;
  return attribute.groups.map((g) => {
    const s = g.scores;
    const ratio = s?.scoring_impact_ratio ?? null;
    return {
      label: label(g),
      n: formatCount(g.n),
      auc: s?.auc === null || !s ? { text: notApplicable(s?.auc_null_reason), na: true } : { text: formatNumber(s.auc) },
      meanScore: s?.mean_score === null || !s ? { text: 'n/a', na: true } : { text: formatNumber(s.mean_score) },
      ece: s?.ece === null || !s ? { text: notApplicable(s?.ece_null_reason), na: true } : { text: formatNumber(s.ece) },
      scoringRate: s?.scoring_rate === null || !s ? { text: 'n/a', na: true } : { text: formatPercent(s.scoring_rate) },
      scoringImpact: ratio === null ? { text: 'n/a', na: true } : { text: formatAgainst(ratio, 0.8) },
      below: g.eligible && ratio !== null && ratio < 0.8,
      status: status(g),
    };
  });
}

function rateCell(g: GroupResult, rate: RateName): Cell {
  const value = g.rates[rate];
  if (value === null || value === undefined) return { text: notApplicable(g.null_reasons[rate]), na: true };
  const interval = g.intervals[rate];
  return { text: rate === 'treatment_equality' ? formatNumber(value, 2) : formatPercent(value), interval: interval ? formatInterval(interval) : undefined };
}

function status(g: GroupResult): StatusView {
  if (g.eligible) return { judged: true, text: 'judged' };
  return { judged: false, text: g.ineligible_reason ?? 'too small to judge' };
}
