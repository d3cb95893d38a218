import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/render.js';
import { loansResults, NO_PREDICTIONS, RACE, RACE_CDD, RACE_SCORES, total } from './fixtures.js';
import { section, tableRow, text } from './html-text.js';

describe('metrics beyond the rates', () => {
  const html = renderHtml(loansResults({ extras: true }));
  const metrics = section(html, 'metrics');

  it('shows the score metrics of each group, with the LL144 scoring rate and its impact ratio', () => {
    const caption = 'race: model scores by group (AUC, calibration and the NYC Local Law 144 scoring rate)';
    // Scoring impact ratio: Black 0.38 ÷ 0.60 (Asian, the highest judged scoring rate) = 0.633, below 0.8.
    expect(tableRow(metrics, caption, 'Black')).toBe('Black 9,870 0.742 0.470 0.058 38.0% 0.633 below 0.8 ✓ judged');
    expect(tableRow(metrics, caption, 'Asian')).toBe('Asian 3,215 0.790 0.660 0.027 60.0% 1.000 ✓ judged');
    // Native American is not judged: its 0.44 is not the reference though it is lower; 0.44/0.60 = 0.733, not flagged.
    const native = tableRow(metrics, caption, 'Native American');
    expect(native).toContain('n/a — fewer than 2 scored rows of each label 0.520 n/a — too few labelled scored rows 44.0% 0.733 ○ not judged');
    expect(native).not.toContain('below 0.8');
    expect(RACE_SCORES['Native American'].auc).toBeNull();
  });

  it('shows the average odds difference and the test of each group against the reference group', () => {
    const caption = 'race: each group against the reference group White (the largest group, or the one the config names)';
    // Black against White: ½[(520/3,620 − 1,500/6,400) + (3,900/6,250 − 11,800/15,080)]
    //   = ½[(0.14365 − 0.23438) + (0.62400 − 0.78249)] = ½(−0.09073 − 0.15849) = −0.1246 → -0.125.
    expect(RACE.Black.fp + RACE.Black.tn).toBe(3_620);
    expect(tableRow(metrics, caption, 'Black')).toBe(`Black -0.125 two-proportion z <0.001 <0.001 below 0.05: unlikely to be chance ${RACE_CDD.Black}`);
    expect(tableRow(metrics, caption, 'Hispanic')).toBe('Hispanic -0.004 two-proportion z 0.0123 0.0246 below 0.05: unlikely to be chance 0.012');
    expect(tableRow(metrics, caption, '(missing)')).toBe("(missing) -0.026 Fisher's exact 0.0400 0.0612 0.004");
    expect(tableRow(metrics, caption, 'White')).toBe('White reference group 0.000 reference group — — -0.041');
    expect(tableRow(metrics, caption, 'Native American')).toBe('Native American -0.164 not tested: too small to judge — — n/a — no stratum has both labels');
  });

  it('defines every metric these tables show', () => {
    const definitions = section(html, 'definitions');
    for (const name of ['average_odds_difference', 'test_q_value', 'conditional_demographic_disparity', 'auc', 'mean_score', 'ece', 'scoring_rate', 'scoring_impact_ratio', 'class_imbalance', 'dpl']) {
      expect(definitions).toContain(`<code>${name}</code>`);
    }
  });

  it('keeps the tables readable: rates, scores and tests are separate tables of at most ten columns', () => {
    const tables = metrics.match(/<table[\s\S]*?<\/table>/g) ?? [];
    for (const table of tables) {
      const header = table.match(/<thead>[\s\S]*?<\/thead>/)?.[0] ?? '';
      expect((header.match(/<th /g) ?? []).length).toBeLessThanOrEqual(10);
    }
  });
});

describe('a label-only audit', () => {
  const html = renderHtml(loansResults({ labelOnly: true, extras: true }));

  it('says plainly that the rates are of the label because there are no predictions', () => {
    expect(text(section(html, 'verdict'))).toContain(
      'No predictions. Label-only audit: the data has no predictions, so every rate in this report is of the label (repaid, the recorded outcome).',
    );
    expect(tableRow(html, 'Audit settings and row counts', 'Outcome audited')).toBe('Outcome audited the true labels (no predictions: a dataset audit)');
  });

  it('names the rate column after the label and shows no error rates', () => {
    const rates = html.slice(html.indexOf('<caption>race: rates by group</caption>'));
    const header = text(rates.slice(0, rates.indexOf('</thead>')));
    expect(header).toBe('race: rates by group Group Rows Share Positive label rate Impact ratio Status');
    // Black: 3,900 + 2,350 = 6,250 positive labels of 9,870 = 63.3%.
    expect(tableRow(html, 'race: rates by group', 'Black')).toMatch(/^Black 9,870 22\.9% 63\.3% /);
    expect(html).toContain('aria-label="Positive label rate by group: race"');
    expect(html).not.toContain(NO_PREDICTIONS);
  });

  it('shows the pre-training metrics of each group in a compact table', () => {
    const caption = 'race: pre-training label metrics, each group against the other groups';
    // Black d against the rest a: n_d = 9,870 of 43,135; class imbalance (33,265 − 9,870)/43,135 = 0.5424.
    // Positive labels: 6,250 of 9,870 (q_d = 0.63323); the rest 29,478 − 6,250 = 23,228 of 33,265 (q_a = 0.69827).
    // DPL = q_a − q_d = 0.06504; TVD = KS = |DPL|; L2 = √2 · 0.06504 = 0.0920.
    const positives = Object.values(RACE).reduce((s, c) => s + c.tp + c.fn, 0);
    expect(positives).toBe(29_478);
    expect(total(RACE.Black)).toBe(9_870);
    const row = tableRow(html, caption, 'Black').split(' ');
    expect(row.slice(0, 3)).toEqual(['Black', '0.542', '0.065']);
    expect(row.slice(5)).toEqual(['0.092', '0.065', '0.065']);
    // KL = q_a ln(q_a/q_d) + (1 − q_a) ln((1 − q_a)/(1 − q_d)) = 0.69827·ln(1.10271) + 0.30173·ln(0.82267) = 0.06827 − 0.05890 = 0.0094.
    expect(row[3]).toBe('0.0094');
    expect(html).toContain('<abbr title="Kullback–Leibler divergence (KL)">KL</abbr>');
  });
});

describe('rows without a label or a prediction', () => {
  it('are counted in the provenance and named among the findings', () => {
    const base = loansResults();
    const html = renderHtml({ ...base, input: { ...base.input, rows_missing_label: 431, rows_missing_prediction: 12 } });
    expect(tableRow(html, 'Audit settings and row counts', 'Rows with a missing label')).toBe('Rows with a missing label 431');
    // 431 / 43,135 = 0.99% → 1.0%; 12 / 43,135 = 0.028% → <0.1%.
    const findings = text(section(html, 'verdict'));
    expect(findings).toContain('431 of 43,135 rows (1.0%) have no label: they count for selection rates but not for error rates (TPR, FPR, precision, accuracy).');
    expect(findings).toContain('12 of 43,135 rows (<0.1%) have no prediction: they count for base rates only.');
  });
});
