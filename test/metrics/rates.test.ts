import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { attribute, audit, dict, group } from './fixtures.js';

/** Rows of one group from its confusion counts: label, prediction. */
function confusion(name: string, tp: number, fn: number, fp: number, tn: number) {
  const rows: { g: string; y: number; p: number }[] = [];
  const push = (count: number, y: number, p: number) => {
    for (let i = 0; i < count; i++) rows.push({ g: name, y, p });
  };
  push(tp, 1, 1);
  push(fn, 1, 0);
  push(fp, 0, 1);
  push(tn, 0, 0);
  return rows;
}

function tableOf(rows: { g: string; y: number | null; p: number | null }[]) {
  return tableFromArrays({
    g: dict(rows.map((r) => r.g)) as never,
    y: rows.map((r) => r.y) as never,
    p: rows.map((r) => r.p) as never,
  });
}

// A: TP 4, FN 1, FP 2, TN 3.  B: TP 2, FN 2, FP 1, TN 5.
const twoGroups = () => tableOf([...confusion('A', 4, 1, 2, 3), ...confusion('B', 2, 2, 1, 5)]);
const config = { label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 0 };

describe('per-group rates', () => {
  it('computes every rate of DESIGN §4 from the confusion counts', async () => {
    const { analysis } = await audit(twoGroups(), config);
    const a = group(analysis, 'g', 'A');
    expect(a.n).toBe(10);
    expect(a.share).toBe(0.5);
    expect(a.counts).toEqual({ tp: 4, fp: 2, tn: 3, fn: 1, label_missing: 0, prediction_missing: 0, both_missing: 0 });
    // P = 5, N = 5, PP = 6, PN = 4.
    expect(a.rates.base_rate).toBeCloseTo(5 / 10, 12);
    expect(a.rates.selection_rate).toBeCloseTo(6 / 10, 12);
    expect(a.rates.favorable_rate).toBeCloseTo(6 / 10, 12);
    expect(a.rates.tpr).toBeCloseTo(4 / 5, 12);
    expect(a.rates.fnr).toBeCloseTo(1 / 5, 12);
    expect(a.rates.fpr).toBeCloseTo(2 / 5, 12);
    expect(a.rates.tnr).toBeCloseTo(3 / 5, 12);
    expect(a.rates.ppv).toBeCloseTo(4 / 6, 12);
    expect(a.rates.fdr).toBeCloseTo(2 / 6, 12);
    expect(a.rates.npv).toBeCloseTo(3 / 4, 12);
    expect(a.rates.for).toBeCloseTo(1 / 4, 12);
    expect(a.rates.accuracy).toBeCloseTo(7 / 10, 12);
    expect(a.rates.treatment_equality).toBeCloseTo(1 / 2, 12); // FN / FP
    const b = group(analysis, 'g', 'B');
    // P = 4, N = 6, PP = 3, PN = 7.
    expect(b.rates.selection_rate).toBeCloseTo(3 / 10, 12);
    expect(b.rates.fpr).toBeCloseTo(1 / 6, 12);
    expect(b.rates.npv).toBeCloseTo(5 / 7, 12);
    expect(b.rates.treatment_equality).toBeCloseTo(2, 12);
  });

  it('gives each proportion its 95% Wilson interval', async () => {
    const { analysis } = await audit(twoGroups(), config);
    const a = group(analysis, 'g', 'A');
    // Wilson for 6 of 10 by hand: z = 1.959964, z² = 3.841459; centre = (0.6 + 0.192073)/1.384146 = 0.572247;
    // half = 1.959964/1.384146 · √(0.024 + 0.009604) = 0.259569 → [0.312678, 0.831816].
    const [low, high] = a.intervals.selection_rate!;
    expect(low).toBeCloseTo(0.312678, 5);
    expect(high).toBeCloseTo(0.831816, 5);
    expect(a.intervals.treatment_equality).toBeUndefined();
  });

  it('gives null and a reason, never 0, for every zero denominator', async () => {
    // C: no actual positives and no predicted negatives; D: no predicted positives.
    const rows = [...confusion('C', 0, 0, 3, 0), ...confusion('D', 0, 2, 0, 2)];
    const { analysis } = await audit(tableOf(rows), config);
    const c = group(analysis, 'g', 'C');
    expect(c.rates.tpr).toBeNull();
    expect(c.rates.fnr).toBeNull();
    expect(c.null_reasons.tpr).toBe('no actual positives in this group');
    expect(c.rates.npv).toBeNull();
    expect(c.null_reasons.for).toBe('no predicted negatives in this group');
    expect(c.rates.fpr).toBe(1);
    const d = group(analysis, 'g', 'D');
    expect(d.rates.ppv).toBeNull();
    expect(d.null_reasons.ppv).toBe('no predicted positives in this group');
    expect(d.rates.treatment_equality).toBeNull();
    expect(d.null_reasons.treatment_equality).toBe('no false positives in this group');
    expect(d.intervals.ppv).toBeUndefined();
    expect(c.intervals.tpr).toBeUndefined();
  });

  it('does not report predictions as missing in a labels-only audit: there is no prediction column', async () => {
    // 13 rows of A: 5 labelled 1, 6 labelled 0 and 2 without a label.
    const rows = [...confusion('A', 4, 1, 2, 3), { g: 'A', y: null, p: 1 }, { g: 'A', y: 1, p: null }, { g: 'A', y: null, p: null }];
    const { analysis } = await audit(tableOf(rows), { label: 'y', sensitive: ['g'], min_group_size: 0 });
    const a = group(analysis, 'g', 'A');
    expect(a.counts).toEqual({ tp: 0, fp: 0, tn: 0, fn: 0, label_missing: 2, prediction_missing: 0, both_missing: 0 });
    expect(analysis.rows.rows_missing_prediction).toBe(0);
    expect(analysis.rows.rows_missing_label).toBe(2);
    // On the label: 6 of the 11 labelled rows are positive.
    expect(a.rates.selection_rate).toBeCloseTo(6 / 11, 12);
  });

  it('counts rows with a missing label for selection rate only, and says how many', async () => {
    const rows = [...confusion('A', 4, 1, 2, 3), { g: 'A', y: null, p: 1 }, { g: 'A', y: 1, p: null }, { g: 'A', y: null, p: null }];
    const { analysis, warnings } = await audit(tableOf(rows), config);
    const a = group(analysis, 'g', 'A');
    expect(a.n).toBe(13);
    expect(a.counts).toMatchObject({ label_missing: 1, prediction_missing: 1, both_missing: 1 });
    // Selection over the 11 rows with a prediction: (6 + 1)/11; base rate over the 11 labelled: (5 + 1)/11.
    expect(a.rates.selection_rate).toBeCloseTo(7 / 11, 12);
    expect(a.rates.base_rate).toBeCloseTo(6 / 11, 12);
    expect(a.rates.tpr).toBeCloseTo(4 / 5, 12);
    expect(analysis.rows).toEqual({ rows_read: 13, rows_used: 12, rows_missing_label: 2, rows_missing_prediction: 2 });
    const codes = warnings.list().map((w) => w.code);
    expect(codes).toContain('rows-missing-label');
    expect(codes).toContain('rows-missing-prediction');
  });
});

