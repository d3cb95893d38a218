/**
 * The NYC LL144 published summary of the bundled hiring data, written by the real CLI, against
 * counts and rates computed here from the CSV's text with a few lines of independent code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCliInProcess, tempDir } from '../cli/run-cli.js';

/** Rows of datasets/hiring.csv as plain fields (no field holds a comma or a quote). */
function hiringRows(): { sex: string; race: string; selected: number }[] {
  const [header, ...lines] = readFileSync(join(ROOT, 'datasets/hiring.csv'), 'utf8').trim().split('\n');
  const names = header.split(',');
  const at = (name: string) => names.indexOf(name);
  return lines.map((line) => {
    const f = line.split(',');
    return { sex: f[at('sex')], race: f[at('race_ethnicity')], selected: Number(f[at('selected')]) };
  });
}

const CONFIG = `
dataset: hiring
mode: ll144
prediction: selected
score: score
threshold: 50
sensitive: [sex, race_ethnicity]
intersections: [[sex, race_ethnicity]]
audit:
  auditor: "Ada <script>Auditor</script>"
  organization: Example Staffing LLC
  date: 2026-11-30
  purpose: annual LL144 bias audit
  data: test
  test_data_reason: the tool has no history of use yet; synthetic candidates drawn from the applicant pool's shares
  data_source: datasets/hiring.csv, 20,000 synthetic candidates
  distribution_date: 2026-01-15
  model: ScreenRank
  model_version: "3.2"
population:
  sex: {Female: 0.5, Male: 0.5}
ll144:
  exclusion_justification: fewer than 2% of candidates; their ratios would swing on a handful of people
policy:
  - metric: impact_ratio
    min: 0.8
    severity: warn
`;

