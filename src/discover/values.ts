/**
 * Value rules: what a column's values say it holds. Each rule returns how many sampled values
 * match out of how many non-null ones; the caller turns that share into a confidence with its
 * Wilson lower bound, so a handful of matches in thousands of values is never a finding.
 */
import { countMatching, type ColumnProfile, type DistinctValue } from './profile.js';
import { isPersonNameWords } from './person-names.js';
import {
  embeddedPii,
  isDate,
  isEmail,
  isIp,
  isPaymentCard,
  isPhone,
  isSsn,
  isUkPostcode,
  isUrl,
  isUsZip,
  ibanValid,
  parseCompactDate,
  parseSerialDate,
  parseDate,
} from './patterns.js';
import type { IdentifierKind, ProtectedKind } from '../results/index.js';

/** A count of matching values out of the non-null sampled values. */
export interface ValueShare {
  matches: number;
  n: number;
}

/** Protected kinds that have a vocabulary of values. */
export type VocabularyKind = Extract<ProtectedKind, 'sex' | 'race' | 'religion' | 'marital_status' | 'sexual_orientation' | 'language' | 'nationality'>;

const VOCABULARY_WORDS: Record<VocabularyKind, string[]> = {
  sex: [
    'male', 'female', 'm', 'f', 'man', 'woman', 'men', 'women', 'boy', 'girl', 'non binary', 'nonbinary', 'intersex',
    'transgender', 'trans', 'genderqueer', 'masculino', 'femenino', 'hombre', 'mujer', 'homme', 'femme', 'masculin',
    'feminin', 'mannlich', 'weiblich', 'mann', 'frau', 'divers', 'feminino', 'homem', 'mulher',
  ],
  race: [
    'white', 'black', 'asian', 'hispanic', 'latino', 'latina', 'latinx', 'african american', 'black or african american',
    'caucasian', 'native american', 'american indian', 'alaska native', 'american indian or alaska native',
    'pacific islander', 'native hawaiian', 'native hawaiian or other pacific islander', 'asian pac islander',
    // The EEO-1 / NYC Local Law 144 spellings.
    'native hawaiian or pacific islander', 'native american or alaska native', 'hispanic or latina',
    'amer indian eskimo', 'middle eastern', 'arab', 'multiracial', 'mixed', 'mixed race', 'two or more races',
    'hispanic or latino', 'non hispanic white', 'white non hispanic', 'indigenous', 'aboriginal', 'south asian',
    'east asian', 'blanco', 'negro', 'asiatico', 'hispano', 'indigena', 'mestizo', 'mulato', 'blanc', 'noir',
    'asiatique', 'metis', 'weiss', 'schwarz', 'asiatisch', 'branco', 'preto', 'pardo', 'amarelo',
  ],
  religion: [
    'christian', 'christianity', 'catholic', 'roman catholic', 'protestant', 'orthodox', 'evangelical', 'muslim', 'islam',
    'jewish', 'judaism', 'hindu', 'hinduism', 'buddhist', 'buddhism', 'sikh', 'atheist', 'agnostic', 'no religion',
    'mormon', 'baptist', 'lutheran', 'anglican', 'jain', 'shinto', 'taoist', 'cristiano', 'catolico', 'musulman',
    'judio', 'ateo', 'chretien', 'catholique', 'juif', 'athee', 'christlich', 'katholisch', 'evangelisch', 'muslimisch',
    'judisch', 'cristao', 'judeu', 'ateu', 'espirita', 'evangelico',
  ],
  marital_status: [
    'single', 'married', 'divorced', 'widowed', 'separated', 'never married', 'married civ spouse',
    'married spouse absent', 'married af spouse', 'domestic partnership', 'domestic partner', 'civil partnership',
    'partnered', 'cohabiting', 'husband', 'wife', 'own child', 'not in family', 'unmarried', 'other relative',
    'soltero', 'soltera', 'casado', 'casada', 'divorciado', 'divorciada', 'viudo', 'viuda', 'separado', 'union libre',
    'celibataire', 'marie', 'mariee', 'divorce', 'divorcee', 'veuf', 'veuve', 'pacse', 'ledig', 'verheiratet',
    'geschieden', 'verwitwet', 'getrennt', 'solteiro', 'solteira', 'viuvo', 'viuva', 'uniao estavel',
  ],
  sexual_orientation: [
    'heterosexual', 'straight', 'gay', 'lesbian', 'bisexual', 'homosexual', 'asexual', 'pansexual', 'queer',
    'heterosexuel', 'homosexuel', 'bisexuel', 'heterosexuell', 'homosexuell', 'bisexuell', 'heterossexual',
    'homossexual', 'bissexual',
  ],
  language: [
    'english', 'spanish', 'french', 'german', 'portuguese', 'chinese', 'mandarin', 'cantonese', 'arabic', 'hindi',
    'bengali', 'russian', 'japanese', 'korean', 'italian', 'dutch', 'polish', 'turkish', 'vietnamese', 'tagalog',
    'urdu', 'persian', 'farsi', 'swahili', 'greek', 'hebrew', 'ukrainian', 'romanian', 'punjabi', 'tamil', 'telugu',
    'sign language', 'asl', 'espanol', 'ingles', 'frances', 'aleman', 'portugues', 'anglais', 'espagnol', 'allemand',
    'francais', 'englisch', 'deutsch', 'spanisch', 'franzosisch', 'espanhol', 'alemao',
  ],
  nationality: [
    'united states', 'usa', 'us', 'american', 'united kingdom', 'uk', 'british', 'canada', 'canadian', 'mexico',
    'mexican', 'brazil', 'brazilian', 'germany', 'france', 'spain', 'italy', 'india', 'indian', 'china', 'japan',
    'philippines', 'filipino', 'vietnam', 'nigeria', 'nigerian', 'pakistan', 'pakistani', 'poland', 'ireland', 'irish',
    'portugal', 'cuba', 'cuban', 'jamaica', 'jamaican', 'puerto rico', 'el salvador', 'guatemala', 'colombia',
    'colombian', 'argentina', 'peru', 'chile', 'dominican republic', 'haiti', 'haitian', 'south korea', 'korea',
    'iran', 'iraq', 'syria', 'syrian', 'turkey', 'egypt', 'morocco', 'moroccan', 'russia', 'ukraine', 'romania',
    'netherlands', 'dutch', 'belgium', 'sweden', 'norway', 'australia', 'australian', 'south africa', 'kenya',
    'ghana', 'ethiopia', 'bangladesh', 'indonesia', 'thailand', 'taiwan', 'hong kong', 'greece', 'hungary',
    'yugoslavia', 'scotland', 'england', 'honduras', 'nicaragua', 'ecuador', 'venezuela', 'cambodia', 'laos',
    'espana', 'espanol', 'mexicano', 'francais', 'allemand', 'deutsch', 'deutschland', 'brasil', 'brasileiro',
    'portugues', 'estados unidos', 'etats unis',
  ],
};

