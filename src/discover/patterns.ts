/**
 * Value patterns for identifiers, with the checksums that keep look-alikes out: Luhn for payment
 * cards, mod-97 for IBANs, the issuing rules for US Social Security numbers. Each predicate
 * takes one trimmed string and says whether it is one. `named` loosens a pattern where the
 * column's name already says what it holds (a phone column of bare digits, a ZIP column stored
 * as numbers): on its own, a bare 10-digit number is not evidence of a phone.
 */

/**
 * An e-mail address, ASCII or internationalized (RFC 6531: `josé@corp.example`, `用户@例子.广告`):
 * letters and marks of any script in the local part and the domain, a top-level domain of letters
 * or punycode (`xn--p1ai`).
 */
const EMAIL = /^[\p{L}\p{M}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?(?:\.[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?)*\.(?:\p{L}{2,24}|xn--[a-z0-9-]{1,59})$/u;

/** An e-mail address inside free text, ASCII or internationalized as {@link EMAIL}. */
export const EMAIL_IN_TEXT = /[\p{L}\p{M}\p{N}._%+-]+@[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)*\.(?:\p{L}{2,}|xn--[a-z0-9-]+)/u;

/** Whether `text` is an email address (`local@domain.tld`). */
export function isEmail(text: string): boolean {
  return text.length <= 254 && text.includes('@') && EMAIL.test(text);
}

const SSN = /^(\d{3})([- ]?)(\d{2})\2(\d{4})$/;

/**
 * Whether `text` is a US Social Security number that could have been issued: area 000, 666 and
 * 900–999, group 00 and serial 0000 never are. Bare 9 digits count only when `named`.
 *
 * @example
 * isSsn('123-45-6789'); // true
 * isSsn('666-45-6789'); // false (area 666 is never issued)
 */
export function isSsn(text: string, named = false): boolean {
  const m = SSN.exec(text);
  if (!m || (!named && m[2] === '')) return false;
  const area = Number(m[1]);
  return area !== 0 && area !== 666 && area < 900 && m[3] !== '00' && m[4] !== '0000';
}

/**
 * The Luhn checksum (ISO/IEC 7812): double every second digit from the right, subtract 9 from
 * doubles above 9, and the sum is a multiple of 10.
 *
 * @example
 * luhnValid('4111111111111111'); // true
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

const CARD = /^\d(?:[ -]?\d){12,18}$/;

/** Whether `text` is a payment card number: 13–19 digits (spaces or dashes allowed), Luhn-valid. */
export function isPaymentCard(text: string): boolean {
  if (!CARD.test(text)) return false;
  const digits = text.replace(/[ -]/g, '');
  // A run of one digit (0000 0000 0000 0000) passes Luhn but is a placeholder, not a card.
  return !/^(\d)\1+$/.test(digits) && luhnValid(digits);
}

/**
 * The IBAN check (ISO 13616): move the first four characters to the end, letters to numbers
 * (A = 10 … Z = 35), and the number mod 97 is 1.
 *
 * @example
 * ibanValid('GB82 WEST 1234 5698 7654 32'); // true
 */
export function ibanValid(text: string): boolean {
  const iban = text.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** Whether `text` is a dotted-quad IPv4 address. */
export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/** Whether `text` is an IPv6 address (full, `::`-compressed, or with an IPv4 tail). */
export function isIpv6(text: string): boolean {
  if (!text.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...tail];
  let width = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4(last)) return false;
    all.pop();
    width += 1;
  }
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? width <= 7 : width === 8;
}

/** Whether `text` is an IPv4 or IPv6 address. */
export function isIp(text: string): boolean {
  return isIpv4(text) || isIpv6(text);
}

const PHONE_CHARS = /^\+?[\d\s().-]+$/;
const PHONE_GROUPS = /^\+?\d{0,3}[\s.-]?\(?\d{1,5}\)?(?:[\s.-]?\d{2,5}){1,4}$/;

/**
 * Whether `text` is a phone number: E.164 (`+` and 8–15 digits, separators allowed) or a
 * national format with separators (`(555) 123-4567`, `06 12 34 56 78`, `030 1234567`). Bare
 * digit strings of 7–15 digits count only when `named`. Dates and SSN-shaped values never count.
 */
export function isPhone(text: string, named = false): boolean {
  if (!PHONE_CHARS.test(text)) return false;
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+')) return digits.length >= 8 && digits.length <= 15 && PHONE_GROUPS.test(text);
  if (/^\d+$/.test(text)) return named && digits.length >= 7 && digits.length <= 15;
  if (SSN.test(text) || /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(text) || /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(text)) return false;
  return digits.length >= (named ? 7 : 9) && digits.length <= 15 && PHONE_GROUPS.test(text);
}

/**
 * Whether `text` is a US ZIP code: 5 digits or ZIP+4 (`12345-6789`); bare 9 digits only when
 * `named`.
 */
export function isUsZip(text: string, named = false): boolean {
  return /^\d{5}(?:-\d{4})?$/.test(text) || (named && /^\d{9}$/.test(text));
}

const UK_POSTCODE = /^(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d[ABEHMNPRV-Y\d]?|\d[A-HJKPSTUW]) ?\d[ABD-HJLNP-UW-Z]{2})$/i;

/** Whether `text` is a UK postcode (`SW1A 1AA`, `M1 1AE`, `B33 8TH`). */
export function isUkPostcode(text: string): boolean {
  return UK_POSTCODE.test(text);
}

