import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { configProblems } from '../../src/config/validate.js';

describe("the reviewer's config keys (audit, ll144, recode, population)", () => {
  it('accepts audit metadata, an LL144 justification, a recode map and a population', () => {
    const config = parseConfig(
      [
        'sensitive: [sex, race]',
        'audit: {auditor: Ana, organization: Acme, date: 2026-11-30, purpose: annual audit, data: historical, data_source: 2025 applicants, distribution_date: 2025-03-01, model: Rank, model_version: "2"}',
        'll144: {exclusion_justification: too few}',
        'recode: {race: {Black: Black or African American}}',
        'population: {sex: {Female: 0.51, Male: 0.49}}',
      ].join('\n'),
      'c.yaml',
    );
    expect(config.audit?.data).toBe('historical');
    expect(config.population?.sex.Female).toBe(0.51);
  });

  it('names each problem by its dot.path', () => {
    const problems = configProblems({
      sensitive: ['sex'],
      audit: { data: 'test', date: '2026-13-45', auditr: 'x' },
      population: { sex: { Female: 0.7, Male: 0.5 }, race: { A: 1 } },
      recode: { race: { Black: 3 } },
    });
    expect(problems).toContain('audit.auditr: unknown key (did you mean "auditor"?)');
    expect(problems).toContain('audit.test_data_reason: is required with data: test (why historical data was not used, how the test data was made)');
    expect(problems).toContain('audit.date: 2026-13-45 is not a calendar date');
    expect(problems).toContain('population.sex: shares add up to 1.2; they must add up to at most 1');
    expect(problems).toContain('population.race: "race" is not in sensitive');
    expect(problems).toContain('recode.race.Black: must be a string');
  });

  it('refuses a data kind other than historical or test, listing both', () => {
    expect(configProblems({ audit: { data: 'synthetic' } })).toContain('audit.data: must be one of historical, test');
  });
});
