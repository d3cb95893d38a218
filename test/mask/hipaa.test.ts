/**
 * The hipaa-safe-harbor profile end to end on a generated table holding every Safe Harbor
 * identifier that appears in tabular data (45 CFR 164.514(b)(2)(i)), ages over 89 and every
 * restricted 3-digit ZIP area. Expected values are worked out here from the rule's text.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DateDay, Dictionary, Int32, Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { tableSource } from '../../src/load/memory.js';
import { maskData } from '../../src/mask/mask.js';
import { planMasking } from '../../src/mask/plan.js';
import { tempFolder } from './helpers.js';

// The 3-digit ZIP areas of 20,000 people or fewer, as listed by HHS (and issue 5).
const RESTRICTED = ['036', '059', '063', '102', '203', '556', '692', '790', '821', '823', '830', '831', '878', '879', '884', '890', '893'];
const OPEN = ['021', '100', '606', '902', '037', '058', '104', '894', '011', '995', '850', '331', '481', '770', '972', '553', '201'];
const N = RESTRICTED.length + OPEN.length;

const text = (f: (i: number) => string) => vectorFromArray(Array.from({ length: N }, (_, i) => f(i)), new Utf8());
const isoDay = (i: number) => `${1930 + i}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;

/** One column per identifier, named as exports from health records usually name them. */
const IDENTIFIERS = {
  patient_name: text((i) => `Given${i} Family${i}`),
  street_address: text((i) => `${100 + i} Elm Street`),
  city: text((i) => `Springfield${i}`),
  county: text((i) => `County${i}`),
  phone: text((i) => `(617) 555-01${String(i).padStart(2, '0')}`),
  fax_number: text((i) => `(617) 555-02${String(i).padStart(2, '0')}`),
  email: text((i) => `patient${i}@mail.test`),
  ssn: text((i) => `078-05-${1000 + i}`),
  mrn: text((i) => `MRN${900_000 + i}`),
  health_plan_id: text((i) => `HP${700_000 + i}`),
  account_number: text((i) => `ACCT${500_000 + i}`),
  certificate_number: text((i) => `CERT${400_000 + i}`),
  license_number: text((i) => `LIC${300_000 + i}`),
  vin: text((i) => `1HGCM82633A${100_000 + i}`),
  license_plate: text((i) => `PLT-${200 + i}`),
  device_serial: text((i) => `SN-${800_000 + i}`),
  url: text((i) => `https://clinic.test/p/${i}`),
  ip_address: text((i) => `10.77.3.${i}`),
  biometric_id: text((i) => `BIO${600_000 + i}`),
  photo: text((i) => `photos/face${i}.jpg`),
  patient_id: text((i) => `P-${31_000 + i}`),
};

function table(): Table {
  return new Table({
    ...IDENTIFIERS,
    zip: text((i) => (i < RESTRICTED.length ? `${RESTRICTED[i]}42` : `${OPEN[i - RESTRICTED.length]}17`)),
    birth_date: vectorFromArray(Array.from({ length: N }, (_, i) => new Date(`${isoDay(i)}T00:00:00Z`)), new DateDay()),
    admission_date: text((i) => isoDay(i + 60)),
    // US month/day/year text.
    discharge_date: text((i) => `${1 + (i % 12)}/${1 + (i % 28)}/${1995 + (i % 20)}`),
    death_time: vectorFromArray(Array.from({ length: N }, (_, i) => Date.UTC(2000 + (i % 20), i % 12, 3, 14, 30)), new TimestampMillisecond()),
    // 70 … 103: ages 90 and over among them.
    age: vectorFromArray(Int32Array.from({ length: N }, (_, i) => 70 + i)),
    state: text((i) => ['MA', 'NY', 'CA'][i % 3]),
    sex: vectorFromArray(Array.from({ length: N }, (_, i) => (i % 2 ? 'F' : 'M')), new Dictionary(new Utf8(), new Int32())),
    readmitted: vectorFromArray(Int32Array.from({ length: N }, (_, i) => i % 2)),
  });
}

