import { describe, expect, it } from 'vitest';
import type { AuditResults } from '../../src/results/index.js';
import { renderHtml } from '../../src/report/render.js';
import { BLACK_AT_BASELINE, comparedResults, loansResults, MODEL_BEFORE, MODEL_NOW, RACE, total } from './fixtures.js';
import { section, tableRow, text } from './html-text.js';

/*
 * Race at the baseline and now, from the fixture counts (only Black changed, on the same 9,870 rows):
 *   Black selection rate: baseline (4,300 + 700)/9,870 = 0.50659, now (3,900 + 520)/9,870 = 0.44782.
 *   Asian, the highest judged rate in both runs: (1,850 + 260)/3,215 = 0.65630.
 *   Impact ratio: 0.50659/0.65630 = 0.77188 → 0.44782/0.65630 = 0.68234; change −0.0895, worse by 0.090 > 0.05.
 *   Demographic parity difference: 0.65630 − 0.50659 = 0.14971 → 0.65630 − 0.44782 = 0.20848;
 *   change +0.0588, worse by 0.059 > 0.05 (severity warn).
 *   The fixture's bootstrap intervals are ±0.015 on race: [0.757, 0.787] and [0.667, 0.697] do not overlap.
 */
describe('the comparison with a baseline', () => {
  const results = comparedResults();
  const html = renderHtml(results);
  const comparison = section(html, 'comparison');

  it('follows the verdict as its own numbered section, listed in the contents', () => {
    expect(html.indexOf('id="comparison"')).toBeGreaterThan(html.indexOf('id="verdict"'));
    expect(html.indexOf('id="comparison"')).toBeLessThan(html.indexOf('id="data"'));
    expect(comparison).toContain('<h2 id="comparison-h">2. Changes since the baseline</h2>');
    expect(html).toContain('<h2 id="data-h">3. Data and provenance</h2>');
    expect(html).toContain('<li><a href="#comparison">Changes since the baseline</a></li>');
    // References in the text follow the renumbering.
    expect(section(html, 'definitions')).toContain('The seed is in section 3.');
  });

  it('shows each aggregate at the baseline and now, the change, the tolerance, drift in words and badge, and interval overlap', () => {
    // Parity: the change could be anywhere from 0.193 − 0.165 = 0.028 to 0.223 − 0.135 = 0.088, which contains
    // the 0.05 allowed, so that drift verdict is marked inconclusive; impact ratio's range, 0.060 to 0.120, is not.
    expect(BLACK_AT_BASELINE.tp + BLACK_AT_BASELINE.fp).toBe(5_000);
    expect(total(BLACK_AT_BASELINE)).toBe(total(RACE.Black));
    const impact = tableRow(comparison, 'race: summary metrics at the baseline and now', 'Impact ratio');
    expect(impact).toBe('Impact ratio 0.772 0.757–0.787 0.682 0.667–0.697 −0.090 worse by 0.090 0.05 ✗ FAIL drift: worse by 0.090, more than 0.05 ≠ no longer overlap');
    const parity = tableRow(comparison, 'race: summary metrics at the baseline and now', 'Demographic parity difference');
    expect(parity).toBe('Demographic parity difference 0.150 0.135–0.165 0.208 0.193–0.223 +0.059 worse by 0.059 0.05 ! WARN ≈ INCONCLUSIVE drift: worse by 0.059, more than 0.05 ≠ no longer overlap');
    // Equalized odds has no tolerance in the fixture: shown, not judged.
    expect(tableRow(comparison, 'race: summary metrics at the baseline and now', 'Equalized odds difference')).toContain('no tolerance');
  });

  it('says when a change stayed within the tolerance', () => {
    // Sex: women are unchanged, (5,900 + 1,700 + 2,230 + 1,000 + 0 + 85)/20,081 = 10,915/20,081 = 0.54355 approved.
    // Men: 24,857 − 10,915 = 13,942 of 23,054 now (0.60475); 580 more Black men approved at the baseline: 14,522/23,054 = 0.62991.
    // Women's impact ratio: 0.54355/0.62991 = 0.8629 → 0.54355/0.60475 = 0.8988: up by 0.036, better, so no drift.
    const row = tableRow(comparison, 'sex: summary metrics at the baseline and now', 'Impact ratio');
    expect(row).toBe('Impact ratio 0.863 0.853–0.873 0.899 0.889–0.909 +0.036 better by 0.036 0.05 ✓ PASS no drift (0.05 allowed) ≠ no longer overlap');
  });

  it('shows every group present in both runs, at the baseline and now, with the change', () => {
    // Black TPR: 4,300/6,250 = 68.8% → 3,900/6,250 = 62.4% (−6.4 pts); FPR: 700/3,620 = 19.3% → 520/3,620 = 14.4% (−0.0497 → −5.0 pts).
    const black = tableRow(comparison, 'race: groups at the baseline → now (change below)', 'Black');
    expect(black).toBe('Black 9,870 → 9,870 50.7% → 44.8% −5.9 pts 68.8% → 62.4% −6.4 pts 19.3% → 14.4% −5.0 pts 0.772 → 0.682 −0.090 judged in both');
    expect(tableRow(comparison, 'race: groups at the baseline → now (change below)', 'Native American')).toContain('too small in both');
  });

  it('names new and vanished groups and attributes', () => {
    // The baseline recorded missing race as "Unknown" and did not audit age.
    const race = text(comparison.slice(comparison.indexOf('<section class="attribute" id="cmp-0"'), comparison.indexOf('id="cmp-1"')));
    expect(race).toContain('New groups (not in the baseline): race=(missing)');
    expect(race).toContain('Groups gone (in the baseline, not now): race=Unknown');
    expect(tableRow(comparison, 'What the two runs measured: data, configuration and model', 'New attributes')).toBe('New attributes age');
    expect(text(comparison)).toContain('age: new in this run: not audited at the baseline');
    expect(text(comparison)).toContain('Nothing to compare: this attribute was not audited at the baseline.');
  });

  it('flags changed input files, config and model with both hashes', () => {
    const caption = 'What the two runs measured: data, configuration and model';
    expect(tableRow(comparison, caption, 'Input data')).toContain(`changed different input files (by SHA-256) baseline: datasets/loans/2024-q1.csv.gz ${'b'.repeat(64)}`);
    expect(tableRow(comparison, caption, 'Resolved config')).toContain(`baseline: ${'c'.repeat(64)} now: ${results.config_sha256}`);
    expect(tableRow(comparison, caption, 'Model')).toBe(
      `Model changed a different model file (by SHA-256) made the predictions ${MODEL_NOW.path} (was ${MODEL_BEFORE.path}): changed baseline: ${MODEL_BEFORE.sha256} now: ${MODEL_NOW.sha256}`,
    );
  });

  it('says how many drift checks found drift, and counts drift checks in the verdict like any other check', () => {
    // Two tolerances × three attributes in both runs (race, sex, race × sex) = 6 drift checks; race drifts on both.
    expect(text(comparison)).toContain('✗ DRIFT 2 of 6 judged drift checks found drift beyond the tolerance.');
    const verdict = section(html, 'verdict');
    // 4 policy fails + the impact-ratio drift; 3 policy warns + the parity drift; 12 + 6 checks.
    expect(text(verdict)).toContain('✗ FAIL 5 of 18 judged checks failed; 4 are warned checks.');
    expect(text(verdict)).toContain('6 of the checks are drift checks against the baseline run');
    const drift = tableRow(verdict, 'Policy checks: each measured value against its limit', 'Drift: impact ratio');
    // The range of how much worse: [0.667 − 0.787, 0.697 − 0.757] = [−0.120, −0.060], negated for a fall.
    expect(drift).toBe(
      '✗ FAIL Drift: impact ratio race worse by 0.090 0.060–0.120 worse by at most 0.05 Impact ratio on race went down from 0.772 to 0.682 (−0.090): worse by 0.090, more than the fall of 0.05 allowed; the 95% intervals no longer overlap',
    );
    // Sex's impact ratio rose 0.036 (see above): the value says "better by", never a bare −0.036,
    // and the range of the change, [0.889 − 0.873, 0.909 − 0.853] = [0.016, 0.056] negated, reads with "to".
    expect(tableRow(verdict, 'Policy checks: each measured value against its limit', 'Drift: impact ratio', 1)).toBe(
      '✓ PASS Drift: impact ratio sex better by 0.036 −0.056 to −0.016 worse by at most 0.05 Impact ratio on sex went up from 0.863 to 0.899 (+0.036): within the fall of 0.05 allowed; the 95% intervals no longer overlap',
    );
    expect(text(verdict)).toContain('DRIFT since the baseline run: 2 of 6 judged drift checks found drift beyond the tolerance.');
  });

  it('records the model files and the baseline in the provenance', () => {
    const data = section(html, 'data');
    expect(tableRow(data, 'Model files (the model that made the predictions)', MODEL_NOW.path)).toBe(`${MODEL_NOW.path} 48.2 KB (48,213 bytes) ${MODEL_NOW.sha256}`);
    expect(tableRow(data, 'Audit settings and row counts', 'Baseline run (compared with)')).toBe('Baseline run (compared with) the audit of loans finished 2025-03-13 09:20 UTC with fairaudit 0.1.0');
  });

  it('has no comparison section without a baseline, and says when no model was recorded', () => {
    const plain = renderHtml(loansResults());
    expect(plain).not.toContain('id="comparison"');
    expect(plain).toContain('<h2 id="data-h">2. Data and provenance</h2>');
    expect(section(plain, 'data')).toContain('<tr><td colspan="3">No model file was recorded for this audit, so the report cannot show which model made the predictions.');
  });

  it('shows hostile group names in the comparison as text', () => {
    const hostile = comparedResultsRenamed('<script>alert(1)</script>');
    const out = renderHtml(hostile);
    expect(out).not.toMatch(/<script/i);
    expect(section(out, 'comparison')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

/** The comparison fixture with one group of the current run renamed (a new group and a vanished one). */
function comparedResultsRenamed(name: string): AuditResults {
  const results = comparedResults();
  const comparison = structuredClone(results.comparison)!;
  comparison.attributes[0].new_groups.push(`race=${name}`);
  return { ...results, comparison };
}