/** Vocabulary of each protected kind, as {@link normalizeValue} leaves values. */
export const VOCABULARIES: Record<VocabularyKind, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(VOCABULARY_WORDS).map(([kind, words]) => [kind, new Set(words)]),
) as unknown as Record<VocabularyKind, ReadonlySet<string>>;

/** Answers that fit any protected column (unknown, declined, other) without being evidence of one. */
const NEUTRAL_VALUES: ReadonlySet<string> = new Set([
  'other', 'others', 'unknown', 'none', 'n a', 'na', '?', 'unspecified', 'not stated', 'not specified', 'declined',
  'prefer not to say', 'prefer not to answer', 'decline to state', 'missing', 'otro', 'otra', 'autre', 'andere',
  'outro', 'outra', 'desconocido', 'inconnu', 'unbekannt', 'desconhecido',
]);

/** Lower case, accents removed, `-`, `_`, `/` and runs of spaces to one space. */
export function normalizeValue(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s_\-/]+/g, ' ')
    .trim();
}

/** How a column's values meet a protected vocabulary. */
export interface VocabularyShare extends ValueShare {
  /** Values in the vocabulary itself (neutral answers excluded). */
  inVocabulary: number;
  /** Distinct values in the vocabulary. */
  distinctInVocabulary: number;
  neutral: number;
}

/** Counts the values in `kind`'s vocabulary and the neutral answers ("unknown", "other"). */
export function vocabularyShare(profile: ColumnProfile, kind: VocabularyKind): VocabularyShare {
  const vocabulary = VOCABULARIES[kind];
  let inVocabulary = 0;
  let neutral = 0;
  let distinctInVocabulary = 0;
  for (const [value, count] of profile.counts) {
    if (typeof value !== 'string') continue;
    const word = normalizeValue(value);
    if (vocabulary.has(word)) {
      inVocabulary += count;
      distinctInVocabulary++;
    } else if (NEUTRAL_VALUES.has(word) || word === '') neutral += count;
  }
  return { matches: inVocabulary + neutral, n: profile.nonNull, inVocabulary, distinctInVocabulary, neutral };
}

