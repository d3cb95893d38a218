import { describe, expect, it } from 'vitest';
import { applyAcceptances } from '../../src/accept/accept.js';
import { judgeResults } from '../../src/audit/judge.js';
import { exitCodeFor } from '../../src/audit/verdict.js';
import type { AcceptedFinding } from '../../src/config/types.js';
import { baselineSpec, makeCheck, makeResults } from '../compare/fixtures.js';

const TODAY = new Date('2024-06-15T12:00:00Z');
const failing = () => [
  makeCheck('impact_ratio', 'race', 0.7, 'fail', { group: { race: 'Black' } }),
  makeCheck('demographic_parity_difference', 'race', 0.15, 'warn', { direction: 'max', threshold: 0.1 }),
  makeCheck('impact_ratio', 'sex', 0.9, 'pass', { group: { sex: 'F' } }),
  makeCheck('impact_ratio', 'race × sex', 0.6, 'fail', { group: { race: 'Black', sex: 'F' } }),
];
const entry = (over: Partial<AcceptedFinding>): AcceptedFinding => ({ check: 'impact_ratio', reason: 'retraining in Q3', owner: 'ana@example.org', expires: '2024-06-30', ...over });

describe('accepted findings', () => {
  it('marks a failing check accepted while the acceptance is in force, keeps its verdict, and lets the run pass', () => {
    const { checks, warnings } = applyAcceptances(failing(), [entry({ check: 'impact_ratio@race' })], TODAY);
    expect(checks[0].verdict).toBe('fail');
    expect(checks[0].accepted).toEqual({ reason: 'retraining in Q3', owner: 'ana@example.org', expires: '2024-06-30', expired: false });
    // the race × sex check has attribute "race × sex", not "race": still counts
    expect(checks[3].accepted).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(exitCodeFor([checks[0]], 'fail')).toBe(0);
  });

  it('keeps an acceptance in force through its expiry date and fails the run from the day after', () => {
    const onTheDay = applyAcceptances(failing(), [entry({ expires: '2024-06-15' })], TODAY).checks[0];
    expect(onTheDay.accepted?.expired).toBe(false);
    const { checks, warnings } = applyAcceptances(failing(), [entry({ expires: '2024-06-14' })], TODAY);
    expect(checks[0].accepted?.expired).toBe(true);
    expect(checks[0].verdict).toBe('fail');
    expect(exitCodeFor([checks[0]], 'fail')).toBe(1);
    expect(warnings).toEqual(['accept[0] (check "impact_ratio") expired on 2024-06-14; its finding counts again (owner: ana@example.org)']);
  });

  it('never marks a passing check, and matches every failing check of a metric when no attribute or group is named', () => {
    const { checks } = applyAcceptances(failing(), [entry({})], TODAY);
    expect(checks.map((c) => c.accepted !== undefined)).toEqual([true, false, false, true]);
  });

  it('matches a group by its label in any pair order, or by attribute name', () => {
    const byGroup = applyAcceptances(failing(), [entry({ group: 'sex=F, race=Black' })], TODAY).checks;
    expect(byGroup.map((c) => c.accepted !== undefined)).toEqual([false, false, false, true]);
    const byAttribute = applyAcceptances(failing(), [entry({ check: 'demographic_parity_difference', group: 'race' })], TODAY).checks;
    expect(byAttribute.map((c) => c.accepted !== undefined)).toEqual([false, true, false, false]);
    const otherGroup = applyAcceptances(failing(), [entry({ group: 'race=White' })], TODAY);
    expect(otherGroup.checks.every((c) => c.accepted === undefined)).toBe(true);
  });

  it('prefers an acceptance in force over an expired one for the same check', () => {
    const { checks } = applyAcceptances(failing(), [entry({ expires: '2024-01-01', owner: 'old' }), entry({ owner: 'new' })], TODAY);
    expect(checks[0].accepted).toMatchObject({ owner: 'new', expired: false });
  });

  it('warns about an acceptance that matches no check, suggesting the nearest metric', () => {
    const { checks, warnings } = applyAcceptances(failing(), [entry({ check: 'impact_rato' })], TODAY);
    expect(checks.every((c) => c.accepted === undefined)).toBe(true);
    expect(warnings).toEqual(['accept[0] (check "impact_rato") matches no check of this audit; did you mean "impact_ratio"?']);
  });

  it('warns about an acceptance whose finding no longer occurs', () => {
    const { warnings } = applyAcceptances(failing(), [entry({ check: 'impact_ratio@sex' })], TODAY);
    expect(warnings).toEqual(['accept[0] (check "impact_ratio@sex") matches only checks that pass now; remove it from accept if the finding is resolved']);
  });

  it('treats an expiry that is not a calendar date as expired and says so', () => {
    const { checks, warnings } = applyAcceptances(failing(), [entry({ expires: '2024-02-30' })], TODAY);
    expect(checks[0].accepted?.expired).toBe(true);
    expect(warnings[0]).toContain('expires "2024-02-30" is not a date');
  });

  it('applies to the results: flattened and per attribute checks, warnings, verdict and exit code', () => {
    const spec = baselineSpec();
    spec.attributes[0].checks = [makeCheck('impact_ratio', 'race', 0.7, 'fail', { group: { race: 'Black' } })];
    const results = makeResults({ ...spec, verdict: 'fail' });
    const accepted = judgeResults(results, { accept: [entry({}), entry({ check: 'nothing' })], today: TODAY });
    expect(accepted.checks[0].accepted?.expired).toBe(false);
    expect(accepted.attributes[0].checks[0].accepted?.expired).toBe(false);
    expect(accepted.verdict).toBe('pass');
    expect(accepted.exit_code).toBe(0);
    expect(accepted.warnings.map((w) => w.code)).toEqual(['acceptance']);
    expect(results.checks[0].accepted).toBeUndefined();
  });
});
