/**
 * Identifiers inside free text: where they are, so a note keeps its words and loses only the
 * e-mail, phone, SSN, card, IBAN, IP address, URL, street address, a date the text calls a birth
 * date, and names (after a title, a common given name before a capitalized word or, in any letter
 * case, before a common surname, and the name next to an e-mail or phone). Pure: a string in,
 * spans or a rewritten string out.
 *
 * Speed: most notes hold no identifier at all, so each detector runs only when a cheap character
 * test says it could match (an `@` for e-mails, a digit for numbers, `://` or `www.` for URLs, a
 * capital letter for names); checksums (Luhn, mod-97, the SSN issuing rules) keep look-alikes
 * (order numbers, amounts) out.
 */
import { EMAIL_IN_TEXT, ibanValid, isIpv4, isSsn, luhnValid, parseDate } from '../discover/patterns.js';
import { GIVEN_NAMES, isCommonName, isSurname } from '../discover/person-names.js';

/** The kinds of span replaced, as written into the text: `[EMAIL]`, `[PHONE]`, … */
export type SpanKind = 'EMAIL' | 'URL' | 'IBAN' | 'CARD' | 'SSN' | 'PHONE' | 'IP' | 'DATE' | 'NAME' | 'ADDRESS';

/** One identifier found in a text: `text.slice(start, end)` is it. */
export interface Span {
  start: number;
  end: number;
  kind: SpanKind;
}

/** Options of {@link findSpans} and {@link scrubText}. */
export interface SpanOptions {
  /**
   * Also replace dates (HIPAA Safe Harbor: every date element but the year). Default false: only
   * a date the text marks as a birth date (`DOB 03/04/1968`, `born 1979-11-02`) is replaced.
   */
  dates?: boolean;
}

const EMAIL = new RegExp(EMAIL_IN_TEXT.source, 'gu');
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
// An area code, then groups of digits; a European subscriber number is one group of up to 8 (`030 1234567`).
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?|\b\d{2,5}[\s.-])\d{2,8}(?:[\s.-]\d{2,5}){0,3}\b|\+\d{8,15}\b/g;
const IP = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const DATE = /\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))\b|\b\d{1,2}[ -](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ -]\d{2,4}\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}\b/g;
/** A title and the capitalized words after it: `Dr. Ana Pérez`, `Mrs Nguyen`. */
const TITLED = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sr|Sra|Srta|Herr|Frau|Mme|Mlle)\.? (?:\p{Lu}[\p{L}'’-]+)(?: \p{Lu}[\p{L}'’-]+){0,2}/gu;
/** Capitalized words, for a common given name followed by a surname (`Miguel Hernandez`). */
const CAPITALIZED_PAIR = /\b(\p{Lu}[\p{Ll}'’-]+)((?: \p{Lu}\.?)? \p{Lu}[\p{L}'’-]+)/gu;
/**
 * A house number, one to three words and a street type (`42 Elm Street`, `1600 pennsylvania ave`,
 * `12b Rue de la Paix` is not: the type comes first there, and is left to the city it names).
 */
