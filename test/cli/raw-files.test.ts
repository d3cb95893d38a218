/**
 * Raw files as people bring them, built here and run through the CLI in the test's process (`discover`, `init`,
 * `audit`, `mask`): duplicate header names, no header line, space-aligned columns, the header
 * repeated in the body, late type errors, other encodings, table-format folders, huge lines and
 * special files. Each is read with the right columns, groups and counts and a warning, or refused
 * with exit 2 and one line naming the file, the line and the fix. Expected counts are counted here
 * from the rows the test wrote, not taken from fairaudit.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliInProcess, tempDir, type CliRun } from './run-cli.js';

interface Person {
  age: number;
  sex: string;
  label: number;
  pred: number;
}

/** 240 rows: 80 Female (every third), 160 Male; label 1 on every fourth row, prediction 1 on two rows of five. */
const PEOPLE: Person[] = Array.from({ length: 240 }, (_, i) => ({
  age: 20 + ((i * 7) % 50),
  sex: i % 3 === 0 ? 'Female' : 'Male',
  label: i % 4 === 0 ? 1 : 0,
  pred: i % 5 < 2 ? 1 : 0,
}));

/** The confusion counts of one sex, counted from the rows themselves. */
function expectedCounts(sex: string): { n: number; tp: number; fp: number; tn: number; fn: number } {
  const rows = PEOPLE.filter((p) => p.sex === sex);
  return {
    n: rows.length,
    tp: rows.filter((p) => p.label === 1 && p.pred === 1).length,
    fp: rows.filter((p) => p.label === 0 && p.pred === 1).length,
    tn: rows.filter((p) => p.label === 0 && p.pred === 0).length,
    fn: rows.filter((p) => p.label === 1 && p.pred === 0).length,
  };
}

const HEADER = ['age', 'sex', 'label', 'pred'];

function lines(delimiter: string, options: { header?: boolean; repeatHeaderEvery?: number; extra?: (p: Person) => string[] } = {}): string {
  const head = options.extra ? [...HEADER, 'sex'] : HEADER;
  const out: string[] = options.header === false ? [] : [head.join(delimiter)];
  PEOPLE.forEach((p, i) => {
    out.push([p.age, p.sex, p.label, p.pred, ...(options.extra ? options.extra(p) : [])].join(delimiter));
    if (options.repeatHeaderEvery && i % options.repeatHeaderEvery === options.repeatHeaderEvery - 1) out.push(head.join(delimiter));
  });
  return out.join('\n') + '\n';
}

let dir: string;

// Every audit.json written here, dialects and repairs included, must validate against the shipped schema.
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas/config.schema.json'), 'utf8')) as object);
const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/audit.schema.json'), 'utf8')) as object);

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Writes `name` and, for text, its gzipped twin `name.gz`; returns both paths. */
function writeBoth(name: string, content: string): string[] {
  return [write(name, content), write(`${name}.gz`, gzipSync(content))];
}

interface AuditJson {
  input: { rows_read: number; files: { path: string; dialect?: Record<string, unknown> }[] };
  attributes: { name: string; groups: { key: Record<string, string>; n: number; counts: { tp: number; fp: number; tn: number; fn: number } }[] }[];
  warnings: { code: string; message: string }[];
}

/** Audits `path` by sex and returns the run and its audit.json. */
async function audit(path: string, ...extra: string[]): Promise<{ run: CliRun; json: AuditJson }> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const run = await runCliInProcess(['audit', path, '--sensitive', 'sex', '--min-group-size', '0', '--format', 'json', '-o', out, ...extra]);
  expect([0, 1], run.stderr).toContain(run.status);
  const json = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as AuditJson;
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  return { run, json };
}

function expectRightGroups(json: AuditJson): void {
  expect(json.input.rows_read).toBe(PEOPLE.length);
  const sex = json.attributes.find((a) => a.name === 'sex')!;
  const groups = Object.fromEntries(sex.groups.map((g) => [g.key.sex, { n: g.n, ...g.counts }]));
  expect(Object.keys(groups).sort()).toEqual(['Female', 'Male']);
  for (const name of ['Female', 'Male']) expect(groups[name]).toMatchObject(expectedCounts(name));
}

