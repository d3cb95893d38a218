import { describe, expect, it } from 'vitest';
import { formatAgainst, formatBytes, formatChange, formatCount, formatDate, formatDuration, formatInterval, formatPercent, formatPValue, notApplicable } from '../../src/report/format.js';

describe('numbers for people', () => {
  it('writes counts with thousands separators and keeps one decimal of a weighted count', () => {
    expect(formatCount(48213)).toBe('48,213');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(12.25)).toBe('12.3');
  });

  it('writes proportions as percentages with one decimal, and says so when a value is too close to 0 or 1', () => {
    // 4,420 / 9,870 = 0.44782… → 44.8%
    expect(formatPercent(4420 / 9870)).toBe('44.8%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0.0003)).toBe('<0.1%');
    expect(formatPercent(0.9997)).toBe('>99.9%');
    expect(formatPercent(null)).toBe('n/a');
    expect(formatPercent(NaN)).toBe('n/a');
  });

  it('never rounds a value on the wrong side of a threshold onto the threshold', () => {
    expect(formatAgainst(0.7996, 0.8)).toBe('0.7996');
    expect(formatAgainst(0.79999, 0.8)).toBe('0.79999');
    expect(formatAgainst(0.682, 0.8)).toBe('0.682');
    expect(formatAgainst(0.8, 0.8)).toBe('0.800');
    expect(formatAgainst(null, 0.8)).toBe('n/a');
  });

  it('writes intervals compactly, with one percent sign', () => {
    expect(formatInterval([0.521, 0.613])).toBe('52.1–61.3%');
    expect(formatInterval([0.0002, 0.0291])).toBe('<0.1% to 2.9%');
    expect(formatInterval([0.4123, 0.5031], 'number')).toBe('0.412–0.503');
    expect(formatInterval(null)).toBe('no interval');
  });

  it('says why a value is missing instead of leaving a blank', () => {
    expect(notApplicable('no actual positives in this group')).toBe('n/a — no actual positives');
    expect(notApplicable(undefined)).toBe('n/a');
  });

  it('writes sizes, times and durations readably', () => {
    expect(formatBytes(1_204_881)).toBe('1.2 MB (1,204,881 bytes)');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatDate('2025-03-14T09:26:41.512Z')).toBe('2025-03-14 09:26 UTC');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1843)).toBe('1.84 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
  });

  it('writes p-values with three significant digits and floors them at <0.001', () => {
    expect(formatPValue(0.04213)).toBe('0.0421');
    expect(formatPValue(0.5)).toBe('0.500');
    expect(formatPValue(0.0009)).toBe('<0.001');
    expect(formatPValue(1)).toBe('1.000');
    expect(formatPValue(null)).toBe('n/a');
  });

  it('writes changes with a sign: percentage points for rates, three decimals otherwise', () => {
    // 0.44782 − 0.50659 = −0.05877 → −5.9 points.
    expect(formatChange(0.44782 - 0.50659, 'percent')).toBe('−5.9 pts');
    expect(formatChange(0.0588, 'number')).toBe('+0.059');
    expect(formatChange(0.00004, 'number')).toBe('±0');
    expect(formatChange(0, 'percent')).toBe('±0 pts');
    expect(formatChange(null, 'number')).toBe('n/a');
  });
});