const STREET = /\b\d{1,6}[A-Za-z]? (?:[\p{L}'’.-]+ ){1,3}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|highway|hwy|parkway|pkwy|circle|square|sq)\b\.?(?: (?:apt|apartment|suite|ste|unit|#) ?[\p{L}\d-]+)?/giu;
const STREET_GATE = /\d[A-Za-z]? [^\s\d]/;
/**
 * Street addresses as German, Spanish, Portuguese, Italian and French write them: a street name
 * ending in its type, then the number (`Hauptstraße 5`, `Lindenweg 12a`); the type, the name,
 * then the number (`Calle Mayor 12`, `Rua Augusta 100`, `Via Roma 3`); the number, then the type
 * and the name (`12 rue de la Paix`).
 */
const STREET_NAME_FIRST = /\b[\p{L}-]{2,}(?:straße|strasse|str\.|gasse|weg|platz|allee)\s?\d{1,4}[a-z]?\b/giu;
// The name after the type is capitalized: `via email 3 times` is no address.
const STREET_TYPE_FIRST = /\b(?:[Cc]alle|[Cc]\/|[Aa]venida|[Aa]vda\.?|[Pp]aseo|[Pp]laza|[Cc]arrer|[Rr]ua|[Tt]ravessa|[Vv]ia|[Vv]iale|[Pp]iazza|[Cc]orso) \p{Lu}[\p{L}'’.-]*(?: [\p{L}'’.-]+){0,3},? (?:n[º°o]\.? ?)?\d{1,4}[a-z]?\b/gu;
const STREET_NUMBER_TYPE = /\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|chemin|allée|impasse|quai|place)\s+(?:(?:de|du|des|la|le|l’|l'|d’|d')\s*)*[\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’-]+){0,2}/giu;
/** A word of a street type in those languages: a note without one is not searched for them. */
const STREET_WORD = /(?:stra(?:ß|ss)e|str\.|gasse|weg|platz|allee)\s?\d|\b(?:calle|c\/|avenida|avda|paseo|plaza|carrer|rua|travessa|via|viale|piazza|corso|rue|avenue|av\.|boulevard|bd|chemin|impasse|quai|place)\b/i;
/** A number then a small word is an amount or a count in a sentence (`paid 300 on Main St`), not a house number. */
const STREET_NOT = /^\S+ (?:on|at|in|to|from|for|of|and|or|by|with|per|the|a|an|days?|weeks?|months?|years?|times?)\b/i;
/** Any of the words of {@link BIRTH_BEFORE}: most notes hold none, and their dates are not looked at. */
const BIRTH_WORD = /\b(?:d\.? ?o\.? ?b|born|birth|b\.|nacid|nacimiento|n[ée]e?\b|geb|nascid|nascimento)/i;
/** Words that mark the date after them as a birth date, in the languages the name rules read. */
const BIRTH_BEFORE = /(?:\bd\.? ?o\.? ?b\.?|\bborn(?: on)?|\bbirth ?(?:date|day)?|\bdate of birth|\bb\.|\bnacid[oa](?: el)?|\bnacimiento|\bn[ée]e?(?: le)?|\bgeboren(?: am)?|\bgeb\.|\bnascid[oa](?: em)?|\bnascimento)\s*[:=-]?\s*(?:on\s+|el\s+|le\s+|am\s+|em\s+)?$/iu;
/** Capitalized words right before an e-mail or phone span: `Ana Pérez <`, `Ana Pérez (`, `Ana Pérez: `. */
const NAME_BEFORE = /(\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2})\s*(?:<|\(|:|,|-|at|on)?\s*$/u;

/**
 * The identifiers in `text`, in order, none overlapping (where two overlap, the one starting first
 * wins, then the longer).
 *
 * @example
 * findSpans('mail ana@example.org or call +1 415 555 0100');
 * // [{ start: 5, end: 20, kind: 'EMAIL' }, { start: 29, end: 44, kind: 'PHONE' }]
 */
export function findSpans(text: string, options: SpanOptions = {}): Span[] {
  const spans: Span[] = [];
  const hasAt = text.includes('@');
  let hasDigit = false;
  let hasUpper = false;
  for (let i = 0; i < text.length && !(hasDigit && hasUpper); i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) hasDigit = true;
    else if ((c >= 65 && c <= 90) || c > 191) hasUpper = true;
  }
  if (hasAt) collect(text, EMAIL, 'EMAIL', spans);
  if (text.includes('://') || text.includes('www.') || text.includes('WWW.')) collect(text, URL, 'URL', spans);
  if (hasDigit) {
    if (hasUpper) collect(text, IBAN, 'IBAN', spans, (hit) => ibanValid(hit));
    collect(text, SSN, 'SSN', spans, (hit) => isSsn(hit));
    collect(text, CARD, 'CARD', spans, (hit) => {
      const digits = hit.replace(/[ -]/g, '');
      return !/^(\d)\1+$/.test(digits) && luhnValid(digits);
    });
    collect(text, IP, 'IP', spans, (hit) => isIpv4(hit));
    const isDate = (hit: string) => parseDate(hit) !== null || /[A-Za-z]/.test(hit);
    if (options.dates) collect(text, DATE, 'DATE', spans, isDate);
    else if (BIRTH_WORD.test(text)) birthDates(text, spans, isDate);
    // A house number is followed by a word: most notes' numbers are not (`ref 1234`, `555-0100`).
    if (STREET_GATE.test(text)) collect(text, STREET, 'ADDRESS', spans, (hit) => !STREET_NOT.test(hit));
    if (STREET_WORD.test(text)) {
      collect(text, STREET_NAME_FIRST, 'ADDRESS', spans);
      collect(text, STREET_TYPE_FIRST, 'ADDRESS', spans);
      collect(text, STREET_NUMBER_TYPE, 'ADDRESS', spans);
    }
    collect(text, PHONE, 'PHONE', spans, isPhoneSpan);
  }
  if (hasUpper) names(text, spans);
  namePairs(text, spans);
  lowerTitled(text, spans);
  return settle(spans);
}

