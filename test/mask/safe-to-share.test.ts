/**
 * A masked copy that is safe to share, checked as a user meets it: a realistic identifying table
 * built here (names in every case and split, a manager's name, case and employee numbers, birth
 * dates in mixed layouts, datetimes, notes with e-mails and phones inside), run through the real
 * CLI under both profiles into CSV, Parquet and Arrow, and every output — the copy, its manifest,
 * stdout, stderr, discover's JSON, and an audit's audit.json, report and summary — searched for
 * every raw identifying value.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openData } from '../../src/load/open.js';
import { runCliInProcess, tempDir, type CliRun } from '../cli/run-cli.js';
import { identifyingRows, rawIdentifiers, writeDelimited } from './identifying-table.js';

const ROWS = 600;
const KEY = { FAIRAUDIT_MASK_KEY: 'a test key that is long enough to be a key' };
const rows = identifyingRows(ROWS);
const raw = rawIdentifiers(rows);
let folder: string;
let input: string;
let config: string;

/** Every value of a data file as text, one per line (read back through fairaudit's own loader). */
async function dump(path: string): Promise<string> {
  const source = await openData([path]);
  const lines: string[] = [source.schema.fields.map((f) => f.name).join('\t')];
  for await (const batch of source.scan()) {
    for (let i = 0; i < batch.numRows; i++) lines.push(batch.schema.fields.map((f) => String(batch.getChild(f.name)?.get(i) ?? '')).join('\t'));
  }
  return lines.join('\n');
}

/** The raw identifying values found in `text` (empty when none survived). */
function survivors(text: string): string[] {
  return raw.filter((value) => (value.length >= 6 ? text.includes(value) : new RegExp(`(^|[^A-Za-z0-9])${value}([^A-Za-z0-9]|$)`, 'm').test(text)));
}

function ok(run: CliRun): CliRun {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run;
}

beforeAll(async () => {
  folder = tempDir('fairaudit-safe-');
  input = join(folder, 'people.csv');
  writeDelimited(input, rows, ';', '\r\n');
  config = join(folder, 'people.yaml');
  writeFileSync(config, 'label: label\nprediction: pred\nsensitive: [sex, race, age_band]\nbootstrap: 20\nseed: 3\n');
});

describe('discover on a realistic identifying table', () => {
  it('finds every identifier whatever its case or layout, and shows only masked examples', async () => {
    const run = ok(await runCliInProcess(['discover', input, '--json'], { env: KEY }));
    const found = Object.fromEntries((JSON.parse(run.stdout) as { columns: { column: string; categories: string[]; identifier_kind?: string; free_text?: boolean }[] }).columns.map((c) => [c.column, c]));
    for (const column of ['full_name', 'FIRST', 'Last', 'ManagerName']) expect(found[column]).toMatchObject({ categories: ['identifier'], identifier_kind: 'name' });
    for (const column of ['case_number', 'EmployeeID']) expect(found[column]).toMatchObject({ categories: ['identifier'], identifier_kind: 'record_id' });
    expect(found.dob).toMatchObject({ identifier_kind: 'date_of_birth' });
    expect(found.admitted_at).toMatchObject({ categories: ['quasi-identifier'], identifier_kind: 'date' });
    expect(found.notes).toMatchObject({ free_text: true });
    expect(survivors(run.stdout)).toEqual([]);
  });
});

describe.each(['default', 'hipaa-safe-harbor'] as const)('mask --profile %s', async (profile) => {
  it.each(['csv', 'parquet', 'arrow'] as const)('leaves no raw identifying value in the %s copy, its manifest or anything printed', async (format) => {
    const out = join(folder, `${profile}.${format}`);
    const run = ok(await runCliInProcess(['mask', input, '-o', out, '-c', config, '--profile', profile, '--enforce'], { env: KEY }));
    const copy = format === 'csv' ? readFileSync(out, 'utf8') : await dump(out);
    const manifest = readFileSync(`${out}.manifest.json`, 'utf8');
    expect(survivors(copy)).toEqual([]);
    expect(survivors(manifest)).toEqual([]);
    expect(survivors(run.stdout + run.stderr)).toEqual([]);
    // The notes keep their words: only the spans changed.
    expect(copy).toContain('Documents received, follow-up pending with the branch');
    expect(copy).toMatch(/reach \[NAME\] at \[EMAIL\] or \[PHONE\]/);
    expect(JSON.parse(manifest).risk).toMatchObject({ k_target: 5, k_status: 'meets-target' });
  });
});

