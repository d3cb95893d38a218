/**
 * The chosen reference drives every "to reference" number, and Aequitas' disparity table and ppr
 * are computed as Aequitas defines them (aequitas.group.Group: `ppr` = predicted positives of the
 * group ÷ predicted positives of the attribute; aequitas.bias.Bias: `<rate>_disparity` = the
 * group's rate ÷ the reference group's). Every expected number below is worked out by hand from
 * the confusion counts of a three-group table.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { UserError } from '../../src/errors.js';
import { attribute, audit, group, tableOf } from './fixtures.js';


// A (100 rows): TP 30, FN 10, FP 20, TN 40 → PP 50, selection 0.5, TPR 30/40 = 0.75, FPR 20/60 = 1/3,
//   PPV 30/50 = 0.6, FDR 0.4, NPV 40/50 = 0.8, FOR 0.2.
// B (80 rows): TP 12, FN 18, FP 8, TN 42 → PP 20, selection 0.25, TPR 12/30 = 0.4, FPR 8/50 = 0.16,
//   PPV 12/20 = 0.6, NPV 42/60 = 0.7, FOR 0.3.
// C (60 rows): TP 20, FN 5, FP 10, TN 25 → PP 30, selection 0.5, TPR 20/25 = 0.8, FPR 10/35 = 2/7,
//   PPV 20/30 = 2/3, NPV 25/30 = 5/6.
// All predicted positives: 50 + 20 + 30 = 100 → ppr A 0.5, B 0.2, C 0.3.
const GROUPS = {
  A: { tp: 30, fn: 10, fp: 20, tn: 40 },
  B: { tp: 12, fn: 18, fp: 8, tn: 42 },
  C: { tp: 20, fn: 5, fp: 10, tn: 25 },
};
const CONFIG = { label: 'y', prediction: 'p', sensitive: ['g'], min_group_size: 0 };

describe('disparities to the reference group and ppr (Aequitas)', () => {
  it('give each group its share of all predicted positives', async () => {
    const { analysis } = await audit(tableOf(GROUPS), CONFIG);
    expect(group(analysis, 'g', 'A').ppr).toBeCloseTo(0.5, 12);
    expect(group(analysis, 'g', 'B').ppr).toBeCloseTo(0.2, 12);
    expect(group(analysis, 'g', 'C').ppr).toBeCloseTo(0.3, 12);
  });

  it('divide each rate by the largest group’s by default (A)', async () => {
    const { analysis } = await audit(tableOf(GROUPS), CONFIG);
    expect(attribute(analysis, 'g').reference).toEqual({ g: 'A' });
    const b = group(analysis, 'g', 'B').disparities!;
    expect(b.ppr).toBeCloseTo(0.2 / 0.5, 12);
    expect(b.selection_rate).toBeCloseTo(0.25 / 0.5, 12);
    expect(b.tpr).toBeCloseTo(0.4 / 0.75, 12);
    expect(b.fpr).toBeCloseTo(0.16 / (1 / 3), 12);
    expect(b.ppv).toBeCloseTo(1, 12);
    expect(b.npv).toBeCloseTo(0.7 / 0.8, 12);
    expect(b.for).toBeCloseTo(0.3 / 0.2, 12);
    const a = group(analysis, 'g', 'A').disparities!;
    expect(a.tpr).toBe(1);
    expect(a.ppr).toBe(1);
  });

  it('follow a configured reference group, and impact ratios follow it under impact_ratio_reference: reference', async () => {
    const highest = await audit(tableOf(GROUPS), { ...CONFIG, reference: { g: 'C' } });
    // Default: impact ratios divide by the highest selection rate, A's 0.5 (C ties it; the first wins).
    expect(attribute(highest.analysis, 'g').impact_reference).toEqual({ g: 'A' });
    expect(group(highest.analysis, 'g', 'B').disparities!.tpr).toBeCloseTo(0.4 / 0.8, 12);
    expect(group(highest.analysis, 'g', 'B').disparities!.ppr).toBeCloseTo(0.2 / 0.3, 12);

    const fixed = await audit(tableOf(GROUPS), { ...CONFIG, reference: { g: 'B' }, impact_ratio_reference: 'reference' });
    const attr = attribute(fixed.analysis, 'g');
    expect(attr.reference).toEqual({ g: 'B' });
    expect(attr.impact_reference).toEqual({ g: 'B' });
    // Impact ratio = favorable (selection) rate ÷ B's 0.25: A 2, C 2, B 1; the smallest is 1.
    expect(group(fixed.analysis, 'g', 'A').impact_ratio).toBeCloseTo(2, 12);
    expect(group(fixed.analysis, 'g', 'C').impact_ratio).toBeCloseTo(2, 12);
    expect(attr.aggregates.impact_ratio).toBeCloseTo(1, 12);
    // Average odds difference against B: A ½[(1/3 − 0.16) + (0.75 − 0.4)].
    expect(group(fixed.analysis, 'g', 'A').average_odds_difference).toBeCloseTo(0.5 * (1 / 3 - 0.16 + (0.75 - 0.4)), 12);
    expect(group(fixed.analysis, 'g', 'A').disparities!.selection_rate).toBeCloseTo(2, 12);
  });

  it('use the reference group’s rate even below 1 in reference mode: a favoured group’s impact ratio exceeds 1 and does not fail', async () => {
    const fixed = await audit(tableOf(GROUPS), { ...CONFIG, reference: { g: 'A' }, impact_ratio_reference: 'reference', bootstrap: 200 });
    const attr = attribute(fixed.analysis, 'g');
    // B 0.25 ÷ A 0.5 = 0.5; C 0.5 ÷ 0.5 = 1.
    expect(attr.aggregates.impact_ratio).toBeCloseTo(0.5, 12);
    const [low, high] = attr.aggregate_intervals.impact_ratio!;
    const [bl, bh] = group(fixed.analysis, 'g', 'B').impact_ratio_interval!;
    expect(low).toBe(bl);
    expect(high).toBeLessThanOrEqual(bh);
    expect(low).toBeLessThan(0.5);
    expect(high).toBeGreaterThan(0.5);
  });

  it('are null where the reference group’s rate is 0', async () => {
    // R predicts no one positive: selection 0, PPV undefined → B's selection disparity and ppr disparity are n/a.
    const { analysis } = await audit(tableOf({ R: { tp: 0, fn: 20, fp: 0, tn: 80 }, B: GROUPS.B }), { ...CONFIG, reference: { g: 'R' } });
    const b = group(analysis, 'g', 'B').disparities!;
    expect(b.selection_rate).toBeNull();
    expect(b.ppr).toBeNull();
    expect(b.ppv).toBeNull();
    expect(b.fnr).toBeCloseTo(18 / 30 / 1, 12);
  });

  it('refuse an unknown impact_ratio_reference or inconclusive value, naming the allowed ones', () => {
    expect(() => resolveConfig({ impact_ratio_reference: 'lowest' as never })).toThrow(UserError);
    expect(() => resolveConfig({ impact_ratio_reference: 'lowest' as never })).toThrow('impact_ratio_reference: must be one of highest, reference');
    expect(() => resolveConfig({ inconclusive: 'pass' as never })).toThrow('inconclusive: must be one of warn, fail');
  });
});