/** How {@link scrubText} writes a span: its tag (`[EMAIL]`) by default. */
export type SpanReplacer = (span: Span, raw: string) => string;

/** The tag of a span: `[EMAIL]`. */
export const tagOf: SpanReplacer = (span) => `[${span.kind}]`;

/**
 * `text` with each identifier span replaced (by its tag, or what `replace` makes of it), the rest
 * of the text kept as it was.
 *
 * @example
 * scrubText('call Dr. Ana Pérez at 415-555-0100'); // 'call [NAME] at [PHONE]'
 */
export function scrubText(text: string, options: SpanOptions = {}, replace: SpanReplacer = tagOf): string {
  const spans = findSpans(text, options);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + replace(span, text.slice(span.start, span.end));
    at = span.end;
  }
  return out + text.slice(at);
}

function collect(text: string, pattern: RegExp, kind: SpanKind, spans: Span[], check?: (hit: string) => boolean): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (!check || check(m[0])) spans.push({ start: m.index, end: m.index + m[0].length, kind });
  }
}

/**
 * A phone number inside text: 9–15 digits with separators, or a `+` number; not a date, an SSN
 * (found apart) or a decimal amount.
 */
function isPhoneSpan(hit: string): boolean {
  const digits = hit.replace(/\D/g, '').length;
  if (digits < 9 || digits > 15) return hit.startsWith('+') && digits >= 8 && digits <= 15;
  return !/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(hit);
}

/** Capitalized words that start a sentence before an e-mail or phone without being a name. */
const NOT_NAMES: ReadonlySet<string> = new Set([
  'contact', 'call', 'email', 'e-mail', 'mail', 'phone', 'tel', 'mobile', 'cell', 'fax', 'write', 'reach', 'please', 'note',
  'notes', 'client', 'customer', 'dear', 'hi', 'hello', 'thanks', 'regards', 'patient', 'applicant', 'ask', 'sent', 'send', 'from', 'to', 'cc', 'reply', 'text', 'see',
]);

/** Names the text marks as names: after a title, as a common given name and a surname, or right before an e-mail or phone. */
function names(text: string, spans: Span[]): void {
  collect(text, TITLED, 'NAME', spans);
  CAPITALIZED_PAIR.lastIndex = 0;
  for (let m = CAPITALIZED_PAIR.exec(text); m !== null; m = CAPITALIZED_PAIR.exec(text)) {
    if (GIVEN_NAMES.has(m[1].toLowerCase())) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'NAME' });
    else CAPITALIZED_PAIR.lastIndex = m.index + m[1].length;
  }
  const contacts = spans.filter((s) => s.kind === 'EMAIL' || s.kind === 'PHONE');
  for (const contact of contacts) {
    const before = text.slice(Math.max(0, contact.start - 60), contact.start);
    const m = NAME_BEFORE.exec(before);
    if (!m) continue;
    // A sentence's first word (`Reach`, `Contact`) is not part of the name after it.
    const words = m[1].split(' ');
    let skip = 0;
    while (skip < words.length && NOT_NAMES.has(words[skip].toLowerCase())) skip++;
    if (skip === words.length) continue;
    const lead = words.slice(0, skip).reduce((n, w) => n + w.length + 1, 0);
    const start = contact.start - before.length + (m.index ?? 0) + lead;
    spans.push({ start, end: start + m[1].length - lead, kind: 'NAME' });
  }
}