describe('the hipaa-safe-harbor profile on a generated table', () => {
  it('drops every identifier, keeps years of dates, writes ages over 89 as 90+ and restricted ZIP3 areas as 000', async () => {
    const data = table();
    const out = join(await tempFolder(), 'deidentified.csv');
    const plan = planMasking({ schema: data.schema, profile: 'hipaa-safe-harbor', keep: ['readmitted', 'sex'] });
    const manifest = await maskData(tableSource(data), plan, { out, format: 'csv', batchSize: 5 });
    const bytes = await readFile(out, 'utf8');
    const [header, ...lines] = bytes.trimEnd().split('\r\n');
    expect(header).toBe('zip,birth_date,admission_date,discharge_date,death_time,age,state,sex,readmitted');
    const rows = lines.map((l) => l.split(','));
    expect(rows).toHaveLength(N);
    const column = (j: number) => rows.map((r) => r[j]);

    expect(column(0)).toEqual([...RESTRICTED.map(() => '000**'), ...OPEN.map((z) => `${z}**`)]);
    // Birth years that tell an age over 89 (90 years back and earlier) are one class, as Safe Harbor asks.
    const floor = new Date().getUTCFullYear() - 90;
    expect(column(1)).toEqual(Array.from({ length: N }, (_, i) => (1930 + i <= floor ? `≤${floor}` : String(1930 + i))));
    expect(column(2)).toEqual(Array.from({ length: N }, (_, i) => String(1930 + i + 60)));
    expect(column(3)).toEqual(Array.from({ length: N }, (_, i) => String(1995 + (i % 20))));
    expect(column(4)).toEqual(Array.from({ length: N }, (_, i) => String(2000 + (i % 20))));
    expect(column(5)).toEqual(Array.from({ length: N }, (_, i) => (70 + i > 89 ? '90+' : String(70 + i))));
    expect(column(5).filter((a) => a === '90+')).toHaveLength(N - 20);
    expect(column(6)).toEqual(Array.from({ length: N }, (_, i) => ['MA', 'NY', 'CA'][i % 3]));
    expect(column(8)).toEqual(Array.from({ length: N }, (_, i) => String(i % 2)));

    // No identifier value, full ZIP or full date appears anywhere in the written bytes.
    const raw = [
      ...Object.values(IDENTIFIERS).flatMap((v) => [...v] as string[]),
      ...([...data.getChild('zip')!] as string[]),
      ...Array.from({ length: N }, (_, i) => isoDay(i)),
      ...([...data.getChild('admission_date')!] as string[]),
      ...([...data.getChild('discharge_date')!] as string[]),
    ];
    for (const value of raw) expect(bytes.includes(value), value).toBe(false);
    for (const name of Object.keys(IDENTIFIERS)) expect(header.split(',')).not.toContain(name);

    const dropped = manifest.columns.filter((c) => c.operator === 'drop');
    expect(dropped.map((c) => c.column)).toEqual(Object.keys(IDENTIFIERS));
    expect(dropped.every((c) => c.values_changed === N)).toBe(true);
    // Ages above 89 changed (103 − 89 = 14 of them); every ZIP and every date changed.
    const changed = Object.fromEntries(manifest.columns.map((c) => [c.column, c.values_changed]));
    expect(changed).toMatchObject({ age: 14, zip: N, birth_date: N, admission_date: N, discharge_date: N, death_time: N, sex: 0, readmitted: 0 });
  });

  it('scrubs dates and names from any other text column, even short notes discovery does not call free text', () => {
    const notes = new Table({ note: text((i) => (i === 0 ? 'seen on 03/05/2024' : i === 1 ? 'follow up with dr. smith' : 'ok')), state: text((i) => ['MA', 'NY', 'CA'][i % 3]) });
    const plan = planMasking({ schema: notes.schema, profile: 'hipaa-safe-harbor', keep: [] });
    expect(plan.columns.find((c) => c.column === 'note')?.rule).toEqual({ op: 'scrub', dates: true });
  });
});