describe('aggregates', () => {
  it('match hand-computed differences and ratios of each spec', async () => {
    const { analysis } = await audit(twoGroups(), config);
    const g = attribute(analysis, 'g').aggregates;
    // selection 0.6 vs 0.3
    expect(g.demographic_parity_difference).toBeCloseTo(0.3, 12);
    expect(g.demographic_parity_ratio).toBeCloseTo(0.5, 12);
    // TPR 0.8 vs 0.5 (gap 0.3, ratio 0.625); FPR 0.4 vs 1/6 (gap 0.2333, ratio 0.41667)
    expect(g.equal_opportunity_difference).toBeCloseTo(0.3, 12);
    expect(g.equal_opportunity_ratio).toBeCloseTo(0.625, 12);
    expect(g.equalized_odds_difference).toBeCloseTo(0.3, 12);
    expect(g.equalized_odds_ratio).toBeCloseTo(1 / 6 / 0.4, 12);
    // PPV 4/6 vs 2/3; accuracy 0.7 vs 0.7
    expect(g.predictive_parity_difference).toBeCloseTo(0, 12);
    expect(g.predictive_parity_ratio).toBeCloseTo(1, 12);
    expect(g.accuracy_difference).toBeCloseTo(0, 12);
    expect(g.fpr_difference).toBeCloseTo(0.4 - 1 / 6, 12);
    expect(g.fnr_difference).toBeCloseTo(0.3, 12); // 0.5 − 0.2
    expect(g.fnr_ratio).toBeCloseTo(0.4, 12); // 0.2 / 0.5
    expect(g.fdr_ratio).toBeCloseTo(1, 12);
    expect(g.for_difference).toBeCloseTo(2 / 7 - 0.25, 12);
    expect(g.for_ratio).toBeCloseTo(0.25 / (2 / 7), 12);
    expect(g.impact_ratio).toBeCloseTo(0.5, 12); // 0.3 / 0.6
  });

  it('computes impact ratios against the highest favorable rate with the four-fifths flag', async () => {
    const { analysis } = await audit(twoGroups(), config);
    const attr = attribute(analysis, 'g');
    expect(attr.impact_reference).toEqual({ g: 'A' });
    expect(group(analysis, 'g', 'A').impact_ratio).toBe(1);
    expect(group(analysis, 'g', 'A').four_fifths_flag).toBe(false);
    expect(group(analysis, 'g', 'B').impact_ratio).toBeCloseTo(0.5, 12);
    expect(group(analysis, 'g', 'B').four_fifths_flag).toBe(true);
  });

  it('takes impact ratios on the unfavorable prediction when favorable is negative', async () => {
    const { analysis } = await audit(twoGroups(), { ...config, favorable: 'negative' });
    // favorable = 1 − selection: A 0.4, B 0.7 → reference B; A: 0.4/0.7
    expect(attribute(analysis, 'g').impact_reference).toEqual({ g: 'B' });
    expect(group(analysis, 'g', 'A').impact_ratio).toBeCloseTo(0.4 / 0.7, 12);
    expect(attribute(analysis, 'g').aggregates.impact_ratio).toBeCloseTo(0.4 / 0.7, 12);
  });

  it('computes the average odds difference against the largest group, or the configured one', async () => {
    const rows = [...confusion('A', 4, 1, 2, 3), ...confusion('B', 2, 2, 1, 5), ...confusion('B', 0, 0, 0, 0), { g: 'B', y: 0, p: 0 }];
    // B now has 11 rows (TN 6): FPR_B = 1/7, TPR_B = 0.5; A: FPR 0.4, TPR 0.8.
    const { analysis } = await audit(tableOf(rows), config);
    expect(attribute(analysis, 'g').reference).toEqual({ g: 'B' });
    expect(group(analysis, 'g', 'A').average_odds_difference).toBeCloseTo(0.5 * (0.4 - 1 / 7 + (0.8 - 0.5)), 12);
    expect(group(analysis, 'g', 'B').average_odds_difference).toBe(0);
    const configured = await audit(tableOf(rows), { ...config, reference: { g: 'A' } });
    expect(attribute(configured.analysis, 'g').reference).toEqual({ g: 'A' });
    expect(group(configured.analysis, 'g', 'B').average_odds_difference).toBeCloseTo(0.5 * (1 / 7 - 0.4 + (0.5 - 0.8)), 12);
  });

  it('computes the generalized entropy and Theil indices of the benefit ŷ − y + 1', async () => {
    const { analysis } = await audit(twoGroups(), config);
    const g = attribute(analysis, 'g').aggregates;
    // b = 0 for FN (3 rows), 1 for TP + TN (14), 2 for FP (3); n = 20, μ = (14 + 6)/20 = 1.
    // GE(2) = Σ[(b/μ)² − 1]/(2n) = (14 + 12 − 20)/40 = 0.15; Theil = Σ (b/μ) ln(b/μ)/n = 6 ln 2 / 20.
    expect(g.generalized_entropy_index).toBeCloseTo(0.15, 12);
    expect(g.theil_index).toBeCloseTo((6 * Math.log(2)) / 20, 12);
    // Group means μ_A = (7 + 4)/10 = 1.1, μ_B = (7 + 2)/10 = 0.9:
    // between GE = [10(1.21 − 1) + 10(0.81 − 1)]/40 = 0.005; between Theil = [11 ln 1.1 + 9 ln 0.9]/20.
    expect(g.between_group_generalized_entropy_index).toBeCloseTo(0.005, 12);
    expect(g.between_group_theil_index).toBeCloseTo((11 * Math.log(1.1) + 9 * Math.log(0.9)) / 20, 12);
  });

  it('leaves a null rate out of an aggregate and names the group in the notes and warnings', async () => {
    // C has no actual positives: its TPR is null, so equal opportunity compares A and B only.
    const rows = [...confusion('A', 4, 1, 2, 3), ...confusion('B', 2, 2, 1, 5), ...confusion('C', 0, 0, 1, 4)];
    const { analysis, warnings } = await audit(tableOf(rows), config);
    const attr = attribute(analysis, 'g');
    expect(attr.aggregates.equal_opportunity_difference).toBeCloseTo(0.3, 12);
    expect(attr.aggregate_notes.equal_opportunity_difference).toContain('C (tpr: no actual positives in this group)');
    expect(warnings.list().some((w) => w.code === 'null-rate' && w.message.includes('C'))).toBe(true);
    // FPR of C = 1/5 is defined, so the FPR gap spans A (0.4) and B (1/6).
    expect(attr.aggregates.fpr_difference).toBeCloseTo(0.4 - 1 / 6, 12);
  });

  it('gives a null ratio for 0/0 with a note', async () => {
    // Nobody is a false positive anywhere: every FPR is 0, so the FPR ratio is 0/0.
    const rows = [...confusion('A', 3, 1, 0, 4), ...confusion('B', 2, 2, 0, 4)];
    const { analysis } = await audit(tableOf(rows), config);
    const attr = attribute(analysis, 'g');
    expect(attr.aggregates.fpr_difference).toBe(0);
    expect(attr.aggregates.fpr_ratio).toBeNull();
    expect(attr.aggregate_notes.fpr_ratio).toContain('0/0');
    expect(attr.aggregates.equalized_odds_ratio).toBeNull();
  });

  it('leaves groups below min_group_size out of aggregates but reports them', async () => {
    const rows = [...confusion('A', 4, 1, 2, 3), ...confusion('B', 2, 2, 1, 5), ...confusion('tiny', 0, 1, 0, 1)];
    const { analysis, warnings } = await audit(tableOf(rows), { ...config, min_group_size: 5 });
    const tiny = group(analysis, 'g', 'tiny');
    expect(tiny.eligible).toBe(false);
    expect(tiny.ineligible_reason).toBe('too small to judge: n = 2 < 5');
    expect(tiny.n).toBe(2);
    // tiny's selection rate 0 would make the DP gap 0.6; without it the gap is 0.3.
    expect(attribute(analysis, 'g').aggregates.demographic_parity_difference).toBeCloseTo(0.3, 12);
    expect(warnings.list().some((w) => w.code === 'small-group')).toBe(true);
  });
});

