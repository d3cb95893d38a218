/**
 * The compliance map: which part of the report speaks to which framework, and what this audit
 * observed for it. Informational only; the texts summarize the frameworks and are not legal advice.
 */
import type { AuditResults } from '../results/index.js';
import { formatAgainst, formatCount } from './format.js';

/** One framework row of the compliance map. */
export interface ComplianceRow {
  framework: string;
  provision: string;
  /** What the provision asks, in one or two sentences. */
  asks: string;
  /** Where the report addresses it (section anchor and title). */
  section: { id: string; title: string };
  /** What this audit observed that bears on it. */
  observed: string;
}

/** The compliance map rows for `results`, in a fixed order. */
export function complianceMap(results: AuditResults, groupLabel: (key: Record<string, string>) => string): ComplianceRow[] {
  const attributes = results.attributes.filter((a) => a.kind === 'attribute').map((a) => a.name);
  const intersections = results.attributes.filter((a) => a.kind === 'intersection').map((a) => a.name);
  const flagged = results.attributes.flatMap((a) =>
    a.groups.filter((g) => g.eligible && g.four_fifths_flag === true).map((g) => `${groupLabel(g.key)} (${a.name}) ${formatAgainst(g.impact_ratio, 0.8)}`),
  );
  const masking = results.masking as { profile?: unknown } | undefined;
  const profile = masking && typeof masking === 'object' && typeof masking.profile === 'string' ? masking.profile : undefined;
  const list = (items: string[]) => (items.length ? items.join(', ') : 'none');

  return [
    {
      framework: 'EU AI Act',
      provision: 'Article 10 (data and data governance)',
      asks:
        'Training, validation and test data of high-risk AI systems must be examined for possible biases that could affect health, safety or fundamental rights or lead to discrimination, with measures to detect, prevent and mitigate them. Art. 10(5) allows processing special categories of personal data for bias detection, under safeguards.',
      section: { id: 'metrics', title: 'Metrics by attribute and intersection' },
      observed: `Examined ${formatCount(results.input.rows_used)} rows for ${attributes.length} attribute(s) (${list(attributes)}) and ${intersections.length} intersection(s); overall verdict ${results.verdict.toUpperCase()}.`,
    },
    {
      framework: 'NIST AI RMF 1.0',
      provision: 'MEASURE 2.11',
      asks: 'Fairness and bias, as identified in the MAP function, are evaluated and the results are documented.',
      section: { id: 'verdict', title: 'Verdict' },
      observed: `${results.checks.length} policy check(s) evaluated with 95% intervals; limitations and definitions are documented in this report.`,
    },
    {
      framework: 'NYC Local Law 144',
      provision: 'Bias audit of automated employment decision tools (impact ratios)',
      asks:
        'An independent bias audit reports selection (or scoring) rates and impact ratios for sex, race/ethnicity and their intersectional categories; categories under 2% of the data may be excluded from impact ratios if the audit says so.',
      section: { id: 'metrics', title: 'Metrics by attribute and intersection' },
      observed:
        results.config.mode === 'll144'
          ? `Run in LL144 mode: categories under 2% of the data are left out of impact ratios. Intersections: ${list(intersections)}.`
          : `Run in standard mode (groups under ${results.config.min_group_size} rows are not judged), not LL144 mode. Intersections: ${list(intersections)}.`,
    },
    {
      framework: 'EEOC Uniform Guidelines',
      provision: 'Four-fifths rule (29 CFR 1607.4(D))',
      asks: 'A selection rate for any race, sex or ethnic group below four-fifths (80%) of the rate of the group with the highest rate is generally regarded as evidence of adverse impact.',
      section: { id: 'metrics', title: 'Metrics by attribute and intersection' },
      observed: flagged.length ? `Judged groups with an impact ratio below 0.8: ${flagged.join('; ')}.` : 'No judged group has an impact ratio below 0.8.',
    },
    {
      framework: 'GDPR',
      provision: 'Article 9 (special categories of personal data)',
      asks:
        'Processing data revealing racial or ethnic origin, political opinions, religious beliefs, health, sex life or sexual orientation (among others) is prohibited unless an Article 9(2) condition applies.',
      section: { id: 'discovery', title: 'Sensitive attributes and identifiers' },
      observed: `This audit processed the sensitive column(s) ${list(results.columns.sensitive)}. Confirm the legal basis for any that reveal a special category.`,
    },
    {
      framework: 'HIPAA',
      provision: 'Safe Harbor de-identification (45 CFR 164.514(b)(2))',
      asks: 'Health information is de-identified when 18 kinds of identifiers are removed (dates reduced to the year, ages over 89 grouped, ZIP codes to 3 digits) and no actual knowledge of re-identification remains.',
      section: { id: 'masking', title: 'Masking and k-anonymity' },
      observed: masking
        ? `Masking ran${profile ? ` with the "${profile}" profile` : ''}; see the masking section for each column's operator.`
        : 'Masking did not run in this audit; identifiers in the input are untouched.',
    },
  ];
}
