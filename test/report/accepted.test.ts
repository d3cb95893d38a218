import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderHtml } from '../../src/report/render.js';
import { acceptedResults } from './fixtures.js';
import { section, text } from './html-text.js';

const CHECKS = 'Policy checks: each measured value against its limit';

/** The verdict table row of `metric`'s check on `attribute` (rows are matched by the check's label and attribute). */
function checkRow(html: string, label: string, attribute: string): string {
  const table = html.slice(html.indexOf(`<caption>${CHECKS}</caption>`));
  const rows = table.slice(0, table.indexOf('</table>')).split('<tr').slice(2);
  // The attribute must end there: "race" is not "race × sex".
  const row = rows.map((r) => text(`<tr${r}`)).find((r) => r.includes(` ${label} ${attribute} `) && !r.includes(` ${label} ${attribute} × `));
  if (!row) throw new Error(`no check ${label} on ${attribute}`);
  return row;
}

describe('accepted findings', () => {
  // The audit ran on 2025-03-14: the acceptance until 2025-06-30 is in force, the one until 2025-03-01 expired.
  const results = acceptedResults();
  const html = renderHtml(results);

  it('shows an accepted finding with its verdict, a badge, the date, the owner and the reason', () => {
    const row = checkRow(html, 'Impact ratio', 'race');
    expect(row).toMatch(/^✗ FAIL ✎ ACCEPTED Impact ratio race group: Black 0\.682/);
    expect(row).toContain('Accepted until 2025-06-30 by ana.lopez: retraining with reweighted data is scheduled');
  });

  it('says when an acceptance expired, and the finding counts again', () => {
    const row = checkRow(html, 'Demographic parity difference', 'race');
    expect(row).toMatch(/^✗ FAIL ⊘ ACCEPTANCE EXPIRED Demographic parity difference race 0\.208/);
    expect(row).toContain('Acceptance expired on 2025-03-01 (was accepted by li.wei: known gap under review); this finding counts again.');
  });

  it('explains in the verdict what was accepted, and never drops the finding', () => {
    const verdict = text(section(html, 'verdict'));
    // Still 4 failing checks in the table: race impact ratio (accepted), race parity (expired), race × sex ×2.
    expect(verdict).toContain('✗ FAIL 4 of 12 judged checks failed; 3 are warned checks.');
    expect(verdict).toContain('1 of the failed or warned findings is accepted by a named owner until a date and does not count toward the verdict until then; it is still listed below.');
    expect(verdict).toContain('1 acceptance has expired: that finding counts again.');
    // The accepted failure is still a row of the table, with its FAIL verdict.
    expect(checkRow(html, 'Impact ratio', 'race')).toMatch(/^✗ FAIL ✎ ACCEPTED Impact ratio race /);
  });

  it('reads WARN when every failure is accepted, and PASS when every finding is', () => {
    const until = { reason: 'under review', owner: 'ana.lopez', expires: '2025-06-30' };
    // Impact ratio and parity fail on race and race × sex (4); equalized odds warns on race, age and race × sex (3).
    const warn = renderHtml(acceptedResults([{ check: 'impact_ratio', ...until }, { check: 'demographic_parity_difference', ...until }]));
    expect(text(section(warn, 'verdict'))).toContain('! WARN 3 warned checks of 12 judged; 4 failed but are accepted.');
    const pass = renderHtml(acceptedResults([{ check: 'impact_ratio', ...until }, { check: 'demographic_parity_difference', ...until }, { check: 'equalized_odds_difference', ...until }]));
    // 12 − 7 accepted = 5 passed.
    expect(text(section(pass, 'verdict'))).toContain('✓ PASS 5 of 12 judged checks passed; the other 7 failed or warned and are accepted findings.');
    expect(pass.match(/ACCEPTED<\/span>/g)).toHaveLength(7);
  });

  it('lists accepted findings in the Markdown summary, marked in the table', () => {
    const md = renderMarkdown(results);
    expect(md).toContain('| ❌ FAIL (accepted) | Impact ratio | race (Black) | 0.682 |');
    expect(md).toContain('| ❌ FAIL (acceptance expired) | Demographic parity difference | race |');
    expect(md).toContain('- Impact ratio on race (Black): Accepted until 2025-06-30 by ana.lopez: retraining with reweighted data is scheduled');
    expect(md).toContain('- Demographic parity difference on race: Acceptance expired on 2025-03-01 (was accepted by li.wei: known gap under review); this finding counts again.');
  });
});
