/**
 * The masking plan: one rule per column, from the config's `mask.columns` first, then from a
 * profile applied to what discovery found. Building it is pure; `--dry-run` prints it.
 */
import type { DataType, Schema } from 'apache-arrow';
import type { AuditConfig, MaskConfig, MaskProfile, MaskRule } from '../config/types.js';
import { MASK_PROFILES } from '../config/types.js';
import type { ColumnFinding, DiscoveryResult, IdentifierKind } from '../results/index.js';
import { UserError, unknownColumn } from '../errors.js';
import { isNumeric, isTemporal, valueKind } from '../arrow/cells.js';

/** One column's place in the plan. */
export interface PlannedColumn {
  column: string;
  /** Arrow type as text. */
  type: string;
  rule: MaskRule;
  /** Where the rule came from: the config, the profile, or nothing (kept). */
  source: 'config' | 'profile' | 'none';
  /** Why, in words a reviewer reads: `identifier (email) → hmac`. */
  reason: string;
  /**
   * Kept for the audit (label, prediction, score, a protected attribute): enforcing k never
   * suppresses its values, so an audit of the masked data equals the audit of the original.
   */
  audited: boolean;
}

/** The whole plan: every column of the input, in order. */
export interface MaskPlan {
  profile: MaskProfile;
  columns: PlannedColumn[];
  /**
   * Columns measured for k-anonymity: `mask.quasi_identifiers` when set, else the discovered
   * quasi-identifiers and the columns the profile generalized, minus dropped ones.
   */
  quasi_identifiers: string[];
}

/** Inputs to {@link planMasking}. */
export interface PlanOptions {
  schema: Schema;
  /** The `mask:` section (its `columns` win over the profile). */
  config?: MaskConfig;
  /** What discovery found; without it only the config, names and types guide the profile. */
  discovery?: DiscoveryResult;
  /** Default: `config.profile`, else `default`. */
  profile?: MaskProfile;
  /** Columns the audit reads (label, prediction, score, sensitive attributes): kept unless the config names them. */
  keep?: readonly string[];
  /** The date ages are reckoned at, epoch ms (default now): Safe Harbor folds birth years of people over 89. */
  now?: number;
}

/**
 * The k-anonymity each profile's copy must reach unless `--k` / `mask.k` says otherwise: 5, the
 * smallest class size commonly asked of shared microdata.
 */
export const PROFILE_K_TARGET: Readonly<Record<MaskProfile, number>> = { default: 5, 'hipaa-safe-harbor': 5 };

/** The age bins the default profile generalizes an age quasi-identifier to (DESIGN §6). */
export const DEFAULT_AGE_BINS: readonly number[] = [25, 45, 65];

/** The columns an audit config reads, which masking leaves untouched unless told otherwise. */
export function auditColumns(config: AuditConfig): string[] {
  const names = [config.label, config.prediction, config.score, config.weight, config.strata, ...(config.sensitive ?? [])];
  return names.filter((n): n is string => typeof n === 'string' && n.length > 0);
}

/**
 * Builds the plan. Profile `default`: identifiers (names, codes, contacts) hmac'd; ZIP codes to 3
 * digits, dates and datetimes to year, age quasi-identifiers to bins, other quasi-identifiers
 * suppress-rare (k 5); free text scrubbed; protected attributes and the audit's columns kept.
 * Profile `hipaa-safe-harbor`: the Safe Harbor identifiers found in tabular data dropped (near-unique
 * codes too: never hashed, and an `hmac` rule is refused unless `mask.allow_hmac_under_safe_harbor`);
 * dates to year, birth years of people over 89 folded into one class; ZIP codes to 3 digits (000 for
 * restricted areas); ages and age bands over 89 to `90+`; free text scrubbed with its dates; the
 * audit's label, prediction and score kept.
 *
 * @example
 * planMasking({ schema: table.schema, discovery, profile: 'default', keep: ['approved', 'sex'] })
 */
