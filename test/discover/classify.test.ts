import { describe, expect, it } from 'vitest';
import { classifyColumn } from '../../src/discover/classify.js';
import { profileColumn } from '../../src/discover/profile.js';
import type { SampledValue, ValueKind } from '../../src/discover/sample.js';
import { NOW } from './fixture.js';

function classify(name: string, values: SampledValue[], kind: ValueKind = 'string') {
  return classifyColumn(profileColumn({ name, type: kind === 'number' ? 'Int32' : kind === 'boolean' ? 'Bool' : 'Utf8', kind, values }), NOW);
}

/** The Wilson score interval's lower bound at 95%, written out as a second implementation. */
function wilsonLower(k: number, n: number): number {
  const z = 1.959963984540054;
  const p = k / n;
  return (p + (z * z) / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
}

const emails = (k: number) => Array.from({ length: k }, (_, i) => `user${i}@example.com`);
const junk = (k: number) => Array.from({ length: k }, (_, i) => `note ${i}`);

describe('confidence is the match share with its Wilson lower bound', () => {
  it('gives 80 emails of 100 a confidence of 0.8 and a lower bound of 0.711', () => {
    // By hand: z² = 3.8415, centre = (0.8 + 0.019207) / 1.038415 = 0.788901,
    // half-width = 1.887458 · √(0.0016 + 0.000096) = 0.077732, lower = 0.711169.
    expect(wilsonLower(80, 100)).toBeCloseTo(0.711169, 5);
    const named = classify('email', [...emails(80), ...junk(20)]);
    expect(named.categories).toEqual(['identifier']);
    expect(named.identifier_kind).toBe('email');
    expect(named.confidence).toBe(0.8);
    expect(named.confidence_lower).toBeCloseTo(0.711169, 5);
  });

  it('needs a lower bound of 0.8 to call a column an identifier on its values alone', () => {
    // 80 of 100 (lower 0.711) is not enough without the name; 99 of 100 (lower 0.946) is.
    expect(classify('ref', [...emails(80), ...junk(20)]).identifier_kind).not.toBe('email');
    expect(wilsonLower(99, 100)).toBeGreaterThan(0.8);
    const byValues = classify('ref', [...emails(99), ...junk(1)]);
    expect(byValues).toMatchObject({ categories: ['identifier'], identifier_kind: 'email', confidence: 0.99, matched_by: ['values'] });
    expect(byValues.confidence_lower).toBeCloseTo(wilsonLower(99, 100), 10);
  });

  it('reports one email in 2,000 comments as "contains some PII", not as an email column', () => {
    const comments = [...junk(1999), 'write to ana@example.org please'];
    const result = classify('comment', comments);
    expect(result.categories).toEqual([]);
    expect(result.identifier_kind).toBeUndefined();
    expect(result.contains_some_pii).toBe(true);
    expect(result.evidence.join(' ')).toMatch(/0\.05% of 2,000 values contain PII \(email\)/); // 1 / 2000
    // Its Wilson lower bound is about 0.00009, nowhere near 0.8.
    expect(wilsonLower(1, 2000)).toBeLessThan(0.001);
  });

  it('takes a column of sentences with PII inside for free text whose spans are replaced, not a column to hash whole', () => {
    const notes = Array.from({ length: 100 }, (_, i) => `contact user${i}@example.com for details`);
    expect(classify('notes', notes)).toMatchObject({ categories: [], free_text: true, contains_some_pii: true });
  });

  it('still takes short values with PII inside for an identifier', () => {
    const refs = Array.from({ length: 100 }, (_, i) => `to:user${i}@example.com`);
    expect(classify('ref', refs)).toMatchObject({ categories: ['identifier'], identifier_kind: 'email' });
  });
});

describe('name and values together', () => {
  it('says in which languages a shared word names the column', () => {
    const result = classify('sexo', Array.from({ length: 40 }, (_, i) => (i % 2 ? 'M' : 'F')));
    expect(result.protected_kind).toBe('sex');
    expect(result.evidence[0]).toBe("name matches 'sexo' (Spanish/Portuguese for sex)");
  });

  it('confirms a weak synonym only by its values: genre of music is not gender', () => {
    expect(classify('genre', Array.from({ length: 40 }, (_, i) => ['rock', 'jazz', 'pop'][i % 3])).categories).toEqual([]);
    expect(classify('genre', Array.from({ length: 40 }, (_, i) => (i % 2 ? 'homme' : 'femme'))).protected_kind).toBe('sex');
  });

  it('rejects a gender column full of large numbers, and an age column of days', () => {
    const gender = classify('gender', Array.from({ length: 200 }, (_, i) => 1000 + i * 37), 'number');
    expect(gender.categories).toEqual([]);
    const days = classify('age_of_account_days', Array.from({ length: 200 }, (_, i) => i * 25), 'number');
    expect(days.categories).toEqual([]);
    expect(days.evidence[0]).toMatch(/^name matches 'age' \(age\), rejected: values 0–4,975/);
  });

  it('makes a date of birth both protected (as age) and a quasi-identifier', () => {
    const dob = classify('fecha_de_nacimiento', Array.from({ length: 100 }, (_, i) => `${1950 + (i % 50)}-0${1 + (i % 9)}-15`));
    expect(dob).toMatchObject({ categories: ['protected', 'quasi-identifier'], protected_kind: 'age', identifier_kind: 'date_of_birth' });
  });

  it('takes a yes/no column named in German for a disability status', () => {
    expect(classify('Schwerbehinderung', Array.from({ length: 50 }, (_, i) => i % 7 === 0), 'boolean')).toMatchObject({
      categories: ['protected'],
      protected_kind: 'disability',
    });
  });

  it('never takes a race-time column or an Essex branch for race or sex', () => {
    expect(classify('race_time_ms', Array.from({ length: 200 }, (_, i) => 100_000 + i * 3001), 'number').categories).toEqual([]);
    expect(classify('essex_branch', Array.from({ length: 200 }, (_, i) => ['Chelmsford', 'Colchester', 'Harlow'][i % 3])).categories).toEqual([]);
  });

  it('calls near-unique codes an identifier to hash, never a proxy', () => {
    const ticket = classify('ticket', Array.from({ length: 100 }, (_, i) => `T-${1000 + i}`));
    expect(ticket).toMatchObject({ categories: ['identifier'], identifier_kind: 'record_id', matched_by: ['name', 'values'] });
    const unnamed = classify('ref', Array.from({ length: 100 }, (_, i) => `CR-2013-${String(471 + i * 7).padStart(5, '0')}`));
    expect(unnamed).toMatchObject({ categories: ['identifier'], identifier_kind: 'record_id', matched_by: ['values'] });
    expect(unnamed.evidence.join(' ')).toMatch(/100% of 100 values are codes \(100 distinct of 100\): an identifier, never a proxy/);
  });
});

describe('a small file, too few values for the Wilson bound, is still read when every value matches', () => {
  // Five values that all match have a Wilson lower bound of 5 / (5 + 1.96²) ≈ 0.566, short of 0.8:
  // the rules alone would call nothing identifying, and a masked copy would keep it.
  it('needs every value to match: five of five stands, four of five does not', () => {
    expect(wilsonLower(5, 5)).toBeLessThan(0.8);
    const five = ['maria.garcia@example.com', 'jsmith@mail.org', 'li.wei@corp.cn', 'asouza@web.br', 'jon@x.io'];
    expect(classify('contact', five)).toMatchObject({ categories: ['identifier'], identifier_kind: 'email', confidence: 1, matched_by: ['values'] });
    expect(classify('contact', [...five.slice(0, 4), 'see above']).identifier_kind).not.toBe('email');
  });

  it('finds five lower-case full names under a name that says nothing', () => {
    const names = ['maria garcia', 'james smith', 'li wei', 'ana souza', "john o'neil"];
    expect(classify('who', names)).toMatchObject({ categories: ['identifier'], identifier_kind: 'name', matched_by: ['values'] });
    // Name-shaped words with no common given name or surname are not names.
    expect(classify('who', ['red apple', 'green pear', 'blue plum']).categories).toEqual([]);
  });

  it('finds two dates as a quasi-identifier, and five birth dates in mixed layouts as a date of birth', () => {
    expect(classify('c1', ['2019-03-12', '2020-07-12'])).toMatchObject({ categories: ['quasi-identifier'], identifier_kind: 'date' });
    expect(classify('born', ['1985-03-12', '12/07/1990', '1979-11-02', '03.04.1968', '1992-08-30'])).toMatchObject({ identifier_kind: 'date_of_birth' });
  });

  it('reads eight-digit YYYYMMDD numbers under a name that says date of birth, and only there', () => {
    const compact = [19790211, 19850312, 19921130, 19680403, 19750715];
    expect(classify('dob', compact, 'number')).toMatchObject({ categories: ['protected', 'quasi-identifier'], identifier_kind: 'date_of_birth' });
    expect(classify('amount', compact, 'number').categories).toEqual([]);
  });

  it('reads spreadsheet serial dates under such a name: 28856 is 1979-01-01, counted from 1899-12-30', () => {
    // By hand: 1979-01-01 − 1899-12-30 = 79 years with 19 leap days (1904 … 1976) + 2 days = 79 × 365 + 19 + 2 = 28,856.
    const serial = [28856, 31118, 33938, 24931, 27590];
    expect(classify('birthdate', serial, 'number')).toMatchObject({ identifier_kind: 'date_of_birth' });
    expect(classify('amount', serial, 'number').categories).toEqual([]);
  });

  it('finds a handful of distinct codes as a record id, but not codes that repeat', () => {
    expect(classify('ref', ['CR-101', 'CR-102', 'CR-107'])).toMatchObject({ categories: ['identifier'], identifier_kind: 'record_id' });
    expect(classify('ref', ['CR-101', 'CR-101', 'CR-107']).categories).toEqual([]);
  });
});