/** Exit 2, one line on stderr starting `fairaudit: `, no stack trace, mentioning each of `texts`. */
function expectOneLineError(run: CliRun, ...texts: (string | RegExp)[]): string {
  expect(run.status, run.stderr.slice(0, 2000)).toBe(2);
  const stderr = run.stderr.trim().split('\n');
  expect(stderr, run.stderr).toHaveLength(1);
  expect(stderr[0]).toMatch(/^fairaudit: /);
  expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
  for (const text of texts) expect(stderr[0]).toMatch(text);
  return stderr[0];
}

async function discoverColumns(path: string, ...extra: string[]): Promise<{ run: CliRun; columns: string[] }> {
  const run = await runCliInProcess(['discover', path, '--json', ...extra]);
  expect(run.status, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout) as { columns: { column: string }[] };
  return { run, columns: result.columns.map((c) => c.column) };
}

beforeAll(async () => {
  dir = tempDir('fairaudit-raw-');
});

describe('duplicate header names', () => {
  it.each([
    ['dup.csv', ','],
    ['dup.tsv', '\t'],
  ])('%s (and gzipped) loads with the second "sex" renamed sex_2, warned about and recorded', async (name, delimiter) => {
    for (const path of writeBoth(name, lines(delimiter, { extra: (p) => [p.sex] }))) {
      const { run, columns } = await discoverColumns(path);
      expect(columns).toEqual(['age', 'sex', 'label', 'pred', 'sex_2']);
      expect(run.stderr).toMatch(/renamed "sex" \(column 5\) → "sex_2"/);
      const { json } = await audit(path, '--label', 'label', '--prediction', 'pred');
      expectRightGroups(json);
      expect(json.input.files[0].dialect?.renamed_columns).toEqual([{ position: 5, from: 'sex', to: 'sex_2' }]);
      expect(json.warnings.map((w) => w.code)).toContain('renamed-columns');
    }
  });

  it('init writes a config from a file with a repeated name, and warns about the rename', async () => {
    const path = write('dup-init.csv', lines(',', { extra: (p) => [p.sex] }));
    const run = await runCliInProcess(['init', path, '-o', join(dir, 'dup-init.yaml')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/sex_2/);
    expect(readFileSync(join(dir, 'dup-init.yaml'), 'utf8')).toMatch(/sex/);
  });
});

describe('a file without a header line', () => {
  it.each([
    ['nohead.csv', ','],
    ['nohead.tsv', '\t'],
  ])('%s (and gzipped) gets columns column_1…4 and a warning; no row is lost', async (name, delimiter) => {
    for (const path of writeBoth(name, lines(delimiter, { header: false }))) {
      const { run, columns } = await discoverColumns(path);
      expect(columns).toEqual(['column_1', 'column_2', 'column_3', 'column_4']);
      expect(run.stderr).toMatch(/first line looks like data/);
      const { json } = await audit(path, '--columns', 'age,sex,label,pred', '--label', 'label', '--prediction', 'pred');
      expectRightGroups(json);
      expect(json.input.files[0].dialect).toMatchObject({ header: false, column_names: 'given' });
    }
  });

  it('naming a column of a headerless file says it looks headerless and how to name the columns', async () => {
    const path = write('nohead-named.csv', lines(',', { header: false }));
    expectOneLineError(await runCliInProcess(['audit', path, '--label', 'label', '--sensitive', 'sex', '-o', join(dir, 'x')]), 'nohead-named.csv', /headerless/, /--columns/);
  });

  it('--no-header reads a first line of text as a row; --header keeps a numeric header', async () => {
    // All text: "Female,White" could be a header or a row; the user says it is a row.
    const rows = ['Female,White', 'Male,Black', 'Male,White', 'Female,Asian'].join('\n') + '\n';
    const path = write('words.csv', rows);
    expect((await discoverColumns(path, '--no-header')).columns).toEqual(['column_1', 'column_2']);
    const years = write('years.csv', '2019,2020\n1,2\n3,4\n');
    expect((await discoverColumns(years)).columns).toEqual(['column_1', 'column_2']);
    expect((await discoverColumns(years, '--header')).columns).toEqual(['2019', '2020']);
  });

  it('init on a headerless file proposes numbered columns, never data values as names', async () => {
    const path = write('nohead-init-plain.csv', lines(',', { header: false }));
    const run = await runCliInProcess(['init', path, '-o', join(dir, 'nohead-init-plain.yaml')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/first line looks like data/);
    const config = readFileSync(join(dir, 'nohead-init-plain.yaml'), 'utf8');
    expect(config).toMatch(/- column_2/);
    expect(config).not.toMatch(/^\s*- (Male|Female|\d+)$/m);
  });

  it('init on a headerless file with --columns proposes the named columns', async () => {
    const path = write('nohead-init.csv', lines(',', { header: false }));
    const run = await runCliInProcess(['init', path, '--columns', 'age,sex,label,pred', '-o', join(dir, 'nohead-init.yaml')]);
    expect(run.status, run.stderr).toBe(0);
    const config = readFileSync(join(dir, 'nohead-init.yaml'), 'utf8');
    expect(config).toMatch(/\bsex\b/);
    expect(config).not.toMatch(/Female|Male/);
  });

  it('the config says the same as the flags: header, columns and delimiter keys', async () => {
    const path = write('nohead-config.txt', PEOPLE.map((p) => `${p.age}   ${p.sex}  ${p.label} ${p.pred}`).join('\n') + '\n');
    const config = write('nohead.yaml', 'header: false\ncolumns: [age, sex, label, pred]\ndelimiter: whitespace\nlabel: label\nprediction: pred\n');
    const { json } = await audit(path, '-c', config);
    expectRightGroups(json);
    expect(json.input.files[0].dialect).toMatchObject({ header: false, delimiter: ' ', decided: { header: 'given', delimiter: 'given' }, column_names: 'given' });
    const bad = write('bad-delimiter.yaml', 'delimiter: "::"\nlabel: label\n');
    expectOneLineError(await runCliInProcess(['audit', path, '-c', bad, '-o', join(dir, 'x')]), /delimiter/);
  });

  it('--columns that does not fit the file is refused with the counts', async () => {
    const path = write('nohead-bad.csv', lines(',', { header: false }));
    expectOneLineError(await runCliInProcess(['discover', path, '--columns', 'a,b']), 'nohead-bad.csv', /names 2 columns, but the first line has 4/);
  });
});

describe('a space-aligned file', () => {
  const aligned = ['age  sex     label  pred', ...PEOPLE.map((p) => `${String(p.age).padEnd(4)} ${p.sex.padEnd(7)} ${p.label}      ${p.pred}`)].join('\n') + '\n';

  it('is read as four columns (also gzipped), with a warning, and audits the right groups', async () => {
    for (const path of writeBoth('aligned.txt', aligned)) {
      const { run, columns } = await discoverColumns(path);
      expect(columns).toEqual(HEADER);
      expect(run.stderr).toMatch(/runs of spaces/);
      const { json } = await audit(path, '--label', 'label', '--prediction', 'pred');
      expectRightGroups(json);
      expect(json.input.files[0].dialect).toMatchObject({ delimiter: ' ', decided: { delimiter: 'detected' } });
    }
  });

  it('mask copies it as four columns, not one', async () => {
    const path = write('aligned-mask.txt', aligned);
    const out = join(dir, 'aligned-masked.csv');
    // The file is read for its rows here; its tiny classes are accepted below the k target.
    const run = await runCliInProcess(['mask', path, '-o', out, '--profile', 'default', '--allow-k', '1'], { env: { FAIRAUDIT_MASK_KEY: '0123456789abcdef0123456789abcdef' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/masked 240 rows/);
    const written = readFileSync(out, 'utf8').trim().split(/\r?\n/);
    expect(written).toHaveLength(241);
    expect(written[0].split(',')).toEqual(HEADER);
  });

  it('a semicolon file is sniffed; a given delimiter that reads one column is warned about; an unknown one is refused', async () => {
    const path = write('semi.csv', lines(';'));
    expect((await discoverColumns(path)).columns).toEqual(HEADER);
    const { run, columns } = await discoverColumns(path, '--delimiter', ',');
    expect(columns).toEqual(['age;sex;label;pred']);
    expect(run.stderr).toMatch(/reads one column, but ";" splits every line into 4 fields/);
    expectOneLineError(await runCliInProcess(['discover', path, '--delimiter', 'x']), /invalid --delimiter/);
  });
});

describe('the header line repeated in the body', () => {
  it.each([
    ['rep.csv', ','],
    ['rep.tsv', '\t'],
  ])('%s (and gzipped): the copies are dropped, counted and warned about', async (name, delimiter) => {
    for (const path of writeBoth(name, lines(delimiter, { repeatHeaderEvery: 60 }))) {
      const { run, columns } = await discoverColumns(path);
      expect(columns).toEqual(HEADER);
      expect(run.stderr).toMatch(/dropped 4 rows that repeat the header \(lines 62, 123, 184, 245\)/);
      const { json } = await audit(path, '--label', 'label', '--prediction', 'pred');
      expectRightGroups(json);
      expect(json.input.files[0].dialect).toMatchObject({ repeated_header_rows: 4, repeated_header_lines: [62, 123, 184, 245] });
      // age stays a number: the copies of the header do not turn it to text.
      const discover = JSON.parse((await runCliInProcess(['discover', path, '--json'])).stdout) as { columns: { column: string; type: string }[] };
      expect(discover.columns.find((c) => c.column === 'age')?.type).toBe('Float64');
    }
  });

  it('mask writes only the data rows', async () => {
    const path = write('rep-mask.csv', lines(',', { repeatHeaderEvery: 60 }));
    const out = join(dir, 'rep-masked.csv');
    const run = await runCliInProcess(['mask', path, '-o', out, '--profile', 'default', '--allow-k', '1'], { env: { FAIRAUDIT_MASK_KEY: '0123456789abcdef0123456789abcdef' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/dropped 4 rows/);
    const written = readFileSync(out, 'utf8').trim().split(/\r?\n/);
    expect(written).toHaveLength(241);
    expect(written.slice(1).some((line) => line.startsWith('age'))).toBe(false);
  });
});

describe('type errors name the line and the value', () => {
  // Past the 10 000 rows that decide the types, so the column is already numeric.
  const many = (delimiter: string) => ['score' + delimiter + 'sex' + delimiter + 'label', ...Array.from({ length: 10_500 }, (_, i) => (i === 10_400 ? ['G3', 'F', 1] : [(i % 10) / 10, i % 2 ? 'F' : 'M', i % 2]).join(delimiter))].join('\n') + '\n';

  it.each([
    ['late.csv', ','],
    ['late.tsv', '\t'],
  ])('%s (and gzipped)', async (name, delimiter) => {
    for (const path of writeBoth(name, many(delimiter))) {
      // header line 1, row i on line i + 2
      expectOneLineError(await runCliInProcess(['audit', path, '--label', 'label', '--score', 'score', '--sensitive', 'sex', '-o', join(dir, 'x')]), `${name.split('.')[0]}`, ':10402:', 'column "score"', '"G3" is not a number');
    }
  });

  it('in JSON Lines (and gzipped)', async () => {
    const text = Array.from({ length: 10_500 }, (_, i) => JSON.stringify({ score: i === 10_400 ? 'G3' : (i % 10) / 10, sex: i % 2 ? 'F' : 'M', label: i % 2 })).join('\n') + '\n';
    for (const path of writeBoth('late.jsonl', text)) {
      expectOneLineError(await runCliInProcess(['audit', path, '--label', 'label', '--score', 'score', '--sensitive', 'sex', '-o', join(dir, 'x')]), ':10401:', 'column "score"', '"G3" is not a number');
    }
  });
});

describe('a first line of personal data read as the header', () => {
  it('mask refuses to copy column names that are an e-mail or a full name, naming their positions only; --no-header copies the line as a row, masked', async () => {
    // No header line, and a copy of a header row further down: its words make every column text,
    // so the first line (a person's name and e-mail) reads as the names.
    const rows = ['john smith;F;0.5;contact john.smith@example.com please', 'mary jones;M;0.7;see mary@corp.example', 'name;sex;score;notes', 'alice brown;F;0.2;ok'];
    const path = write('first-line-data.csv', rows.join('\n') + '\n');
    const out = join(dir, 'first-line-data.masked.csv');
    const run = await runCliInProcess(['mask', path, '-o', out, '--allow-k', '1'], { env: { FAIRAUDIT_MASK_KEY: 'raw-files-test-key-0123456789abcdef' } });
    const line = expectOneLineError(run, 'the names of columns 1, 4 hold personal data', '--no-header');
    expect(line).not.toMatch(/john|smith|example\.com/);
    expect(existsSync(out)).toBe(false);
    const again = await runCliInProcess(['mask', path, '-o', out, '--allow-k', '1', '--no-header'], { env: { FAIRAUDIT_MASK_KEY: 'raw-files-test-key-0123456789abcdef' } });
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('@example.com');
  });
});

describe('a file of five rows', () => {
  it('mask hashes the lower-case names, the e-mails and the codes and generalizes the birth dates, though no column name says so', async () => {
    const rows = [
      ['maria garcia', '1985-03-12', 'maria.garcia@example.com', 'AC-7731', '0.7'],
      ['james smith', '12/07/1990', 'jsmith@mail.org', 'AC-1184', '0.4'],
      ['li wei', '1979-11-02', 'li.wei@corp.cn', 'AC-5520', '0.9'],
      ['ana souza', '03.04.1968', 'asouza@web.br', 'AC-3307', '0.3'],
      ["john o'neil", '1992-08-30', 'jon@x.io', 'AC-9046', '0.6'],
    ];
    const path = write('five-rows.csv', ['who,born,contact,ref,score', ...rows.map((r) => r.join(','))].join('\n') + '\n');
    const out = join(dir, 'five-rows.masked.csv');
    const run = await runCliInProcess(['mask', path, '-o', out, '--allow-k', '1'], { env: { FAIRAUDIT_MASK_KEY: 'raw-files-test-key-0123456789abcdef' } });
    expect(run.status, run.stderr).toBe(0);
    const written = readFileSync(out, 'utf8');
    for (const row of rows) for (const value of row.slice(0, 4)) expect(written).not.toContain(value);
    // Birth dates keep their year; the score is kept as it was.
    const body = written.trim().split(/\r?\n/).slice(1).map((line) => line.split(','));
    expect(body.map((r) => r[1])).toEqual(['1985', '1990', '1979', '1968', '1992']);
    expect(body.map((r) => r[4])).toEqual(rows.map((r) => r[4]));
  });
});

describe('notes that hold a name in lower case, a birth date and a street address', () => {
  it('mask replaces them inside the text and keeps the other words', async () => {
    const notes = [
      'spoke with james smith; he will send documents',
      'Applicant born 1979-11-02, lives at 42 elm street apt 3b',
      'DOB 03/04/1968 - SSN 536-22-1234',
      'no answer',
      'called back on 2024-01-05, left a message',
      'josé garcía asked about fees',
    ];
    const rows = notes.map((note, i) => `${i + 1},"${note}",0.${i + 1}`);
    const path = write('notes.csv', ['id,notes,score', ...rows].join('\n') + '\n');
    const out = join(dir, 'notes.masked.csv');
    const run = await runCliInProcess(['mask', path, '-o', out, '--allow-k', '1'], { env: { FAIRAUDIT_MASK_KEY: 'raw-files-test-key-0123456789abcdef' } });
    expect(run.status, run.stderr).toBe(0);
    const written = readFileSync(out, 'utf8');
    for (const leak of ['james smith', '1979-11-02', '42 elm street', '03/04/1968', '536-22-1234', 'josé garcía']) expect(written).not.toContain(leak);
    // What identifies no one stays: the words around, and a date that is not a birth date.
    for (const kept of ['he will send documents', 'no answer', 'called back on 2024-01-05', 'asked about fees']) expect(written).toContain(kept);
  });
});

describe('an age column with "unknown" in some rows', () => {
  it('is read as numbers and audited in age bands, the unknown ages a (missing) group, with a warning', async () => {
    const body = PEOPLE.map((p, i) => `${i % 12 === 0 ? 'unknown' : p.age},${p.sex},${p.label},${p.pred}`);
    const path = write('age-unknown.csv', [HEADER.join(','), ...body].join('\n') + '\n');
    const out = join(dir, 'age-unknown');
    const run = await runCliInProcess(['audit', path, '--label', 'label', '--prediction', 'pred', '--sensitive', 'age', '-o', out, '--bootstrap', '0']);
    expect([0, 1], run.stderr).toContain(run.status);
    const json = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as AuditJson;
    const groups = Object.fromEntries(json.attributes[0].groups.map((g) => [g.key.age, g.n]));
    // Counted here: every twelfth row of 240 is unknown (20); the rest fall in bands, not one group per age.
    expect(groups['(missing)']).toBe(20);
    expect(Object.keys(groups).length).toBeLessThanOrEqual(6);
    expect(json.warnings.map((w) => w.message).join('\n')).toMatch(/"age" \("unknown"\)/);
  });
});

describe('a totals row under the data', () => {
  it('is refused with exit 2, not audited as a third class, unless the task is set', async () => {
    const body = PEOPLE.map((p) => `${p.age},${p.sex},${p.label},${p.pred}`);
    const labels = PEOPLE.reduce((n, p) => n + p.label, 0);
    const preds = PEOPLE.reduce((n, p) => n + p.pred, 0);
    const path = write('totals.csv', [HEADER.join(','), ...body, `Total,,${labels},${preds}`].join('\n') + '\n');
    const run = await runCliInProcess(['audit', path, '--label', 'label', '--prediction', 'pred', '--sensitive', 'sex', '-o', join(dir, 'totals')]);
    expectOneLineError(run, 'column "label"', `"${labels}" in only 1 row of the first 241 rows`, '--task multiclass');
    expect(existsSync(join(dir, 'totals', 'audit.json'))).toBe(false);
  });
});

describe('NaN in the outcome columns, as Spark and pandas-on-Spark write them', () => {
  it('is a missing label or prediction, not a third class: the audit stays yes/no and counts the rows as missing', async () => {
    // label 1.0 / 0.0 with NaN on every tenth row (a third of them past the 10,000 rows types are
    // inferred from), pred NaN on every 25th; the file also in a gzipped twin.
    const rows = PEOPLE.flatMap((p, k) => Array.from({ length: 50 }, (_, j) => ({ ...p, i: k * 50 + j })));
    const nanLabel = (i: number) => i % 10 === 3;
    const nanPred = (i: number) => i % 25 === 4;
    const text = ['age,sex,label,pred', ...rows.map((r) => [r.age, r.sex, nanLabel(r.i) ? 'NaN' : `${r.label}.0`, nanPred(r.i) ? 'nan' : `${r.pred}.0`].join(','))].join('\n') + '\n';
    for (const path of writeBoth('spark-nan.csv', text)) {
      const { json } = await audit(path, '--label', 'label', '--prediction', 'pred');
      const results = json as unknown as AuditJson & { task?: { name: string }; input: { rows_missing_label: number; rows_missing_prediction: number } };
      expect(results.task?.name ?? 'binary').toBe('binary');
      expect(results.input.rows_missing_label).toBe(rows.filter((r) => nanLabel(r.i)).length);
      expect(results.input.rows_missing_prediction).toBe(rows.filter((r) => nanPred(r.i)).length);
      const female = json.attributes.find((a) => a.name === 'sex')!.groups.find((g) => g.key.sex === 'Female')!;
      const whole = rows.filter((r) => r.sex === 'Female' && !nanLabel(r.i) && !nanPred(r.i));
      expect(female.counts).toMatchObject({
        tp: whole.filter((r) => r.label === 1 && r.pred === 1).length,
        fp: whole.filter((r) => r.label === 0 && r.pred === 1).length,
        tn: whole.filter((r) => r.label === 0 && r.pred === 0).length,
        fn: whole.filter((r) => r.label === 1 && r.pred === 0).length,
      });
    }
  });
});

describe('encodings', () => {
  const names = ['José', 'Zoë', 'André', 'Inês'];
  const text = ['name,sex,label,pred', ...PEOPLE.map((p, i) => [names[i % 4], p.sex, p.label, p.pred].join(','))].join('\n') + '\n';

  it('bytes that are not UTF-8 are refused with their line and the --encoding fix', async () => {
    const path = write('latin.csv', Buffer.from(text, 'latin1'));
    expectOneLineError(await runCliInProcess(['discover', path]), 'latin.csv:2:', /not valid UTF-8/, /--encoding/);
  });

  it.each([
    ['latin1', Buffer.from(text, 'latin1')],
    ['windows-1252', Buffer.from(text, 'latin1')],
    ['utf-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
  ])('--encoding %s decodes the names and audits the right groups', async (encoding, bytes) => {
    const path = write(`enc-${encoding}.csv`, bytes);
    const { json } = await audit(path, '--encoding', encoding, '--label', 'label', '--prediction', 'pred');
    expectRightGroups(json);
    const out = join(dir, `enc-${encoding}-masked.csv`);
    const run = await runCliInProcess(['mask', path, '--encoding', encoding, '-o', out, '--profile', 'default', '--allow-k', '1'], { env: { FAIRAUDIT_MASK_KEY: '0123456789abcdef0123456789abcdef' } });
    expect(run.status, run.stderr).toBe(0);
  });

  it('a UTF-16 byte-order mark is honoured without a flag, and a UTF-8 one is dropped', async () => {
    const be = Buffer.from(text, 'utf16le').swap16();
    const { json } = await audit(write('bom16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be])), '--label', 'label', '--prediction', 'pred');
    expectRightGroups(json);
    expect(json.input.files[0].dialect?.encoding).toBe('utf-16be');
    const { columns } = await discoverColumns(write('bom8.csv', '\ufeff' + text));
    expect(columns).toEqual(['name', 'sex', 'label', 'pred']);
  });
});

describe('table-format folders are never read as plain files', () => {
  it('a Delta Lake table is read as the table: only the files its log holds live', async () => {
    // Two copies of the bundled loans data (12,000 rows, datasets/README.md); the second is added,
    // then removed by a later commit, so the table holds 12,000 rows, not 24,000.
    const table = join(tempDir('fairaudit-delta-'), 'loans_delta');
    mkdirSync(join(table, '_delta_log'), { recursive: true });
    const loans = readFileSync(join(ROOT, 'datasets/loans.parquet'));
    writeFileSync(join(table, 'part-0.parquet'), loans);
    writeFileSync(join(table, 'part-1.parquet'), loans);
    const log = (version: number, actions: object[]) => writeFileSync(join(table, '_delta_log', `${String(version).padStart(20, '0')}.json`), actions.map((a) => JSON.stringify(a)).join('\n') + '\n');
    log(0, [{ protocol: { minReaderVersion: 1, minWriterVersion: 2 } }, { metaData: { id: 't', partitionColumns: ['batch'], configuration: {} } }, { add: { path: 'part-0.parquet', partitionValues: { batch: 'a' } } }]);
    log(1, [{ add: { path: 'part-1.parquet', partitionValues: { batch: 'b' } } }]);
    log(2, [{ remove: { path: 'part-1.parquet' } }]);
    const { run, columns } = await discoverColumns(table);
    expect(run.stderr).toBe('');
    expect(columns).toContain('batch');
    const out = join(dir, 'delta-out');
    const audited = await runCliInProcess(['audit', table, '--label', 'repaid', '--sensitive', 'batch', '--min-group-size', '0', '--format', 'json', '-o', out]);
    expect([0, 1], audited.stderr).toContain(audited.status);
    const json = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as AuditJson;
    expect(json.input.rows_read).toBe(12_000);
    expect(json.input.files.map((f) => f.path)).toEqual([join(table, 'part-0.parquet')]);
    expect(json.attributes.find((a) => a.name === 'batch')!.groups.map((g) => [g.key.batch, g.n])).toEqual([['a', 12_000]]);
  });

  it('a Delta Lake table it cannot follow exactly is refused, naming the format and what to do', async () => {
    const base = tempDir('fairaudit-delta-');
    const make = (name: string, versions: Record<number, object[]>) => {
      const table = join(base, name);
      mkdirSync(join(table, '_delta_log'), { recursive: true });
      writeFileSync(join(table, 'part-0.csv'), lines(','));
      for (const [version, actions] of Object.entries(versions)) {
        writeFileSync(join(table, '_delta_log', `${String(version).padStart(20, '0')}.json`), actions.map((a) => JSON.stringify(a)).join('\n') + '\n');
      }
      return table;
    };
    // Commits before 10 were cleaned up after a checkpoint.
    const checkpointed = make('checkpointed', { 10: [{ add: { path: 'part-0.csv' } }] });
    expectOneLineError(await runCliInProcess(['discover', checkpointed]), 'checkpointed', /Delta Lake/, /checkpoint/, /snapshot/);
    const deleted = make('deletion_vectors', { 0: [{ add: { path: 'part-0.csv', deletionVector: { storageType: 'u' } } }] });
    expectOneLineError(await runCliInProcess(['audit', deleted, '--label', 'label', '--sensitive', 'sex', '-o', join(dir, 'x')]), 'deletion_vectors', /deletion vectors/);
    const remote = make('remote', { 0: [{ add: { path: 's3://bucket/part-0.parquet' } }] });
    expectOneLineError(await runCliInProcess(['discover', remote]), 'remote', /outside the folder \(s3 paths\)/);
  });

  it('an Iceberg table is refused the same way', async () => {
    const table = join(tempDir('fairaudit-ice-'), 'ice_table');
    mkdirSync(join(table, 'metadata'), { recursive: true });
    mkdirSync(join(table, 'data'), { recursive: true });
    writeFileSync(join(table, 'metadata', 'v1.metadata.json'), '{}');
    writeFileSync(join(table, 'data', 'part-0.csv'), lines(','));
    expectOneLineError(await runCliInProcess(['discover', table]), 'ice_table', /Iceberg/, /snapshot/);
  });
});

describe('bounded parsing', () => {
  it('a 4 MB .csv.gz that inflates to one 4 GiB line exits 2 within 5 s, naming the line', async () => {
    // A gzip file may hold several members, read one after the other: 4096 copies of one member
    // of 1 MiB of "x" (about 1 KB compressed each) inflate to one 4 GiB line after a header line.
    const member = gzipSync(Buffer.alloc(1 << 20, 'x'), { level: 9 });
    const path = write('bomb.csv.gz', Buffer.concat([gzipSync('a,b\n'), ...Array.from({ length: 4096 }, () => member)]));
    expect(readFileSync(path).length).toBeLessThan(5 << 20);
    const started = Date.now();
    const run = await runCliInProcess(['audit', path, '--label', 'b', '--sensitive', 'a']);
    expect(Date.now() - started).toBeLessThan(5_000);
    expectOneLineError(run, 'bomb.csv.gz:2:', /line 2 is longer than 64 MB/, /--max-field-bytes/);
  }, 120_000);

  it('--max-field-bytes caps a line of an uncompressed CSV and of JSON Lines', async () => {
    const long = write('long.csv', `a,b\n1,${'y'.repeat(300_000)}\n`);
    expectOneLineError(await runCliInProcess(['audit', long, '--label', 'a', '--sensitive', 'b', '--max-field-bytes', '100000', '-o', join(dir, 'x')]), 'long.csv:2:', /line 2 is longer than 100000 bytes/);
    const jsonl = write('long.jsonl', `{"a": 1, "b": "x"}\n{"a": 1, "b": "${'y'.repeat(300_000)}"}\n`);
    // The first 4 MB decide the columns; the scan meets the long line.
    expectOneLineError(await runCliInProcess(['audit', jsonl, '--label', 'a', '--sensitive', 'b', '--max-field-bytes', '100000', '-o', join(dir, 'x')]), 'long.jsonl:2:', /longer than 100000 bytes/);
    expectOneLineError(await runCliInProcess(['discover', long, '--max-field-bytes', '12']), /invalid --max-field-bytes/);
  });

  it('JSON Lines nested deeper than 64 levels is refused with its line', async () => {
    const path = write('deep.jsonl', `{"a": 1, "b": 2}\n{"a": 1, "b": ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`);
    expectOneLineError(await runCliInProcess(['discover', path]), 'deep.jsonl:2:', /more than 64 levels/);
  });

  it('a named pipe is refused instead of read (it would block or be read once)', async () => {
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    // Its own process: opening a named pipe with no writer can block the whole process.
    expectOneLineError(runCli(['discover', fifo]), 'pipe.csv', /named pipe/);
    expect(existsSync(fifo)).toBe(true);
  });
});
