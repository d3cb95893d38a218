import { describe, expect, it } from 'vitest';
import { demographicParityDifference, equalizedOddsDifference, impactRatio } from '../../src/metrics/headline.js';

// Every expected value below is worked out by hand from the rates in the test.

describe('demographicParityDifference', () => {
  it('is the highest minus the lowest selection rate', () => {
    const groups = [{ rates: { selection_rate: 0.5 } }, { rates: { selection_rate: 0.3 } }, { rates: { selection_rate: 0.45 } }];
    expect(demographicParityDifference(groups)).toBeCloseTo(0.5 - 0.3, 12);
  });

  it('leaves out groups that are not judged', () => {
    const groups = [{ rates: { selection_rate: 0.5 } }, { rates: { selection_rate: 0.3 } }, { rates: { selection_rate: 0.05 }, eligible: false }];
    expect(demographicParityDifference(groups)).toBeCloseTo(0.2, 12);
  });

  it('is null with fewer than two groups whose selection rate is defined', () => {
    expect(demographicParityDifference([{ rates: { selection_rate: 0.5 } }, { rates: { selection_rate: null } }])).toBeNull();
  });
});

describe('equalizedOddsDifference', () => {
  it('takes the larger of the TPR gap and the FPR gap', () => {
    // TPR gap 0.8 − 0.7 = 0.1; FPR gap 0.25 − 0.1 = 0.15.
    const groups = [{ rates: { tpr: 0.8, fpr: 0.1 } }, { rates: { tpr: 0.7, fpr: 0.25 } }];
    expect(equalizedOddsDifference(groups)).toBeCloseTo(0.15, 12);
  });

  it('computes each gap over the groups where that rate is defined', () => {
    // TPR gap over A, B only: 0.1; FPR gap over all three: 0.4 − 0.1 = 0.3.
    const groups = [{ rates: { tpr: 0.8, fpr: 0.1 } }, { rates: { tpr: 0.7, fpr: 0.25 } }, { rates: { tpr: null, fpr: 0.4 } }];
    expect(equalizedOddsDifference(groups)).toBeCloseTo(0.3, 12);
  });

  it('is null when one of the two gaps is undefined', () => {
    const groups = [{ rates: { tpr: 0.8, fpr: 0.1 } }, { rates: { tpr: 0.7, fpr: null } }];
    expect(equalizedOddsDifference(groups)).toBeNull();
  });
});

describe('impactRatio', () => {
  it('is the lowest favorable rate over the highest', () => {
    const groups = [{ rates: { favorable_rate: 0.5 } }, { rates: { favorable_rate: 0.3 } }, { rates: { favorable_rate: 0.4 } }];
    expect(impactRatio(groups)).toBeCloseTo(0.6, 12);
  });

  it('is null when the highest favorable rate is 0 (0 ÷ 0)', () => {
    expect(impactRatio([{ rates: { favorable_rate: 0 } }, { rates: { favorable_rate: 0 } }])).toBeNull();
  });

  it('is null for a single judged group', () => {
    expect(impactRatio([{ rates: { favorable_rate: 0.5 } }, { rates: { favorable_rate: 0.2 }, eligible: false }])).toBeNull();
  });

  it('reads the groups of an audit.json attribute as they are', () => {
    const groups = [
      { rates: { favorable_rate: 0.72, selection_rate: 0.72, tpr: 0.9, fpr: 0.3 }, eligible: true },
      { rates: { favorable_rate: 0.54, selection_rate: 0.54, tpr: 0.75, fpr: 0.2 }, eligible: true },
    ];
    expect(impactRatio(groups)).toBeCloseTo(0.54 / 0.72, 12);
    expect(demographicParityDifference(groups)).toBeCloseTo(0.18, 12);
    expect(equalizedOddsDifference(groups)).toBeCloseTo(0.15, 12);
  });
});
