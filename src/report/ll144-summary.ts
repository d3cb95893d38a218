/**
 * The NYC Local Law 144 published summary (`ll144-summary.html` and `.md`): what an employer posts
 * on its website under the DCWP rules (6 RCNY § 5-303) — the date of the most recent bias audit,
 * the source and explanation of the data, the number of applicants and of individuals in an
 * unknown category, selection (and scoring) rates and impact ratios for every sex, race/ethnicity
 * and intersectional category, the categories under 2% left out of impact ratios with their counts,
 * rates and the auditor's justification, and the tool's distribution date. Short, standalone and
 * printable: inline CSS, no script, no outside request; every data string escaped.
 */
import { ll144Template } from './templates.js';
import type { AttributeResult, AuditResults, GroupResult } from '../results/index.js';
import { groupKeyValues } from '../text/group-key.js';
import { formatCount, formatNumber, formatPercent } from './format.js';
import { markdownText } from './markdown.js';
import { dataKindText } from './view/metadata.js';

/** The files of the LL144 summary, written beside the report in `mode: ll144`. */
export const LL144_SUMMARY_FILES = { html: 'll144-summary.html', md: 'll144-summary.md' } as const;

/** The group value of rows with no value (metrics/features.ts), kept out of the report's imports. */
const MISSING_GROUP = '(missing)';

/** What the summary says for a field the config did not give. */
const NOT_GIVEN = 'not stated (set it under audit: in the config)';

/** One category's row. */
export interface Ll144Row {
  category: string;
  applicants: string;
  selectionRate: string;
  impactRatio: string;
  scoringRate?: string;
  scoringImpactRatio?: string;
}

/** One table: a sex, race/ethnicity or intersectional breakdown. */
export interface Ll144Table {
  title: string;
  rows: Ll144Row[];
  /** Categories under 2% left out of the impact ratios, with their counts and rates. */
  excluded: Ll144Row[];
}

/** Everything the summary shows, in words and formatted numbers. */
export interface Ll144SummaryView {
  organization: string;
  tool: string;
  auditor: string;
  auditDate: string;
  distributionDate: string;
  dataKind: string;
  dataSource: string;
  applicants: string;
  unknown: string;
  unknownDetail: string[];
  hasScores: boolean;
  rateName: string;
  tables: Ll144Table[];
  justification: string;
  hasExcluded: boolean;
  footer: string;
}

/**
 * The summary's content for `results` (an audit run in `mode: ll144`).
 *
 * @example
 * ll144SummaryView(results).applicants; // "20,000"
 */
export function ll144SummaryView(results: AuditResults): Ll144SummaryView {
  const audit = results.audit;
  const hasScores = results.attributes.some((a) => a.groups.some((g) => g.scores?.scoring_rate !== undefined && g.scores.scoring_rate !== null));
  const tables = results.attributes.map((a) => tableOf(a, hasScores));
  const unknownRows = unknownCount(results.attributes);
  const tool = [audit?.model, audit?.model_version].filter(Boolean).join(' ');
  return {
    organization: audit?.organization ?? NOT_GIVEN,
    tool: tool || NOT_GIVEN,
    auditor: audit?.auditor ?? NOT_GIVEN,
    auditDate: audit?.date ?? results.created_at.slice(0, 10),
    distributionDate: audit?.distribution_date ?? NOT_GIVEN,
    dataKind: audit?.data ? dataKindText(audit) : NOT_GIVEN,
    dataSource: audit?.data_source ?? NOT_GIVEN,
    applicants: formatCount(results.input.rows_used),
    unknown: formatCount(unknownRows.total),
    unknownDetail: unknownRows.byAttribute.map(([name, n]) => `${name} unknown: ${formatCount(n)}`),
    hasScores,
    rateName: results.outcome === 'label' ? 'Selection rate (of the recorded outcome)' : 'Selection rate',
    tables,
    justification: results.config.ll144?.exclusion_justification ?? 'No justification was given (ll144.exclusion_justification in the config).',
    hasExcluded: tables.some((t) => t.excluded.length > 0),
    footer: `Produced by fairaudit ${results.tool.version} on ${results.created_at.slice(0, 10)} from ${results.input.files.map((f) => f.path).join(', ')}.`,
  };
}

