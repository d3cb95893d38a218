import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/wilson.js';

describe('wilsonInterval', () => {
  it('matches the published 95% interval for 8 of 10 (Newcombe 1998, method 3)', () => {
    // Hand computation: p = 0.8, z = 1.96: centre = (0.8 + 0.19208) / 1.38416 = 0.71675,
    // half = 1.96/1.38416 · sqrt(0.016 + 0.0096040) = 0.22660 → [0.4902, 0.9433].
    const [low, high] = wilsonInterval(8, 10)!;
    expect(low).toBeCloseTo(0.4902, 4);
    expect(high).toBeCloseTo(0.9433, 4);
  });

  it('stays inside [0, 1] at zero and at n successes', () => {
    const [low0, high0] = wilsonInterval(0, 20)!;
    expect(low0).toBe(0);
    expect(high0).toBeCloseTo(3.8415 / (20 + 3.8415), 4); // z²/(n+z²) when p = 0
    const [lowN, highN] = wilsonInterval(20, 20)!;
    expect(highN).toBe(1);
    expect(lowN).toBeCloseTo(20 / (20 + 3.8415), 4);
  });

  it('is null when there are no trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