export function planMasking(options: PlanOptions): MaskPlan {
  const { schema, config = {}, discovery } = options;
  const profile = options.profile ?? config.profile ?? 'default';
  if (!MASK_PROFILES.includes(profile)) {
    throw new UserError(`invalid mask profile: ${String(profile)}`, { hint: `use ${MASK_PROFILES.join(' or ')}` });
  }
  const names = schema.fields.map((f) => f.name);
  for (const name of Object.keys(config.columns ?? {})) {
    if (!names.includes(name)) throw unknownColumn(name, names, { flag: `mask.columns.${name}` });
  }
  for (const name of config.quasi_identifiers ?? []) {
    if (!names.includes(name)) throw unknownColumn(name, names, { flag: 'mask.quasi_identifiers' });
  }
  const findings = new Map((discovery?.columns ?? []).map((f) => [f.column, f]));
  const keep = new Set(options.keep ?? []);
  const columns = schema.fields.map((field): PlannedColumn => {
    const type = String(field.type);
    const configured = config.columns?.[field.name];
    const finding = findings.get(field.name);
    const audited = keep.has(field.name) || (finding?.categories.includes('protected') ?? false);
    if (configured) {
      return { column: field.name, type, rule: configured, source: 'config', reason: 'set in mask.columns', audited: audited && configured.op === 'keep' };
    }
    const decided = profile === 'hipaa-safe-harbor'
      ? hipaaRule(field.name, field.type, finding, keep, options)
      : defaultRule(field.name, field.type, finding, keep);
    const kept = decided.rule.op === 'keep';
    // A top code leaves every age up to 89 as it was, so the audit still reads the column: it is
    // never suppressed to reach k either.
    const readable = kept || (decided.rule.op === 'generalize' && decided.rule.top_code !== undefined);
    return { column: field.name, type, rule: decided.rule, source: kept ? 'none' : 'profile', reason: decided.reason, audited: audited && readable };
  });
  if (profile === 'hipaa-safe-harbor' && !config.allow_hmac_under_safe_harbor) {
    const coded = columns.find((c) => c.rule.op === 'hmac' || (c.rule.op === 'scrub' && c.rule.spans === 'hmac'));
    if (coded) {
      throw new UserError(`hmac is not allowed under hipaa-safe-harbor: a code derived from an identifier is not a permitted re-identification code (45 CFR 164.514(c))`, {
        column: coded.column,
        hint: `use drop or redact in mask.columns.${coded.column}, or set mask.allow_hmac_under_safe_harbor: true to accept it`,
      });
    }
  }
  const dropped = new Set(columns.filter((c) => c.rule.op === 'drop').map((c) => c.column));
  const quasi = config.quasi_identifiers
    ?? columns
      .filter((c) => !dropped.has(c.column))
      .filter((c) => findings.get(c.column)?.categories.includes('quasi-identifier') || (c.source === 'profile' && c.rule.op === 'generalize'))
      .filter((c) => !findings.get(c.column)?.categories.includes('identifier') || c.rule.op === 'generalize')
      .map((c) => c.column);
  return { profile, columns, quasi_identifiers: quasi };
}

interface Decision {
  rule: MaskRule;
  reason: string;
}

const KEEP_PROTECTED = 'kept so an audit of the masked data equals the audit of the original';

function defaultRule(column: string, type: DataType, finding: ColumnFinding | undefined, keep: Set<string>): Decision {
  if (keep.has(column)) return { rule: { op: 'keep' }, reason: `used by the audit: ${KEEP_PROTECTED}` };
  if (!finding) return { rule: { op: 'keep' }, reason: 'nothing identifying found' };
  const kind = finding.identifier_kind;
  // A date of birth identifies before it protects: its year still gives the age to within a year.
  if (kind === 'date_of_birth') return { rule: { op: 'generalize', date: 'year' }, reason: 'date of birth → year' };
  if (finding.categories.includes('protected')) {
    return { rule: { op: 'keep' }, reason: `protected attribute (${finding.protected_kind ?? 'sensitive'}): ${KEEP_PROTECTED}` };
  }
  const isIdentifier = finding.categories.includes('identifier');
  const isQuasi = finding.categories.includes('quasi-identifier');
  if (kind === 'zip' || kind === 'postcode') return { rule: { op: 'generalize', zip_digits: 3 }, reason: `${kind} → first 3 digits` };
  if (kind === 'date' || (isQuasi && isTemporal(type))) {
    return { rule: { op: 'generalize', date: 'year' }, reason: `${kind ?? 'date'} → year` };
  }
  if (isIdentifier) return { rule: { op: 'hmac' }, reason: `identifier (${kind ?? 'unique id'}) → keyed hash, joins still work` };
  if (finding.free_text || finding.contains_some_pii) {
    return { rule: { op: 'scrub' }, reason: 'free text → e-mails, phones, SSNs, cards, IBANs, IPs, URLs, street addresses, birth dates and names replaced, the rest kept' };
  }
  if (isQuasi) {
    if (finding.protected_kind === 'age' || (isNumeric(type) && isAgeName(column))) {
      return { rule: { op: 'generalize', bins: [...DEFAULT_AGE_BINS] }, reason: 'age quasi-identifier → bins <25, 25–44, 45–64, 65+' };
    }
    return { rule: { op: 'suppress-rare', k: 5 }, reason: 'quasi-identifier → values seen fewer than 5 times become (other)' };
  }
  return { rule: { op: 'keep' }, reason: finding.categories.includes('proxy') ? 'proxy: kept, review it in the report' : 'nothing identifying found' };
}

