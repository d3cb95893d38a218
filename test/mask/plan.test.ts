import { describe, expect, it } from 'vitest';
import { Field, Float64, Int32, Schema, Utf8, DateDay } from 'apache-arrow';
import { formatMaskPlan, nameWords, planMasking } from '../../src/mask/plan.js';
import type { ColumnFinding, DiscoveryResult } from '../../src/results/index.js';
import { UserError } from '../../src/errors.js';

const schema = new Schema([
  new Field('customer_id', new Utf8()),
  new Field('email', new Utf8()),
  new Field('zip', new Utf8()),
  new Field('dob', new Utf8()),
  new Field('age', new Int32()),
  new Field('occupation', new Utf8()),
  new Field('sex', new Utf8()),
  new Field('income', new Float64()),
  new Field('approved', new Int32()),
]);

function finding(column: string, extra: Partial<ColumnFinding>): ColumnFinding {
  return { column, type: 'Utf8', categories: [], confidence: 1, confidence_lower: 0.9, evidence: [], action: '', examples: [], non_null: 100, distinct: 10, ...extra };
}

const discovery: DiscoveryResult = {
  sample_rows: 100,
  rows_seen: 100,
  seed: 42,
  columns: [
    finding('customer_id', { categories: ['identifier'], identifier_kind: 'record_id' }),
    finding('email', { categories: ['identifier'], identifier_kind: 'email' }),
    finding('zip', { categories: ['quasi-identifier'], identifier_kind: 'zip' }),
    finding('dob', { categories: ['protected', 'quasi-identifier'], protected_kind: 'age', identifier_kind: 'date_of_birth' }),
    finding('age', { categories: ['protected', 'quasi-identifier'], protected_kind: 'age' }),
    finding('occupation', { categories: ['quasi-identifier'] }),
    finding('sex', { categories: ['protected'], protected_kind: 'sex' }),
    finding('income', { categories: ['proxy'] }),
  ],
};

const ruleOf = (plan: ReturnType<typeof planMasking>, column: string) => plan.columns.find((c) => c.column === column)!.rule;

describe('the default profile', () => {
  const plan = planMasking({ schema, discovery, keep: ['approved'] });

  it('hashes identifiers and generalizes quasi-identifiers', () => {
    expect(ruleOf(plan, 'customer_id')).toEqual({ op: 'hmac' });
    expect(ruleOf(plan, 'email')).toEqual({ op: 'hmac' });
    expect(ruleOf(plan, 'zip')).toEqual({ op: 'generalize', zip_digits: 3 });
    expect(ruleOf(plan, 'dob')).toEqual({ op: 'generalize', date: 'year' });
    expect(ruleOf(plan, 'occupation')).toEqual({ op: 'suppress-rare', k: 5 });
  });

  it('never touches protected attributes, the label or proxies', () => {
    for (const column of ['age', 'sex', 'approved', 'income']) expect(ruleOf(plan, column)).toEqual({ op: 'keep' });
    expect(plan.columns.filter((c) => c.audited).map((c) => c.column)).toEqual(['age', 'sex', 'approved']);
  });

  it('measures k over the quasi-identifiers that stay in the output', () => {
    expect(plan.quasi_identifiers).toEqual(['zip', 'dob', 'age', 'occupation']);
  });

  it('lets the config name a rule for any column, protected ones included', () => {
    const configured = planMasking({ schema, discovery, config: { columns: { sex: { op: 'redact' }, email: { op: 'drop' } } } });
    expect(ruleOf(configured, 'sex')).toEqual({ op: 'redact' });
    expect(ruleOf(configured, 'email')).toEqual({ op: 'drop' });
    expect(configured.columns.find((c) => c.column === 'sex')!.source).toBe('config');
  });

  it('refuses a config rule for a column that does not exist, suggesting the nearest', () => {
    expect(() => planMasking({ schema, config: { columns: { emial: { op: 'drop' } } } })).toThrow(UserError);
    expect(() => planMasking({ schema, config: { columns: { emial: { op: 'drop' } } } })).toThrow(/unknown column "emial"/);
  });

  it('prints one line per column for --dry-run', () => {
    const text = formatMaskPlan(plan);
    expect(text).toContain('zip');
    expect(text).toContain('generalize(zip_digits=3)');
    expect(text.trim().split('\n')).toHaveLength(2 + schema.fields.length + 1);
  });
});

