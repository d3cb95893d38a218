/**
 * Discovery turned into an editable audit config (`fairaudit init`): the YAML text, with a
 * comment on each choice saying why it was made. Pure: the command writes the file.
 */
import { parse, stringify } from 'yaml';
import { fillInText, placeholderLine } from '../config/placeholders.js';
import { namedForRole, protectedAttributes, suggestRoles } from './attributes.js';
import { DEFAULT_POSITIVE_TEXT } from '../metrics/outcome.js';
import type { ColumnFinding, DiscoveryResult } from '../results/index.js';

/** Mask rules written for the columns discovery flags (the `default` profile's choices, spelled out). */
function maskRule(f: ColumnFinding): string | undefined {
  if (f.identifier_kind === 'date_of_birth') return '{ op: generalize, date: year }';
  if (f.identifier_kind === 'zip' || f.identifier_kind === 'postcode') return '{ op: generalize, zip_digits: 3 }';
  if (f.categories.includes('identifier')) return '{ op: hmac }';
  if (f.contains_some_pii) return '{ op: redact }';
  return undefined;
}

/**
 * The YAML text of an audit config for `dataset` from a discovery result: `dataset`, the label,
 * prediction and score when obvious by name ({@link suggestRoles}), `sensitive` from
 * {@link protectedAttributes}, and a `mask:` section for the identifiers, quasi-identifiers and
 * free text with PII. Every choice, and every column left out, carries a comment saying why.
 *
 * @example
 * await writeFile('configs/loans.yaml', configFromDiscovery(result, { dataset: 'loans' }));
 */
export function configFromDiscovery(result: DiscoveryResult, options: { dataset: string }): string {
  const out: string[] = [];
  const byName = new Map(result.columns.map((f) => [f.column, f]));
  const sampled =
    result.sample_rows === result.rows_seen
      ? `all ${count(result.rows_seen)} rows`
      : `a random sample of ${count(result.sample_rows)} of ${count(result.rows_seen)} rows (seed ${result.seed})`;
  out.push(`# fairaudit config for ${options.dataset}, written by \`fairaudit init\` from discovery on ${sampled}.`);
  out.push('# Each choice says why. Edit freely: flags given to `fairaudit audit` override these values.');
  out.push('', `dataset: ${scalar(options.dataset)}`, '');

  const roles = suggestRoles(result);
  const roleText = {
    label: ['the true outcome', 'set the column holding the true outcome'],
    prediction: ["the model's decision", "set the column holding the model's decision (or a score and threshold)"],
    score: ["the model's score", 'set it to audit scores (AUC, calibration) or to derive predictions with a threshold'],
  } as const;
  for (const role of ['label', 'prediction', 'score'] as const) {
    const column = roles[role];
    if (column) {
      const f = byName.get(column)!;
      out.push(`# ${roleText[role][0]}: "${column}", obvious from its name (${count(f.distinct)} distinct values in the sample).`);
      out.push(`${role}: ${scalar(column)}`);
    } else {
      // The line number is said in the comment, and `audit` with this config unchanged says it too.
      const open = { role, line: out.length + 3 };
      const near = namedForRole(result, role).filter((c) => !Object.values(roles).includes(c));
      const hint = near.length ? ` (${near.map((c) => `"${c}" is named like it but has ${count(byName.get(c)!.distinct)} distinct values: set positive: too`).join('; ')})` : '';
      out.push(`# ${role}: no column is obviously ${roleText[role][0]} by name and values${hint}; ${roleText[role][1]}.`);
      out.push(`# To audit it, ${fillInText(open)}.`);
      out.push(placeholderLine(role));
    }
  }
  out.push(...outcomeSettings(roles));
  const noDefault = [roles.label, roles.prediction].filter((c): c is string => !!c).find((c) => lacksDefaultPositive(byName.get(c)!));
  if (noDefault) {
    const f = byName.get(noDefault)!;
    const open = { role: 'positive' as const, line: out.length + 3 };
    out.push(`# positive: "${noDefault}" holds ${f.examples.map((v) => JSON.stringify(v)).join(' and ')}, and neither counts as 1 by default (1, true, yes, y, t).`);
    out.push(`# To audit it, ${fillInText(open)}.`);
    out.push(placeholderLine('positive'));
  }

  const sensitive = protectedAttributes(result).filter((c) => !Object.values(roles).includes(c));
  out.push('');
  if (sensitive.length) {
    out.push('# Sensitive attributes to audit: one column per protected characteristic.');
    out.push('sensitive:');
    for (const column of sensitive) {
      const f = byName.get(column)!;
      out.push(`  # ${f.protected_kind?.replace(/_/g, ' ')}: ${oneLine(f.evidence.join('; '))} (confidence ≥ ${f.confidence_lower.toFixed(2)})`);
      out.push(`  - ${scalar(column)}`);
    }
  } else {
    out.push('# No protected attribute was found; name the columns to audit:');
    out.push('# sensitive: [COLUMN, COLUMN]');
  }
  const chosen = new Set(sensitive);
  for (const f of result.columns.filter((c) => c.categories.includes('protected') && !chosen.has(c.column))) {
    const kind = f.protected_kind?.replace(/_/g, ' ');
    const instead = sensitive.find((c) => byName.get(c)?.protected_kind === f.protected_kind);
    out.push(`# Not audited: ${f.column} (${kind}${instead ? `; "${instead}" covers ${kind}` : ''}). Add it to sensitive to audit it too.`);
  }
  for (const f of result.columns.filter((c) => c.proxy_for?.length)) {
    const links = f.proxy_for!.map((p) => `${p.attribute} (V = ${p.cramers_v.toFixed(2)}, ${p.strength === 'strong' ? 'strong' : 'moderate'})`).join(', ');
    out.push(`# Proxy to review, not audited: ${f.column} is associated with ${links}.`);
  }

  out.push('', 'mask:', '  # default: identifiers hashed with a key, quasi-identifiers generalized; the rules below win.', '  profile: default');
  const rules = result.columns.map((f) => ({ f, rule: maskRule(f) })).filter((r) => r.rule !== undefined);
  if (rules.length) {
    out.push('  columns:');
    for (const { f, rule } of rules) {
      const why = f.contains_some_pii && !f.categories.includes('identifier') ? 'free text that holds some PII' : `${f.categories.filter((c) => c !== 'proxy').join(', ')} (${f.identifier_kind?.replace(/_/g, ' ')})`;
      out.push(`    # ${why}: ${oneLine(f.evidence.join('; '))}`);
      out.push(`    ${scalar(f.column, 'key')}: ${rule}`);
    }
  }
  const quasi = result.columns.filter((f) => f.categories.includes('quasi-identifier')).map((f) => f.column);
  if (quasi.length) {
    out.push('  # Measured for k-anonymity: the columns that re-identify people in combination.');
    out.push(`  quasi_identifiers: [${quasi.map((c) => scalar(c, 'flow')).join(', ')}]`);
  }
  out.push(
    '',
    '# policy: the defaults apply (impact_ratio ≥ 0.8, demographic_parity_difference ≤ 0.1,',
    '# equalized_odds_difference ≤ 0.1 when there are predictions). To change them:',
    '# policy:',
    '#   - { metric: impact_ratio, min: 0.8, severity: fail }',
    '',
  );
  // Column names are data, never config: a name holding a line break must not end a comment and
  // start a key. Every entry above is one line; any line break left inside one is a space.
  return out.map((line) => line.replace(LINE_BREAKS, ' ')).join('\n');
}

