import { describe, expect, it } from 'vitest';
import {
  classImbalance,
  conditionalDemographicDisparity,
  labelDivergences,
  labelRateGap,
} from '../../src/stats/distribution.js';

describe('classImbalance', () => {
  it('is (n_a − n_d)/(n_a + n_d), positive when group d is the smaller', () => {
    expect(classImbalance(70, 30)).toBeCloseTo(0.4, 15); // 40/100
    expect(classImbalance(30, 70)).toBeCloseTo(-0.4, 15);
    expect(classImbalance(0, 10)).toBe(-1);
  });

  it('is null when there are no rows at all', () => {
    expect(classImbalance(0, 0)).toBeNull();
  });
});

describe('labelRateGap', () => {
  it('is q_a − q_d, positive when the rest has the higher positive-label rate', () => {
    expect(labelRateGap(40, 80, 5, 20)).toBeCloseTo(0.25, 15); // 0.5 − 0.25
    expect(labelRateGap(5, 20, 40, 80)).toBeCloseTo(-0.25, 15);
  });

  it('is null when either group is empty', () => {
    expect(labelRateGap(0, 0, 3, 10)).toBeNull();
    expect(labelRateGap(3, 10, 0, 0)).toBeNull();
  });
});

describe('labelDivergences', () => {
  it('computes KL, JS, L2, TVD and KS between P_a = (½, ½) and P_d = (¼, ¾)', () => {
    const d = labelDivergences(50, 100, 10, 40);
    // KL(P_a‖P_d) = ½ ln(½/¼) + ½ ln(½/¾) = ½ ln 2 + ½ ln(2/3) = ½ ln(4/3).
    expect(d.kl).toBeCloseTo(0.5 * Math.log(4 / 3), 14);
    // M = (3/8, 5/8): KL(P_a‖M) = ½ ln(4/3) + ½ ln(4/5); KL(P_d‖M) = ¼ ln(2/3) + ¾ ln(6/5).
    const js = 0.5 * (0.5 * Math.log(4 / 3) + 0.5 * Math.log(4 / 5) + 0.25 * Math.log(2 / 3) + 0.75 * Math.log(6 / 5));
    expect(d.js).toBeCloseTo(js, 14);
    // Gaps |½ − ¼| = |½ − ¾| = ¼: L2 = √(2/16), TVD = ½(¼ + ¼), KS = ¼.
    expect(d.l2).toBeCloseTo(Math.sqrt(2) / 4, 14);
    expect(d.tvd).toBeCloseTo(0.25, 14);
    expect(d.ks).toBeCloseTo(0.25, 14);
  });

  it('takes KL in the direction P_a ‖ P_d', () => {
    // P_a = (0.8, 0.2), P_d = (0.5, 0.5): KL(P_a‖P_d) = 0.8 ln 1.6 + 0.2 ln 0.4 ≈ 0.1927,
    // whereas KL(P_d‖P_a) = 0.5 ln(0.625) + 0.5 ln 2.5 ≈ 0.2231.
    expect(labelDivergences(8, 10, 5, 10).kl).toBeCloseTo(0.8 * Math.log(1.6) + 0.2 * Math.log(0.4), 14);
  });

  it('is zero for identical label distributions', () => {
    expect(labelDivergences(3, 10, 30, 100)).toEqual({ kl: 0, js: 0, l2: 0, tvd: 0, ks: 0 });
  });

  it('makes KL null when group d lacks an outcome the rest has, keeping the others', () => {
    // P_a = (0.3, 0.7), P_d = (0, 1): KL is infinite; JS with M = (0.15, 0.85):
    // ½[0.3 ln 2 + 0.7 ln(0.7/0.85) + 1·ln(1/0.85)].
    const d = labelDivergences(3, 10, 0, 5);
    expect(d.kl).toBeNull();
    expect(d.js).toBeCloseTo(0.5 * (0.3 * Math.log(2) + 0.7 * Math.log(0.7 / 0.85) + Math.log(1 / 0.85)), 14);
    expect(d.tvd).toBeCloseTo(0.3, 14);
    expect(d.ks).toBeCloseTo(0.3, 14);
    expect(d.l2).toBeCloseTo(Math.sqrt(0.09 + 0.09), 14);
    // The other way round (the rest lacks an outcome d has), 0·ln 0 = 0 keeps KL finite:
    // P_a = (0, 1), P_d = (0.4, 0.6): KL = 1·ln(1/0.6).
    expect(labelDivergences(0, 5, 4, 10).kl).toBeCloseTo(Math.log(1 / 0.6), 14);
  });

  it('is null everywhere when either group is empty', () => {
    expect(labelDivergences(0, 0, 3, 10)).toEqual({ kl: null, js: null, l2: null, tvd: null, ks: null });
    expect(labelDivergences(3, 10, 0, 0)).toEqual({ kl: null, js: null, l2: null, tvd: null, ks: null });
  });
});

describe('conditionalDemographicDisparity', () => {
  it("weights each stratum's rejection-minus-acceptance share by its size", () => {
    // Stratum 1: DD = 6/10 − 2/10 = 0.4, n = 20.  Stratum 2: DD = 1/5 − 3/15 = 0, n = 20.
    // Stratum 3: DD = 2/8 − 6/12 = −0.25, n = 40.  CDD = (20·0.4 + 20·0 + 40·(−0.25))/80 = −2/80.
    const cdd = conditionalDemographicDisparity([
      { rejectedD: 6, rejectedAll: 10, acceptedD: 2, acceptedAll: 10, n: 20 },
      { rejectedD: 1, rejectedAll: 5, acceptedD: 3, acceptedAll: 15, n: 20 },
      { rejectedD: 2, rejectedAll: 8, acceptedD: 6, acceptedAll: 12, n: 40 },
    ]);
    expect(cdd).toBeCloseTo((8 + 0 - 10) / 80, 15);
  });

  it('leaves out strata without rejections or acceptances, from both sums', () => {
    // Only the first stratum has both: CDD = its DD = 3/4 − 1/4 = 0.5.
    const cdd = conditionalDemographicDisparity([
      { rejectedD: 3, rejectedAll: 4, acceptedD: 1, acceptedAll: 4, n: 8 },
      { rejectedD: 0, rejectedAll: 0, acceptedD: 5, acceptedAll: 9, n: 9 },
      { rejectedD: 2, rejectedAll: 7, acceptedD: 0, acceptedAll: 0, n: 7 },
    ]);
    expect(cdd).toBeCloseTo(0.5, 15);
  });

  it('is null when no stratum has both outcomes', () => {
    expect(conditionalDemographicDisparity([])).toBeNull();
    expect(conditionalDemographicDisparity([{ rejectedD: 1, rejectedAll: 2, acceptedD: 0, acceptedAll: 0, n: 2 }])).toBeNull();
  });
});