/** Summary of a numeric column for the age rule. */
export interface AgeShare extends ValueShare {
  min: number;
  max: number;
  median: number;
  /** Interquartile range. */
  iqr: number;
  distinct: number;
  /** Ages vary as a population's do: at least 5 distinct values, spanning at least 10 years, median 1–100. */
  plausibleSpread: boolean;
}

/**
 * The age rule: the share of numeric values within human ages (0–120), and whether they spread
 * like a population's ages. Strings holding numbers count as numbers. Null when fewer than half
 * of the values are numbers.
 */
export function ageShare(profile: ColumnProfile): AgeShare | null {
  const numbers: number[] = [];
  const weights: number[] = [];
  let numeric = 0;
  for (const [value, count] of profile.counts) {
    const x = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(x)) continue;
    numeric += count;
    numbers.push(x);
    weights.push(count);
  }
  if (profile.nonNull === 0 || numeric < profile.nonNull / 2) return null;
  let matches = 0;
  numbers.forEach((x, i) => {
    if (x >= 0 && x <= 120) matches += weights[i];
  });
  const order = numbers.map((_, i) => i).sort((a, b) => numbers[a] - numbers[b]);
  const quantile = (q: number) => {
    const target = q * numeric;
    let seen = 0;
    for (const i of order) if ((seen += weights[i]) >= target) return numbers[i];
    return numbers[order[order.length - 1]];
  };
  const min = numbers[order[0]];
  const max = numbers[order[order.length - 1]];
  const median = quantile(0.5);
  const iqr = quantile(0.75) - quantile(0.25);
  const plausibleSpread = numbers.length >= 5 && max - min >= 10 && median >= 1 && median <= 100;
  return { matches, n: profile.nonNull, min, max, median, iqr, distinct: numbers.length, plausibleSpread };
}

const AGE_BAND = /^(?:(?:<|>|<=|>=|≤|≥|under|over|below|above)\s*\d{1,3}|\d{1,3}\s*(?:-|–|to|a|bis)\s*\d{1,3}(?:\s*years?)?|\d{1,3}\s*\+|\d{1,3}\s*(?:and|or)\s*(?:over|older|above|more|under|younger))$/i;

/** Share of values shaped like age bands (`25-34`, `<25`, `65+`, `18 to 24`). */
export function ageBandShare(profile: ColumnProfile): ValueShare {
  return { matches: countMatching(profile, (v) => typeof v === 'string' && AGE_BAND.test(v.trim())), n: profile.nonNull };
}

const YEAR_MS = 365.2425 * 24 * 3600 * 1000;

/** Summary of a date column for the date-of-birth rule. */
export interface BirthDateShare extends ValueShare {
  /** Values that are dates at all. */
  dates: number;
  /** Median implied age in years. */
  medianAge: number | null;
  /** Dates imply ages like a population's: 90% within 0–120 years, median 16–90, spread of 3+ years. */
  humanAges: boolean;
}

/**
 * The date-of-birth rule: the share of values that are dates (Arrow dates, or text in a format
 * {@link parseDate} reads), and the ages they imply at `now` (epoch ms). `matches` counts the
 * dates implying an age of 0–120 years. `compact`: also read `YYYYMMDD` and spreadsheet serial
 * dates, as text or numbers (for a column whose name says it holds dates of birth).
 */
export function birthDateShare(profile: ColumnProfile, now: number, compact = false): BirthDateShare {
  const ages: { age: number; count: number }[] = [];
  let dates = 0;
  let human = 0;
  for (const [value, count] of profile.counts) {
    let time = profile.kind === 'date' && typeof value === 'number' ? value : typeof value === 'string' ? parseDate(value.trim()) : null;
    if (time === null && compact && (typeof value === 'string' || typeof value === 'number')) time = parseCompactDate(value) ?? parseSerialDate(value);
    if (time === null) continue;
    dates += count;
    const age = (now - time) / YEAR_MS;
    ages.push({ age, count });
    if (age >= 0 && age <= 120) human += count;
  }
  ages.sort((a, b) => a.age - b.age);
  const quantile = (q: number) => {
    let seen = 0;
    for (const a of ages) if ((seen += a.count) >= q * dates) return a.age;
    return ages.length ? ages[ages.length - 1].age : NaN;
  };
  const medianAge = dates ? quantile(0.5) : null;
  const humanAges = dates > 0 && human >= 0.9 * dates && medianAge !== null && medianAge >= 16 && medianAge <= 90 && quantile(0.75) - quantile(0.25) >= 3;
  return { matches: human, n: profile.nonNull, dates, medianAge, humanAges };
}

