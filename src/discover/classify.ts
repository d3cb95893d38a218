/**
 * Combines the name rules and the value rules into one column's categories, kind, confidence
 * and evidence.
 *
 * Precedence, for each column:
 * 1. Name matches, best first ({@link nameMatches}). A match stands when the values are
 *    consistent with it (`age`: 90% within 0–120 with a population's spread; `sex`: a
 *    vocabulary, a flag, or a handful of codes; `email`: at least half are emails). The first
 *    match that stands decides; a rejected one is kept as evidence ("name matches 'age',
 *    rejected: values 0–9 999"). Weak synonyms stand only on value evidence.
 * 2. Otherwise value patterns with checksums, when the Wilson lower bound of their share
 *    reaches 0.8 (a column of SSNs named `ref` is still SSNs).
 * 3. Otherwise dates implying human ages (date of birth), other dates and datetimes
 *    (quasi-identifiers), then protected vocabularies (lower bound 0.8, at least two distinct
 *    vocabulary values).
 * 4. Otherwise, unless the column reads as free text: personal names in any case (name-shaped,
 *    with common given names or surnames among them), then near-unique codes (identifiers).
 * 5. Free text is flagged `free_text` (its identifiers are replaced span by span when masking);
 *    short values mostly holding PII make an identifier; a few hits only flag `contains_some_pii`.
 * 6. Near-unique single tokens that are nothing else are identifiers (any other unique code).
 */
import { wilsonInterval } from '../stats/wilson.js';
import { languagesText, nameMatches, type NameKind, type NameMatch } from './names.js';
import { countMatching, isIdLike, isNearUnique, type ColumnProfile } from './profile.js';
import type { ColumnCategory, ColumnFinding, IdentifierKind, ProtectedKind } from '../results/index.js';
import {
  ageBandShare,
  ageShare,
  birthDateShare,
  codeShapeShare,
  commonNameShare,
  freeTextShare,
  nameShapeShare,
  birthYearShare,
  embeddedShare,
  patternShares,
  vocabularyShare,
  VOCABULARIES,
  type PatternShare,
  type ValueShare,
  type VocabularyKind,
} from './values.js';

/** Wilson lower bounds a rule must reach. */
const THRESHOLDS = {
  /** A pattern alone makes the column an identifier. */
  pattern: 0.8,
  /** A pattern confirms a name that already says so. */
  namedPattern: 0.5,
  /** A vocabulary alone makes the column protected. */
  vocabulary: 0.8,
  /** Human ages confirm a column named age. */
  age: 0.9,
} as const;

/** What the rules decided about one column, before proxies: the finding's own fields, and a row-number flag. */
export type Classification = Pick<
  ColumnFinding,
  'categories' | 'protected_kind' | 'identifier_kind' | 'confidence' | 'confidence_lower' | 'evidence' | 'contains_some_pii' | 'free_text' | 'matched_by'
> & {
  /** A plain row number: not personal data, never a proxy. */
  row_number?: boolean;
};

type Verdict =
  | { ok: true; share: ValueShare; evidence?: string; kind?: NameKind }
  | { ok: false; reason: string };

const PROTECTED_KINDS: ReadonlySet<string> = new Set<ProtectedKind>([
  'sex', 'race', 'age', 'religion', 'nationality', 'disability', 'marital_status', 'pregnancy', 'sexual_orientation',
  'veteran_status', 'language',
]);

/** Protected kinds that also help re-identify a person (Sweeney: ZIP, birth date, sex). */
const QUASI_PROTECTED: ReadonlySet<string> = new Set(['age', 'sex']);

/** Most distinct values a protected column may have, as text and as numeric codes. */
const MAX_CATEGORIES: Record<VocabularyKind, { text: number; codes: number }> = {
  sex: { text: 12, codes: 5 },
  race: { text: 60, codes: 20 },
  religion: { text: 60, codes: 30 },
  marital_status: { text: 30, codes: 20 },
  sexual_orientation: { text: 20, codes: 20 },
  language: { text: 300, codes: 300 },
  nationality: { text: 300, codes: 300 },
};

