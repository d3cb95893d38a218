/**
 * Coverage of the 95% intervals an audit reports for demographic parity difference and ratio,
 * equalized odds difference and impact ratios, by seeded simulation on planted tables (many small
 * groups, rates near 0 and 1, near-ties, unequal sizes; see coverage-simulation.ts).
 *
 * Each scenario draws 2000 tables, so a coverage share p has a Monte Carlo standard error of
 * √(p(1 − p)/2000): 0.49 points at 95%, 0.22 at 99% (impact ratios pool several groups per table,
 * so theirs is smaller). The band 93–99% thus sits more than four standard errors below 95% on
 * the low side: a method that really covered 95% could not fall out of it by chance, and one that
 * covered 91% (the Wilson-MOVER gap on 40-row groups at 0.03 and 0.97, before the Agresti–Caffo
 * upper end) could not pass. Where a scenario is conservative by construction, the scenario says
 * why and only the lower limit applies.
 */
import { describe, expect, it } from 'vitest';
import { monteCarloError, ODDS_SCENARIOS, SELECTION_SCENARIOS, simulate, type Measure } from './coverage-simulation.js';

const REPLICATIONS = 2000;
const SCENARIOS = [...SELECTION_SCENARIOS, ...ODDS_SCENARIOS];

describe('the 95% intervals of the disparity aggregates and impact ratios', () => {
  it('have a Monte Carlo error small enough for a 93–99% band to mean something', () => {
    expect(monteCarloError(0.95, REPLICATIONS)).toBeLessThan(0.005);
    expect((0.95 - 0.93) / monteCarloError(0.95, REPLICATIONS)).toBeGreaterThan(4);
  });

  it.each(SCENARIOS.map((s, i) => [s.name, i] as const))('%s: cover the truth 93–99% of the time and contain their estimates', (_name, i) => {
    const scenario = SCENARIOS[i];
    const result = simulate(scenario, REPLICATIONS, 500 + i);
    const measures = Object.keys(result) as Measure[];
    expect(measures).toContain('demographic_parity_difference');
    expect(measures).toContain('impact_ratio');
    if (scenario.tpr) expect(measures).toContain('equalized_odds_difference');
    for (const measure of measures) {
      const c = result[measure]!;
      expect(c.intervals, measure).toBeGreaterThanOrEqual(REPLICATIONS);
      expect(c.excluded, `${measure}: intervals beside their estimate`).toBe(0);
      expect(c.covered, measure).toBeGreaterThanOrEqual(0.93);
      if (!scenario.conservative?.measures.includes(measure)) expect(c.covered, measure).toBeLessThanOrEqual(0.99);
    }
  });
});