describe('audits without predictions or without labels', () => {
  it('computes selection rate, demographic parity and impact ratio on the label when there is no prediction', async () => {
    const { analysis } = await audit(twoGroups(), { label: 'y', sensitive: ['g'], min_group_size: 0 });
    expect(analysis.outcome).toBe('label');
    const a = group(analysis, 'g', 'A');
    // base rates A 5/10, B 4/10
    expect(a.rates.selection_rate).toBeCloseTo(0.5, 12);
    expect(a.rates.tpr).toBeNull();
    expect(a.null_reasons.tpr).toBe('no predictions');
    const attr = attribute(analysis, 'g');
    expect(attr.aggregates.demographic_parity_difference).toBeCloseTo(0.1, 12);
    expect(attr.aggregates.impact_ratio).toBeCloseTo(0.8, 12);
    expect(attr.aggregates.equalized_odds_difference).toBeNull();
    expect(analysis.checks.map((c) => c.metric)).not.toContain('equalized_odds_difference');
    expect(analysis.checks.map((c) => c.metric)).toContain('impact_ratio');
  });

  it('gives null base rates with reason "no labels" when there is no label', async () => {
    const { analysis } = await audit(twoGroups(), { prediction: 'p', sensitive: ['g'], min_group_size: 0 });
    expect(analysis.outcome).toBe('prediction');
    const a = group(analysis, 'g', 'A');
    expect(a.rates.base_rate).toBeNull();
    expect(a.null_reasons.base_rate).toBe('no labels');
    expect(a.rates.selection_rate).toBeCloseTo(0.6, 12);
    expect(a.dataset).toBeUndefined();
  });
});

