import { describe, expect, it } from 'vitest';
import { measure } from './speed.js';

// A loose smoke check: the figures that matter are printed by `npx tsx test/metrics/speed.ts`;
// these bounds are far below them so that a busy machine does not fail the suite.
describe('metrics speed', () => {
  it('counts a million rows with three attributes and analyzes 40 groups with 1000 draws in reasonable time', async () => {
    const figures = await measure(1_000_000, 1);
    expect(figures.collect_rows_per_second).toBeGreaterThan(1_000_000);
    expect(figures.kernel_rows_per_second).toBeGreaterThan(5_000_000);
    expect(figures.analyze_ms).toBeLessThan(5_000);
  });
});
