/**
 * A realistic identifying table, built by the tests themselves: personal names in lower, upper and
 * title case and split into parts, a manager's name, case and employee numbers, birth dates in
 * several layouts within one column (two-digit years included), admission datetimes, notes with
 * e-mails and phone numbers inside, ZIP codes, and the columns an audit reads (sex, race, an age
 * band, a label and a prediction). `RAW` lists every identifying value written, so a test can
 * grep every output for them.
 */
import { writeFileSync } from 'node:fs';
import { testRandom } from '../metrics/fixtures.js';

const GIVEN = ['miguel', 'ana', 'james', 'mary', 'wei', 'fatima', 'jamal', 'sofia', 'david', 'priya', 'carlos', 'linda'];
const FAMILY = ['hernandez', 'smith', 'nguyen', 'johnson', 'chen', 'garcia', 'williams', 'patel', 'brown', 'lopez', 'kim', 'davis'];
const MANAGERS = ['Karen Walker', 'Robert Ortiz', 'Helen Park', 'Thomas Reed'];
const STREETS = ['Oak', 'Pine', 'Main', 'Elm'];

/** One row's identifying and audited values. */
export interface IdentifyingRow {
  full_name: string;
  FIRST: string;
  Last: string;
  ManagerName: string;
  case_number: string;
  EmployeeID: string;
  dob: string;
  admitted_at: string;
  notes: string;
  zip: string;
  sex: string;
  race: string;
  age_band: string;
  label: number;
  pred: number;
}


const pad = (x: number, n = 2) => String(x).padStart(n, '0');
const title = (w: string) => w[0].toUpperCase() + w.slice(1);

/** `n` rows; every row's name, codes, e-mail and phone are distinct. */
export function identifyingRows(n: number, seed = 7): IdentifyingRow[] {
  const r = testRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const rows: IdentifyingRow[] = [];
  for (let i = 0; i < n; i++) {
    const given = GIVEN[i % GIVEN.length];
    const family = FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length];
    // A suffix keeps every full name distinct beyond 144 rows, as real names mostly are.
    const suffix = i >= 144 ? ` ${['ann', 'lee', 'jo', 'may', 'rae', 'kay'][Math.floor(i / 144) % 6]}${Math.floor(i / 864) || ''}` : '';
    const year = 1950 + Math.floor(r() * 50);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const layout = i % 4;
    const dob = layout === 0 ? `${year}-${pad(month)}-${pad(day)}` : layout === 1 ? `${pad(month)}/${pad(day)}/${pad(year % 100)}` : layout === 2 ? `${pad(day)}.${pad(month)}.${year}` : `${month}/${day}/${year}`;
    const admitted = `2013-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))} ${pad(Math.floor(r() * 24))}:${pad(Math.floor(r() * 60))}:00`;
    const phone = `(415) 555-${pad(1000 + i, 4)}`;
    const email = `${given}.${family}${i}@mail.example.org`;
    const notes = i % 3 === 0
      ? `Called back about the application, reach ${title(given)} ${title(family)} at ${email} or ${phone}`
      : i % 3 === 1 ? `Documents received, follow-up pending with the branch on ${STREETS[i % 4]} Street` : `Applicant asked to be contacted by phone at ${phone} after 5pm`;
    const sex = r() < 0.5 ? 'Male' : 'Female';
    const race = pick(['African-American', 'Caucasian', 'Hispanic', 'Asian', 'Other']);
    const age = 2026 - year;
    const label = r() < 0.4 + (race === 'Caucasian' ? 0.1 : 0) ? 1 : 0;
    rows.push({
      full_name: `${given} ${family}${suffix}`,
      FIRST: (given + suffix.replace(' ', '')).toUpperCase(),
      Last: title(family) + (i >= 144 ? `-${title(pick(FAMILY))}` : ''),
      ManagerName: pick(MANAGERS),
      case_number: `${13000000 + i * 37}CF10A`,
      EmployeeID: `E${pad(10000 + i * 3, 5)}`,
      dob,
      admitted_at: admitted,
      notes,
      zip: pick(['02134', '02139', '94110', '94117', '10001', '60614']),
      sex,
      race,
      age_band: age < 45 ? '25 - 45' : age < 65 ? '45 - 64' : 'Greater than 65',
      label,
      pred: r() < 0.7 ? label : 1 - label,
    });
  }
  return rows;
}

/** The raw identifying values of the rows: names (each part too), codes, birth dates, datetimes, e-mails and phones. */
export function rawIdentifiers(rows: readonly IdentifyingRow[]): string[] {
  const raw = new Set<string>();
  for (const row of rows) {
    for (const v of [row.full_name, row.FIRST, row.Last, row.ManagerName, row.case_number, row.EmployeeID, row.dob, row.admitted_at]) raw.add(v);
    for (const m of row.notes.matchAll(/[\w.]+@[\w.]+|\(\d{3}\) \d{3}-\d{4}/g)) raw.add(m[0]);
    for (const m of row.notes.matchAll(/reach (\w+ \w+) at/g)) raw.add(m[1]);
  }
  return [...raw];
}

/** Writes the rows as delimited text with `delimiter` and `eol`. */
export function writeDelimited(path: string, rows: readonly IdentifyingRow[], delimiter = ',', eol = '\n'): void {
  const columns = Object.keys(rows[0]) as (keyof IdentifyingRow)[];
  const quote = (v: unknown) => {
    const text = String(v);
    return text.includes(delimiter) || text.includes('"') ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.join(delimiter), ...rows.map((row) => columns.map((c) => quote(row[c])).join(delimiter))];
  writeFileSync(path, lines.join(eol) + eol);
}