/** A Safe Harbor identifier (45 CFR 164.514(b)(2)(i)) recognized by column name. */
interface HipaaNameRule {
  element: string;
  pattern: RegExp;
}

/**
 * Column names of the Safe Harbor identifiers that appear in tabular data, matched on the name's
 * words joined by `_` (`PatientDOB` → `patient_dob`). ZIP codes, dates and ages are handled apart
 * because they are generalized, not dropped.
 */
const HIPAA_DROP_NAMES: readonly HipaaNameRule[] = [
  { element: 'name', pattern: /^((first|last|middle|full|given|family|maiden|patient|member|customer|person|contact|nick)_)?(name|surname)$|^(fname|lname|mname|surname|first|last|middle|given)$|(^|_)(manager|supervisor|contact|spouse|parent|guardian|physician|doctor|provider|nurse|agent|officer|attorney|judge|recruiter|interviewer|reviewer|owner)_name$/ },
  { element: 'geographic subdivision smaller than a state', pattern: /(^|_)(street|address|addr|city|town|county|precinct|neighbou?rhood|latitude|longitude|lat|lon|lng|geo|coordinates?|geocode)(_|$)/ },
  { element: 'telephone number', pattern: /(^|_)(phone|telephone|tel|mobile|cell|cellphone)(_|$)/ },
  { element: 'fax number', pattern: /(^|_)fax(_|$)/ },
  { element: 'email address', pattern: /(^|_)e_?mail(_|$)/ },
  { element: 'social security number', pattern: /(^|_)(ssn|social_security|sin|nino)(_|$)/ },
  { element: 'medical record number', pattern: /(^|_)(mrn|medical_record|chart_(number|no|id)|record_(number|no))(_|$)/ },
  { element: 'health plan beneficiary number', pattern: /(^|_)(health_plan|insurance_(id|number|no)|member_(id|number|no)|beneficiary|subscriber_(id|number)|policy_(number|no|id)|medicare|medicaid)(_|$)/ },
  { element: 'account number', pattern: /(^|_)(account|acct|iban|card_(number|no)|credit_card|bank)(_|$)/ },
  { element: 'certificate or license number', pattern: /(^|_)(licen[cs]e|certificate|cert_(number|no)|dea|npi|passport)(_|$)/ },
  { element: 'vehicle identifier', pattern: /(^|_)(vin|vehicle|plate|license_plate|registration_(number|no))(_|$)/ },
  { element: 'device identifier', pattern: /(^|_)(device|serial|imei|udid|mac_address|mac_addr)(_|$)/ },
  { element: 'web URL', pattern: /(^|_)(url|uri|website|homepage|web_page|link)(_|$)/ },
  { element: 'IP address', pattern: /(^|_)(ip|ip_address|ipv4|ipv6|ip_addr)(_|$)/ },
  { element: 'biometric identifier', pattern: /(^|_)(biometric|fingerprint|retina|iris|voiceprint|voice_print|face_(id|scan|template))(_|$)/ },
  { element: 'full-face photograph', pattern: /(^|_)(photo|photograph|image|picture|selfie|headshot|portrait)(_|$)/ },
  { element: 'other unique identifying number', pattern: /(^|_)(id|uuid|guid|identifier|patient_id|person_id|record_id)$/ },
];

const HIPAA_ZIP_NAME = /(^|_)(zip|zipcode|zip_code|postal|postal_code|postcode|zip5|zip3)(_|$)/;
const HIPAA_DATE_NAME = /(^|_)(dob|birth|birthdate|birthday|date|dt|admission|admit|admitted|discharge|discharged|death|died|deceased)(_|$)|_(at|on|date|dt)$/;

const HIPAA_KIND_ELEMENT: Partial<Record<IdentifierKind, string>> = {
  name: 'name',
  email: 'email address',
  phone: 'telephone number',
  national_id: 'social security number',
  passport: 'certificate or license number',
  account: 'account number',
  payment_card: 'account number',
  iban: 'account number',
  ip: 'IP address',
  address: 'geographic subdivision smaller than a state',
  record_id: 'other unique identifying number',
  url: 'web URL',
};

