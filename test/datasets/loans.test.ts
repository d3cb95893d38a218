import { beforeAll, describe, expect, it } from 'vitest';
import { LOANS_PLANTED, LOANS_ZIP_NEIGHBOURHOODS } from '../../scripts/datasets/loans.js';
import { designImbalance } from '../../scripts/datasets/planted.js';
import { cramersV, generatedRows, ratesBy, standardError, type Row } from './naive.js';

const N = 20_000;
let rows: Row[];

beforeAll(() => {
  rows = generatedRows('loans', N, 42);
});

describe('loans dataset', () => {
  it('has a design whose group rates average to the overall rate, so the marginals are exact', () => {
    // Race: 0.5·0.60 + 0.2·0.42 + 0.2·0.45 + 0.09·0.58 + 0.01·0.38 = 0.30 + 0.084 + 0.09 + 0.0522 + 0.0038 = 0.53.
    // Sex: 0.495·0.45 + 0.495·0.61 + 0.01·0.53 = 0.22275 + 0.30195 + 0.0053 = 0.53.
    expect(designImbalance(LOANS_PLANTED)).toBeLessThan(1e-12);
  });

  it('recovers the planted approval rate of every race and sex group within 3 standard errors', () => {
    for (const [attribute, planted] of Object.entries(LOANS_PLANTED.attributes)) {
      const observed = ratesBy(rows, attribute, 'approved');
      expect([...observed.keys()].sort()).toEqual(Object.keys(planted.rates).sort());
      for (const [group, expected] of Object.entries(planted.rates) as [string, number][]) {
        const { n, rate } = observed.get(group)!;
        expect(Math.abs(rate - expected), `${attribute}=${group}: ${rate} vs ${expected} (n=${n})`).toBeLessThan(3 * standardError(expected, n));
      }
    }
  });

  it('recovers an intersection cell as the sum of its offsets (Black female: 0.42 + 0.45 − 0.53 = 0.34)', () => {
    const cell = rows.filter((r) => r.race === 'Black' && r.sex === 'female');
    const rate = cell.filter((r) => r.approved === 1).length / cell.length;
    expect(Math.abs(rate - 0.34)).toBeLessThan(3 * standardError(0.34, cell.length));
  });

  it('keeps the group shares near the design, with Native American a small group of about 1%', () => {
    const races = ratesBy(rows, 'race', 'approved');
    for (const [group, share] of Object.entries(LOANS_PLANTED.attributes.race.shares) as [string, number][]) {
      expect(Math.abs(races.get(group)!.n / N - share)).toBeLessThan(3 * standardError(share, N));
    }
    const missingSex = rows.filter((r) => r.sex === null).length;
    expect(Math.abs(missingSex / N - 0.01)).toBeLessThan(3 * standardError(0.01, N));
  });

  it('makes neighbourhood a strong proxy for race (Cramér V ≥ 0.5) and sex a weak one', () => {
    const race = rows.map((r) => String(r.race));
    expect(cramersV(race, rows.map((r) => String(r.neighbourhood)))).toBeGreaterThanOrEqual(0.5);
    expect(cramersV(race, rows.map((r) => String(r.zip)))).toBeGreaterThanOrEqual(0.5);
    expect(cramersV(race, rows.map((r) => String(r.sex)))).toBeLessThan(0.05);
  });

  it('derives each neighbourhood from its ZIP code, one neighbourhood per five-digit ZIP', () => {
    const seen = new Map<string, Set<string>>();
    for (const r of rows) seen.set(r.zip as string, (seen.get(r.zip as string) ?? new Set()).add(r.neighbourhood as string));
    expect([...seen.keys()].filter((zip) => !/^\d{5}$/.test(zip))).toEqual([]);
    expect([...seen].filter(([, neighbourhoods]) => neighbourhoods.size !== 1)).toEqual([]);
    expect(seen.size).toBe(40);
    expect(Object.fromEntries([...seen].map(([zip, n]) => [zip, [...n][0]]))).toEqual(LOANS_ZIP_NEIGHBOURHOODS);
  });

  it('states each age as whole years from the date of birth to 2026-01-01', () => {
    const wrong = rows.filter((r) => {
      const born = new Date(r.date_of_birth as number);
      // Someone born on 1 January of year Y is 2026 − Y on 2026-01-01; anyone born later in Y is one less.
      const birthdayPassed = born.getUTCMonth() === 0 && born.getUTCDate() === 1;
      return r.age !== 2026 - born.getUTCFullYear() - (birthdayPassed ? 0 : 1);
    });
    expect(wrong).toEqual([]);
    const ages = rows.map((r) => r.age as number);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...ages)).toBeLessThan(91);
  });

  it('approves exactly the applicants whose score is at least 0.5', () => {
    const score = (r: Row) => r.score as number;
    expect(rows.filter((r) => r.approved !== (score(r) >= 0.5 ? 1 : 0))).toEqual([]);
    expect(rows.filter((r) => !(score(r) >= 0 && score(r) <= 1))).toEqual([]);
  });

  it('gives a score that is informative of repayment, and the same repayment rate to every race', () => {
    const mean = (xs: Row[]) => xs.reduce((sum, r) => sum + (r.score as number), 0) / xs.length;
    expect(mean(rows.filter((r) => r.repaid === 1)) - mean(rows.filter((r) => r.repaid === 0))).toBeGreaterThan(0.1);
    const overall = rows.filter((r) => r.repaid === 1).length / N;
    for (const [group, { n, rate }] of ratesBy(rows, 'race', 'repaid')) {
      expect(Math.abs(rate - overall), group).toBeLessThan(3 * standardError(overall, n) + 3 * standardError(overall, N));
    }
  });

  it('uses only reserved fictitious contact details: example.* e-mail domains and 555-01xx phones', () => {
    for (const r of rows.slice(0, 2000)) {
      expect(r.applicant_id).toMatch(/^A-\d{6}$/);
      expect(r.email).toMatch(/^[a-z]+\.[a-z]+\d{0,2}@example\.(com|org|net)$/);
      expect(r.phone).toMatch(/^\+1 \d{3}-555-01\d{2}$/);
      expect(r.street_address).toMatch(/^\d{1,4} [A-Z][a-z]+ [A-Z][a-z]+$/);
      const [first, last] = String(r.name).toLowerCase().split(' ');
      expect(String(r.email).startsWith(`${first}.${last}`)).toBe(true);
    }
  });
});
