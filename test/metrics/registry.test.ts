import { describe, expect, it } from 'vitest';
import { DEFAULT_DRIFT, harmfulDirection } from '../../src/compare/drift.js';
import { DEFAULT_POLICY } from '../../src/config/types.js';
import { KEY_METRICS } from '../../src/history/entry.js';
import { CELL } from '../../src/metrics/count-table.js';
import { RATE_NAMES } from '../../src/metrics/rates.js';
import {
  AGGREGATE_NAMES,
  DISPARITY_SPECS,
  HEADLINE_METRICS,
  SCORE_METRICS,
  INEQUALITY_AGGREGATES,
  isAggregateName,
  METRICS,
  needsLabelAndPrediction,
  type MetricName,
} from '../../src/metrics/registry.js';
import { metricDefinition } from '../../src/report/definitions.js';

// The lists below are written out by hand: they are what fairaudit listed in five places before
// the registry existed, and what the registry must still produce.

const AGGREGATES_IN_ORDER = [
  'demographic_parity_difference',
  'demographic_parity_ratio',
  'equalized_odds_difference',
  'equalized_odds_ratio',
  'equal_opportunity_difference',
  'equal_opportunity_ratio',
  'predictive_parity_difference',
  'predictive_parity_ratio',
  'accuracy_difference',
  'accuracy_ratio',
  'fpr_difference',
  'fpr_ratio',
  'fnr_difference',
  'fnr_ratio',
  'fdr_difference',
  'fdr_ratio',
  'for_difference',
  'for_ratio',
  'impact_ratio',
  'generalized_entropy_index',
  'theil_index',
  'between_group_generalized_entropy_index',
  'between_group_theil_index',
];

/** The drift rule as it was written before the registry: by the name's suffix. */
function directionBySuffix(metric: string): 'up' | 'down' | 'either' {
  if (metric === 'impact_ratio' || metric.endsWith('_ratio')) return 'down';
  if (metric.endsWith('_difference') || metric.startsWith('generalized_entropy_index') || metric === 'theil_index') return 'up';
  return 'either';
}

describe('the metric registry', () => {
  it('lists the aggregates in the order audit.json has always had', () => {
    expect(AGGREGATE_NAMES).toEqual(AGGREGATES_IN_ORDER);
    expect(INEQUALITY_AGGREGATES).toEqual(AGGREGATES_IN_ORDER.slice(-4));
  });

  it('generates a difference and a ratio for every disparity family, comparing the rates it names', () => {
    expect(DISPARITY_SPECS.map((s) => [s.name, s.rates])).toEqual([
      ['demographic_parity', ['selection_rate']],
      ['equalized_odds', ['tpr', 'fpr']],
      ['equal_opportunity', ['tpr']],
      ['predictive_parity', ['ppv']],
      ['accuracy', ['accuracy']],
      ['fpr', ['fpr']],
      ['fnr', ['fnr']],
      ['fdr', ['fdr']],
      ['for', ['for']],
    ]);
    for (const { name, rates } of DISPARITY_SPECS) {
      expect(METRICS[`${name}_difference`].rates).toEqual(rates);
      expect(METRICS[`${name}_ratio`].rates).toEqual(rates);
    }
    expect(METRICS.impact_ratio.rates).toEqual(['favorable_rate']);
  });

  it('holds a row for every rate, with a label and a definition, printed as a percentage except treatment equality', () => {
    for (const rate of RATE_NAMES) {
      expect(METRICS[rate].scope).toBe('rate');
      expect(METRICS[rate].kind).toBe(rate === 'treatment_equality' ? 'number' : 'percent');
    }
    for (const [name, row] of Object.entries(METRICS)) {
      expect(row.label.length, name).toBeGreaterThan(2);
      expect(row.definition.length, name).toBeGreaterThan(20);
    }
  });

  it('names impact ratio, demographic parity difference and equalized odds difference as the headline metrics, in that order', () => {
    expect(HEADLINE_METRICS).toEqual(['impact_ratio', 'demographic_parity_difference', 'equalized_odds_difference']);
  });

  it('lists the score metrics in the order the report defines them', () => {
    expect(SCORE_METRICS).toEqual(['auc', 'mean_score', 'ece', 'scoring_rate', 'scoring_impact_ratio']);
  });

  it('gives the default policy, the default drift and the history key metrics fairaudit has always used', () => {
    expect(DEFAULT_POLICY).toEqual([
      { metric: 'impact_ratio', min: 0.8, severity: 'fail' },
      { metric: 'demographic_parity_difference', max: 0.1, severity: 'fail' },
      { metric: 'equalized_odds_difference', max: 0.1, severity: 'fail' },
    ]);
    // Key order matters: the policy is echoed in audit.json and compared by its JSON text.
    expect(JSON.stringify(DEFAULT_POLICY)).toBe(
      '[{"metric":"impact_ratio","min":0.8,"severity":"fail"},{"metric":"demographic_parity_difference","max":0.1,"severity":"fail"},{"metric":"equalized_odds_difference","max":0.1,"severity":"fail"}]',
    );
    expect(DEFAULT_DRIFT).toEqual([
      { metric: 'impact_ratio', max_change: 0.05, severity: 'fail' },
      { metric: 'demographic_parity_difference', max_change: 0.05, severity: 'fail' },
      { metric: 'equalized_odds_difference', max_change: 0.05, severity: 'fail' },
    ]);
    // History lines are signed: their key order must not move.
    expect(KEY_METRICS).toEqual(['demographic_parity_difference', 'equalized_odds_difference', 'impact_ratio']);
  });

  it('marks every aggregate except demographic parity and the impact ratio as needing labels and predictions', () => {
    const outcomeOnly = ['demographic_parity_difference', 'demographic_parity_ratio', 'impact_ratio'];
    for (const name of AGGREGATE_NAMES) expect(needsLabelAndPrediction(name), name).toBe(!outcomeOnly.includes(name));
  });

  it('keeps the harmful direction drift has always used, for every metric it knows', () => {
    for (const name of Object.keys(METRICS)) expect(harmfulDirection(name), name).toBe(directionBySuffix(name));
    // Names from another version still follow their suffix.
    expect(harmfulDirection('tnr_difference')).toBe('up');
    expect(harmfulDirection('npv_ratio')).toBe('down');
  });

  it('tells an aggregate from a rate, a per-group metric and a typo', () => {
    expect(isAggregateName('equalized_odds_difference')).toBe(true);
    expect(isAggregateName('tpr')).toBe(false);
    expect(isAggregateName('auc')).toBe(false);
    expect(isAggregateName('impact_raito')).toBe(false);
    expect(isAggregateName('toString')).toBe(false);
  });

  it('does not compile a misspelt metric name', () => {
    // @ts-expect-error: 'impact_raito' is not a metric
    const typo: MetricName = 'impact_raito';
    const fine: MetricName = 'impact_ratio';
    expect([typo, fine]).toHaveLength(2);
  });
});