function hipaaRule(column: string, type: DataType, finding: ColumnFinding | undefined, keep: Set<string>, options: { now?: number }): Decision {
  const words = nameWords(column);
  const kind = finding?.identifier_kind;
  // A column the audit reads is changed only on evidence stronger than its name (a discovered
  // kind, a date type, a numeric age): a label named "admitted" is not a date.
  const audited = keep.has(column);
  if (kind === 'zip' || kind === 'postcode' || (!audited && HIPAA_ZIP_NAME.test(words))) {
    return { rule: { op: 'generalize', zip_digits: 3 }, reason: 'HIPAA: ZIP → first 3 digits (000 for areas of 20,000 people or fewer)' };
  }
  if (kind === 'date_of_birth' || (!audited && /(^|_)(dob|birth|birthdate|birthday)(_|$)/.test(words))) {
    // A birth year more than 89 years back tells an age over 89: those years fold into one class.
    const floor = new Date(options.now ?? Date.now()).getUTCFullYear() - 90;
    return { rule: { op: 'generalize', date: 'year', year_floor: floor }, reason: `HIPAA: birth date → year, years up to ${floor} (ages over 89) → ≤${floor}` };
  }
  if (kind === 'date' || isTemporal(type) || (!audited && HIPAA_DATE_NAME.test(words))) {
    return { rule: { op: 'generalize', date: 'year' }, reason: 'HIPAA: date elements other than the year removed → year' };
  }
  if (finding?.protected_kind === 'age' || (isAgeName(column) && (isNumeric(type) || !audited))) {
    return { rule: { op: 'generalize', top_code: 89 }, reason: 'HIPAA: ages over 89 → 90+' };
  }
  if (audited) return { rule: { op: 'keep' }, reason: `used by the audit: ${KEEP_PROTECTED}` };
  const element = (kind && HIPAA_KIND_ELEMENT[kind]) ?? HIPAA_DROP_NAMES.find((r) => r.pattern.test(words))?.element;
  if (element) return { rule: { op: 'drop' }, reason: `HIPAA identifier (${element}) → dropped` };
  if (finding?.categories.includes('identifier')) {
    return { rule: { op: 'drop' }, reason: `HIPAA: other unique identifying value (${kind ?? 'identifier'}) → dropped` };
  }
  // A near-unique number or code whose name calls it one (`application_no`, `claim_ref`): "any other
  // unique identifying number, characteristic or code", removed rather than hashed.
  if (finding && finding.non_null >= 20 && finding.distinct > 0.9 * finding.non_null && /(^|_)(no|num|nr|number|code|ref|reference|key)$/.test(words)) {
    return { rule: { op: 'drop' }, reason: `HIPAA: other unique identifying number (${finding.distinct.toLocaleString('en-US')} distinct of ${finding.non_null.toLocaleString('en-US')}) → dropped` };
  }
  if (finding?.categories.includes('protected')) return { rule: { op: 'keep' }, reason: `protected attribute: ${KEEP_PROTECTED}` };
  if (finding?.free_text || finding?.contains_some_pii) {
    return { rule: { op: 'scrub', dates: true }, reason: 'HIPAA: free text → identifiers and dates inside it replaced, the rest kept' };
  }
  // Any other text may still hold a date, a name or a number (`seen on 03/05/2024`, `dr. smith`):
  // Safe Harbor leaves none, and text without one is copied as it is. Categories (a few values
  // repeated, as discovery counted them) and a state or country (allowed) are kept.
  const categorical = finding !== undefined && finding.distinct <= 100 && finding.distinct <= 0.5 * finding.non_null;
  if (valueKind(type) === 'string' && !categorical && !/(^|_)(state|country|province|region|territory)(_|$)/.test(words)) {
    return { rule: { op: 'scrub', dates: true }, reason: 'HIPAA: text → any identifiers and dates inside it replaced, the rest kept' };
  }
  return { rule: { op: 'keep' }, reason: 'not a Safe Harbor identifier' };
}

/** A column name as lowercase words joined by `_`: `PatientDOB` → `patient_dob`, `e-mail` → `e_mail`. */
export function nameWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('_');
}

function isAgeName(column: string): boolean {
  return /(^|_)(age|age_years|age_at_\w+|patient_age)(_|$)/.test(nameWords(column));
}

/** The plan as an aligned text table for `--dry-run`: column, type, operator with parameters, reason. */
export function formatMaskPlan(plan: MaskPlan): string {
  const rows = plan.columns.map((c) => [c.column, c.type, describeRule(c.rule), c.reason]);
  const header = ['column', 'type', 'operator', 'why'];
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((cell, j) => (j === cells.length - 1 ? cell : cell.padEnd(widths[j]))).join('  ');
  const qi = plan.quasi_identifiers.length > 0 ? plan.quasi_identifiers.join(', ') : '(none)';
  return [`mask plan (profile ${plan.profile})`, line(header), ...rows.map(line), `quasi-identifiers for k-anonymity: ${qi}`].join('\n') + '\n';
}

/** A rule in one phrase: `generalize(zip_digits=3)`. */
export function describeRule(rule: MaskRule): string {
  const params = Object.entries(rule)
    .filter(([name, value]) => name !== 'op' && value !== undefined)
    .map(([name, value]) => `${name}=${Array.isArray(value) ? `[${value.join(',')}]` : String(value)}`);
  return params.length > 0 ? `${rule.op}(${params.join(', ')})` : rule.op;
}
