/**
 * A generated (seeded) people table with a column of every kind discovery knows, and the
 * look-alikes it must not fall for. Values are built here from first principles (check digits
 * computed by the generator), independently of the discovery code.
 */
import { tableFromArrays, type Table } from 'apache-arrow';
import type { ColumnCategory } from '../../src/results/index.js';

/** A small seeded generator (xorshift32), separate from the one under test. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** The reference date of the fixture: ages are computed at 2025-01-01. */
export const NOW = Date.UTC(2025, 0, 1);

const RACES = ['White', 'Black', 'Asian', 'Hispanic', 'Native American'];
const NEIGHBOURHOODS: Record<string, string[]> = {
  White: ['Oakwood', 'Hillcrest'],
  Black: ['Riverside', 'Eastgate'],
  Asian: ['Lakeview', 'Northfield'],
  Hispanic: ['Southpark', 'Mission'],
  'Native American': ['Redrock', 'Pinecrest'],
};
const ALL_NEIGHBOURHOODS = Object.values(NEIGHBOURHOODS).flat();
const FIRST = ['John', 'Mary', 'Ahmed', 'Li', 'Sofia', 'Carlos', 'Aisha', 'Peter', 'Olga', 'Kenji', 'Fatima', 'Lucas'];
const LAST = ['Smith', 'Garcia', 'Nguyen', 'Okafor', 'Müller', 'Rossi', 'Kowalski', 'Haddad', 'Silva', 'Tanaka'];
const TOWNS = ['Chelmsford', 'Colchester', 'Basildon', 'Southend', 'Harlow', 'Braintree'];
const POSTCODE_AREAS = ['SW', 'EC', 'N', 'M', 'B', 'LS', 'G', 'CF'];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const STREETS = ['Main St', 'Oak Ave', 'High Street', 'Station Rd', 'Elm Blvd', 'Church Lane'];

/** Appends the Luhn check digit: the digit that makes the doubled-alternate sum a multiple of 10. */
export function withLuhnDigit(payload: string): string {
  let sum = 0;
  // Walking right to left over the payload, the first digit is the one that will be doubled.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(payload[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return payload + String((10 - (sum % 10)) % 10);
}

/** A valid IBAN for `country` and `bban`: check digits 98 − (BBAN + country + "00" as a number mod 97). */
export function ibanFor(country: string, bban: string): string {
  const digits = (bban + country + '00').replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  const check = 98n - (BigInt(digits) % 97n);
  return country + String(check).padStart(2, '0') + bban;
}

/** Expected categories per column of {@link peopleTable}. */
export const EXPECTED: Record<string, ColumnCategory[]> = {
  row_id: [],
  sex: ['protected', 'quasi-identifier'],
  race: ['protected'],
  age: ['protected', 'quasi-identifier'],
  date_of_birth: ['protected', 'quasi-identifier'],
  email: ['identifier'],
  contact: ['identifier'],
  phone: ['identifier'],
  ssn: ['identifier'],
  customer_ref: ['identifier'],
  card_number: ['identifier'],
  iban: ['identifier'],
  ip_address: ['identifier'],
  zip: ['quasi-identifier', 'proxy'],
  postcode: ['quasi-identifier'],
  full_name: ['identifier'],
  nationality: ['protected'],
  religion: ['protected'],
  marital_status: ['protected'],
  disability: ['protected'],
  language: ['protected'],
  neighbourhood: ['proxy'],
  col_17: ['protected', 'quasi-identifier'],
  age_of_account_days: [],
  race_time_ms: [],
  essex_branch: [],
  comment: [],
  gender: [],
  message: [],
  loan_amount: [],
  approved: [],
  repaid: [],
  score: [],
  sexual_orientation: ['protected'],
  veteran_status: ['protected'],
  pregnant: ['protected'],
  passport_no: ['identifier'],
  street_address: ['identifier'],
  client_ip: ['identifier'],
  account_number: ['identifier'],
  application_no: [],
};

/** Rows with an email inside the comment text. */
export const COMMENT_EMAIL_ROWS = [7, 1234, 2901];

