import { describe, expect, it } from 'vitest';
import { exitCodeFor, worstVerdict } from '../../src/audit/verdict.js';
import type { CheckResult, Verdict } from '../../src/results/index.js';
import { makeCheck } from '../compare/fixtures.js';

const checks = (...verdicts: Verdict[]): CheckResult[] => verdicts.map((v, i) => makeCheck(`m${i}`, 'race', 0.5, v));

describe('the overall verdict and exit code', () => {
  it('takes the worst verdict: fail over warn over pass over insufficient-data', () => {
    expect(worstVerdict(checks('pass', 'fail', 'warn'))).toBe('fail');
    expect(worstVerdict(checks('pass', 'warn'))).toBe('warn');
    expect(worstVerdict(checks('insufficient-data', 'pass'))).toBe('pass');
    expect(worstVerdict(checks('insufficient-data'))).toBe('insufficient-data');
    expect(worstVerdict([])).toBe('insufficient-data');
  });

  it('maps fail_on to exit codes: warn counts warnings, fail only failures, never nothing', () => {
    expect(exitCodeFor(checks('pass', 'warn'), 'warn')).toBe(1);
    expect(exitCodeFor(checks('pass', 'warn'), 'fail')).toBe(0);
    expect(exitCodeFor(checks('fail'), 'fail')).toBe(1);
    expect(exitCodeFor(checks('fail'), 'warn')).toBe(1);
    expect(exitCodeFor(checks('fail'), 'never')).toBe(0);
    // A check that could not be judged is short of a pass: a strict job (--fail-on warn) hears of it.
    expect(exitCodeFor(checks('insufficient-data'), 'warn')).toBe(1);
  });

  it('counts a failure under an acceptance in force as passed, and an expired one as failed', () => {
    const [accepted] = checks('fail');
    accepted.accepted = { reason: 'r', owner: 'o', expires: '2099-01-01', expired: false };
    expect(worstVerdict([accepted])).toBe('pass');
    expect(exitCodeFor([accepted], 'warn')).toBe(0);
    const expired = { ...accepted, accepted: { ...accepted.accepted, expired: true } };
    expect(worstVerdict([expired])).toBe('fail');
    expect(exitCodeFor([expired], 'fail')).toBe(1);
  });
});

describe('exit codes for checks that could not be judged', () => {
  it('--fail-on warn trips on insufficient data; fail trips only when nothing at all was judged; never does not', () => {
    expect(exitCodeFor(checks('pass', 'insufficient-data'), 'warn')).toBe(1);
    expect(exitCodeFor(checks('pass', 'insufficient-data'), 'fail')).toBe(0);
    // Not one check judged: the audit measured nothing, which is no pass.
    expect(exitCodeFor(checks('insufficient-data', 'insufficient-data'), 'fail')).toBe(1);
    expect(exitCodeFor(checks('insufficient-data'), 'never')).toBe(0);
    expect(exitCodeFor(checks('pass', 'pass'), 'warn')).toBe(0);
    // No checks (policy: []): nothing was asked, nothing fails.
    expect(exitCodeFor([], 'fail')).toBe(0);
  });
});