function tableOf(attribute: AttributeResult, hasScores: boolean): Ll144Table {
  const known = attribute.groups.filter((g) => !Object.values(g.key).includes(MISSING_GROUP));
  const row = (g: GroupResult, excluded: boolean): Ll144Row => ({
    category: groupKeyValues(g.key, attribute.features),
    applicants: formatCount(g.n),
    selectionRate: formatPercent(g.rates.selection_rate),
    impactRatio: excluded ? 'excluded (under 2%)' : formatNumber(g.impact_ratio),
    ...(hasScores
      ? { scoringRate: formatPercent(g.scores?.scoring_rate ?? null), scoringImpactRatio: excluded ? 'excluded (under 2%)' : formatNumber(g.scores?.scoring_impact_ratio ?? null) }
      : {}),
  });
  return {
    title: attribute.kind === 'intersection' ? `Intersectional categories (${attribute.features.join(' × ')})` : attribute.name,
    rows: known.filter((g) => g.eligible).map((g) => row(g, false)),
    excluded: known.filter((g) => !g.eligible).map((g) => row(g, true)),
  };
}

/**
 * Rows in an unknown category: with an intersection, the rows whose value of any of its attributes
 * is missing (each row once); else the largest count of any one attribute.
 */
function unknownCount(attributes: readonly AttributeResult[]): { total: number; byAttribute: [string, number][] } {
  const missingOf = (a: AttributeResult) => a.groups.filter((g) => Object.values(g.key).includes(MISSING_GROUP)).reduce((s, g) => s + g.n, 0);
  const single = attributes.filter((a) => a.kind === 'attribute');
  const widest = attributes.filter((a) => a.kind === 'intersection').sort((a, b) => b.features.length - a.features.length)[0];
  const byAttribute = single.map((a) => [a.name, missingOf(a)] as [string, number]);
  const total = widest ? missingOf(widest) : Math.max(0, ...byAttribute.map(([, n]) => n));
  return { total, byAttribute };
}

/**
 * The summary as one standalone HTML page, from `templates/ll144-summary.hbs` (precompiled by the
 * build, see report/templates.ts); Handlebars escapes every value.
 */
export function renderLl144Html(results: AuditResults): string {
  return ll144Template<Ll144SummaryView>()(ll144SummaryView(results));
}

/** The summary as Markdown, every data string escaped. */
export function renderLl144Markdown(results: AuditResults): string {
  const v = ll144SummaryView(results);
  const md = markdownText;
  const lines = [
    `# Summary of the bias audit of ${md(v.tool)}`,
    '',
    'Published under New York City Local Law 144 of 2021 (DCWP rules, 6 RCNY § 5-300 ff.).',
    '',
    `- **Employer or employment agency**: ${md(v.organization)}`,
    `- **Independent auditor**: ${md(v.auditor)}`,
    `- **Date of the most recent bias audit**: ${md(v.auditDate)}`,
    `- **Distribution date of the tool**: ${md(v.distributionDate)}`,
    `- **Data**: ${md(v.dataKind)}`,
    `- **Source and explanation of the data**: ${md(v.dataSource)}`,
    `- **Number of applicants assessed**: ${md(v.applicants)}`,
    `- **Individuals in an unknown category** (not in the rates or impact ratios): ${md(v.unknown)}${v.unknownDetail.length ? ` (${md(v.unknownDetail.join('; '))})` : ''}`,
    '',
  ];
  const header = v.hasScores ? '| Category | Applicants | Selection rate | Impact ratio | Scoring rate | Scoring impact ratio |' : '| Category | Applicants | Selection rate | Impact ratio |';
  const rule = v.hasScores ? '|---|---:|---:|---:|---:|---:|' : '|---|---:|---:|---:|';
  const line = (r: Ll144Row) =>
    `| ${md(r.category)} | ${md(r.applicants)} | ${md(r.selectionRate)} | ${md(r.impactRatio)} |${v.hasScores ? ` ${md(r.scoringRate ?? 'n/a')} | ${md(r.scoringImpactRatio ?? 'n/a')} |` : ''}`;
  for (const t of v.tables) {
    lines.push(`## ${md(t.title)}`, '', header, rule, ...t.rows.map(line), ...t.excluded.map(line), '');
  }
  lines.push('## Categories left out of the impact ratios', '');
  if (v.hasExcluded) {
    lines.push('Categories under 2% of the data are shown above with their counts and rates but left out of the impact ratios.', '', `**Justification**: ${md(v.justification)}`, '');
  } else {
    lines.push('None: every category with a known value is at least 2% of the data.', '');
  }
  lines.push(`<sub>${md(v.footer)}</sub>`, '');
  return lines.join('\n');
}