/**
 * Settings that follow from the outcome columns' names: a COMPAS-style decile score (1–10) needs
 * a threshold to yield decisions (0.5 would make every score positive), and an outcome that is a
 * risk to the person (recidivism, default) makes a positive prediction unfavorable.
 */
function outcomeSettings(roles: { label?: string; prediction?: string; score?: string }): string[] {
  const out: string[] = [];
  const words = (column: string | undefined) => (column ? column.toLowerCase().split(/[^\p{L}\p{N}]+/u) : []);
  if (roles.score && !roles.prediction && words(roles.score).includes('decile')) {
    out.push(
      '# The score is a decile (1–10): deciles 5 and up are "medium" or "high" risk, the cut ProPublica used for COMPAS.',
      '# Change it to the cut-off the decisions use.',
      'threshold: 5',
    );
  }
  const risk = [roles.label, roles.prediction].some((c) => words(c).some((w) => /^(recid|recidivism|default|defaulted|reincidencia|impago|defaut|recidive|ausfall)/.test(w)));
  if (risk) {
    out.push('# The outcome is a risk (recidivism, default): a positive prediction does not benefit the person.', 'favorable: negative');
  }
  return out;
}

/**
 * Whether every value of a binary outcome column is known from its examples and none counts as
 * positive by default: the audit would refuse it until `positive` is set.
 */
function lacksDefaultPositive(f: ColumnFinding): boolean {
  if (f.distinct === 0 || f.examples.length !== f.distinct) return false;
  return !f.examples.some((v) => DEFAULT_POSITIVE_TEXT.includes(v.trim().toLowerCase()));
}

/** What YAML (and editors) may take as a line break. */
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029]/g;

/**
 * A column name as one YAML scalar on one line, for a value (`label: x`), a mapping key
 * (`x: {op: hmac}`) or an item of a flow list (`[x, y]`): plain when the YAML library reads the
 * plain text back as exactly the name in that place, else double-quoted by the library (every
 * line break and control character escaped). A header such as `ethnic_group\nfail_on: never`
 * stays one string and adds no key.
 */
export function scalar(value: string, place: 'value' | 'key' | 'flow' = 'value'): string {
  const plain = stringify(value, { lineWidth: 0 }).trimEnd();
  if (!/[\r\n\u0085\u2028\u2029]/.test(plain) && readsBack(plain, value, place)) return plain;
  const double = stringify(value, { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0, minContentWidth: 0 }).trimEnd();
  if (!/[\r\n\u0085\u2028\u2029]/.test(double) && readsBack(double, value, place)) return double;
  // JSON's escapes are valid YAML double-quoted escapes; \u0085, \u2028 and \u2029 are escaped too.
  return JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function readsBack(text: string, value: string, place: 'value' | 'key' | 'flow'): boolean {
  try {
    if (place === 'key') {
      const parsed = parse(`${text}: 0`) as unknown;
      return !!parsed && typeof parsed === 'object' && Object.keys(parsed).length === 1 && Object.hasOwn(parsed, value);
    }
    const parsed = parse(place === 'flow' ? `[${text}]` : `v: ${text}`) as unknown;
    return place === 'flow' ? Array.isArray(parsed) && parsed.length === 1 && parsed[0] === value : (parsed as { v?: unknown })?.v === value;
  } catch {
    return false;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