/**
 * Classifies one profiled column. `now` (epoch ms) is the date ages are computed at.
 *
 * @example
 * classifyColumn(profileColumn(sampledSex), Date.now()).categories; // ['protected', 'quasi-identifier']
 */
export function classifyColumn(profile: ColumnProfile, now: number): Classification {
  const evidence: string[] = [];
  const matches = nameMatches(profile.name);
  const patterns = patternShares(profile, matches.find((m) => !PROTECTED_KINDS.has(m.kind))?.kind);
  let result: Classification | undefined;

  for (const match of matches) {
    const verdict = checkNamed(match, profile, patterns, now);
    const languages = languagesText(match.languages);
    const said = `name matches '${match.synonym}' (${languages ? `${languages} for ` : ''}${label(match.kind)})`;
    if (verdict.ok) {
      result = decided(verdict.kind ?? match.kind, verdict.share, [...evidence, said, ...(verdict.evidence ? [verdict.evidence] : [])]);
      result.matched_by = verdict.evidence ? ['name', 'values'] : ['name'];
      break;
    }
    if (evidence.length === 0) evidence.push(`${said}, rejected: ${verdict.reason}`);
  }

  const prose = profile.kind === 'string' && !result ? freeTextShare(profile) : undefined;
  const isFreeText = prose !== undefined && prose.matches >= 0.3 * prose.n && prose.n > 0;
  result ??= byPattern(profile, patterns, evidence) ?? byBirthDate(profile, now, evidence) ?? byDate(profile, now, evidence) ?? byVocabulary(profile, evidence);
  if (!result && !isFreeText) result = byPersonName(profile, evidence) ?? byCode(profile, evidence);
  if (result && !result.matched_by) result.matched_by = ['values'];
  result ??= { categories: [], confidence: 0, confidence_lower: 0, evidence };
  if (isFreeText && result.categories.length === 0) {
    result.free_text = true;
    result.evidence.push(`${shareText(prose)} read as free text (median ${prose.medianWords} words): embedded identifiers are replaced when masking`);
  }

  if (!result.categories.includes('identifier') && profile.kind === 'string') {
    const embedded = embeddedShare(profile);
    if (embedded.matches > 0) {
      const text = `${shareText(embedded)} contain PII (${embedded.kinds.join(', ')})`;
      // Free text keeps its words: its identifiers are replaced span by span, not the whole value hashed.
      if (result.categories.length === 0 && !result.free_text && reaches(embedded, THRESHOLDS.pattern)) {
        const kind = embedded.kinds[0] === 'US SSN' ? 'national_id' : embedded.kinds[0] === 'payment card' ? 'payment_card' : embedded.kinds[0];
        result = { ...decided(kind as NameKind, embedded, [...result.evidence, text]), matched_by: ['values'] };
      } else {
        result.contains_some_pii = true;
        result.evidence.push(text);
      }
    }
  }
  if (result.categories.length === 0 && !result.row_number && !result.free_text && isIdLike(profile)) {
    const distinct = `${profile.counts.size.toLocaleString('en-US')} distinct of ${profile.nonNull.toLocaleString('en-US')}`;
    const tokens = { matches: countMatching(profile, (v) => typeof v === 'string' && !/\s/.test(v.trim())), n: profile.nonNull };
    if (reaches(tokens, THRESHOLDS.pattern)) {
      // A near-unique single token that is no known kind (`jsmith`, `a7f3c9`) still points at one
      // record: "any other unique identifying number, characteristic or code".
      result = { ...decided('record_id', tokens, [...result.evidence, `near-unique values (${distinct}): an identifier, never a proxy`]), matched_by: ['values'] };
    } else result.evidence.push(`near-unique values (${distinct}): an id, never a proxy`);
  }
  return result;
}

