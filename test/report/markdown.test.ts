import { describe, expect, it } from 'vitest';
import { markdownText, renderMarkdown } from '../../src/report/markdown.js';
import { comparedResults, loansResults } from './fixtures.js';

describe('the Markdown summary', () => {
  const md = renderMarkdown(loansResults());

  it('leads with the dataset and the overall verdict', () => {
    expect(md.split('\n')[0]).toBe('## fairaudit: loans — ❌ FAIL');
  });

  it('names the sensitive attributes, and says when discovery chose them', () => {
    const named = renderMarkdown({ ...loansResults(), discovery: undefined });
    expect(named).toContain('\nSensitive attributes: race, sex, age.\n');
    // The fixture's attributes were chosen by discovery.
    const discovered = renderMarkdown(loansResults());
    expect(discovered).toContain('Sensitive attributes: race, sex, age (chosen by discovery: see the report for the evidence, and name them with --sensitive to fix the choice).');
  });

  it('contains the verdict table with one row per check', () => {
    expect(md).toContain('| Verdict | Check | Attribute | Value | 95% interval | Limit |');
    const rows = md.split('\n').filter((l) => /^\| (✅|⚠️|❌|❔)/.test(l));
    // 4 attributes × 3 policy checks.
    expect(rows).toHaveLength(12);
    // Black: 4,420/9,870 = 0.4478; Asian 2,110/3,215 = 0.6563; 0.4478/0.6563 = 0.682.
    expect(rows[0]).toBe('| ❌ FAIL | Impact ratio | race (Black) | 0.682 | 0.667–0.697 | at least 0.8 |');
    expect(md).toContain('| ✅ PASS (inconclusive) | Demographic parity difference | age |');
  });

  it('lists the top findings and the provenance in a few lines, short enough for a pull-request comment', () => {
    expect(md).toContain('**Top findings**');
    expect(md).toContain('- FAIL: The lowest impact ratio on race is 0.682');
    expect(md).toContain('Input: datasets/loans/2024-q1.csv.gz (sha256 a3f1c9e07b52…)');
    expect(md.split('\n').length).toBeLessThan(40);
    expect(md.length).toBeLessThan(6000);
  });

  it('escapes table-breaking and markup characters in data', () => {
    expect(markdownText('a|b')).toBe('a\\|b');
    expect(markdownText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markdownText('*bold* _it_ [x](y)\nnext')).toBe('\\*bold\\* \\_it\\_ \\[x\\](y) next');
    const hostile = renderMarkdown(loansResults({ rename: { Black: 'B|<img src=x onerror=alert(1)>' } }));
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('race (B\\|&lt;img src=x onerror=alert(1)&gt;)');
  });

  it('lists only the failed and warned checks when there are many', () => {
    const base = loansResults();
    const many = [...base.checks, ...base.checks].map((c) => ({ ...c }));
    const text = renderMarkdown({ ...base, checks: many });
    const rows = text.split('\n').filter((l) => /^\| (✅|⚠️|❌|❔)/.test(l));
    // 24 checks, of which 2 × (4 fail + 3 warn) = 14 are not passes.
    expect(rows).toHaveLength(14);
    expect(text).toContain('…and 10 passing checks (see the report).');
  });

  it('escapes for Markdown, not for HTML: band labels and snake_case names stay readable', () => {
    expect(markdownText('25–<45')).toBe('25–<45');
    expect(markdownText('<25 and >65')).toBe('<25 and >65');
    expect(markdownText('impact_ratio of race')).toBe('impact_ratio of race');
    expect(markdownText('Smith & Sons')).toBe('Smith & Sons');
    // Only what a renderer would read as markup is escaped: an entity, a leading heading or list marker, emphasis at word edges.
    expect(markdownText('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
    expect(markdownText('# not a heading')).toBe('\\# not a heading');
    expect(markdownText('- not a list')).toBe('\\- not a list');
    expect(markdownText('1. not a list')).toBe('1\\. not a list');
    expect(markdownText('_x_ a\\b ~y~ `z`')).toBe('\\_x\\_ a\\\\b \\~y\\~ \\`z\\`');
  });

  it('keeps group values readable in the summary and still neutralizes markup in them', () => {
    const md = renderMarkdown(loansResults({ rename: { Black: '25–<45 | x_y', White: '<script>alert(1)</script>' } }));
    expect(md).toContain('| ❌ FAIL | Impact ratio | race (25–<45 \\| x_y) | 0.682 |');
    expect(md).not.toContain('&lt;45');
    expect(md).not.toMatch(/<script/i);
    // The script tag is turned into text: a renderer shows it, never runs it.
    expect(renderMarkdown(loansResults({ rename: { Black: '<script>alert(1)</script>' } }))).toContain('race (&lt;script&gt;alert(1)&lt;/script&gt;)');
    // Messages that name metrics in snake_case keep them without backslashes.
    const base = loansResults();
    const checks = base.checks.map((c, i) => (i === 0 ? { ...c, message: 'on race, impact_ratio is 0.682 for Black against Asian' } : c));
    expect(renderMarkdown({ ...base, checks })).toContain('- FAIL: on race, impact_ratio is 0.682 for Black against Asian');
    // A message that starts with the metric's id starts with its name in words instead.
    const named = base.checks.map((c, i) => (i === 0 ? { ...c, message: 'impact_ratio of race is 0.682 for Black against Asian' } : c));
    expect(renderMarkdown({ ...base, checks: named })).toContain('- FAIL: Impact ratio of race is 0.682 for Black against Asian');
  });

  it('summarizes the comparison with the baseline in one line, and lists drift checks with the others', () => {
    const md = renderMarkdown(comparedResults());
    expect(md).toContain('**Since the baseline**: 2 of 6 judged drift checks found drift beyond the tolerance. Changed: input data, resolved config, model.');
    // (0.50659 − 0.44782)/0.65630 = 0.0895 worse: more than the 0.05 allowed.
    expect(md).toContain('| ❌ FAIL | Drift: impact ratio | race | worse by 0.090 | 0.060–0.120 | worse by at most 0.05 |');
    expect(md.split('\n').length).toBeLessThan(45);
  });
});