describe('the report definitions read from the registry', () => {
  it('defines a generated aggregate without its own text from its rate', () => {
    expect(metricDefinition('fpr_difference')).toEqual({
      name: 'fpr_difference',
      label: 'False positive rate difference',
      definition: 'Highest minus lowest false positive rate (FPR) among the judged groups. 0 means equal.',
      kind: 'number',
    });
    expect(metricDefinition('accuracy_ratio').definition).toBe('Lowest ÷ highest accuracy among the judged groups. 1 means equal.');
  });

  it('keeps the hand-written text of the headline metrics and the drift wording', () => {
    expect(metricDefinition('equalized_odds_difference').definition).toBe(
      'The larger of two gaps among the judged groups: highest minus lowest TPR, and highest minus lowest FPR. 0 means the model errs alike for every group.',
    );
    expect(metricDefinition('drift:impact_ratio').label).toBe('Drift: impact ratio');
    expect(metricDefinition('tpr')).toMatchObject({ label: 'True positive rate (TPR)', kind: 'percent' });
  });

  it('still explains a name the registry does not know', () => {
    expect(metricDefinition('tnr_difference').label).toBe('True negative rate difference');
    expect(metricDefinition('something_new')).toMatchObject({ label: 'something new', kind: 'number' });
  });
});

describe('named cell indices', () => {
  it('place each cell at 3 · label + prediction, 2 meaning missing', () => {
    const at = (label: number, prediction: number) => 3 * label + prediction;
    expect(CELL.tn).toBe(at(0, 0));
    expect(CELL.fp).toBe(at(0, 1));
    expect(CELL.labelNegativePredictionMissing).toBe(at(0, 2));
    expect(CELL.fn).toBe(at(1, 0));
    expect(CELL.tp).toBe(at(1, 1));
    expect(CELL.labelPositivePredictionMissing).toBe(at(1, 2));
    expect(CELL.labelMissingPredictedNegative).toBe(at(2, 0));
    expect(CELL.labelMissingPredictedPositive).toBe(at(2, 1));
    expect(CELL.bothMissing).toBe(at(2, 2));
  });
});
