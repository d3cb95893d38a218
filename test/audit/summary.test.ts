import { describe, expect, it } from 'vitest';
import { summaryLine, warningLines } from '../../src/audit/summary.js';
import type { AuditResults } from '../../src/results/index.js';
import { makeCheck, makeResults } from '../compare/fixtures.js';

function results(checks: AuditResults['checks'], verdict: AuditResults['verdict'], warnings: AuditResults['warnings'] = []): AuditResults {
  return { ...makeResults({ attributes: [], verdict }), checks, warnings };
}

describe('the summary line a scheduled job logs', () => {
  it('names the dataset, the verdict, how many judged checks failed and the worst ones', () => {
    const line = summaryLine(
      results(
        [
          makeCheck('impact_ratio', 'race', 0.7, 'fail'),
          makeCheck('impact_ratio', 'sex', 0.9, 'pass'),
          makeCheck('impact_ratio', 'age', null, 'insufficient-data'),
        ],
        'fail',
      ),
    );
    expect(line).toBe('fairaudit: loans: FAIL: 1 of 2 checks failed (impact_ratio on race 0.700 < 0.8)');
  });

  it('says when no check could be judged instead of "0 checks passed"', () => {
    const line = summaryLine(results([makeCheck('impact_ratio', 'race', null, 'insufficient-data')], 'insufficient-data'));
    expect(line).toBe('fairaudit: loans: INSUFFICIENT-DATA: none of 1 check could be judged');
  });

  it('ends with the number of distinct warnings', () => {
    const warnings = [
      { code: 'small-group', message: 'race: 1 group(s) smaller than 30', count: 1 },
      { code: 'single-group', message: 'sex has one group', count: 2 },
    ];
    expect(summaryLine(results([makeCheck('impact_ratio', 'race', 0.9, 'pass')], 'pass', warnings))).toBe(
      'fairaudit: loans: PASS: 1 check passed, 2 warnings about the run',
    );
    expect(warningLines(results([], 'pass', warnings))).toEqual([
      'fairaudit: warning: race: 1 group(s) smaller than 30',
      'fairaudit: warning: sex has one group (2 times)',
    ]);
  });

  it('calls WARN verdicts warned checks, apart from warnings about the run, and shows an inconclusive check by its interval', () => {
    const check = { ...makeCheck('impact_ratio', 'sex', 0.928, 'warn'), interval: [0.78, 1] as [number, number], inconclusive: true };
    const warnings = [{ code: 'small-group', message: 'race: 1 group(s) smaller than 30', count: 1 }];
    expect(summaryLine(results([check, makeCheck('impact_ratio', 'race', 0.9, 'pass')], 'warn', warnings))).toBe(
      'fairaudit: loans: WARN: 1 warned check of 2, none failed (impact_ratio on sex 0.928, interval 0.780–1.000 crosses 0.8), 1 warning about the run',
    );
  });

  it('groups the warnings of one kind into one stderr line with a count of the rest', () => {
    const warnings = [
      { code: 'small-group', message: 'race: 2 group(s) smaller than 30', count: 1 },
      { code: 'null-rate', message: 'race: tpr is undefined for 1 group(s)', count: 1 },
      { code: 'small-group', message: 'sex: 1 group(s) smaller than 30', count: 1 },
      { code: 'small-group', message: 'race × sex: 5 group(s) smaller than 30', count: 1 },
    ];
    expect(warningLines(results([], 'pass', warnings))).toEqual([
      'fairaudit: warning: race: 2 group(s) smaller than 30 (and 2 more warnings of this kind: see the report)',
      'fairaudit: warning: race: tpr is undefined for 1 group(s)',
    ]);
  });
});
