import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/render.js';
import { loansResults, RACE, RACE_FEMALE, total } from './fixtures.js';
import { decode, section, tableRow, text } from './html-text.js';
import { normalizeHtml } from './normalize.js';

const HOSTILE_SCRIPT = '<script>alert(1)</script>';
const HOSTILE_ATTR = '"><img src=x onerror=alert(1)>';

describe('the HTML report', () => {
  const results = loansResults();
  const html = renderHtml(results);

  it('matches the reviewed snapshot once times and versions are normalized', async () => {
    await expect(normalizeHtml(html)).toMatchFileSnapshot('__snapshots__/report.html');
  });

  it('is one self-contained file: no script, no external URL in any src or href', () => {
    expect(html).not.toMatch(/<script/i);
    const links = [...html.matchAll(/\s(?:src|href|xlink:href)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).not.toMatch(/^(https?:|\/\/)/i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/@import/i);
  });

  it('stays well under 1 MB', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(1_000_000);
  });

  it('puts the verdict first, in words and with a badge', () => {
    const verdict = html.indexOf('id="verdict"');
    expect(verdict).toBeGreaterThan(0);
    expect(verdict).toBeLessThan(html.indexOf('id="data"'));
    // Fixture: race and race × sex fail impact ratio and parity (4 fails); equalized odds warns on race, age, race × sex (3 warns).
    expect(html).toContain('<span class="badge badge-fail"><span aria-hidden="true">✗</span> FAIL</span> <strong>4 of 12 judged checks failed; 3 are warned checks.</strong>');
    expect(html).toContain('INCONCLUSIVE');
  });

  it('shows each rate with its interval, worked out from the counts', () => {
    // Black: predicted positives 3,900 + 520 = 4,420 of 9,870 rows → 44.78% → 44.8%.
    // Asian (highest, reference): 1,850 + 260 = 2,110 of 3,215 → 65.63%. Impact ratio 0.44782 / 0.65630 = 0.6823 → 0.682.
    const row = tableRow(html, 'race: rates by group', 'Black');
    expect(row).toMatch(/^Black 9,870 22\.9% 44\.8% /);
    expect(row).toContain('0.682 below 0.8');
    expect(tableRow(html, 'race: rates by group', 'Asian')).toContain('1.000 (reference)');
    // Wilson interval of 4,420/9,870: centre (p + z²/2n)/(1 + z²/n), half-width z/(1+z²/n)·√(p(1−p)/n + z²/4n²) ≈ 0.4380–0.4576.
    expect(row).toContain('43.8–45.8%');
  });

  it("shows a group's impact ratio with its bootstrap interval when the results carry one", () => {
    const results = loansResults();
    const race = results.attributes.find((a) => a.name === 'race')!;
    const black = race.groups.find((g) => g.key.race === 'Black')!;
    black.impact_ratio_interval = [0.6512, 0.7148];
    const row = tableRow(renderHtml(results), 'race: rates by group', 'Black');
    expect(row).toContain('0.682 0.651–0.715 below 0.8');
  });

  it('writes n/a with the reason where a rate is undefined, never a blank or 0', () => {
    // Native American × Female: tp = fn = 0, so TPR = 0/0; tp = fp = 0, so PPV = 0/0.
    expect(RACE_FEMALE['Native American'].tp + RACE_FEMALE['Native American'].fn).toBe(0);
    const row = tableRow(html, 'race × sex: rates by group', 'Native American × Female');
    expect(row).toContain('n/a — no actual positives');
    expect(row).toContain('n/a — no predicted positives');
    expect(row).toContain('not judged');
  });

  it('marks groups too small to judge and names them in the limitations', () => {
    expect(total(RACE['Native American'])).toBe(18);
    expect(tableRow(html, 'race: rates by group', 'Native American')).toContain('too small to judge: n = 18 < 30');
    const limitations = decode(html.slice(html.indexOf('id="limitations"')));
    expect(limitations).toContain('race = Native American (n = 18)');
    expect(limitations).toContain('race × sex = Native American × Female (n = 6)');
    for (const topic of ['Causes.', 'Whether the labels are fair.', 'Unmeasured attributes.', 'Individual fairness.']) expect(limitations).toContain(topic);
  });

  it('says what the (missing) group is, once there is one', () => {
    // The fixture's race has a (missing) group: rows with no race recorded.
    expect(text(section(html, 'representation'))).toContain('“(missing)” is the group of rows with no value for the attribute');
    const noMissing = loansResults();
    noMissing.attributes = noMissing.attributes.map((a) => ({ ...a, groups: a.groups.filter((g) => !Object.values(g.key).includes('(missing)')) }));
    expect(renderHtml(noMissing)).not.toContain('“(missing)” is the group');
  });

  it('records the provenance: every file hash, the config hash, the seed and the row counts', () => {
    for (const file of results.input.files) expect(html).toContain(file.sha256);
    expect(html).toContain(results.config_sha256);
    expect(tableRow(html, 'Audit settings and row counts', 'Seed')).toBe('Seed 42');
    // 21,480 + 9,870 + 8,140 + 3,215 + 18 + 412 = 43,135 rows.
    expect(tableRow(html, 'Audit settings and row counts', 'Rows read')).toBe('Rows read 43,135');
  });

  it('uses real tables: every table has a caption and scoped header cells', () => {
    const tables = html.match(/<table[\s\S]*?<\/table>/g) ?? [];
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      expect(table).toMatch(/<caption>[^<]+/);
      expect(table).not.toMatch(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/);
    }
  });

  it('gives every chart a title, a description and a text alternative, next to the table it came from', () => {
    const charts = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    // race, sex, age and race × sex each have selection rate, impact ratio and TPR/FPR charts.
    expect(charts.length).toBe(12);
    for (const chart of charts) {
      expect(chart).toMatch(/^<svg class="chart" role="img" aria-label="[^"]+" aria-describedby="[^"]+-desc"/);
      expect(chart).toMatch(/<title id="[^"]+-title">[^<]+<\/title><desc id="[^"]+-desc">[^<]+<\/desc>/);
    }
    expect(html).toContain('Text alternative: the table “race: rates by group” above holds the same numbers.');
  });

  it('maps the findings to the frameworks, marked informational and not legal advice', () => {
    const compliance = html.slice(html.indexOf('id="compliance"'), html.indexOf('id="definitions"'));
    for (const name of ['EU AI Act', 'MEASURE 2.11', 'NYC Local Law 144', 'Four-fifths rule', 'Article 9', 'Safe Harbor']) expect(compliance).toContain(name);
    expect(compliance).toContain('Informational, not legal advice.');
    // The four-fifths row lists the judged groups below 0.8, with enough digits to show 0.799 is below.
    expect(compliance).toContain('Black (race) 0.682');
  });

  it('defines every metric it shows', () => {
    const definitions = html.slice(html.indexOf('id="definitions"'), html.indexOf('id="limitations"'));
    for (const metric of Object.keys(results.attributes[0].aggregates)) expect(definitions).toContain(`<code>${metric}</code>`);
    for (const rate of ['selection_rate', 'tpr', 'fpr', 'ppv', 'accuracy', 'base_rate']) expect(definitions).toContain(`<code>${rate}</code>`);
  });

  it('ends with a review and sign-off block with blanks to fill in', () => {
    const signoff = html.slice(html.indexOf('id="signoff"'));
    expect(html.indexOf('id="signoff"')).toBeGreaterThan(html.indexOf('id="limitations"'));
    for (const field of ['Reviewer', 'Role', 'Date', 'Decision', 'Notes and conditions']) expect(signoff).toContain(`<th scope="row">${field}</th>`);
    expect(signoff).toContain('<td class="blank"></td>');
  });

  it('shows discovery evidence, proxies and masking when the results have them', () => {
    expect(tableRow(html, 'Columns discovery flagged', 'email<span class="ci">Utf8</span>')).toContain('99.8% of values are e-mail addresses');
    expect(tableRow(html, 'Columns associated with a protected attribute', 'zip')).toBe('zip race 0.41 moderate (V ≥ 0.3)');
    expect(tableRow(html, 'Operator applied to each column', 'email')).toContain('hmac');
    expect(tableRow(html, 'Operator applied to each column', 'zip')).toBe('zip generalize Zip digits: 3; Reason: quasi-identifier (zip); Values changed: 43,135; Cells suppressed: 0');
    expect(html).toMatch(/k achieved \(smallest equivalence class\)<\/th><td>3 — below the required k of 5</);
    // 41 of 43,135 records = 0.095% → "0.1%".
    expect(html).toMatch(/Records in classes smaller than k<\/th><td>41 \(0\.1%\)</);
  });

  it('prints cleanly: no row cut across pages, repeated table headers, a page header with dataset and date', () => {
    expect(html).toMatch(/@media print \{[\s\S]*thead \{ display: table-header-group; \}/);
    expect(html).toMatch(/@media print \{[\s\S]*tr, figure[^{]*\{ break-inside: avoid; \}/);
    // The page header is a CSS string with every character but letters, digits and spaces hex-escaped.
    expect(html).toContain('@top-left { content: "fairaudit bias audit \\b7  loans \\b7  2025\\2d 03\\2d 14 09\\3a 26 UTC"');
  });
});

describe('escaping', () => {
  const results = loansResults({ rename: { White: HOSTILE_SCRIPT, Female: HOSTILE_ATTR } });
  const html = renderHtml(results);

  it('shows hostile group values as text, never as markup, in tables and in the SVG charts', () => {
    expect(html).not.toContain(HOSTILE_SCRIPT);
    expect(html).not.toContain(HOSTILE_ATTR);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const charts = (html.match(/<svg[\s\S]*?<\/svg>/g) ?? []).join('');
    expect(charts).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(charts).toContain('&#34;&#62;&#60;img src=x onerror=alert(1)&#62;');
  });

  it('keeps hostile text out of the print header CSS string', () => {
    const named = renderHtml({ ...results, input: { ...results.input, name: 'x"; } </style><script>alert(1)</script>' } });
    const style = named.slice(named.indexOf('<style>'), named.indexOf('</style>') + '</style>'.length);
    expect(style.match(/<\/style>/g)).toHaveLength(1);
    expect(named).not.toMatch(/<script/i);
  });
});

describe('robustness', () => {
  it('says what did not run when discovery and masking are absent', () => {
    const html = renderHtml(loansResults({ discovery: false, masking: false }));
    expect(html).toContain('Discovery did not run in this audit');
    expect(html).toContain('Not measured: discovery, which measures proxies, did not run');
    expect(html).toContain('Masking did not run in this audit');
  });

  it('reads PASS when every check passed', () => {
    const base = loansResults();
    const checks = base.checks.map((c) => ({ ...c, verdict: 'pass' as const, inconclusive: false }));
    const html = renderHtml({ ...base, checks, verdict: 'pass', exit_code: 0, attributes: base.attributes.map((a) => ({ ...a, checks: a.checks.map((c) => ({ ...c, verdict: 'pass' as const })) })) });
    expect(html).toContain('<span class="badge badge-pass"><span aria-hidden="true">✓</span> PASS</span> <strong>All 12 judged checks passed.</strong>');
  });

  it('reads INSUFFICIENT DATA when no check could be judged', () => {
    const base = loansResults();
    const checks = base.checks.map((c) => ({ ...c, verdict: 'insufficient-data' as const, value: null }));
    const html = renderHtml({ ...base, checks, verdict: 'insufficient-data', exit_code: 0 });
    expect(html).toContain('INSUFFICIENT DATA</span> <strong>No check could be judged');
  });
});
