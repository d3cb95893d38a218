/**
 * The attacks of the hostile-input review that had no test through the CLI yet: a report set left
 * half-renamed by a killed run, temporary files of killed runs, the masking key's fingerprint in
 * the manifest, deeply nested JSON Lines given to mask and init, and outputs aimed at key files.
 * Each input is built here and run through the real CLI.
 */
import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { REPORT_SET_JOURNAL } from '../../src/report/write.js';
import { BIN, runCliInProcess, tempDir } from '../cli/run-cli.js';
import { expectOneLineRefusal } from './helpers.js';

/** A process id above the kernel's limit: no process has it, as after a kill -9. */
const DEAD_PID = 9_999_999;
const AUDIT = ['--label', 'label', '--prediction', 'pred', '--sensitive', 'sex', '--bootstrap', '20', '-q'];
const CSV = ['sex,label,pred', ...Array.from({ length: 80 }, (_, i) => `${i % 2 ? 'F' : 'M'},${i % 3 === 0 ? 1 : 0},${i % 4 === 0 ? 1 : 0}`)].join('\n') + '\n';
const KEY = 'a masking key of thirty-two bytes';

let dir: string;
beforeEach(() => {
  dir = tempDir('fairaudit-attacks-');
  writeFileSync(join(dir, 'data.csv'), CSV);
});

const hidden = (folder: string) => readdirSync(folder).filter((name) => name.startsWith('.'));

describe('a run killed between the renames of its report files', () => {
  it('leaves a set the next audit into the folder completes and replaces whole, with no journal or temporary file left', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    // As a run killed after renaming audit.json leaves it: the new audit.json, the old html and
    // md, the new ones under temporary names, and the journal naming the set.
    writeFileSync(join(out, 'audit.json'), '{"killed run": true}');
    writeFileSync(join(out, 'report.html'), 'old html');
    writeFileSync(join(out, 'summary.md'), 'old md');
    const html = `.report.html.${DEAD_PID}-aaaaaaaaaaaa.tmp`;
    const md = `.summary.md.${DEAD_PID}-bbbbbbbbbbbb.tmp`;
    writeFileSync(join(out, html), 'killed run html');
    writeFileSync(join(out, md), 'killed run md');
    const files = [
      { temporary: `.audit.json.${DEAD_PID}-cccccccccccc.tmp`, target: 'audit.json' },
      { temporary: html, target: 'report.html' },
      { temporary: md, target: 'summary.md' },
    ];
    writeFileSync(join(out, REPORT_SET_JOURNAL), JSON.stringify({ files }));
    const run = await runCliInProcess(['audit', 'data.csv', ...AUDIT, '-o', 'out'], { cwd: dir });
    expect(run.status, run.stderr).toBeLessThan(2);
    expect(hidden(out)).toEqual([]);
    // All three files are this run's: the audit.json parses as a report, and the html and md name its dataset.
    const results = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8'));
    expect(results.input.name).toBe('data');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<html');
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('data');
  });
});

describe('temporary files of a killed run', () => {
  it('are removed by the next mask into the folder; a live run’s are kept', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    const abandoned = `.masked.csv.${DEAD_PID}-dddddddddddd.tmp`;
    const live = `.masked.csv.${process.ppid}-eeeeeeeeeeee.tmp`;
    writeFileSync(join(out, abandoned), 'x'.repeat(1 << 20));
    writeFileSync(join(out, live), 'still being written');
    const run = await runCliInProcess(['mask', 'data.csv', '-o', 'out/masked.csv', '--allow-k', '1', '-q'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(out, abandoned))).toBe(false);
    expect(hidden(out)).toEqual([live]);
  });
});