/** Share of numeric values that are plausible birth years (1880 to the year of `now`). */
export function birthYearShare(profile: ColumnProfile, now: number): ValueShare {
  const thisYear = new Date(now).getUTCFullYear();
  const isYear = (v: DistinctValue) => {
    const x = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    return Number.isInteger(x) && x >= 1880 && x <= thisYear;
  };
  return { matches: countMatching(profile, isYear), n: profile.nonNull };
}

const PERSON_NAME = /^\p{Lu}[\p{L}'’.-]*(?:,? \p{L}[\p{L}'’.-]*){0,4}$/u;

/** Share of values shaped like personal names (capitalized words, letters only). */
export function personNameShare(profile: ColumnProfile): ValueShare {
  return { matches: countMatching(profile, (v) => typeof v === 'string' && PERSON_NAME.test(v.trim())), n: profile.nonNull };
}

const NAME_SHAPE = /^\p{L}[\p{L}'’.-]*(?:,? \p{L}[\p{L}'’.-]*){0,3}$/u;

/**
 * Share of values shaped like personal names in any letter case (`miguel hernandez`, `NGUYEN,
 * ANH`, `Ana María Pérez`): one to four words of letters, apostrophes, dots and hyphens. A column
 * whose name says it holds names is confirmed by this shape alone.
 */
export function nameShapeShare(profile: ColumnProfile): ValueShare {
  return { matches: countMatching(profile, (v) => typeof v === 'string' && NAME_SHAPE.test(v.trim())), n: profile.nonNull };
}

/**
 * Share of name-shaped values whose first or last word is a common given name or surname, in any
 * letter case. This is what tells a column of personal names from other short text (products,
 * cities, categories) when the column's name says nothing, or only hints (`manager`).
 */