describe('the copy keeps the input dialect', () => {
  it('writes a semicolon-separated CRLF file the same way, and --output-delimiter overrides it', async () => {
    const out = join(folder, 'dialect.csv');
    ok(await runCliInProcess(['mask', input, '-o', out, '-c', config, '--enforce'], { env: KEY }));
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe('full_name;FIRST;Last;ManagerName;case_number;EmployeeID;dob;admitted_at;notes;zip;sex;race;age_band;label;pred');
    expect(text.split('\r\n')).toHaveLength(ROWS + 2);
    const comma = join(folder, 'comma.csv');
    ok(await runCliInProcess(['mask', input, '-o', comma, '-c', config, '--enforce', '--output-delimiter', ','], { env: KEY }));
    expect(readFileSync(comma, 'utf8').split('\r\n')[0]).toBe('full_name,FIRST,Last,ManagerName,case_number,EmployeeID,dob,admitted_at,notes,zip,sex,race,age_band,label,pred');
  });

  it("prefixes text cells that a spreadsheet would run as formulas, unless --raw-csv", async () => {
    const path = join(folder, 'formulas.csv');
    writeFileSync(path, 'comment,label\n=HYPERLINK(1),1\n@SUM(2),0\nplain,1\n-3,0\n');
    const out = join(folder, 'formulas.masked.csv');
    ok(await runCliInProcess(['mask', path, '-o', out, '--allow-k', '1']));
    // A text cell starting with -, as every other formula start, is prefixed (OWASP); numbers never are.
    expect(readFileSync(out, 'utf8')).toBe("comment,label\n'=HYPERLINK(1),1\n'@SUM(2),0\nplain,1\n'-3,0\n");
    const rawOut = join(folder, 'formulas.raw.csv');
    ok(await runCliInProcess(['mask', path, '-o', rawOut, '--allow-k', '1', '--raw-csv']));
    expect(readFileSync(rawOut, 'utf8')).toBe('comment,label\n=HYPERLINK(1),1\n@SUM(2),0\nplain,1\n-3,0\n');
  });
});

describe('the target k', () => {
  it('makes mask exit 1 with one line naming the quasi-identifiers, the smallest class and the fix, and writes nothing', async () => {
    const out = join(folder, 'short.csv');
    const run = await runCliInProcess(['mask', input, '-o', out, '-c', config], { env: KEY });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^fairaudit: the masked copy is not safe to share: k = 1 over dob, admitted_at, zip, sex, age_band is below the target k = 5 \(the smallest class holds 1 record; .*--enforce.*--allow-k 1\)$/);
    expect(readdirSync(folder).filter((f) => f.startsWith('short.csv'))).toEqual([]);
  });

  it('is shown by --dry-run with how it is reached', async () => {
    const run = ok(await runCliInProcess(['mask', input, '-o', join(folder, 'plan.csv'), '-c', config, '--dry-run', '--enforce']));
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('target k: 5, reached by suppression (--enforce)');
  });

  it('accepts a lower k only when told, and says the copy is below the target', async () => {
    const out = join(folder, 'accepted.csv');
    const run = ok(await runCliInProcess(['mask', input, '-o', out, '-c', config, '--allow-k', '1'], { env: KEY }));
    expect(run.stdout).toMatch(/k = 1 over .*below the target k = 5, accepted with --allow-k 1: not safe to share at k = 5/);
    expect(JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8')).risk).toMatchObject({ k_achieved: 1, k_target: 5, k_status: 'below-target-accepted', k_accepted: 1 });
  });
});

describe('Safe Harbor refuses codes derived from identifiers', () => {
  it('refuses hmac in one line unless the config accepts it', async () => {
    const strict = join(folder, 'hmac.yaml');
    writeFileSync(strict, 'mask:\n  profile: hipaa-safe-harbor\n  columns:\n    EmployeeID: { op: hmac }\n');
    const run = await runCliInProcess(['mask', input, '-o', join(folder, 'hmac.csv'), '-c', strict, '--enforce'], { env: KEY });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('fairaudit: column "EmployeeID": hmac is not allowed under hipaa-safe-harbor: a code derived from an identifier is not a permitted re-identification code (45 CFR 164.514(c)) (use drop or redact in mask.columns.EmployeeID, or set mask.allow_hmac_under_safe_harbor: true to accept it)\n');
    writeFileSync(strict, 'mask:\n  profile: hipaa-safe-harbor\n  allow_hmac_under_safe_harbor: true\n  columns:\n    EmployeeID: { op: hmac }\n');
    ok(await runCliInProcess(['mask', input, '-o', join(folder, 'hmac.csv'), '-c', strict, '--enforce'], { env: KEY }));
  });
});

describe('an audit with --mask', () => {
  it('writes audit.json, the report and the summary without a raw identifying value', async () => {
    const out = join(folder, 'report');
    const run = await runCliInProcess(['audit', input, '-c', config, '--mask', '-o', out, '--fail-on', 'never'], { env: KEY });
    expect(run.status).toBe(0);
    expect(survivors(run.stdout + run.stderr)).toEqual([]);
    // The copy falls short of k = 5 without enforcement: the audit says so, and its exit code stays its checks'.
    expect(run.stderr).toMatch(/the masked copy is not safe to share: k = 1 over .* is below the target k = 5/);
    for (const file of readdirSync(out)) expect({ file, found: survivors(readFileSync(join(out, file), 'utf8')) }).toEqual({ file, found: [] });
  });
});