describe('a mask killed with kill -9 while it writes', () => {
  it('leaves a hidden temporary file, which the next mask into the folder removes', async () => {
    const rows = ['email,sex,label,pred'];
    for (let i = 0; i < 100_000; i++) rows.push(`user${i}@corp.example,${i % 2 ? 'F' : 'M'},${i % 3 === 0 ? 1 : 0},${i % 4 === 0 ? 1 : 0}`);
    writeFileSync(join(dir, 'big.csv'), rows.join('\n') + '\n');
    const out = join(dir, 'out');
    mkdirSync(out);
    const child = spawn(process.execPath, [BIN, 'mask', 'big.csv', '-o', 'out/masked.csv', '--allow-k', '1', '-q'], { cwd: dir, env: { ...process.env, FAIRAUDIT_MASK_KEY: KEY }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const deadline = Date.now() + 60_000;
    while (hidden(out).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const left = hidden(out);
    expect(left, 'the run was killed while writing its copy').toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^\\.masked\\.csv\\.${child.pid}-[0-9a-f]{12}\\.tmp$`));
    expect(existsSync(join(out, 'masked.csv'))).toBe(false);
    const run = await runCliInProcess(['mask', 'data.csv', '-o', 'out/masked.csv', '--allow-k', '1', '-q'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(hidden(out)).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(['masked.csv', 'masked.csv.manifest.json']);
  }, 120_000);
});

describe("the masking key's fingerprint in the manifest", () => {
  it('is salted scrypt of the key (computed here), not a hash a guess can be checked against in a microsecond', async () => {
    const people = ['email,sex,label', ...Array.from({ length: 40 }, (_, i) => `person${i}@corp.example,${i % 2 ? 'F' : 'M'},${i % 3 === 0 ? 1 : 0}`)].join('\n') + '\n';
    writeFileSync(join(dir, 'people.csv'), people);
    const run = await runCliInProcess(['mask', 'people.csv', '-o', 'masked.csv', '--allow-k', '1', '-q'], { cwd: dir, env: { FAIRAUDIT_MASK_KEY: KEY } });
    expect(run.status, run.stderr).toBe(0);
    const manifestText = readFileSync(join(dir, 'masked.csv.manifest.json'), 'utf8');
    const manifest = JSON.parse(manifestText);
    const key = Buffer.from(KEY);
    expect(manifest.key_fingerprint).toBe(scryptSync(key, 'fairaudit/mask-key-fingerprint@2', 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('hex'));
    expect(manifest.key_fingerprint).not.toBe(createHash('sha256').update(key).digest('hex'));
    for (const text of [manifestText, readFileSync(join(dir, 'masked.csv'), 'utf8'), run.stdout, run.stderr]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain('person1@corp.example');
    }
  });
});

describe('JSON Lines nested deeper than 64 levels', () => {
  it('is refused with its line by mask and init too, not only discover', async () => {
    writeFileSync(join(dir, 'deep.jsonl'), `{"a": 1, "b": 2}\n{"a": 1, "b": ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`);
    expectOneLineRefusal(await runCliInProcess(['mask', 'deep.jsonl', '-o', 'deep.masked.jsonl', '--allow-k', '1'], { cwd: dir }), /deep\.jsonl:2:.*more than 64 levels/);
    expectOneLineRefusal(await runCliInProcess(['init', 'deep.jsonl', '-o', 'deep.yaml'], { cwd: dir }), /deep\.jsonl:2:.*more than 64 levels/);
    expect(readdirSync(dir).sort()).toEqual(['data.csv', 'deep.jsonl']);
  });
});

describe('outputs aimed at a key file', () => {
  it('--history naming the signing key, and a masked copy naming the masking key file, are refused before any work', async () => {
    const signing = join(dir, 'signing-key.pem');
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(signing, pem);
    expectOneLineRefusal(await runCliInProcess(['audit', 'data.csv', ...AUDIT, '-o', 'out', '--sign-key', 'signing-key.pem', '--history', 'signing-key.pem'], { cwd: dir }), /signing-key\.pem: refusing to overwrite an input file.*fix --history/);
    expect(readFileSync(signing, 'utf8')).toBe(pem);
    writeFileSync(join(dir, 'mask.key'), KEY);
    expectOneLineRefusal(await runCliInProcess(['mask', 'data.csv', '-o', 'mask.key', '--key-file', 'mask.key', '--format', 'csv', '--allow-k', '1'], { cwd: dir }), /mask\.key: refusing to overwrite an input file.*fix -o\/--output/);
    expect(readFileSync(join(dir, 'mask.key'), 'utf8')).toBe(KEY);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('spreadsheet formulas in a masked CSV', () => {
  it('every formula start (= + - @ tab CR) is prefixed, in the header too', async () => {
    writeFileSync(join(dir, 'formulas.csv'), '=HEAD(1),label\n"\tTAB",1\n"\rCR",0\n+SUM(1),1\n@A1,0\n-2+3,1\nplain,0\n');
    const run = await runCliInProcess(['mask', 'formulas.csv', '-o', 'out.csv', '--allow-k', '1', '-q'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    // OWASP: a leading apostrophe makes the cell text; the CR cell stays quoted, as it was.
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe("'=HEAD(1),label\n'\tTAB,1\n\"'\rCR\",0\n'+SUM(1),1\n'@A1,0\n'-2+3,1\nplain,0\n");
  });
});

describe('a value spelled like a JavaScript radix literal', () => {
  it('0x10, 0b1 and 0o7 in data stay text: discover calls the column text, and an audit groups by them as written', async () => {
    const rows = ['code,label,pred'];
    for (let i = 0; i < 120; i++) rows.push(`${['0x10', '16', '0b1', '0o7'][i % 4]},${i % 3 === 0 ? 1 : 0},${i % 5 === 0 ? 1 : 0}`);
    writeFileSync(join(dir, 'codes.csv'), rows.join('\n') + '\n');
    const discover = await runCliInProcess(['discover', 'codes.csv', '--json'], { cwd: dir });
    expect(discover.status, discover.stderr).toBe(0);
    expect(JSON.parse(discover.stdout).columns.find((c: { column: string }) => c.column === 'code').type).toContain('Utf8');
    const run = await runCliInProcess(['audit', 'codes.csv', '--label', 'label', '--prediction', 'pred', '--sensitive', 'code', '--bootstrap', '0', '-q', '-o', 'out', '--format', 'json'], { cwd: dir });
    expect(run.status, run.stderr).toBeLessThan(2);
    const groups = JSON.parse(readFileSync(join(dir, 'out', 'audit.json'), 'utf8')).attributes[0].groups;
    // Four groups of 30 rows each: 0x10 is not merged into 16.
    expect(Object.fromEntries(groups.map((g: { key: { code: string }; n: number }) => [g.key.code, g.n]))).toEqual({ '0x10': 30, '16': 30, '0b1': 30, '0o7': 30 });
  });
});
