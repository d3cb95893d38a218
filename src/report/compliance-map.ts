/**
 * The compliance map's rows as data: one edit here updates the map. Each row names the framework,
 * the provision and its citation, what it asks in plain words, where the report serves it, and the
 * date the row was last reviewed. What the audit observed is written per row by compliance.ts
 * (keyed by `id`). Informational, not legal advice. Dates of changes that could not be checked
 * against the primary text say "as reported".
 */

/** The date the map as a whole was last reviewed (shown in the report). */
export const COMPLIANCE_MAP_AS_OF = '2026-12-06';

/** Which observation compliance.ts writes for a row. */
export type ComplianceObservation =
  | 'eu-data'
  | 'eu-signed'
  | 'nist'
  | 'll144'
  | 'eeoc'
  | 'ecoa'
  | 'colorado'
  | 'gdpr'
  | 'hipaa'
  | 'iso42001';

/** One row of the map, as data. */
export interface ComplianceEntry {
  id: ComplianceObservation;
  framework: string;
  provision: string;
  /** The citation a reader looks up. */
  citation: string;
  /** What the provision asks, in one or two sentences, with its current status. */
  asks: string;
  /** Where the report addresses it (section anchor and title). */
  section: { id: string; title: string };
  /** YYYY-MM-DD: when this row was last checked against its sources. */
  reviewed: string;
}