function checkNamed(match: NameMatch, p: ColumnProfile, patterns: PatternShare[], now: number): Verdict {
  if (p.nonNull === 0) return match.weak ? no('no values to confirm it') : nameOnly(p);
  const kind = match.kind;
  switch (kind) {
    case 'row_number':
      return nameOnly(p);
    case 'age':
      return checkAge(p, now, match.weak);
    case 'date_of_birth':
      return checkBirthDate(p, now);
    case 'sex':
    case 'race':
    case 'religion':
    case 'marital_status':
    case 'sexual_orientation':
    case 'language':
    case 'nationality':
      return checkCategorical(kind, p, match.weak);
    case 'disability':
    case 'pregnancy':
    case 'veteran_status':
      return checkFlag(p, match.weak);
    case 'national_id': {
      const ssn = patterns.find((s) => s.kind === 'national_id');
      if (ssn && confirmsName(ssn)) return { ok: true, share: ssn, evidence: `${shareText(ssn)} are ${ssn.noun}` };
      return match.weak ? no('values do not confirm it') : checkIdLike(p);
    }
    case 'email':
    case 'phone':
    case 'ip':
    case 'iban':
    case 'payment_card':
    case 'url':
    case 'zip':
    case 'postcode':
      return checkPattern(kind, p, patterns);
    case 'date':
      if (p.kind === 'date') return { ...nameOnly(p), evidence: 'a date column' };
      return checkPattern(kind, p, patterns);
    case 'name':
      return checkPersonName(p, match.weak);
    case 'address':
      if (p.kind === 'number') return no('values are numbers');
      return checkIdLike(p);
    case 'passport':
    case 'account':
      return match.weak ? no('values do not confirm it') : checkIdLike(p);
    case 'record_id':
      return match.weak ? checkCode(p) : checkIdLike(p);
  }
}

function checkAge(p: ColumnProfile, now: number, weak: boolean): Verdict {
  const birth = birthDateShare(p, now);
  if (p.kind === 'date' || confirmsName({ matches: birth.dates, n: p.nonNull })) return checkBirthDate(p, now);
  const age = ageShare(p);
  if (age) {
    const range = `values ${fmt(age.min)}–${fmt(age.max)}`;
    if (lower(age) < THRESHOLDS.age) return no(`${range}, only ${pct(age.matches / age.n)} within human ages 0–120`);
    if (!age.plausibleSpread) return no(`${range} lack the spread of a population's ages`);
    return { ok: true, share: age, evidence: `${shareText(age)} within human ages (${range}, median ${fmt(age.median)})` };
  }
  const bands = ageBandShare(p);
  if (lower(bands) >= THRESHOLDS.pattern) return { ok: true, share: bands, evidence: `${shareText(bands)} are age bands` };
  if (weak) return no('values are not ages');
  if (p.counts.size <= 20 && !isNearUnique(p)) return { ...nameOnly(p), evidence: `${p.counts.size} age groups` };
  return no(`${p.counts.size} distinct values that are neither ages nor age bands`);
}

function checkBirthDate(p: ColumnProfile, now: number): Verdict {
  // The name says dates of birth: `19790211` is one too (as text, or as the number a loader made of it).
  const birth = birthDateShare(p, now, true);
  const dates = { matches: birth.dates, n: p.nonNull };
  if (confirmsName(dates)) {
    const ages = birth.medianAge === null ? '' : `, implied ages median ${Math.round(birth.medianAge)} years`;
    return { ok: true, share: dates, kind: 'date_of_birth', evidence: `${shareText(dates)} are dates${ages}` };
  }
  const years = birthYearShare(p, now);
  if (lower(years) >= THRESHOLDS.pattern) return { ok: true, share: years, kind: 'date_of_birth', evidence: `${shareText(years)} are birth years` };
  return no(`only ${pct(birth.dates / p.nonNull)} of values are dates`);
}

