import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../src/discover/profile.js';
import type { SampledValue, ValueKind } from '../../src/discover/sample.js';
import {
  ageBandShare,
  ageShare,
  birthDateShare,
  birthYearShare,
  embeddedShare,
  normalizeValue,
  patternShares,
  personNameShare,
  vocabularyShare,
} from '../../src/discover/values.js';
import { NOW } from './fixture.js';

function profile(values: SampledValue[], kind: ValueKind = 'string', name = 'col') {
  return profileColumn({ name, type: kind === 'number' ? 'Float64' : 'Utf8', kind, values });
}

describe('vocabularies', () => {
  it('normalizes case, accents and separators before looking a value up', () => {
    expect(normalizeValue('  Non-Binary ')).toBe('non binary');
    expect(normalizeValue('Black_or_African/American')).toBe('black or african american');
    expect(normalizeValue('Männlich')).toBe('mannlich');
  });

  it('counts sex values, and neutral answers apart, over the non-null values', () => {
    // male, female, f are sex words (3); unknown is neutral (1); banana is neither; null is left out: n = 5.
    const share = vocabularyShare(profile(['Male', 'female', 'F', 'unknown', 'banana', null]), 'sex');
    expect(share).toEqual({ matches: 4, n: 5, inVocabulary: 3, distinctInVocabulary: 3, neutral: 1 });
  });

  it('knows the race and ethnicity categories of US forms (EEO-1, NYC Local Law 144) and other languages', () => {
    const values = ['Hispanic or Latino', 'Native Hawaiian or Pacific Islander', 'Native American or Alaska Native', 'Two or More Races', 'Black or African American', 'branco', 'pardo', 'Blanc'];
    expect(vocabularyShare(profile(values), 'race').inVocabulary).toBe(8);
  });

  it('knows sex words in the five languages', () => {
    const values = ['hombre', 'mujer', 'homme', 'femme', 'männlich', 'weiblich', 'homem', 'mulher'];
    expect(vocabularyShare(profile(values), 'sex').inVocabulary).toBe(8);
  });
});

describe('age-like numbers', () => {
  it('counts values within human ages 0–120 and summarizes their spread', () => {
    // Sorted: 18 25 40 62 90 130; 5 of 6 within 0–120; the median (3rd of 6) is 40.
    const age = ageShare(profile([40, 18, 130, 62, 25, 90], 'number'))!;
    expect(age).toMatchObject({ matches: 5, n: 6, min: 18, max: 130, median: 40, distinct: 6, plausibleSpread: true });
  });

  it('sees that account ages in days are not human ages', () => {
    // 0..4999 days: only 0..120 (121 values) fall within human ages.
    const days = ageShare(profile(Array.from({ length: 5000 }, (_, i) => i), 'number'))!;
    expect(days.matches).toBe(121);
    expect(days.n).toBe(5000);
  });

  it('finds no spread in a constant column and no ages in text', () => {
    expect(ageShare(profile([30, 30, 30, 30, 30], 'number'))!.plausibleSpread).toBe(false);
    expect(ageShare(profile(['a', 'b', 'c']))).toBeNull();
  });

  it('recognizes age bands', () => {
    // Five of six are bands; "young" is not.
    expect(ageBandShare(profile(['18-24', '25 to 34', '65+', '<25', 'under 18', 'young']))).toEqual({ matches: 5, n: 6 });
  });
});

describe('birth dates and years', () => {
  it('counts dates implying human ages at the reference date', () => {
    // At 2025-01-01: 1990-01-01 is 35 years, 2000-01-01 is 25, 1850-01-01 is 175 (not a human age); "n/a" is no date.
    const birth = birthDateShare(profile(['1990-01-01', '2000-01-01', '1850-01-01', 'n/a']), NOW);
    expect(birth.dates).toBe(3);
    expect(birth.matches).toBe(2);
    expect(birth.n).toBe(4);
    expect(birth.medianAge).toBeCloseTo(35, 1);
  });

  it('counts plausible birth years (1880 to this year)', () => {
    expect(birthYearShare(profile([1950, 1999, 2030, 1700], 'number'), NOW)).toEqual({ matches: 2, n: 4 });
  });
});

describe('patterns over a column', () => {
  it('counts only issuable SSNs', () => {
    // 666 is never an area; "hello" is no SSN: 2 of 4.
    const shares = patternShares(profile(['123-45-6789', '666-45-6789', '078-05-1120', 'hello']));
    expect(shares.find((s) => s.kind === 'national_id')).toMatchObject({ matches: 2, n: 4 });
  });

  it('reads a ZIP column stored as numbers when its name says ZIP', () => {
    // 2134 is 02134 and 501 is 00501 (the lowest ZIP); 12 is too short to be one: 3 of 4.
    const shares = patternShares(profile([2134, 90210, 501, 12], 'number', 'zip'), 'zip');
    expect(shares.find((s) => s.kind === 'zip')).toMatchObject({ matches: 3, n: 4 });
    expect(patternShares(profile([2134, 90210, 501, 12], 'number', 'amount'))).toEqual([]);
  });

  it('finds IPv4 and IPv6 addresses, IBANs and UK postcodes', () => {
    const kinds = (values: string[]) => patternShares(profile(values))[0];
    expect(kinds(['10.0.0.1', '2001:db8::1', 'fe80::1'])).toMatchObject({ kind: 'ip', matches: 3 });
    expect(kinds(['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000'])).toMatchObject({ kind: 'iban', matches: 2 });
    expect(kinds(['SW1A 1AA', 'M1 1AE'])).toMatchObject({ kind: 'postcode', matches: 2 });
  });

  it('counts personal-name shapes', () => {
    expect(personNameShare(profile(['Ana María Pérez', "Sean O'Brien", 'pending review', '12345']))).toEqual({ matches: 2, n: 4 });
  });
});

describe('PII inside free text', () => {
  it('counts the texts holding an email, an issuable SSN, a Luhn-valid card or an international phone', () => {
    const share = embeddedShare(profile(['fine', 'mail me at ana@example.org', 'ssn 123-45-6789', 'ssn 666-12-3456', 'card 4111 1111 1111 1112']));
    // The 666 SSN and the card failing Luhn do not count: 2 of 5.
    expect(share).toEqual({ matches: 2, n: 5, kinds: ['email', 'US SSN'] });
  });
});
