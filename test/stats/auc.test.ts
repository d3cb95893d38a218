import { describe, expect, it } from 'vitest';
import { exactAuc, NO_NEGATIVES, NO_POSITIVES } from '../../src/stats/auc.js';
import { Rng } from '../../src/stats/rng.js';

/** AUC by its definition: count every (positive, negative) pair, ties as ½. O(n²). */
function pairCountingAuc(scores: ArrayLike<number>, positive: ArrayLike<number>): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!positive[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (positive[j]) continue;
      pairs++;
      if (scores[i] > scores[j]) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

describe('exactAuc', () => {
  it('counts tied positive–negative pairs as one half', () => {
    // Positives 0.9, 0.5, 0.5; negatives 0.5, 0.2, 0.9.
    //   0.9 vs (0.5, 0.2, 0.9): 1 + 1 + ½ = 2.5
    //   0.5 vs (0.5, 0.2, 0.9): ½ + 1 + 0 = 1.5, twice → 3
    // U = 5.5 of 3·3 = 9 pairs → AUC = 5.5/9.
    const scores = Float64Array.of(0.9, 0.5, 0.5, 0.5, 0.2, 0.9);
    const positive = Uint8Array.of(1, 1, 1, 0, 0, 0);
    expect(exactAuc(scores, positive)).toEqual({ auc: 5.5 / 9 });
  });

  it("matches scikit-learn's documented example", () => {
    // roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75: pairs (0.35 > 0.1) (0.35 < 0.4)
    // (0.8 > 0.1) (0.8 > 0.4) → 3 of 4.
    expect(exactAuc(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1)).auc).toBe(0.75);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one and ½ when every score ties', () => {
    const positive = Uint8Array.of(0, 0, 1, 1);
    expect(exactAuc(Float64Array.of(0.1, 0.2, 0.3, 0.4), positive).auc).toBe(1);
    expect(exactAuc(Float64Array.of(0.4, 0.3, 0.2, 0.1), positive).auc).toBe(0);
    expect(exactAuc(Float64Array.of(0.7, 0.7, 0.7, 0.7), positive).auc).toBe(0.5);
  });

  it('equals pair counting on random scores with many ties', () => {
    const rng = new Rng(99);
    for (let t = 0; t < 40; t++) {
      const n = 2 + Math.floor(rng.next() * 400);
      const scores = new Float64Array(n);
      const positive = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        positive[i] = rng.next() < 0.3 ? 1 : 0;
        // Scores on a coarse grid (many ties), shifted up for positives.
        scores[i] = Math.round((rng.next() * 0.8 + 0.2 * positive[i]) * 20) / 20;
      }
      if (!positive.includes(1) || !positive.includes(0)) continue;
      expect(exactAuc(scores, positive).auc).toBeCloseTo(pairCountingAuc(scores, positive), 12);
    }
  });

  it('uses only the first `length` entries and skips missing (NaN) scores', () => {
    const scores = Float64Array.of(0.2, NaN, 0.8, 0.1, 0.9, 0.0);
    const positive = Uint8Array.of(0, 1, 1, 1, 0, 1);
    // First four, NaN dropped: positives 0.8, 0.1; negative 0.2 → 0.8 > 0.2, 0.1 < 0.2 → ½.
    expect(exactAuc(scores, positive, 4).auc).toBe(0.5);
  });

  it('is null with a reason when a group lacks positives or negatives', () => {
    expect(exactAuc(Float64Array.of(0.1, 0.2), Uint8Array.of(0, 0))).toEqual({ auc: null, reason: NO_POSITIVES });
    expect(exactAuc(Float64Array.of(0.1, 0.2), Uint8Array.of(1, 1))).toEqual({ auc: null, reason: NO_NEGATIVES });
    expect(exactAuc(new Float64Array(0), new Uint8Array(0))).toEqual({ auc: null, reason: NO_POSITIVES });
    expect(NO_POSITIVES).toBe('no actual positives in this group');
    expect(NO_NEGATIVES).toBe('no actual negatives in this group');
  });
});