function checkCategorical(kind: VocabularyKind, p: ColumnProfile, weak: boolean): Verdict {
  if (p.kind === 'date') return no('values are dates');
  const vocabulary = vocabularyShare(p, kind);
  if (vocabulary.inVocabulary >= 0.5 * p.nonNull) {
    return { ok: true, share: vocabulary, evidence: `${shareText(vocabulary)} are ${label(kind)} values (${examplesOf(kind)})` };
  }
  if (weak) return no(`only ${pct(vocabulary.inVocabulary / p.nonNull)} of values are ${label(kind)} values`);
  if (p.kind === 'boolean') return { ...nameOnly(p), evidence: 'a yes/no flag' };
  if (isNearUnique(p)) return no(`near-unique values (${p.counts.size} distinct), not categories`);
  const limits = MAX_CATEGORIES[kind];
  if (p.kind === 'number') {
    if (p.counts.size > limits.codes) return no(`${p.counts.size} distinct numbers, not codes for ${label(kind)}`);
    return { ...nameOnly(p), evidence: `coded as ${p.counts.size} numbers` };
  }
  if (p.counts.size > limits.text) return no(`${p.counts.size} distinct values, too many for ${label(kind)}`);
  return { ...nameOnly(p), evidence: `${p.counts.size} categories` };
}

function checkFlag(p: ColumnProfile, weak: boolean): Verdict {
  if (p.kind === 'boolean') return { ...nameOnly(p), evidence: 'a yes/no flag' };
  const limit = weak ? 5 : 20;
  if (p.kind === 'date') return no('values are dates');
  if (p.counts.size > limit) return no(`${p.counts.size} distinct values, not a status`);
  return { ...nameOnly(p), evidence: `${p.counts.size} categories` };
}

function checkPattern(kind: NameKind, p: ColumnProfile, patterns: PatternShare[]): Verdict {
  const accepted = kind === 'zip' || kind === 'postcode' ? ['zip', 'postcode'] : [kind];
  const share = patterns.find((s) => accepted.includes(s.kind));
  if (share && confirmsName(share)) {
    return { ok: true, share, kind: share.kind, evidence: `${shareText(share)} are ${share.noun}` };
  }
  const noun = patternNoun(kind);
  return no(`only ${pct((share?.matches ?? 0) / p.nonNull)} of values are ${noun}`);
}

function checkPersonName(p: ColumnProfile, weak: boolean): Verdict {
  if (p.kind !== 'string') return no(`values are ${p.kind === 'number' ? 'numbers' : p.kind === 'boolean' ? 'yes/no flags' : 'not text'}`);
  // Names come in any letter case (`miguel hernandez`, `NGUYEN`): the shape is words of letters.
  const shape = nameShapeShare(p);
  if (!weak) {
    if (confirmsName(shape)) return { ok: true, share: shape, evidence: `${shareText(shape)} look like personal names` };
    return no(`only ${pct(shape.matches / shape.n)} of values look like personal names`);
  }
  // A name that only hints (`manager`, `owner`) needs common given names or surnames among the values.
  const common = commonNameShare(p);
  if (lower(shape) >= THRESHOLDS.namedPattern && lower(common) >= 0.2) {
    return { ok: true, share: shape, evidence: `${shareText(common)} are or contain common given names or surnames` };
  }
  return no(`only ${pct(common.matches / common.n)} of values hold common given names or surnames`);
}

/** A near-unique code confirms a name that only hints at one (`ticket`, `case`). */
function checkCode(p: ColumnProfile): Verdict {
  if (p.kind === 'number') return p.nonNull >= 20 && p.counts.size >= 0.5 * p.nonNull ? { ...nameOnly(p), evidence: `${p.counts.size.toLocaleString('en-US')} distinct numbers` } : no('values repeat too often for a code');
  const codes = codeShapeShare(p);
  if (p.counts.size >= 0.5 * p.nonNull && lower(codes) >= THRESHOLDS.namedPattern) return { ok: true, share: codes, evidence: `${shareText(codes)} are codes, ${p.counts.size.toLocaleString('en-US')} distinct` };
  return no('values are not distinct codes');
}