export function commonNameShare(profile: ColumnProfile): ValueShare {
  const test = (v: DistinctValue) => {
    if (typeof v !== 'string' || !NAME_SHAPE.test(v.trim())) return false;
    const words = normalizeValue(v).replace(/[,.'’-]/g, ' ').split(' ').filter(Boolean);
    return isPersonNameWords(words);
  };
  return { matches: countMatching(profile, test), n: profile.nonNull };
}

const CODE_SHAPE = /^(?=[^\s]*\d)[A-Za-z0-9][A-Za-z0-9\-_/.#:]{2,39}$/;

/**
 * Share of values shaped like a code (a case, ticket, employee or record number): one token of 3–40
 * letters, digits and `-_/.#:`, with at least one digit (`CR-2013-00471`, `E10442`, `13011352CF10A`).
 */
export function codeShapeShare(profile: ColumnProfile): ValueShare {
  return { matches: countMatching(profile, (v) => typeof v === 'string' && CODE_SHAPE.test(v.trim())), n: profile.nonNull };
}

/** How a text column reads as free text. */
export interface FreeTextShape extends ValueShare {
  /** Median number of words in a value. */
  medianWords: number;
}

/**
 * Share of values that read as free text (a note, a comment, a description): four words or more,
 * or more than 40 characters with a space. Notes are where e-mails and phone numbers hide.
 */
export function freeTextShare(profile: ColumnProfile): FreeTextShape {
  const counts: { words: number; count: number }[] = [];
  let matches = 0;
  for (const [value, count] of profile.counts) {
    if (typeof value !== 'string') continue;
    const text = value.trim();
    const words = text === '' ? 0 : text.split(/\s+/).length;
    counts.push({ words, count });
    if (words >= 4 || (text.length > 40 && words > 1)) matches += count;
  }
  counts.sort((a, b) => a.words - b.words);
  let seen = 0;
  let medianWords = 0;
  for (const c of counts) {
    if ((seen += c.count) >= profile.nonNull / 2) {
      medianWords = c.words;
      break;
    }
  }
  return { matches, n: profile.nonNull, medianWords };
}

/** Identifier kinds that have a value pattern. */
export type PatternKind = Extract<IdentifierKind, 'email' | 'phone' | 'national_id' | 'payment_card' | 'iban' | 'ip' | 'zip' | 'postcode' | 'url' | 'date'>;

interface PatternRule {
  kind: PatternKind;
  /** How evidence names a match: "emails", "US SSNs (area rules)". */
  noun: string;
  test: (text: string, named: boolean) => boolean;
  /** Whether bare numbers in a numeric column can be it (a ZIP stored as an integer). */
  numeric?: (x: number) => string | null;
}

/** The patterns, most specific first: a tie in share goes to the earlier one. */
const PATTERN_RULES: readonly PatternRule[] = [
  { kind: 'email', noun: 'emails', test: (t) => isEmail(t) },
  {
    kind: 'payment_card',
    noun: 'payment card numbers (Luhn-valid)',
    test: (t) => isPaymentCard(t),
    numeric: (x) => (Number.isSafeInteger(x) && x >= 1e12 ? String(x) : null),
  },
  { kind: 'iban', noun: 'IBANs (mod-97 valid)', test: (t) => ibanValid(t) },
  {
    kind: 'national_id',
    noun: 'US SSNs (valid area, group and serial)',
    test: (t, named) => isSsn(t, named),
    numeric: (x) => (Number.isInteger(x) && x > 0 && x < 1e9 ? String(x).padStart(9, '0') : null),
  },
  { kind: 'ip', noun: 'IP addresses', test: (t) => isIp(t) },
  { kind: 'url', noun: 'URLs', test: (t) => isUrl(t) },
  { kind: 'date', noun: 'dates', test: (t) => isDate(t) },
  {
    kind: 'phone',
    noun: 'phone numbers',
    test: (t, named) => isPhone(t, named),
    numeric: (x) => (Number.isInteger(x) && x >= 1e6 && x < 1e15 ? String(x) : null),
  },
  {
    kind: 'zip',
    noun: 'US ZIP codes',
    test: (t, named) => isUsZip(t, named),
    numeric: (x) => (Number.isInteger(x) && x >= 501 && x <= 99999 ? String(x).padStart(5, '0') : null),
  },
  { kind: 'postcode', noun: 'UK postcodes', test: (t) => isUkPostcode(t) },
];

/** One pattern's share in a column. */
export interface PatternShare extends ValueShare {
  kind: PatternKind;
  noun: string;
}

/** Distinct values tried on every pattern before a pattern is counted over the whole column. */
const SCREEN = 400;

/**
 * The share of each identifier pattern in the column, for the patterns that match at all.
 * String columns try every pattern; numeric columns only the pattern of `namedKind` (a column
 * named `zip` holding integers) and payment cards. `namedKind` also loosens that pattern (bare digits count).
 * Patterns are first screened on a few hundred distinct values, so a column of free text
 * costs one pass per plausible pattern, not one per pattern.
 */
export function patternShares(profile: ColumnProfile, namedKind?: string): PatternShare[] {
  if (profile.nonNull === 0 || profile.kind === 'boolean' || profile.kind === 'date') return [];
  // Card numbers are specific enough (13+ digits, Luhn) to be looked for in any numeric column.
  const rules = PATTERN_RULES.filter((r) => profile.kind === 'string' || (r.numeric && (r.kind === namedKind || r.kind === 'payment_card')));
  const screened = new Set<PatternRule>();
  let seen = 0;
  for (const value of profile.counts.keys()) {
    if (seen++ >= SCREEN) break;
    for (const rule of rules) if (!screened.has(rule) && test(rule, value, rule.kind === namedKind)) screened.add(rule);
  }
  const shares: PatternShare[] = [];
  for (const rule of rules) {
    if (!screened.has(rule) && rule.kind !== namedKind) continue;
    const matches = countMatching(profile, (v) => test(rule, v, rule.kind === namedKind));
    if (matches > 0) shares.push({ kind: rule.kind, noun: rule.noun, matches, n: profile.nonNull });
  }
  return shares.sort((a, b) => b.matches - a.matches);
}

function test(rule: PatternRule, value: DistinctValue, named: boolean): boolean {
  if (typeof value === 'string') return rule.test(value.trim(), named);
  if (typeof value === 'number' && rule.numeric) {
    const text = rule.numeric(value);
    return text !== null && rule.test(text, named);
  }
  return false;
}

/** PII found inside the free text of a column. */
export interface EmbeddedShare extends ValueShare {
  /** Kinds found, most frequent first (`email`, `US SSN`). */
  kinds: string[];
}

/** Counts the text values that carry an email, SSN, card or phone number somewhere inside. */
export function embeddedShare(profile: ColumnProfile): EmbeddedShare {
  const byKind = new Map<string, number>();
  let matches = 0;
  if (profile.kind === 'string') {
    for (const [value, count] of profile.counts) {
      if (typeof value !== 'string') continue;
      const kind = embeddedPii(value);
      if (!kind) continue;
      matches += count;
      byKind.set(kind, (byKind.get(kind) ?? 0) + count);
    }
  }
  const kinds = [...byKind.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  return { matches, n: profile.nonNull, kinds };
}
