import { createHash, createHmac } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DateDay, Dictionary, Int32, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray, type RecordBatch } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { tableSource } from '../../src/load/memory.js';
import type { DataSource } from '../../src/load/source.js';
import { maskData } from '../../src/mask/mask.js';
import { planMasking, type MaskPlan } from '../../src/mask/plan.js';
import type { MaskRule } from '../../src/config/types.js';
import { UserError } from '../../src/errors.js';
import { fromFile, tempFolder } from './helpers.js';

const KEY = Buffer.from('a test key that is long enough');
const hmac = (text: string) => createHmac('sha256', KEY).update(text).digest('hex');
const dict = () => new Dictionary(new Utf8(), new Int32());

/** A plan with the given rules and every other column kept. */
function planOf(table: Table, rules: Record<string, MaskRule>, quasi: string[] = []): MaskPlan {
  return planMasking({ schema: table.schema, config: { columns: rules, quasi_identifiers: quasi } });
}

function people(rows = 40): Table {
  const names = Array.from({ length: rows }, (_, i) => `Person Number${i}`);
  const emails = Array.from({ length: rows }, (_, i) => `person${i}@example.com`);
  const zips = Array.from({ length: rows }, (_, i) => ['02134', '03601', '90210', '10001'][i % 4]);
  const sex = Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 'F' : 'M'));
  const label = Int32Array.from({ length: rows }, (_, i) => (i * 7) % 2);
  return new Table({
    name: vectorFromArray(names, new Utf8()),
    email: vectorFromArray(emails, dict()),
    zip: vectorFromArray(zips, dict()),
    sex: vectorFromArray(sex, dict()),
    label: vectorFromArray(label),
  });
}

function batched(table: Table, size: number): DataSource {
  const source = tableSource(table, 'people');
  return { ...source, scan: (options = {}) => source.scan({ ...options, batchSize: size }) };
}