function checkIdLike(p: ColumnProfile): Verdict {
  if (p.kind === 'boolean') return no('values are yes/no flags');
  if (p.nonNull >= 50 && p.counts.size < 10) return no(`only ${p.counts.size} distinct values`);
  return nameOnly(p);
}

function byPattern(p: ColumnProfile, patterns: PatternShare[], evidence: string[]): Classification | undefined {
  const best = patterns.filter((s) => s.kind !== 'date').sort((a, b) => lower(b) - lower(a))[0];
  if (!best || !reaches(best, THRESHOLDS.pattern)) return undefined;
  return decided(best.kind, best, [...evidence, `${shareText(best)} are ${best.noun}`]);
}

function byBirthDate(p: ColumnProfile, now: number, evidence: string[]): Classification | undefined {
  if (p.kind !== 'date' && p.kind !== 'string') return undefined;
  const birth = birthDateShare(p, now);
  const dates = { matches: birth.dates, n: p.nonNull };
  if (!reaches(dates, THRESHOLDS.pattern)) return undefined;
  if (!birth.humanAges) {
    evidence.push(`${shareText(dates)} are dates (not birth dates: implied ages are not a population's)`);
    return undefined;
  }
  return decided('date_of_birth', birth, [...evidence, `${shareText(dates)} are dates implying human ages (median ${Math.round(birth.medianAge ?? 0)} years)`]);
}

/** Dates and datetimes in any layout that are not birth dates: quasi-identifiers. */
function byDate(p: ColumnProfile, now: number, evidence: string[]): Classification | undefined {
  if (p.kind === 'date') return decided('date', { matches: p.nonNull, n: p.nonNull }, [...evidence, 'a date column']);
  if (p.kind !== 'string') return undefined;
  const birth = birthDateShare(p, now);
  const dates = { matches: birth.dates, n: p.nonNull };
  if (!reaches(dates, THRESHOLDS.pattern)) return undefined;
  return decided('date', dates, [...evidence, `${shareText(dates)} are dates or datetimes`]);
}

/**
 * Personal names in any case, with no name to say so: the shape, and common names among them.
 * Under 20 values every value must be name-shaped and at least half hold a common name.
 */
function byPersonName(p: ColumnProfile, evidence: string[]): Classification | undefined {
  if (p.kind !== 'string' || p.nonNull === 0 || p.counts.size < 0.1 * p.nonNull) return undefined;
  const shape = nameShapeShare(p);
  if (!reaches(shape, THRESHOLDS.pattern)) return undefined;
  const common = commonNameShare(p);
  if (p.nonNull >= 20 ? lower(common) < 0.5 : common.matches < 0.5 * common.n) return undefined;
  return decided('name', shape, [...evidence, `${shareText(common)} are or contain common given names or surnames`]);
}

/** Near-unique codes (case, ticket, employee numbers) with no name to say so; under 20 values, all distinct. */
function byCode(p: ColumnProfile, evidence: string[]): Classification | undefined {
  if (p.kind !== 'string' || p.nonNull === 0 || p.counts.size < (p.nonNull >= 20 ? 0.5 : 1) * p.nonNull) return undefined;
  const codes = codeShapeShare(p);
  if (!reaches(codes, THRESHOLDS.pattern)) return undefined;
  const distinct = `${p.counts.size.toLocaleString('en-US')} distinct of ${p.nonNull.toLocaleString('en-US')}`;
  return decided('record_id', codes, [...evidence, `${shareText(codes)} are codes (${distinct}): an identifier, never a proxy`]);
}

function byVocabulary(p: ColumnProfile, evidence: string[]): Classification | undefined {
  if (p.kind !== 'string' || p.counts.size > 300) return undefined;
  let best: { kind: VocabularyKind; share: ReturnType<typeof vocabularyShare> } | undefined;
  for (const kind of Object.keys(VOCABULARIES) as VocabularyKind[]) {
    const share = vocabularyShare(p, kind);
    if (share.distinctInVocabulary >= 2 && share.inVocabulary >= 0.5 * p.nonNull && (!best || share.inVocabulary > best.share.inVocabulary)) best = { kind, share };
  }
  if (!best || !reaches(best.share, THRESHOLDS.vocabulary)) return undefined;
  return decided(best.kind, best.share, [...evidence, `${shareText(best.share)} are ${label(best.kind)} values (${examplesOf(best.kind)})`]);
}