/** Dates the words before them call a birth date (`DOB: 03/04/1968`, `born on 1979-11-02`). */
function birthDates(text: string, spans: Span[], isDate: (hit: string) => boolean): void {
  DATE.lastIndex = 0;
  for (let m = DATE.exec(text); m !== null; m = DATE.exec(text)) {
    if (!isDate(m[0])) continue;
    if (BIRTH_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'DATE' });
  }
}

/** A word's first two letters (lower case) and length, as a key of {@link GIVEN_SHAPES}. */
function shapeKey(first: number, second: number, length: number): number {
  return ((first & 31) << 9) | ((second & 31) << 4) | Math.min(length, 15);
}

/** The shapes of the common given names: a word of another shape is none, and is never sliced out. */
const GIVEN_SHAPES = (() => {
  const table = new Uint8Array(1 << 14);
  for (const name of GIVEN_NAMES) table[shapeKey(name.charCodeAt(0), name.charCodeAt(1) || 0, name.length)] = 1;
  return table;
})();

/** `text.slice(start, end)` as the lists write it: lower case, accents removed. */
function listWord(text: string, start: number, end: number, ascii: boolean): string {
  const word = text.slice(start, end).toLowerCase();
  return ascii ? word : word.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'");
}

/**
 * A common given name followed by a common surname, in any letter case (`spoke with james smith`,
 * `JAMES SMITH`): both words must be on the lists, so lower-case prose rarely matches. Words are
 * runs of letters and apostrophes found by their character codes; an ASCII word is looked up only
 * when its first letters and length are those of a given name (a regular expression and a string
 * per word took three times as long over a million notes).
 */
function namePairs(text: string, spans: Span[]): void {
  let start = -1;
  let ascii = true;
  let previousStart = -1;
  let previousEnd = -1;
  let previousGiven = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || (c > 127 && c !== 160 && c !== 0x2013 && c !== 0x2014)) {
      if (start < 0) {
        start = i;
        ascii = true;
      }
      if (c > 127) ascii = false;
      continue;
    }
    if (start < 0) continue;
    // Adjacent words only: one space between them.
    if (previousGiven && previousEnd + 1 === start && text.charCodeAt(previousEnd) === 32 && isSurname(listWord(text, start, i, ascii))) {
      spans.push({ start: previousStart, end: i, kind: 'NAME' });
    }
    const length = i - start;
    previousGiven =
      length >= 2 &&
      (!ascii || GIVEN_SHAPES[shapeKey(text.charCodeAt(start) | 32, text.charCodeAt(start + 1) | 32, length)] === 1) &&
      GIVEN_NAMES.has(listWord(text, start, i, ascii));
    previousStart = start;
    previousEnd = i;
    start = -1;
  }
}

/** A title in lower case and a common name after it: `dr. smith`, `mrs garcia`. */
const LOWER_TITLED = /\b(?:mr|mrs|ms|miss|mx|dr|prof)\.? ([\p{Ll}][\p{L}'’-]+)/gu;

/** Names after a title written in lower case, when the word after it is a common given name or surname. */
function lowerTitled(text: string, spans: Span[]): void {
  LOWER_TITLED.lastIndex = 0;
  for (let m = LOWER_TITLED.exec(text); m !== null; m = LOWER_TITLED.exec(text)) {
    if (isCommonName(listWord(m[1], 0, m[1].length, false))) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'NAME' });
  }
}

/** Spans sorted by start, overlaps resolved: the earlier start wins, then the longer span. */
function settle(spans: Span[]): Span[] {
  if (spans.length <= 1) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last && span.start < last.end) {
      if (span.end > last.end && last.kind === span.kind) last.end = span.end;
      continue;
    }
    out.push({ ...span });
  }
  return out;
}