/** Whether `text` is an http(s) URL. */
export function isUrl(text: string): boolean {
  return /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(text);
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** A time of day after a date: `T10:20`, ` 14:30:05.123Z`, ` 2:30 PM`, ` 09:00 +02:00`. */
const TIME = String.raw`(?:[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?`;
const ISO_DATE = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const NUMERIC_DATE = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const DAY_MONTH_NAME = new RegExp(String.raw`^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})${TIME}$`);
const MONTH_NAME_DAY = new RegExp(String.raw`^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})${TIME}$`);

/**
 * A two-digit year read as the latest year, not after `now`'s, that ends in those digits (`83` → 1983 and `07` → 2007 in 2026): records hold past dates far more often than
 * future ones, and a birth date never lies in the future.
 */
export function fullYear(twoDigits: number, now: number = Date.now()): number {
  const thisYear = new Date(now).getUTCFullYear();
  const century = thisYear - (thisYear % 100);
  const year = century + twoDigits;
  return year > thisYear ? year - 100 : year;
}

/**
 * Parses a calendar date in ISO (`1984-03-07`, `1984/03/07`, `1984.03.07`), `MM/DD/YYYY` (or
 * `DD/MM/YYYY` when the first part exceeds 12), `DD.MM.YYYY`, `DD-MM-YYYY`, the same with two-digit
 * years (`07/10/83`, read by {@link fullYear}), `7 Mar 1984` or `Mar 7, 1984`, each
 * optionally followed by a time of day, and returns the UTC epoch milliseconds of its day; null
 * otherwise or when the day does not exist. Four-digit years 1800–2200 only, so numbers are not
 * taken for dates. Columns mixing layouts parse value by value.
 *
 * @example
 * parseDate('07/10/83 14:05', Date.UTC(2026, 0, 1)); // Date.UTC(1983, 6, 10)
 */
export function parseDate(text: string, now?: number): number | null {
  let m = ISO_DATE.exec(text);
  if (m) return utcDate(+m[1], +m[3], +m[4]);
  m = NUMERIC_DATE.exec(text);
  if (m) {
    const [a, b] = [+m[1], +m[3]];
    const year = m[4].length === 2 ? fullYear(+m[4], now) : +m[4];
    // Dots and dashes are day-first in Europe; slashes are month-first in the US unless that is impossible.
    const dayFirst = m[2] !== '/' || a > 12;
    return dayFirst ? utcDate(year, b, a) : utcDate(year, a, b);
  }
  m = DAY_MONTH_NAME.exec(text);
  if (m) return utcDate(m[3].length === 2 ? fullYear(+m[3], now) : +m[3], MONTHS[m[2].slice(0, 3).toLowerCase()] ?? 0, +m[1]);
  m = MONTH_NAME_DAY.exec(text);
  if (m) return utcDate(+m[3], MONTHS[m[1].slice(0, 3).toLowerCase()] ?? 0, +m[2]);
  return null;
}

/**
 * A date written as eight digits, `YYYYMMDD` (`19790211`, as text or as the number a CSV loader
 * makes of it), in UTC epoch milliseconds; null unless the day exists in 1800–2200. Read only where
 * a column's name already says it holds dates of birth, and when generalizing a date: an eight-digit
 * code elsewhere is not taken for a date.
 */
export function parseCompactDate(value: string | number): number | null {
  const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : '') : value.trim();
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? utcDate(+m[1], +m[2], +m[3]) : null;
}

/** Excel's day 0 (its serial dates count days from 1899-12-30, counting 1900 as a leap year). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A spreadsheet serial date (days since 1899-12-30, as a CSV export writes a date cell that lost
 * its format: `28856` for 1979-01-01), in UTC epoch milliseconds; null unless a whole number of
 * five digits, 10000–60000 (1927 to 2064). Read only where a column's name already says it holds
 * dates of birth, and when generalizing a date.
 */
export function parseSerialDate(value: string | number): number | null {
  const n = typeof value === 'number' ? value : /^\d{5}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(n) || n < 10_000 || n > 60_000) return null;
  return EXCEL_EPOCH + n * 86_400_000;
}

function utcDate(year: number, month: number, day: number): number | null {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const time = Date.UTC(year, month - 1, day);
  return new Date(time).getUTCDate() === day ? time : null;
}

/** Whether `text` is a date {@link parseDate} understands. */
export function isDate(text: string): boolean {
  return parseDate(text) !== null;
}

/** PII searched for inside free text (a comment with an email in it). */
const EMBEDDED: { kind: string; pattern: RegExp; check?: (hit: string) => boolean }[] = [
  { kind: 'email', pattern: EMAIL_IN_TEXT },
  { kind: 'US SSN', pattern: /\b\d{3}-\d{2}-\d{4}\b/, check: (hit) => isSsn(hit) },
  { kind: 'payment card', pattern: /\b\d(?:[ -]?\d){12,18}\b/, check: (hit) => isPaymentCard(hit) },
  { kind: 'phone', pattern: /\+\d[\d\s().-]{7,18}\d/ },
];

/**
 * The kind of PII found inside free text (`email`, `US SSN`, `payment card`, `phone`), or
 * undefined. Cheap character checks run before any regular expression.
 */
export function embeddedPii(text: string): string | undefined {
  const hasAt = text.includes('@');
  const hasDigit = /\d/.test(text);
  if (!hasAt && !hasDigit) return undefined;
  for (const { kind, pattern, check } of EMBEDDED) {
    if (kind === 'email' ? !hasAt : !hasDigit) continue;
    const hit = pattern.exec(text);
    if (hit && (!check || check(hit[0]))) return kind;
  }
  return undefined;
}