describe('the hipaa-safe-harbor profile', () => {
  // One column per Safe Harbor identifier that appears in tabular data, named as data usually names them.
  const hipaaSchema = new Schema([
    ...['full_name', 'StreetAddress', 'city', 'county', 'phone_number', 'fax', 'email', 'SSN', 'MRN', 'health_plan_id',
      'account_number', 'license_number', 'vehicle_vin', 'device_serial', 'homepage_url', 'ip_address', 'fingerprint_hash',
      'photo', 'patient_id'].map((n) => new Field(n, new Utf8())),
    new Field('zip_code', new Utf8()),
    new Field('admission_date', new Utf8()),
    new Field('birth_date', new DateDay()),
    new Field('age', new Int32()),
    new Field('state', new Utf8()),
    new Field('sex', new Utf8()),
    new Field('readmitted', new Int32()),
  ]);
  const plan = planMasking({ schema: hipaaSchema, profile: 'hipaa-safe-harbor', keep: ['readmitted', 'sex'] });

  it('drops every direct identifier', () => {
    const dropped = plan.columns.filter((c) => c.rule.op === 'drop').map((c) => c.column);
    expect(dropped).toEqual(hipaaSchema.fields.slice(0, 19).map((f) => f.name));
  });

  it('cuts ZIP codes to 3 digits, dates to the year and ages over 89 to 90+', () => {
    expect(ruleOf(plan, 'zip_code')).toEqual({ op: 'generalize', zip_digits: 3 });
    expect(ruleOf(plan, 'admission_date')).toEqual({ op: 'generalize', date: 'year' });
    // Safe Harbor: a birth year that tells an age over 89 is folded too (the year 90 years back and earlier).
    expect(ruleOf(plan, 'birth_date')).toEqual({ op: 'generalize', date: 'year', year_floor: new Date().getUTCFullYear() - 90 });
    expect(ruleOf(plan, 'age')).toEqual({ op: 'generalize', top_code: 89 });
  });

  it('keeps the state (allowed by Safe Harbor) and the audit columns', () => {
    for (const column of ['state', 'sex', 'readmitted']) expect(ruleOf(plan, column)).toEqual({ op: 'keep' });
  });

  it('uses discovery for identifiers its names do not give away', () => {
    const s = new Schema([new Field('contact', new Utf8())]);
    const found: DiscoveryResult = { ...discovery, columns: [finding('contact', { categories: ['identifier'], identifier_kind: 'email' })] };
    expect(ruleOf(planMasking({ schema: s, discovery: found, profile: 'hipaa-safe-harbor' }), 'contact')).toEqual({ op: 'drop' });
  });
});

describe('nameWords', () => {
  it('splits camel case and punctuation into lowercase words', () => {
    expect(nameWords('PatientDOB')).toBe('patient_dob');
    expect(nameWords('e-mail Address')).toBe('e_mail_address');
    expect(nameWords('SSN')).toBe('ssn');
  });
});

describe('the hipaa-safe-harbor profile on near-unique numbers', () => {
  const schema = new Schema([new Field('application_no', new Int32()), new Field('income', new Int32()), new Field('branch_code', new Utf8())]);
  const near = (column: string, distinct: number) => ({ column, type: 'Int32', categories: [], confidence: 0, confidence_lower: 0, evidence: [], action: 'none', examples: [], non_null: 1000, distinct });
  const discovery = { sample_rows: 1000, rows_seen: 1000, seed: 1, columns: [near('application_no', 1000), near('income', 990), near('branch_code', 12)] };
  const plan = planMasking({ schema, profile: 'hipaa-safe-harbor', discovery });

  it('drops a near-unique number its name calls one, and keeps a near-unique measurement and a repeated code', () => {
    expect(ruleOf(plan, 'application_no')).toEqual({ op: 'drop' });
    expect(ruleOf(plan, 'income')).toEqual({ op: 'keep' });
    expect(ruleOf(plan, 'branch_code')).toEqual({ op: 'keep' });
  });
});
