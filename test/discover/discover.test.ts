import { describe, expect, it } from 'vitest';
import { tableSource } from '../../src/load/memory.js';
import { discover, protectedAttributes, suggestRoles } from '../../src/discover/discover.js';
import type { DiscoveryResult } from '../../src/results/index.js';
import { EXPECTED, NOW, peopleTable } from './fixture.js';

const table = peopleTable();
const result: DiscoveryResult = await discover(tableSource(table, 'people'), { now: NOW, sampleSize: 100_000 });
const byColumn = new Map(result.columns.map((c) => [c.column, c]));

function pairs(map: Record<string, readonly string[]>): Set<string> {
  return new Set(Object.entries(map).flatMap(([column, categories]) => categories.map((c) => `${column}:${c}`)));
}

describe('discover on a generated people table', () => {
  it('samples every row when there are fewer than the sample size', () => {
    expect(result.sample_rows).toBe(3000);
    expect(result.rows_seen).toBe(3000);
    expect(result.seed).toBe(42);
  });

  it('finds the expected categories with precision and recall of at least 0.9', () => {
    const expected = pairs(EXPECTED);
    const found = pairs(Object.fromEntries(result.columns.map((c) => [c.column, c.categories])));
    const truePositives = [...found].filter((p) => expected.has(p)).length;
    const precision = truePositives / found.size;
    const recall = truePositives / expected.size;
    const missed = [...expected].filter((p) => !found.has(p));
    const extra = [...found].filter((p) => !expected.has(p));
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['sex', 'sex'],
    ['race', 'race'],
    ['age', 'age'],
    ['date_of_birth', 'age'],
    ['nationality', 'nationality'],
    ['religion', 'religion'],
    ['marital_status', 'marital_status'],
    ['disability', 'disability'],
    ['language', 'language'],
    ['col_17', 'sex'],
    ['sexual_orientation', 'sexual_orientation'],
    ['veteran_status', 'veteran_status'],
    ['pregnant', 'pregnancy'],
  ])('names the protected kind of %s as %s', (column, kind) => {
    expect(byColumn.get(column)?.protected_kind).toBe(kind);
  });

  it.each([
    ['email', 'email'],
    ['contact', 'email'],
    ['phone', 'phone'],
    ['ssn', 'national_id'],
    ['customer_ref', 'national_id'],
    ['card_number', 'payment_card'],
    ['iban', 'iban'],
    ['ip_address', 'ip'],
    ['zip', 'zip'],
    ['postcode', 'postcode'],
    ['full_name', 'name'],
    ['date_of_birth', 'date_of_birth'],
    ['passport_no', 'passport'],
    ['street_address', 'address'],
    ['client_ip', 'ip'],
    ['account_number', 'account'],
  ])('names the identifier kind of %s as %s', (column, kind) => {
    expect(byColumn.get(column)?.identifier_kind).toBe(kind);
  });

  it.each(['age_of_account_days', 'race_time_ms', 'essex_branch', 'row_id', 'application_no', 'gender', 'comment', 'message'])(
    'does not take the look-alike %s for a sensitive column',
    (column) => {
      const finding = byColumn.get(column)!;
      expect(finding.categories).toEqual([]);
      expect(finding.protected_kind).toBeUndefined();
      expect(finding.identifier_kind).toBeUndefined();
    },
  );

  it('rejects a name match whose values are far beyond human ages, and says why', () => {
    const evidence = byColumn.get('age_of_account_days')!.evidence.join(' ');
    expect(evidence).toMatch(/name matches 'age'.*rejected/);
  });

  it('flags a free-text column with a few emails as containing some PII, not as an email column', () => {
    const comment = byColumn.get('comment')!;
    expect(comment.contains_some_pii).toBe(true);
    expect(comment.evidence.join(' ')).toMatch(/0\.10% of 3,000 values contain PII \(email\)/); // 3 / 3000 = 0.10%
    expect(comment.examples.join(' ')).not.toMatch(/@example\.org/);
  });

  it('finds the planted neighbourhood and ZIP proxies for race, and no others', () => {
    const neighbourhood = byColumn.get('neighbourhood')!;
    expect(neighbourhood.proxy_for?.[0].attribute).toBe('race');
    expect(neighbourhood.proxy_for?.[0].strength).toBe('strong');
    expect(neighbourhood.action).toMatch(/^review: proxy for race \(V = 0\.\d\d\)$/);
    expect(byColumn.get('zip')!.proxy_for?.[0].attribute).toBe('race');
    const proxies = result.columns.filter((c) => c.categories.includes('proxy')).map((c) => c.column).sort();
    expect(proxies).toEqual(['neighbourhood', 'zip']);
  });

  it('gives the Wilson lower bound of the match share as confidence_lower', () => {
    const email = byColumn.get('email')!;
    // 3000 of 3000 match: Wilson lower bound = n / (n + z²) = 3000 / (3000 + 3.8415) = 0.998721.
    expect(email.confidence).toBe(1);
    expect(email.confidence_lower).toBeCloseTo(3000 / (3000 + 1.959963984540054 ** 2), 6);
  });

  it('never shows a raw identifier value among the examples', () => {
    const columnIndex = (name: string) => table.schema.fields.findIndex((f) => f.name === name);
    for (const finding of result.columns.filter((c) => c.identifier_kind)) {
      const raw = table.getChildAt(columnIndex(finding.column))!.toArray() as unknown[];
      expect(finding.examples.length).toBeGreaterThan(0);
      for (const example of finding.examples) {
        for (const value of raw.slice(0, 500)) expect(example.includes(String(value)), `${finding.column}: ${example}`).toBe(false);
      }
    }
  });

  it('suggests an action for every kind of finding', () => {
    expect(byColumn.get('race')!.action).toBe('audit as a sensitive attribute');
    expect(byColumn.get('email')!.action).toBe('mask: hmac');
    expect(byColumn.get('zip')!.action).toMatch(/^generalize \(ZIP to 3 digits\); review: proxy for race/);
    expect(byColumn.get('date_of_birth')!.action).toBe('audit as age (derive age bands); generalize (date to year)');
    expect(byColumn.get('essex_branch')!.action).toBe('none');
  });

  it('picks one column per protected kind to audit: age over date of birth, the first sex column', () => {
    expect(protectedAttributes(result)).toEqual(['sex', 'race', 'age', 'nationality', 'religion', 'marital_status', 'disability', 'language', 'sexual_orientation', 'veteran_status', 'pregnant']);
  });

  it('suggests label, prediction and score roles only from obvious names', () => {
    expect(suggestRoles(result)).toEqual({ label: 'repaid', prediction: 'approved', score: 'score' });
  });

  it('draws the same findings with the same seed', async () => {
    const again = await discover(tableSource(table, 'people'), { now: NOW, sampleSize: 1000, seed: 3 });
    const once = await discover(tableSource(table, 'people'), { now: NOW, sampleSize: 1000, seed: 3 });
    expect(again).toEqual(once);
    expect(again.sample_rows).toBe(1000);
    expect(again.rows_seen).toBe(3000);
  });
});
