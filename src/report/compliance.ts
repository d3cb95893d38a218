/**
 * The compliance map: which part of the report speaks to which framework, and what this audit
 * observed for it. The rows themselves (provision, citation, what it asks, review date) are data in
 * compliance-map.ts; this module writes the observations. Informational only; the texts summarize
 * the frameworks and are not legal advice.
 */
import type { AuditResults } from '../results/index.js';
import { COMPLIANCE_MAP, type ComplianceObservation } from './compliance-map.js';
import { formatAgainst, formatCount } from './format.js';

export { COMPLIANCE_MAP_AS_OF } from './compliance-map.js';

/** One framework row of the compliance map. */
export interface ComplianceRow {
  framework: string;
  provision: string;
  /** The citation a reader looks up. */
  citation: string;
  /** What the provision asks, in one or two sentences. */
  asks: string;
  /** Where the report addresses it (section anchor and title). */
  section: { id: string; title: string };
  /** What this audit observed that bears on it. */
  observed: string;
  /** YYYY-MM-DD: when the row was last reviewed. */
  reviewed: string;
}

/** What the map says beyond the results. */
export interface ComplianceOptions {
  /** The fingerprint of the key the outputs are signed with, when they are. */
  signer?: string;
}

/** The compliance map rows for `results`, in the data file's order. */
export function complianceMap(results: AuditResults, groupLabel: (key: Record<string, string>) => string, options: ComplianceOptions = {}): ComplianceRow[] {
  const observe = observations(results, groupLabel, options);
  return COMPLIANCE_MAP.map((entry) => ({
    framework: entry.framework,
    provision: entry.provision,
    citation: entry.citation,
    asks: entry.asks,
    section: entry.section,
    observed: observe[entry.id],
    reviewed: entry.reviewed,
  }));
}

function observations(results: AuditResults, groupLabel: (key: Record<string, string>) => string, options: ComplianceOptions): Record<ComplianceObservation, string> {
  const attributes = results.attributes.filter((a) => a.kind === 'attribute').map((a) => a.name);
  const intersections = results.attributes.filter((a) => a.kind === 'intersection').map((a) => a.name);
  const flagged = results.attributes.flatMap((a) =>
    a.groups.filter((g) => g.eligible && g.four_fifths_flag === true).map((g) => `${groupLabel(g.key)} (${a.name}) ${formatAgainst(g.impact_ratio, 0.8)}`),
  );
  const masking = results.masking;
  const profile = masking?.profile;
  const list = (items: string[]) => (items.length ? items.join(', ') : 'none');
  const represented = results.representativeness?.attributes.map((r) => r.attribute) ?? [];
  const gapCount = results.representativeness?.gaps.length;
  const gaps = gapCount === undefined ? 'Data gaps were not measured in these results.' : `${gapCount} data gap(s) listed.`;
  const meta = results.audit;
  const tested = results.attributes.some((a) => a.groups.some((g) => g.test));

  return {
    'eu-data': `Examined ${formatCount(results.input.rows_used)} rows for ${attributes.length} attribute(s) (${list(attributes)}) and ${intersections.length} intersection(s); overall verdict ${results.verdict.toUpperCase()}. ${
      represented.length ? `Representativeness against the declared population: ${list(represented)}.` : 'No population was declared (population:), so representativeness was not measured.'
    } ${gaps}`,
    'eu-signed': `${meta ? `Audit dated ${meta.date}${meta.auditor ? ` by ${meta.auditor}` : ''}.` : 'No audit: metadata (auditor, date) in the config.'} ${
      options.signer ? `The output files are signed (Ed25519 key ${options.signer}); check them with fairaudit verify.` : 'The output files are not signed (--sign-key); the sign-off section is for a handwritten signature.'
    }`,
    nist: `${results.checks.length} policy check(s) evaluated with 95% intervals; limitations and definitions are documented in this report.`,
    ll144:
      results.config.mode === 'll144'
        ? `Run in LL144 mode: categories under 2% of the data are left out of impact ratios and named; ll144-summary.html and .md carry the published summary. Intersections: ${list(intersections)}.`
        : `Run in standard mode (groups under ${results.config.min_group_size} rows are not judged), not LL144 mode. Intersections: ${list(intersections)}.`,
    eeoc: `${flagged.length ? `Judged groups with an impact ratio below 0.8: ${flagged.join('; ')}.` : 'No judged group has an impact ratio below 0.8.'}${
      tested ? ' Each group is also tested against the reference group (Fisher or z-test, Benjamini–Hochberg adjusted) for statistical significance.' : ''
    }`,
    ecoa: `Approval (favorable) rates and impact ratios are reported per group; fairaudit does not produce adverse action reasons. Outcome audited: ${results.outcome === 'prediction' ? "the model's decisions" : 'the recorded labels'}.`,
    colorado: `Provenance of the data and the model is recorded in section "Data and provenance"${meta?.model ? `; model ${meta.model}${meta.model_version ? ` ${meta.model_version}` : ''}` : ''}${
      results.models?.length ? `; ${results.models.length} model file(s) fingerprinted` : ''
    }.`,
    gdpr: `This audit processed the sensitive column(s) ${list(results.columns.sensitive)}. Confirm the legal basis for any that reveal a special category.`,
    hipaa: masking
      ? `Masking ran${profile ? ` with the "${profile}" profile` : ''}; see the masking section for each column's operator.`
      : 'Masking did not run in this audit; identifiers in the input are untouched.',
    iso42001: `Inputs and config are fingerprinted (SHA-256), the seed is recorded${options.signer ? ', and the outputs are signed' : ''}: evidence for performance evaluation. ${gaps}`,
  };
}