/** The rows, in the order the report shows them. */
export const COMPLIANCE_MAP: readonly ComplianceEntry[] = [
  {
    id: 'eu-data',
    framework: 'EU AI Act',
    provision: 'Article 10 (data and data governance)',
    citation: 'Regulation (EU) 2024/1689, Art. 10(2)(f)–(h), 10(3), 10(5)',
    asks:
      'Data of high-risk AI systems must be examined for possible biases (10(2)(f)), with measures to detect, prevent and mitigate them (10(2)(g)); data gaps must be identified (10(2)(h)); data must be sufficiently representative of the persons the system is meant for (10(3)). Art. 10(5) allows processing special categories of data for bias detection, under safeguards. As reported, the Digital Omnibus (agreed May 2026) moves the obligations for Annex III high-risk systems, such as hiring and credit scoring, to 2 December 2027.',
    section: { id: 'representativeness', title: 'Representativeness and data gaps' },
    reviewed: '2026-12-06',
  },
  {
    id: 'eu-signed',
    framework: 'EU AI Act',
    provision: 'Annex IV, point 2(g) (technical documentation: testing)',
    citation: 'Regulation (EU) 2024/1689, Annex IV 2(g)',
    asks: 'The technical documentation includes the test logs and test reports, dated and signed by the responsible persons, including on potentially discriminatory impacts.',
    section: { id: 'signoff', title: 'Review and sign-off' },
    reviewed: '2026-12-06',
  },
  {
    id: 'nist',
    framework: 'NIST AI RMF 1.0',
    provision: 'MEASURE 2.11',
    citation: 'NIST AI 100-1 (2023), MEASURE 2.11',
    asks: 'Fairness and bias, as identified in the MAP function, are evaluated and the results are documented. Voluntary.',
    section: { id: 'verdict', title: 'Verdict' },
    reviewed: '2026-12-06',
  },
  {
    id: 'll144',
    framework: 'NYC Local Law 144',
    provision: 'Bias audit of automated employment decision tools and its published summary',
    citation: 'NYC Admin. Code §§ 20-870–20-874; DCWP rules 6 RCNY §§ 5-300–5-304',
    asks:
      'An independent bias audit within a year before use reports selection (or scoring) rates and impact ratios for every sex, race/ethnicity and intersectional category, the number of individuals in an unknown category, and the source of the data; categories under 2% of the data may be left out of impact ratios with the auditor\'s justification. The employer publishes a summary with the audit date and the tool\'s distribution date.',
    section: { id: 'metrics', title: 'Metrics by attribute and intersection' },
    reviewed: '2026-12-06',
  },
  {
    id: 'eeoc',
    framework: 'EEOC Uniform Guidelines',
    provision: 'Four-fifths rule, with statistical and practical significance',
    citation: '29 CFR 1607.4(D) (Uniform Guidelines on Employee Selection Procedures, 1978)',
    asks:
      'A selection rate for any race, sex or ethnic group below four-fifths (80%) of the highest group\'s rate is generally regarded as evidence of adverse impact; smaller differences can be adverse impact when statistically and practically significant, and a larger one may not be when based on small numbers. The Guidelines stand; the EEOC\'s 2023 technical assistance on AI selection tools was, as reported, withdrawn in January 2025.',
    section: { id: 'metrics', title: 'Metrics by attribute and intersection' },
    reviewed: '2026-12-06',
  },
  {
    id: 'ecoa',
    framework: 'ECOA / Regulation B',
    provision: 'Discrimination in credit and adverse action notices',
    citation: '15 U.S.C. § 1691; 12 CFR 1002.4, 1002.6(a), 1002.9',
    asks:
      'Creditors may not discriminate on a prohibited basis (race, color, religion, national origin, sex, marital status, age, public assistance) and must give applicants the specific reasons for adverse action. The CFPB proposed (13 November 2025) and, as reported, finalized in April 2026 an amendment removing the "effects test" (disparate impact) from § 1002.6(a); disparate impact may still matter under other laws and in other states.',
    section: { id: 'metrics', title: 'Metrics by attribute and intersection' },
    reviewed: '2026-12-06',
  },
  {
    id: 'colorado',
    framework: 'Colorado SB 26-189',
    provision: 'Automated decision-making technology in consequential decisions (replaces SB 24-205)',
    citation: 'Colorado SB 26-189 (2026), repealing and replacing SB 24-205 (C.R.S. 6-1-1701 ff.)',
    asks:
      'As reported: signed in May 2026, in force 1 January 2027. Developers document intended uses, categories of training data and known limitations for deployers; deployers notify people when the technology materially influences a consequential decision (employment, lending, housing, education, health care), with rights to correct data and to human review. The 2024 law\'s duty of care against algorithmic discrimination and its impact assessments are gone.',
    section: { id: 'data', title: 'Data and provenance' },
    reviewed: '2026-12-06',
  },
  {
    id: 'gdpr',
    framework: 'GDPR',
    provision: 'Article 9 (special categories of personal data)',
    citation: 'Regulation (EU) 2016/679, Art. 9',
    asks:
      'Processing data revealing racial or ethnic origin, political opinions, religious beliefs, health, sex life or sexual orientation (among others) is prohibited unless an Article 9(2) condition applies.',
    section: { id: 'discovery', title: 'Sensitive attributes and identifiers' },
    reviewed: '2026-12-06',
  },
  {
    id: 'hipaa',
    framework: 'HIPAA',
    provision: 'Safe Harbor de-identification',
    citation: '45 CFR 164.514(b)(2)',
    asks: 'Health information is de-identified when 18 kinds of identifiers are removed (dates reduced to the year, ages over 89 grouped, ZIP codes to 3 digits) and no actual knowledge of re-identification remains.',
    section: { id: 'masking', title: 'Masking and k-anonymity' },
    reviewed: '2026-12-06',
  },
  {
    id: 'iso42001',
    framework: 'ISO/IEC 42001',
    provision: 'AI management system: performance evaluation, impact assessment, data for AI systems',
    citation: 'ISO/IEC 42001:2023, clause 9.1; Annex A controls A.5 and A.7',
    asks: 'An organization monitors, measures and evaluates its AI systems, assesses their impacts on individuals and groups, and manages the quality and provenance of their data, keeping documented evidence. Voluntary, certifiable.',
    section: { id: 'data', title: 'Data and provenance' },
    reviewed: '2026-12-06',
  },
];
