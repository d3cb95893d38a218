import { describe, expect, it } from 'vitest';
import { protectedAttributes, suggestRoles } from '../../src/discover/attributes.js';
import type { ColumnFinding, DiscoveryResult } from '../../src/results/index.js';

function column(name: string, extra: Partial<ColumnFinding> = {}): ColumnFinding {
  return {
    column: name, type: 'Utf8', categories: [], confidence: 0, confidence_lower: 0, evidence: [], action: 'none', examples: [],
    non_null: 100, distinct: 2, ...extra,
  };
}

function result(columns: ColumnFinding[]): DiscoveryResult {
  return { sample_rows: 100, rows_seen: 100, seed: 42, columns };
}

const prot = (kind: ColumnFinding['protected_kind'], lower: number, extra: Partial<ColumnFinding> = {}) =>
  ({ categories: ['protected'], protected_kind: kind, confidence: 1, confidence_lower: lower, matched_by: ['name'], ...extra }) as Partial<ColumnFinding>;

describe('protected attributes to audit', () => {
  it('takes one column per kind, a direct age over a more confident date of birth', () => {
    const r = result([
      column('dob', prot('age', 0.99, { identifier_kind: 'date_of_birth', categories: ['protected', 'quasi-identifier'] })),
      column('age', prot('age', 0.95)),
      column('race', prot('race', 0.9)),
      column('sex', prot('sex', 0.8)),
    ]);
    expect(protectedAttributes(r)).toEqual(['age', 'race', 'sex']);
  });

  it('prefers a column whose name says so over one found by its values, then the higher lower bound', () => {
    const r = result([
      column('col_3', prot('sex', 0.99, { matched_by: ['values'] })),
      column('gender', prot('sex', 0.7)),
      column('ethnicity', prot('race', 0.7)),
      column('race', prot('race', 0.9)),
    ]);
    expect(protectedAttributes(r)).toEqual(['gender', 'race']);
  });

  it('never returns identifiers or unprotected columns', () => {
    const r = result([column('email', { categories: ['identifier'], identifier_kind: 'email' }), column('zip', { categories: ['quasi-identifier', 'proxy'] })]);
    expect(protectedAttributes(r)).toEqual([]);
  });
});

describe('role suggestions', () => {
  it('suggests label, prediction and score when each is obvious by its whole name', () => {
    const r = result([column('y'), column('y_pred'), column('probability', { type: 'Float64', distinct: 900 })]);
    expect(suggestRoles(r)).toEqual({ label: 'y', prediction: 'y_pred', score: 'probability' });
  });

  it('suggests nothing for a role two columns could fill, or whose values do not fit', () => {
    const r = result([column('label'), column('target'), column('decision', { distinct: 3 }), column('score', { type: 'Utf8', distinct: 5 })]);
    expect(suggestRoles(r)).toEqual({});
  });

  it("reads 'selected' as a tool's decision, as NYC Local Law 144 does, not as a true outcome", () => {
    const r = result([column('selected'), column('hired')]);
    expect(suggestRoles(r)).toEqual({ label: 'hired', prediction: 'selected' });
  });

  it('does not take part of a name for a role (credit_score is a feature, not a model score)', () => {
    const r = result([column('credit_score', { type: 'Float64', distinct: 500 }), column('approved')]);
    expect(suggestRoles(r)).toEqual({ prediction: 'approved' });
  });
});