/** The people table: `n` rows drawn with `seed`. */
export function peopleTable(n = 3000, seed = 11): Table {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const digits = (k: number) => Array.from({ length: k }, () => int(0, 9)).join('');
  const ssn = () => `${String(pick([int(1, 665), int(667, 899)])).padStart(3, '0')}-${String(int(1, 99)).padStart(2, '0')}-${String(int(1, 9999)).padStart(4, '0')}`;
  const columns: Record<string, unknown[]> = Object.fromEntries(Object.keys(EXPECTED).map((k) => [k, []]));
  const push = (name: string, value: unknown) => columns[name].push(value);
  for (let i = 0; i < n; i++) {
    const race = pick(RACES);
    const neighbourhood = r() < 0.9 ? pick(NEIGHBOURHOODS[race]) : pick(ALL_NEIGHBOURHOODS);
    const first = pick(FIRST);
    const last = pick(LAST);
    const birth = new Date(Date.UTC(int(1935, 2005), int(0, 11), int(1, 28)));
    push('row_id', i);
    push('sex', r() < 0.03 ? null : pick(['Male', 'Female', 'Female', 'Male', 'Non-binary']));
    push('race', race);
    push('age', int(18, 90));
    push('date_of_birth', birth.toISOString().slice(0, 10));
    push('email', `${first.toLowerCase()}.${last.toLowerCase().replace('ü', 'u')}${i}@${pick(['example.com', 'mail.org', 'corp.net'])}`);
    push('contact', `${last.toLowerCase().replace('ü', 'u')}${i}@${pick(['example.com', 'post.de'])}`);
    push('phone', r() < 0.5 ? `+1 ${int(201, 989)} ${digits(3)} ${digits(4)}` : `(${int(201, 989)}) ${digits(3)}-${digits(4)}`);
    push('ssn', ssn());
    push('customer_ref', ssn());
    push('card_number', withLuhnDigit('4' + digits(14)));
    push('iban', ibanFor('GB', `${pick(['WEST', 'BARC', 'LOYD'])}${digits(14)}`));
    push('ip_address', `${int(1, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`);
    push('zip', `${ALL_NEIGHBOURHOODS.indexOf(neighbourhood) + 10}${int(100, 102)}`.padStart(5, '0'));
    push('postcode', `${pick(POSTCODE_AREAS)}${int(1, 20)} ${int(0, 9)}${pick([...INWARD_LETTERS])}${pick([...INWARD_LETTERS])}`);
    push('full_name', `${first} ${last}`);
    push('nationality', pick(['United States', 'Mexico', 'Canada', 'India', 'Philippines', 'Germany']));
    push('religion', pick(['Christian', 'Muslim', 'Jewish', 'Hindu', 'Buddhist', 'None']));
    push('marital_status', pick(['Single', 'Married', 'Divorced', 'Widowed']));
    push('disability', r() < 0.1);
    push('language', pick(['English', 'Spanish', 'French', 'Mandarin']));
    push('neighbourhood', neighbourhood);
    push('col_17', pick(['M', 'F']));
    push('age_of_account_days', int(0, 5000));
    push('race_time_ms', int(100_000, 900_000));
    push('essex_branch', pick(TOWNS));
    push('comment', COMMENT_EMAIL_ROWS.includes(i) ? `please call back, write to ${first.toLowerCase()}@example.org` : pick(['great service', 'slow reply', 'would recommend', 'no comment', 'asked about fees']));
    push('gender', int(1000, 99_999));
    push('message', pick(['ok', 'pending review', 'done', 'retry later']));
    push('loan_amount', Math.round(r() * 50_000) / 100);
    push('approved', int(0, 1));
    push('repaid', int(0, 1));
    push('score', r());
    push('sexual_orientation', pick(['heterosexual', 'heterosexual', 'heterosexual', 'gay', 'lesbian', 'bisexual']));
    push('veteran_status', r() < 0.1 ? 'Yes' : 'No');
    push('pregnant', r() < 0.05);
    push('passport_no', `${pick(['X', 'K', 'P'])}${digits(8)}`);
    push('street_address', `${int(1, 9999)} ${pick(STREETS)}`);
    push('client_ip', `2001:db8:${int(0, 0xffff).toString(16)}::${int(1, 0xffff).toString(16)}`);
    push('account_number', digits(10));
    // A numeric row id whose name says nothing: near-unique numbers are measurements to the rules, never PII.
    push('application_no', 100_000 + i);
  }
  return tableFromArrays(columns as Parameters<typeof tableFromArrays>[0]) as Table;
}

/** Bias-corrected Cramér's V written out naively over nested arrays, as a second implementation. */
export function naiveV(table: number[][]): number {
  const rows = table.filter((row) => row.some((x) => x > 0));
  const colsKept = rows[0].map((_, j) => j).filter((j) => rows.some((row) => row[j] > 0));
  const t = rows.map((row) => colsKept.map((j) => row[j]));
  const n = t.flat().reduce((a, b) => a + b, 0);
  const r = t.length;
  const k = t[0].length;
  let chi2 = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < k; j++) {
      const e = (t[i].reduce((a, b) => a + b, 0) * t.reduce((a, row) => a + row[j], 0)) / n;
      chi2 += (t[i][j] - e) ** 2 / e;
    }
  }
  const phi2 = Math.max(0, chi2 / n - ((k - 1) * (r - 1)) / (n - 1));
  const rc = r - (r - 1) ** 2 / (n - 1);
  const kc = k - (k - 1) ** 2 / (n - 1);
  return Math.sqrt(phi2 / Math.min(rc - 1, kc - 1));
}