/** The classification for a decided kind: its categories, and the share as confidence. */
function decided(kind: NameKind, share: ValueShare, evidence: string[]): Classification {
  const confidence = share.n > 0 ? share.matches / share.n : 1;
  const confidence_lower = share.n > 0 ? lower(share) : 0;
  const base = { confidence, confidence_lower, evidence };
  if (kind === 'row_number') return { ...base, categories: [], row_number: true, evidence: [...evidence, 'a row number: not personal data, never a proxy'] };
  if (kind === 'date_of_birth') return { ...base, categories: ['protected', 'quasi-identifier'], protected_kind: 'age', identifier_kind: 'date_of_birth' };
  if (PROTECTED_KINDS.has(kind)) {
    const categories: ColumnCategory[] = QUASI_PROTECTED.has(kind) ? ['protected', 'quasi-identifier'] : ['protected'];
    return { ...base, categories, protected_kind: kind as ProtectedKind };
  }
  if (kind === 'zip' || kind === 'postcode' || kind === 'date') return { ...base, categories: ['quasi-identifier'], identifier_kind: kind };
  return { ...base, categories: ['identifier'], identifier_kind: kind as IdentifierKind };
}

function nameOnly(p: ColumnProfile): Verdict & { ok: true } {
  return { ok: true, share: { matches: p.nonNull, n: p.nonNull } };
}

function no(reason: string): Verdict {
  return { ok: false, reason };
}

/** Wilson lower bound of a share; 0 when there are no values. */
/**
 * Whether the values confirm a column name that says what they are (`email`, `dob`, `name`): the
 * Wilson lower bound of their share reaches {@link THRESHOLDS.namedPattern}, or every sampled value
 * matches. A tiny file (three e-mails under `email`) cannot reach the bound, yet nothing in it
 * contradicts the name; missing such a column would leave it unmasked.
 */
function confirmsName(share: ValueShare): boolean {
  return reaches(share, THRESHOLDS.namedPattern);
}

/**
 * Whether a share of values makes a rule stand: its Wilson lower bound reaches `threshold`, or
 * every value matches. A small file (five lower-case names, two dates) cannot reach the bound,
 * yet nothing in it contradicts the rule; missing the column would leave it unmasked.
 */
function reaches(share: ValueShare, threshold: number): boolean {
  return lower(share) >= threshold || (share.n > 0 && share.matches === share.n);
}

function lower(share: ValueShare): number {
  return wilsonInterval(share.matches, share.n)?.[0] ?? 0;
}

function shareText(share: ValueShare): string {
  return `${pct(share.matches / share.n)} of ${share.n.toLocaleString('en-US')} values`;
}

function pct(x: number): string {
  if (!Number.isFinite(x)) return '0%';
  const p = x * 100;
  return `${p >= 99.95 || p === 0 ? p.toFixed(0) : p < 1 ? p.toFixed(2) : p.toFixed(1)}%`;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString('en-US') : x.toFixed(1);
}

function label(kind: string): string {
  return kind.replace(/_/g, ' ');
}

function examplesOf(kind: VocabularyKind): string {
  return `e.g. ${[...VOCABULARIES[kind]].slice(0, 3).join(', ')}`;
}

function patternNoun(kind: string): string {
  return { email: 'emails', phone: 'phone numbers', ip: 'IP addresses', iban: 'IBANs', payment_card: 'card numbers', url: 'URLs', zip: 'ZIP codes or postcodes', postcode: 'ZIP codes or postcodes', date: 'dates' }[kind] ?? label(kind);
}