describe('the audit of the masked copy', () => {
  it.each(['default', 'hipaa-safe-harbor'] as const)('equals the audit of the original under %s for the audited attributes, label and prediction', async (profile) => {
    const audit = async (data: string, name: string) => {
      const out = join(folder, `audit-${profile}-${name}`);
      const run = await runCliInProcess(['audit', data, '-c', config, '-o', out, '--format', 'json', '--fail-on', 'never'], { env: KEY });
      expect(run.status).toBe(0);
      const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8'));
      return { attributes: results.attributes, checks: results.checks, rows: [results.input.rows_read, results.input.rows_used] };
    };
    const copy = join(folder, `equal-${profile}.parquet`);
    ok(await runCliInProcess(['mask', input, '-o', copy, '-c', config, '--profile', profile, '--enforce'], { env: KEY }));
    const original = await audit(input, 'original');
    expect(original.attributes.length).toBeGreaterThan(0);
    expect(await audit(copy, 'masked')).toEqual(original);
  });
});

describe('hive partitions named after identifiers', () => {
  it('keeps the raw value out of the manifest paths and the copy', async () => {
    const data = join(folder, 'hive');
    const people = ['alice.jones@corp.example', 'bob.smith@corp.example'];
    for (const [j, email] of people.entries()) {
      const dir = join(data, `email=${email}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'part-0.csv'), 'score,label\n' + Array.from({ length: 30 }, (_, i) => `${(i + j) / 40},${i % 2}`).join('\n') + '\n');
    }
    const out = join(folder, 'hive.masked.csv');
    const run = ok(await runCliInProcess(['mask', data, '-o', out], { env: KEY }));
    const manifest = readFileSync(`${out}.manifest.json`, 'utf8');
    for (const text of [manifest, readFileSync(out, 'utf8'), run.stdout]) for (const email of people) expect(text).not.toContain(email);
    expect(JSON.parse(manifest).input.files.map((f: { partitions: Record<string, string> }) => f.partitions)).toEqual([{ email: '(masked)' }, { email: '(masked)' }]);
  });
});

describe('a file too small for a confidence bound', () => {
  it('still masks the columns its names say are identifiers when every value agrees', async () => {
    // Three rows: 3 of 3 e-mails has a Wilson lower bound of 0.44, under the 0.5 a name needs;
    // the names (`name`, `email`, `dob`) and every value agree, so nothing may be kept.
    const tiny = join(folder, 'tiny.csv');
    writeFileSync(tiny, 'name,email,dob,sex,label,pred\nalice smith,alice@x.org,1990-01-02,F,1,1\nbob jones,bob@y.org,02/03/1985,M,0,1\ncarol,carol@z.org,3 Mar 1970,F,1,0\n');
    const out = join(folder, 'tiny.masked.csv');
    ok(await runCliInProcess(['mask', tiny, '-o', out, '--allow-k', '1', '-q'], { env: KEY }));
    const copy = readFileSync(out, 'utf8');
    for (const value of ['alice', 'smith', 'bob', 'jones', 'carol', 'x.org', '1990-01-02', '02/03/1985', '3 Mar 1970']) expect(copy).not.toContain(value);
    // Birth dates generalise to their year, as on a large file.
    expect(copy.split('\n').slice(1, 4).map((line) => line.split(',')[2])).toEqual(['1990', '1985', '1970']);
  });
});

describe('internationalized e-mail addresses', () => {
  it('are hashed in an e-mail column and replaced inside notes, leaving no part of any address', async () => {
    const locals = ['josé', 'müller', 'zoë', 'björk', 'ñandú', 'renée', 'søren', 'łukasz'];
    const lines = ['id,email,notes,sex,label'];
    for (let i = 0; i < 80; i++) {
      const address = `${locals[i % locals.length]}${i}@corp.example`;
      lines.push(`${i},${address},"call back, or write ${locals[(i + 3) % locals.length]}${i + 100}@mail.example",${i % 2 ? 'F' : 'M'},${i % 3 ? 1 : 0}`);
    }
    const file = join(folder, 'unicode-mail.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const out = join(folder, 'unicode-mail.masked.csv');
    ok(await runCliInProcess(['mask', file, '-o', out, '--allow-k', '1', '-q'], { env: KEY }));
    const copy = readFileSync(out, 'utf8');
    for (const local of locals) expect(copy).not.toContain(local);
    expect(copy).not.toContain('example');
    expect(copy.split('\n')[1]).toMatch(/^0,[0-9a-f]{64},"?call back, or write \[EMAIL\]"?,M,0$/);
  });
});