describe('dataset metrics', () => {
  it('compares each group with the rest by Clarify conventions', async () => {
    const rows = [...confusion('A', 4, 1, 2, 3), ...confusion('B', 2, 2, 1, 5), ...confusion('C', 1, 0, 1, 8)];
    const { analysis } = await audit(tableOf(rows), config);
    const a = group(analysis, 'g', 'A').dataset!;
    // d = A (10 rows, 5 positive labels); a = B + C (20 rows, 4 + 1 = 5 positives).
    expect(a.class_imbalance).toBeCloseTo((20 - 10) / 30, 12);
    expect(a.dpl).toBeCloseTo(5 / 20 - 5 / 10, 12);
    // P_a = (0.25, 0.75), P_d = (0.5, 0.5): TVD = ½(0.25 + 0.25) = 0.25, KS = 0.25, L2 = √(2 · 0.0625)
    expect(a.tvd).toBeCloseTo(0.25, 12);
    expect(a.ks).toBeCloseTo(0.25, 12);
    expect(a.l2).toBeCloseTo(Math.sqrt(0.125), 12);
    // KL(P_a ‖ P_d) = 0.25 ln 0.5 + 0.75 ln 1.5
    expect(a.kl).toBeCloseTo(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), 12);
  });

  it('computes conditional demographic disparity over the strata', async () => {
    // Stratum s1: A 2 accepted (y = 1) of 4, B 6 accepted of 8 → rejected: A 2, B 2; accepted: A 2, B 6.
    // DD_A = 2/4 − 2/8 = 0.25, n = 12. Stratum s2: A 1 of 4 accepted, B 3 of 4 → rejected A 3, B 1;
    // accepted A 1, B 3: DD_A = 3/4 − 1/4 = 0.5, n = 8. CDD_A = (12 · 0.25 + 8 · 0.5)/20 = 0.35.
    const spec: [string, string, number, number][] = [
      ['A', 's1', 2, 2], ['B', 's1', 6, 2], ['A', 's2', 1, 3], ['B', 's2', 3, 1],
    ];
    const rows: { g: string; s: string; y: number }[] = [];
    for (const [g, s, pos, neg] of spec) {
      for (let i = 0; i < pos; i++) rows.push({ g, s, y: 1 });
      for (let i = 0; i < neg; i++) rows.push({ g, s, y: 0 });
    }
    const table = tableFromArrays({ g: dict(rows.map((r) => r.g)) as never, s: dict(rows.map((r) => r.s)) as never, y: rows.map((r) => r.y) as never });
    const { analysis } = await audit(table, { label: 'y', strata: 's', sensitive: ['g'], min_group_size: 0 });
    expect(attribute(analysis, 'g').conditional_demographic_disparity!.A).toBeCloseTo(0.35, 12);
  });
});