describe('the LL144 summary of the bundled hiring data', () => {
  const rows = hiringRows();
  const dir = tempDir('fairaudit-ll144-');
  const out = join(dir, 'out');
  let md = '';
  let html = '';
  let summary = '';
  let report = '';
  let status: number | null = null;

  beforeAll(async () => {
    writeFileSync(join(dir, 'hiring.yaml'), CONFIG);
    const run = await runCliInProcess(['audit', 'datasets/hiring.csv', '-c', join(dir, 'hiring.yaml'), '-o', out, '-q']);
    status = run.status;
    md = readFileSync(join(out, 'll144-summary.md'), 'utf8');
    html = readFileSync(join(out, 'll144-summary.html'), 'utf8');
    summary = readFileSync(join(out, 'summary.md'), 'utf8');
    report = readFileSync(join(out, 'report.html'), 'utf8');
  });

  it('is written beside the report in LL144 mode', () => {
    expect(status).toBe(0);
    expect(md.length).toBeGreaterThan(0);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('carries the audit date, the data source and kind, the distribution date, the auditor and the organization', () => {
    for (const text of [md, html]) {
      expect(text).toContain('2026-11-30');
      expect(text).toContain('2026-01-15');
      expect(text).toContain('Example Staffing LLC');
      expect(text).toContain('test data: the tool has no history of use yet');
      expect(text).toContain('20,000 synthetic candidates');
      expect(text).toContain('ScreenRank 3.2');
    }
  });

  it('counts the applicants and the individuals in an unknown category', () => {
    const unknown = rows.filter((r) => r.sex === '' || r.race === '').length;
    expect(unknown).toBe(197);
    expect(md).toContain(`**Number of applicants assessed**: ${rows.length.toLocaleString('en-US')}`);
    expect(md).toContain(`(not in the rates or impact ratios): ${unknown}`);
    expect(html).toMatch(new RegExp(`unknown category[^<]*</th><td>${unknown}`));
  });

  it('gives every category by name with its count, selection rate and impact ratio against the highest rate', () => {
    const bySex = (sex: string) => rows.filter((r) => r.sex === sex);
    const rate = (list: typeof rows) => list.filter((r) => r.selected === 1).length / list.length;
    const male = rate(bySex('Male'));
    const female = rate(bySex('Female'));
    // Female: count, rate as a percentage with one decimal, impact ratio female ÷ male with three.
    expect(md).toContain(`| Female | ${bySex('Female').length.toLocaleString('en-US')} | ${(100 * female).toFixed(1)}% | ${(female / male).toFixed(3)} |`);
    const races = [...new Set(rows.map((r) => r.race))];
    expect(races).toHaveLength(7);
    for (const race of races) expect(md).toContain(`| ${race} | ${rows.filter((r) => r.race === race).length.toLocaleString('en-US')} |`);
    // An intersectional category: Female × Black or African American.
    const cell = rows.filter((r) => r.sex === 'Female' && r.race === 'Black or African American');
    const top = Math.max(
      ...['Male', 'Female'].flatMap((s) =>
        races
          .map((race) => rows.filter((r) => r.sex === s && r.race === race))
          .filter((c) => c.length / rows.length >= 0.02)
          .map(rate),
      ),
    );
    expect(md).toContain(`| Female × Black or African American | ${cell.length.toLocaleString('en-US')} | ${(100 * rate(cell)).toFixed(1)}% | ${(rate(cell) / top).toFixed(3)} |`);
  });

  it('lists the categories under 2% with their counts and rates, left out of the impact ratios, with the justification', () => {
    const small = rows.filter((r) => r.race === 'Native Hawaiian or Pacific Islander');
    expect(small.length / rows.length).toBeLessThan(0.02);
    const rate = small.filter((r) => r.selected === 1).length / small.length;
    expect(md).toContain(`| Native Hawaiian or Pacific Islander | ${small.length} | ${(100 * rate).toFixed(1)}% | excluded (under 2%) |`);
    expect(md).toContain('**Justification**: fewer than 2% of candidates');
    expect(html).toContain('fewer than 2% of candidates');
  });

  it('gives scoring rates when a score is audited', () => {
    expect(md).toContain('| Scoring rate | Scoring impact ratio |');
    expect(html).toContain('Scoring impact ratio');
  });

  it('escapes data in the HTML: a name with markup stays text, and the page loads nothing from outside', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/(src|href)="?(https?:)?\/\//);
  });

  it('puts the audit metadata at the top of the report and in summary.md, and audit.json keeps it', () => {
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { audit: Record<string, string> };
    expect(results.audit).toMatchObject({ organization: 'Example Staffing LLC', date: '2026-11-30', data: 'test', model_version: '3.2' });
    expect(report.indexOf('id="audit-metadata"')).toBeGreaterThan(0);
    expect(report.indexOf('id="audit-metadata"')).toBeLessThan(report.indexOf('id="verdict"'));
    expect(summary).toContain('**Organization**: Example Staffing LLC');
    expect(summary).toContain('**Date of the audit**: 2026-11-30');
  });

  it('writes an audit.json that the schema accepts, with representativeness against the declared population', () => {
    const load = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(load('config.schema.json'));
    const validate = ajv.compile(load('audit.schema.json'));
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { representativeness: { attributes: { attribute: string; known: number; test: { statistic: number } }[] } };
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
    const female = rows.filter((r) => r.sex === 'Female').length;
    const male = rows.filter((r) => r.sex === 'Male').length;
    const [sex] = results.representativeness.attributes;
    expect(sex.attribute).toBe('sex');
    expect(sex.known).toBe(female + male);
    // Expected (female + male) / 2 each: χ² = 2 × (female − half)² / half.
    const half = (female + male) / 2;
    expect(sex.test.statistic).toBeCloseTo((2 * (female - half) ** 2) / half, 9);
    expect(report).toContain('id="representativeness"');
  });

  it('no longer says in summary.md or the limitations that groups under 30 rows were left out', () => {
    expect(summary).not.toContain('fewer than 30 rows');
    expect(summary).toContain('under 2% of the data or unknown');
    const limitations = report.slice(report.indexOf('id="limitations"'));
    expect(limitations).not.toContain('fewer than 30 rows');
    expect(limitations).toContain('under 2% of the data, or unknown');
    expect(report).not.toContain('under 30 rows');
  });

  it('warns when the summary would lack a required field or the justification of the excluded categories', async () => {
    writeFileSync(join(dir, 'bare.yaml'), 'mode: ll144\nprediction: selected\nsensitive: [sex, race_ethnicity]\n');
    const run = await runCliInProcess(['audit', 'datasets/hiring.csv', '-c', join(dir, 'bare.yaml'), '-o', join(dir, 'bare'), '--format', 'json']);
    // The default policy's parity checks fail on the planted bias: exit 1, not an input error.
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The LL144 summary cannot state audit.data, audit.data_source, audit.distribution_date');
    expect(run.stderr).toContain('set ll144.exclusion_justification');
    expect(readFileSync(join(dir, 'bare/ll144-summary.md'), 'utf8')).toContain('No justification was given');
  });
});

describe('recode', () => {
  it('maps values to the reported categories before the audit, joining values mapped to one name', async () => {
    const dir = tempDir('fairaudit-recode-');
    const lines = ['race,y'];
    // 4 "Black" (3 selected), 2 "African American" (1 selected), 5 "White" (2 selected).
    for (const [race, n, yes] of [['Black', 4, 3], ['African American', 2, 1], ['White', 5, 2]] as const) {
      for (let i = 0; i < n; i++) lines.push(`${race},${i < yes ? 1 : 0}`);
    }
    writeFileSync(join(dir, 'd.csv'), lines.join('\n') + '\n');
    writeFileSync(join(dir, 'c.yaml'), 'prediction: y\nsensitive: [race]\nmin_group_size: 0\nrecode:\n  race: {Black: Black or African American, African American: Black or African American}\n');
    const run = await runCliInProcess(['audit', join(dir, 'd.csv'), '-c', join(dir, 'c.yaml'), '-o', join(dir, 'out'), '--format', 'json', '-q']);
    expect(run.status).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'out/audit.json'), 'utf8')) as { attributes: { groups: { key: Record<string, string>; n: number; rates: { selection_rate: number } }[] }[] };
    const groups = Object.fromEntries(results.attributes[0].groups.map((g) => [g.key.race, [g.n, g.rates.selection_rate]]));
    expect(groups).toEqual({ 'Black or African American': [6, 4 / 6], White: [5, 2 / 5] });
  });
});