describe('maskData', () => {
  it('writes no raw identifier anywhere in the output bytes, in every text and Arrow format', async () => {
    const table = people();
    const plan = planOf(table, { name: { op: 'redact' }, email: { op: 'hmac' }, zip: { op: 'generalize', zip_digits: 3 } });
    const folder = await tempFolder();
    for (const [format, ext] of [['csv', 'csv'], ['jsonl', 'jsonl'], ['arrow', 'arrow'], ['arrow-stream', 'arrows'], ['tsv', 'tsv']] as const) {
      const out = join(folder, `masked.${ext}`);
      await maskData(batched(table, 7), plan, { out, format, key: KEY });
      const bytes = (await readFile(out)).toString('latin1');
      for (const raw of [...table.getChild('name')!.toArray(), ...table.getChild('email')!.toArray(), '02134', '90210']) {
        expect(bytes.includes(String(raw)), `${format} holds ${raw}`).toBe(false);
      }
      expect(bytes).toContain(hmac('person0@example.com'));
    }
  });

  it('writes no raw identifier into any cell of a Parquet output', async () => {
    const table = people(20);
    const plan = planOf(table, { name: { op: 'redact' }, email: { op: 'hmac' }, zip: { op: 'generalize', zip_digits: 3 } });
    const out = join(await tempFolder(), 'masked.parquet');
    await maskData(batched(table, 6), plan, { out, key: KEY });
    const back = tableFromIPC(readParquet(await readFile(out)).intoIPCStream());
    const raw = [...table.getChild('name')!.toArray(), ...table.getChild('email')!.toArray(), '02134', '03601', '90210', '10001'].map(String);
    const cells = ['name', 'email', 'zip'].flatMap((c) => [...back.getChild(c)!].map(String));
    expect(cells).toHaveLength(60);
    for (const cell of cells) expect(raw.some((r) => cell.includes(r)), cell).toBe(false);
    expect((await readFile(out)).includes(Buffer.from('person1@example.com'))).toBe(false);
  });

  it('writes HMAC values equal to node:crypto HMAC-SHA-256 under the key, in Parquet too', async () => {
    const table = people(8);
    const out = join(await tempFolder(), 'masked.parquet');
    await maskData(batched(table, 3), planOf(table, { email: { op: 'hmac' } }), { out, format: 'parquet', key: KEY });
    const back = tableFromIPC(readParquet(await readFile(out)).intoIPCStream());
    expect(back.getChild('email')!.toArray()).toEqual(Array.from({ length: 8 }, (_, i) => hmac(`person${i}@example.com`)));
    expect(back.numRows).toBe(8);
  });

  it('leaves the label and sex columns byte-identical', async () => {
    const table = people(100);
    const out = join(await tempFolder(), 'masked.arrow');
    const plan = planMasking({ schema: table.schema, config: { columns: { name: { op: 'drop' }, email: { op: 'hmac' }, zip: { op: 'generalize', zip_digits: 3 } } }, keep: ['label', 'sex'] });
    await maskData(tableSource(table), plan, { out, key: KEY });
    const back = tableFromIPC(await readFile(out));
    const bytesOf = (t: Table) => Buffer.from(tableToIPC(t.select(['sex', 'label']), 'stream'));
    expect(bytesOf(back).equals(bytesOf(table))).toBe(true);
  });

  it('applies the HIPAA profile to a generated table: identifiers gone, 90+, ZIP3 with 000, years', async () => {
    const n = 30;
    const days = (i: number) => Date.UTC(1950 + i, i % 12, 1 + (i % 28));
    const table = new Table({
      patient_name: vectorFromArray(Array.from({ length: n }, (_, i) => `Name${i} Surname${i}`), new Utf8()),
      street_address: vectorFromArray(Array.from({ length: n }, (_, i) => `${100 + i} Elm Street`), new Utf8()),
      phone: vectorFromArray(Array.from({ length: n }, (_, i) => `555-01${String(i).padStart(2, '0')}`), new Utf8()),
      fax: vectorFromArray(Array.from({ length: n }, (_, i) => `555-02${String(i).padStart(2, '0')}`), new Utf8()),
      email: vectorFromArray(Array.from({ length: n }, (_, i) => `patient${i}@mail.test`), new Utf8()),
      ssn: vectorFromArray(Array.from({ length: n }, (_, i) => `078-05-${String(1000 + i)}`), new Utf8()),
      mrn: vectorFromArray(Array.from({ length: n }, (_, i) => `MRN${900000 + i}`), new Utf8()),
      health_plan_id: vectorFromArray(Array.from({ length: n }, (_, i) => `HP${700000 + i}`), new Utf8()),
      account_number: vectorFromArray(Array.from({ length: n }, (_, i) => `ACCT${500000 + i}`), new Utf8()),
      license_number: vectorFromArray(Array.from({ length: n }, (_, i) => `LIC${300000 + i}`), new Utf8()),
      vin: vectorFromArray(Array.from({ length: n }, (_, i) => `1HGCM82633A${String(100000 + i)}`), new Utf8()),
      device_serial: vectorFromArray(Array.from({ length: n }, (_, i) => `SN-${800000 + i}`), new Utf8()),
      url: vectorFromArray(Array.from({ length: n }, (_, i) => `https://example.test/p/${i}`), new Utf8()),
      ip_address: vectorFromArray(Array.from({ length: n }, (_, i) => `10.1.2.${i}`), new Utf8()),
      biometric_id: vectorFromArray(Array.from({ length: n }, (_, i) => `BIO${600000 + i}`), new Utf8()),
      photo: vectorFromArray(Array.from({ length: n }, (_, i) => `photos/p${i}.jpg`), new Utf8()),
      zip: vectorFromArray(Array.from({ length: n }, (_, i) => ['03601', '02134', '89012', '55601', '10001'][i % 5]), new Utf8()),
      birth_date: vectorFromArray(Array.from({ length: n }, (_, i) => days(i)), new DateDay()),
      age: vectorFromArray(Int32Array.from({ length: n }, (_, i) => 60 + i)),
      sex: vectorFromArray(Array.from({ length: n }, (_, i) => (i % 2 ? 'F' : 'M')), dict()),
    });
    const out = join(await tempFolder(), 'hipaa.csv');
    const plan = planMasking({ schema: table.schema, profile: 'hipaa-safe-harbor', keep: ['sex'] });
    const manifest = await maskData(batched(table, 8), plan, { out, format: 'csv' });
    const text = await readFile(out, 'utf8');
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('zip,birth_date,age,sex');
    const rows = lines.slice(1).map((l) => l.split(','));
    // zip 03601 → restricted 036 → 000**; 89012 → 890 restricted → 000**; 55601 → 556 restricted → 000**; 02134 → 021**.
    expect(rows.slice(0, 5).map((r) => r[0])).toEqual(['000**', '021**', '000**', '000**', '100**']);
    expect(rows.map((r) => r[1])).toEqual(Array.from({ length: n }, (_, i) => String(1950 + i)));
    // ages 60 … 89 (60 + 29) stay as they are; the next test covers ages over 89.
    expect(rows.map((r) => r[2])).toEqual(Array.from({ length: n }, (_, i) => String(60 + i)));
    for (const column of table.schema.fields.slice(0, 16)) {
      for (const raw of [...(table as Table).getChild(column.name)!] as unknown[]) expect(text.includes(String(raw)), `${column.name}: ${raw}`).toBe(false);
    }
    expect(manifest.columns.filter((c) => c.operator === 'drop')).toHaveLength(16);
    expect(manifest.key_fingerprint).toBeNull();
  });

  it('writes ages over 89 as 90+ under the HIPAA profile', async () => {
    const table = new Table({ age: vectorFromArray(Int32Array.from([45, 89, 90, 97, 104])) });
    const out = join(await tempFolder(), 'ages.jsonl');
    await maskData(tableSource(table), planMasking({ schema: table.schema, profile: 'hipaa-safe-harbor' }), { out, format: 'jsonl' });
    expect(await readFile(out, 'utf8')).toBe(['45', '89', '90+', '90+', '90+'].map((a) => `{"age":"${a}"}\n`).join(''));
  });

  it('writes a manifest with values changed, hashes of input and output, and a key fingerprint, never the key', async () => {
    const table = people(12);
    const folder = await tempFolder();
    const out = join(folder, 'masked.csv');
    const input = join(folder, 'people.arrow');
    await writeFile(input, tableToIPC(table, 'file'));
    const manifest = await maskData(fromFile(batched(table, 5), input), planOf(table, { email: { op: 'hmac' }, name: { op: 'drop' } }), { out, key: KEY });
    const written = JSON.parse(await readFile(`${out}.manifest.json`, 'utf8'));
    expect(written).toEqual(JSON.parse(JSON.stringify(manifest)));
    expect(manifest.output.sha256).toBe(createHash('sha256').update(await readFile(out)).digest('hex'));
    expect(manifest.output.rows).toBe(12);
    expect(manifest.input.rows).toBe(12);
    expect(manifest.input.files[0].path).toBe(input);
    expect(manifest.columns.map((c) => [c.column, c.operator, c.values_changed])).toEqual([
      ['name', 'drop', 12], ['email', 'hmac', 12], ['zip', 'keep', 0], ['sex', 'keep', 0], ['label', 'keep', 0],
    ]);
    expect(manifest.key_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const manifestText = await readFile(`${out}.manifest.json`, 'utf8');
    expect(manifestText.includes(KEY.toString())).toBe(false);
    expect(manifestText.includes(KEY.toString('hex'))).toBe(false);
    expect(manifestText.includes(KEY.toString('base64'))).toBe(false);
  });

  it('refuses to write over an input, or into an input folder, with exit code 2', async () => {
    const table = people(4);
    const folder = await tempFolder();
    const input = join(folder, 'people.arrow');
    await writeFile(input, tableToIPC(table, 'file'));
    const source = fromFile(tableSource(table), input);
    const refusal = maskData(source, planOf(table, {}), { out: join(folder, '.', 'people.arrow') });
    await expect(refusal).rejects.toThrow('refusing to overwrite an input file');
    await expect(refusal).rejects.toMatchObject({ exitCode: 2 });
    const inside = { ...source, files: [{ ...source.files[0], path: folder }] };
    await expect(maskData(inside, planOf(table, {}), { out: join(folder, 'sub', 'x.arrow') })).rejects.toThrow('refusing to write inside an input folder');
    expect(await readFile(input)).toEqual(Buffer.from(tableToIPC(table, 'file')));
  });

  it('leaves no file behind when a batch fails half-way through the write', async () => {
    const table = people(30);
    const folder = await tempFolder();
    const source = tableSource(table);
    const failing: DataSource = {
      ...source,
      async *scan(options) {
        let seen = 0;
        for await (const batch of source.scan({ ...options, batchSize: 10 }) as AsyncIterable<RecordBatch>) {
          if (++seen === 3) throw new UserError('bad bytes in batch 3', { file: 'people.csv', line: 21 });
          yield batch;
        }
      },
    };
    for (const format of ['csv', 'arrow', 'parquet'] as const) {
      await expect(maskData(failing, planOf(table, { email: { op: 'hmac' } }), { out: join(folder, `out.${format}`), format, key: KEY })).rejects.toThrow('bad bytes in batch 3');
    }
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses hmac without a key before writing anything', async () => {
    const table = people(4);
    const folder = await tempFolder();
    await expect(maskData(tableSource(table), planOf(table, { email: { op: 'hmac' } }), { out: join(folder, 'x.csv') })).rejects.toThrow(
      'hmac needs a key: set FAIRAUDIT_MASK_KEY or pass --key-file',
    );
    expect(await readdir(folder)).toEqual([]);
  });

  it('enforces k by suppressing quasi-identifier values in small classes and measures the result', async () => {
    // zip3 after generalizing: 021 ×3, 902 ×2, 100 ×1 (occupation kept, not a quasi-identifier).
    // k = 3: classes 902 (2 rows) and 100 (1 row) are too small → 3 zip cells suppressed;
    // the suppressed rows form one class (null) of 3 → smallest class 3, nobody below k.
    const table = new Table({
      zip: vectorFromArray(['02134', '02139', '02101', '90210', '90211', '10001'], new Utf8()),
      dx: vectorFromArray(['flu', 'cold', 'flu', 'flu', 'flu', 'cold'], dict()),
    });
    const out = join(await tempFolder(), 'k.jsonl');
    const manifest = await maskData(batched(table, 4), planOf(table, { zip: { op: 'generalize', zip_digits: 3 } }, ['zip']), { out, k: 3, lDiversity: 'dx' });
    expect(manifest.suppressed_cells).toBe(3);
    expect(manifest.risk.k_achieved).toBe(3);
    expect(manifest.risk.records_below_k).toBe(0);
    // classes: 021 {flu, cold}, null {flu, cold} → l = 2.
    expect(manifest.risk.l_diversity).toBe(2);
    const zips = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l).zip);
    expect(zips).toEqual(['021**', '021**', '021**', null, null, null]);
  });

  it('masks an Arrow file read back from disk, whose dictionary ids start at 0, into another Arrow file', async () => {
    const table = tableFromIPC(tableToIPC(people(6), 'file'));
    const out = join(await tempFolder(), 'again.arrow');
    await maskData(tableSource(table), planOf(table, { zip: { op: 'generalize', zip_digits: 3 }, email: { op: 'redact' } }), { out });
    const back = tableFromIPC(await readFile(out));
    expect([...back.getChild('zip')!]).toEqual(['021**', '000**', '902**', '100**', '021**', '000**']);
    expect([...back.getChild('sex')!]).toEqual([...table.getChild('sex')!]);
  });

  it('writes the format the output extension names unless told otherwise', async () => {
    const table = people(3);
    const folder = await tempFolder();
    const manifest = await maskData(tableSource(table), planOf(table, {}), { out: join(folder, 'x.jsonl') });
    expect(manifest.output.format).toBe('jsonl');
    expect((await readFile(join(folder, 'x.jsonl'), 'utf8')).split('\n')[0]).toBe('{"name":"Person Number0","email":"person0@example.com","zip":"02134","sex":"F","label":0}');
  });

  it('measures k without enforcing it when no k is given', async () => {
    const table = new Table({ zip: vectorFromArray(['02134', '02139', '90210'], new Utf8()) });
    const out = join(await tempFolder(), 'k.csv');
    const manifest = await maskData(tableSource(table), planOf(table, { zip: { op: 'generalize', zip_digits: 3 } }, ['zip']), { out });
    expect([manifest.risk.k_achieved, manifest.suppressed_cells, manifest.risk.classes]).toEqual([1, 0, 2]);
  });
});
