/**
 * Identifier discovery that does not depend on case or layout: names in any case and split into
 * parts, other people's names, near-unique codes, dates in every common layout.
 */
import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { classifyColumn } from '../../src/discover/classify.js';
import { discover } from '../../src/discover/discover.js';
import { tableSource } from '../../src/load/memory.js';
import { fullYear, parseDate } from '../../src/discover/patterns.js';
import { profileColumn } from '../../src/discover/profile.js';
import type { SampledValue, ValueKind } from '../../src/discover/sample.js';
import { NOW } from './fixture.js';

function classify(name: string, values: SampledValue[], kind: ValueKind = 'string') {
  return classifyColumn(profileColumn({ name, type: kind === 'number' ? 'Int32' : 'Utf8', kind, values }), NOW);
}

const GIVEN = ['miguel', 'ana', 'james', 'mary', 'wei', 'fatima', 'jamal', 'sofia', 'david', 'priya'];
const FAMILY = ['hernandez', 'smith', 'nguyen', 'johnson', 'chen', 'garcia', 'williams', 'patel', 'brown', 'lopez'];
const people = (n: number, style: (given: string, family: string) => string) => Array.from({ length: n }, (_, i) => style(GIVEN[i % 10], FAMILY[Math.floor(i / 10) % 10]));

describe('personal names', () => {
  it.each([
    ['lower case', (g: string, f: string) => `${g} ${f}`],
    ['upper case', (g: string, f: string) => `${g} ${f}`.toUpperCase()],
    ['last name first', (g: string, f: string) => `${f.toUpperCase()}, ${g}`],
  ])('takes a column named full_name in %s for names', (_, style) => {
    expect(classify('full_name', people(100, style))).toMatchObject({ categories: ['identifier'], identifier_kind: 'name' });
  });

  it.each(['first', 'last', 'FIRST', 'Last', 'middle', 'fname', 'lname', 'given_name', 'Surname'])('takes a split name column %s for names', (column) => {
    expect(classify(column, people(60, (g) => g))).toMatchObject({ categories: ['identifier'], identifier_kind: 'name' });
  });

  it.each(['ManagerName', 'supervisor_name', 'emergency_contact', 'caseworker'])('takes %s (another person named in the record) for names', (column) => {
    expect(classify(column, people(60, (g, f) => `${g[0].toUpperCase()}${g.slice(1)} ${f}`))).toMatchObject({ categories: ['identifier'], identifier_kind: 'name' });
  });

  it('takes an unnamed column of lower-case full names for names on its values, but not a column of product names', () => {
    expect(classify('col7', people(100, (g, f) => `${g} ${f}`))).toMatchObject({ categories: ['identifier'], identifier_kind: 'name', matched_by: ['values'] });
    const products = Array.from({ length: 100 }, (_, i) => `${['steel', 'oak', 'glass', 'paper'][i % 4]} ${['chair', 'table', 'lamp', 'shelf', 'desk'][i % 5]}`);
    expect(classify('col8', products).categories).toEqual([]);
  });

  it('needs common names among the values when the column name only hints (manager)', () => {
    expect(classify('manager', people(60, (g, f) => `${g} ${f}`))).toMatchObject({ identifier_kind: 'name' });
    expect(classify('manager', Array.from({ length: 60 }, (_, i) => ['north team', 'south team', 'east desk'][i % 3])).identifier_kind).toBeUndefined();
  });
});

describe('near-unique codes', () => {
  it.each([
    ['case_number', (i: number) => `${13000000 + i * 37}CF10A`],
    ['EmployeeID', (i: number) => `E${10000 + i * 3}`],
    ['ticket', (i: number) => `TCK-${2024}-${String(i).padStart(5, '0')}`],
    ['ref', (i: number) => `A${(i * 7919).toString(36)}9`],
  ])('takes %s for an identifier to hash', (column, code) => {
    expect(classify(column, Array.from({ length: 100 }, (_, i) => code(i)))).toMatchObject({ categories: ['identifier'], identifier_kind: 'record_id' });
  });

  it('does not take a repeated category code for an identifier', () => {
    expect(classify('branch_code', Array.from({ length: 100 }, (_, i) => `BR${i % 4}`)).categories).toEqual([]);
  });
});

describe('dates in every common layout', () => {
  it('reads two-digit years as the latest such year not in the future', () => {
    const now = Date.UTC(2026, 5, 1);
    expect([fullYear(83, now), fullYear(26, now), fullYear(27, now), fullYear(7, now)]).toEqual([1983, 2026, 1927, 2007]);
    expect(parseDate('07/10/83', now)).toBe(Date.UTC(1983, 6, 10));
    expect(parseDate('10.07.83', now)).toBe(Date.UTC(1983, 6, 10));
    expect(parseDate('07/10/1983 2:30 PM')).toBe(Date.UTC(1983, 6, 10));
    expect(parseDate('1983.07.10')).toBe(Date.UTC(1983, 6, 10));
    expect(parseDate('10 Jul 83 08:00', now)).toBe(Date.UTC(1983, 6, 10));
    expect(parseDate('2013-01-05T10:20:30.123+02:00')).toBe(Date.UTC(2013, 0, 5));
  });

  it('takes a birth-date column mixing ISO, MM/DD/YY and DD.MM.YYYY for a date of birth', () => {
    const layouts = (i: number) => {
      const [y, m, d] = [1950 + (i % 45), 1 + (i % 12), 1 + (i % 28)];
      const p = (x: number) => String(x).padStart(2, '0');
      return [`${y}-${p(m)}-${p(d)}`, `${p(m)}/${p(d)}/${p(y % 100)}`, `${p(d)}.${p(m)}.${y}`][i % 3];
    };
    expect(classify('dob', Array.from({ length: 90 }, (_, i) => layouts(i)))).toMatchObject({ identifier_kind: 'date_of_birth', confidence: 1 });
    expect(classify('col3', Array.from({ length: 90 }, (_, i) => layouts(i)))).toMatchObject({ identifier_kind: 'date_of_birth', matched_by: ['values'] });
  });

  it('takes other dates and datetimes for quasi-identifiers', () => {
    const admissions = Array.from({ length: 80 }, (_, i) => `2013-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:15:00`);
    expect(classify('c_jail_in', admissions)).toMatchObject({ categories: ['quasi-identifier'], identifier_kind: 'date' });
    expect(classify('when', admissions)).toMatchObject({ categories: ['quasi-identifier'], identifier_kind: 'date', matched_by: ['values'] });
  });
});

describe('free text', () => {
  it('tells notes apart from categories, so their identifiers are replaced span by span', () => {
    const notes = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? `left a message for the applicant at ${i}@example.org` : `documents received and filed on time, batch ${i}`));
    expect(classify('notes', notes)).toMatchObject({ categories: [], free_text: true, contains_some_pii: true });
  });
});

describe('examples', () => {
  it('masks a category holding a common name even when the column is not found to hold names, and keeps protected categories', async () => {
    const n = 60;
    const table = tableFromArrays({
      mgr: Array.from({ length: n }, (_, i) => ['Kim', 'Zed Q', 'Lopez'][i % 3]),
      race: Array.from({ length: n }, (_, i) => ['White', 'Black', 'Asian'][i % 3]),
    });
    const result = await discover(tableSource(table as never), { now: NOW });
    const examples = Object.fromEntries(result.columns.map((c) => [c.column, c.examples]));
    expect(examples.mgr).toEqual(['K**', 'Zed Q', 'L****']);
    expect(examples.race).toEqual(['White', 'Black', 'Asian']);
  });
});
