/**
 * The planted disparities of the bundled loans data (datasets/README.md, LOANS_PLANTED) recovered
 * by the aggregates within their bootstrap intervals. The planted group rates are the exact
 * expected approval rates, so the true demographic parity difference of an attribute is the
 * largest planted rate minus the smallest, and its true impact ratio the smallest over the largest.
 */
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { HIRING_PLANTED } from '../../scripts/datasets/hiring.js';
import { LOANS_PLANTED } from '../../scripts/datasets/loans.js';
import type { PlantedDesign } from '../../scripts/datasets/planted.js';
import { attribute, audit } from './fixtures.js';

const bundled = (name: string) => tableFromIPC(readFileSync(new URL(`../../datasets/${name}.arrow`, import.meta.url)));

/** The true demographic parity difference and impact ratio over the planted groups `kept`. */
function truthOf(design: PlantedDesign, name: string, kept: (group: string, share: number) => boolean) {
  const { shares, rates } = design.attributes[name];
  const values = Object.keys(rates).filter((g) => kept(g, shares[g])).map((g) => rates[g]);
  return { demographic_parity_difference: Math.max(...values) - Math.min(...values), impact_ratio: Math.min(...values) / Math.max(...values) };
}

describe('planted disparities of the bundled loans data', () => {
  it('fall inside the bootstrap intervals of demographic parity and the impact ratio', async () => {
    const { analysis } = await audit(bundled('loans'), { label: 'repaid', prediction: 'approved', sensitive: ['race', 'sex'], min_group_size: 30, bootstrap: 1000, seed: 42 });
    for (const name of ['race', 'sex'] as const) {
      const truth = truthOf(LOANS_PLANTED, name, () => true);
      const attr = attribute(analysis, name);
      // Every planted group is present and eligible (the smallest has about 1% of 12,000 rows).
      expect(attr.groups.filter((g) => g.eligible).map((g) => g.key[name]).sort()).toEqual(Object.keys(LOANS_PLANTED.attributes[name].rates).sort());
      for (const [metric, value] of Object.entries(truth)) {
        const [low, high] = attr.aggregate_intervals[metric]!;
        expect(low, `${name} ${metric} ${value} in [${low}, ${high}]`).toBeLessThanOrEqual(value);
        expect(high, `${name} ${metric} ${value} in [${low}, ${high}]`).toBeGreaterThanOrEqual(value);
      }
    }
  });

  it('fall inside the intervals in LL144 mode on the hiring data, over the categories of at least 2%', async () => {
    const { analysis } = await audit(bundled('hiring'), { prediction: 'selected', sensitive: ['sex', 'race_ethnicity'], mode: 'll144', bootstrap: 1000, seed: 42 });
    for (const name of ['sex', 'race_ethnicity'] as const) {
      // LL144 leaves out unknown categories and those under 2% of the data.
      const kept = (group: string, share: number) => group !== '(missing)' && share >= 0.02;
      const truth = truthOf(HIRING_PLANTED, name, kept);
      const attr = attribute(analysis, name);
      const plantedShares = HIRING_PLANTED.attributes[name].shares as Record<string, number>;
      expect(attr.groups.filter((g) => g.eligible).map((g) => g.key[name]).sort()).toEqual(Object.keys(plantedShares).filter((g) => kept(g, plantedShares[g])).sort());
      for (const [metric, value] of Object.entries(truth)) {
        const [low, high] = attr.aggregate_intervals[metric]!;
        expect(low, `${name} ${metric} ${value} in [${low}, ${high}]`).toBeLessThanOrEqual(value);
        expect(high, `${name} ${metric} ${value} in [${low}, ${high}]`).toBeGreaterThanOrEqual(value);
      }
    }
  });
});