describe('score metrics', () => {
  it('computes exact AUC with ties, mean score, ECE and the scoring rate per group', async () => {
    // Group A scores (label): 0.1 (0), 0.4 (0), 0.4 (1), 0.8 (1). Pairs (pos, neg): (0.4, 0.1) 1, (0.4, 0.4) ½,
    // (0.8, 0.1) 1, (0.8, 0.4) 1 → AUC = 3.5/4. Group B: 0.2 (1), 0.6 (0), 0.9 (1), 0.3 (0).
    const table = tableFromArrays({
      g: dict(['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B']) as never,
      y: [0, 0, 1, 1, 1, 0, 1, 0] as never,
      s: Float64Array.of(0.1, 0.4, 0.4, 0.8, 0.2, 0.6, 0.9, 0.3),
    });
    const { analysis } = await audit(table, { label: 'y', score: 's', sensitive: ['g'], min_group_size: 0 });
    const a = group(analysis, 'g', 'A').scores!;
    expect(a.auc).toBeCloseTo(3.5 / 4, 12);
    expect(a.mean_score).toBeCloseTo((0.1 + 0.4 + 0.4 + 0.8) / 4, 12);
    // Bins of width 0.1: 0.1 → bin 1 (|0.1 − 0|), 0.4 ×2 → bin 4 (|0.4 − 0.5|), 0.8 → bin 8 (|0.8 − 1|):
    // ECE = (1 · 0.1 + 2 · 0.1 + 1 · 0.2)/4 = 0.125
    expect(a.ece).toBeCloseTo(0.125, 12);
    // Median of all 8 scores: sorted 0.1 0.2 0.3 0.4 0.4 0.6 0.8 0.9 → (0.4 + 0.4)/2 = 0.4;
    // above it: A has 0.8 (1 of 4), B has 0.6 and 0.9 (2 of 4).
    expect(a.scoring_rate).toBeCloseTo(0.25, 12);
    expect(group(analysis, 'g', 'B').scores!.scoring_rate).toBeCloseTo(0.5, 12);
    expect(a.scoring_impact_ratio).toBeCloseTo(0.5, 12);
    // B: positives 0.2, 0.9; negatives 0.6, 0.3 → pairs: 0.2 beats none, 0.9 beats both → AUC 2/4.
    expect(group(analysis, 'g', 'B').scores!.auc).toBeCloseTo(0.5, 12);
  });

  it('divides LL144 scoring rates by the chosen reference under impact_ratio_reference: reference', async () => {
    // 12 scores, sorted 0.05 0.1 0.15 0.2 0.25 0.3 | 0.6 0.65 0.7 0.8 0.9 0.95: median (0.3 + 0.6)/2 = 0.45.
    // Above it: A 0.9 (1 of 4), B 0.7 0.8 0.95 (3 of 4), C 0.6 0.65 (2 of 4).
    const table = tableFromArrays({
      g: dict(['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'C', 'C', 'C', 'C']) as never,
      s: Float64Array.of(0.1, 0.2, 0.3, 0.9, 0.15, 0.7, 0.8, 0.95, 0.05, 0.25, 0.6, 0.65),
    });
    const base = { score: 's', sensitive: ['g'], min_group_size: 0 };
    const ratio = (analysis: Awaited<ReturnType<typeof audit>>['analysis'], g: string) => group(analysis, 'g', g).scores!.scoring_impact_ratio;
    // LL144's default: the highest scoring rate, B's 3/4: A (1/4)/(3/4), C (2/4)/(3/4).
    const highest = (await audit(table, base)).analysis;
    expect(ratio(highest, 'A')).toBeCloseTo(1 / 3, 12);
    expect(ratio(highest, 'B')).toBe(1);
    expect(ratio(highest, 'C')).toBeCloseTo(2 / 3, 12);
    // The reference C (2/4): A (1/4)/(2/4) = 0.5, B (3/4)/(2/4) = 1.5, C itself 1.
    const chosen = (await audit(table, { ...base, reference: { g: 'C' }, impact_ratio_reference: 'reference' })).analysis;
    expect(attribute(chosen, 'g').impact_reference).toEqual({ g: 'C' });
    expect(ratio(chosen, 'A')).toBeCloseTo(0.5, 12);
    expect(ratio(chosen, 'B')).toBeCloseTo(1.5, 12);
    expect(ratio(chosen, 'C')).toBe(1);
  });

  it('derives predictions from the score at the threshold (score ≥ threshold is positive)', async () => {
    const table = tableFromArrays({
      g: dict(['A', 'A', 'B', 'B']) as never,
      y: [1, 0, 1, 0] as never,
      s: Float64Array.of(0.5, 0.49, 0.7, 0.8),
    });
    const { analysis } = await audit(table, { label: 'y', score: 's', sensitive: ['g'], min_group_size: 0 });
    expect(analysis.outcome).toBe('prediction');
    expect(group(analysis, 'g', 'A').counts).toMatchObject({ tp: 1, tn: 1, fp: 0, fn: 0 });
    expect(group(analysis, 'g', 'B').counts).toMatchObject({ tp: 1, fp: 1 });
    const raised = await audit(table, { label: 'y', score: 's', sensitive: ['g'], min_group_size: 0, threshold: 0.75 });
    expect(group(raised.analysis, 'g', 'B').counts).toMatchObject({ fn: 1, fp: 1 });
  });
});
