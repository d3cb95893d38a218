/**
 * A history signed with Ed25519 (`audit --sign-key`), checked with the public key alone
 * (`history verify --public-key`): every attack on it run through the CLI. The forgeries, their
 * hashes and their signatures are made here, independently of the code under test, as an attacker
 * who can write the files (but holds no private key of the auditor's) would make them.
 */
import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, type CliRun } from '../cli/run-cli.js';
import { expectOneLineRefusal } from './helpers.js';

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const fingerprint = (key: KeyObject) => `sha256:${sha((key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' }))}`;
const LINE_DOMAIN = 'fairaudit/history-line@1\u0000';
const HEAD_DOMAIN = 'fairaudit/history-head@1\u0000';

/** JSON with object keys sorted at every level: what the chain hashes and the keys sign. */
function sorted(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

type Line = Record<string, unknown>;

/** What a line's signature covers: every field but `mac` and `signature`. */
const signedPart = ({ mac: _m, signature: _s, ...rest }: Line) => rest;

/**
 * Re-chains `records` from the first line as an attacker would: every hash recomputed; each line
 * re-signed with `signer` when given, else its old `signature` (and `mac`) kept as they were.
 */
function rechain(records: Line[], signer?: KeyObject): string {
  let previous: string | null = null;
  const out: string[] = [];
  for (const record of records) {
    const { sha256: _h, mac, signature, ...rest } = record;
    const chained: Line = { ...rest, prev_sha256: previous === null ? '0'.repeat(64) : sha(previous) };
    const line: Line = { ...chained, sha256: sha(sorted(chained)) };
    if (signer) line.signature = { alg: 'ed25519', key_fingerprint: fingerprint(signer), value: sign(null, Buffer.from(LINE_DOMAIN + sorted(line)), signer).toString('base64') };
    else {
      if (mac) line.mac = mac;
      if (signature) line.signature = signature;
    }
    previous = JSON.stringify(line);
    out.push(previous);
  }
  return out.join('\n') + '\n';
}

/** A head record as the auditor's key would sign it, made here with `signer`. */
function headSignedBy(lines: string[], signer: KeyObject): string {
  const unsigned = { last_line_sha256: sha(lines[lines.length - 1]), lines: lines.length, schema: 'fairaudit/history-head@1' };
  const value = sign(null, Buffer.from(HEAD_DOMAIN + sorted(unsigned)), signer).toString('base64');
  return JSON.stringify({ ...unsigned, signature: { alg: 'ed25519', key_fingerprint: fingerprint(signer), value } }) + '\n';
}

let folder: string;
let auditor: { privateKey: KeyObject; publicKey: KeyObject };
let attacker: { privateKey: KeyObject; publicKey: KeyObject };
let lines: string[];
let head: string;
/** The head record as it was after the second run: what an attacker may have kept. */
let headAtTwo: string;
const runs: CliRun[] = [];

const audit = (out: string, extra: string[] = [], env: Record<string, string> = {}) =>
  runCliInProcess(['audit', 'data.csv', '--label', 'label', '--prediction', 'pred', '--sensitive', 'sex', '--bootstrap', '20', '-q', '-o', out, '--history', 'history.jsonl', ...extra], {
    cwd: folder,
    env,
  });

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'fairaudit-ed25519-'));
  auditor = generateKeyPairSync('ed25519');
  attacker = generateKeyPairSync('ed25519');
  writeFileSync(join(folder, 'auditor.pem'), auditor.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(folder, 'auditor.pub.pem'), auditor.publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(join(folder, 'attacker.pub.pem'), attacker.publicKey.export({ type: 'spki', format: 'pem' }));
  const csv = ['sex,label,pred', ...Array.from({ length: 80 }, (_, i) => `${i % 2 ? 'F' : 'M'},${i % 3 === 0 ? 1 : 0},${i % 4 === 0 ? 1 : 0}`)].join('\n') + '\n';
  writeFileSync(join(folder, 'data.csv'), csv);
  // The first run takes the key from the flag, the others from the environment variable.
  runs.push(await audit('r1', ['--sign-key', 'auditor.pem']));
  for (const out of ['r2', 'r3']) {
    runs.push(await audit(out, [], { FAIRAUDIT_SIGN_KEY_FILE: 'auditor.pem' }));
    if (out === 'r2') headAtTwo = readFileSync(join(folder, 'history.jsonl.head'), 'utf8');
  }
  for (const run of runs) expect(run.status, run.stderr).toBeLessThan(2);
  lines = readFileSync(join(folder, 'history.jsonl'), 'utf8').trimEnd().split('\n');
  head = readFileSync(join(folder, 'history.jsonl.head'), 'utf8');
}, 120_000);

/** Writes `text` as a history (with `headText` beside it unless null) and verifies it through the CLI. */
async function verifyCopy(text: string, args: string[] = ['--public-key', 'auditor.pub.pem'], options: { head?: string | null; env?: Record<string, string> } = {}) {
  const dir = mkdtempSync(join(folder, 'v-'));
  writeFileSync(join(dir, 'history.jsonl'), text);
  const headText = options.head === undefined ? head : options.head;
  if (headText !== null) writeFileSync(join(dir, 'history.jsonl.head'), headText);
  return await runCliInProcess(['history', 'verify', join(dir, 'history.jsonl'), ...args], { cwd: folder, env: options.env ?? {} });
}

describe('audit --sign-key signs every history line and the head', () => {
  it('each line carries an Ed25519 signature by the key, over the line without its signatures, as checked here', () => {
    expect(lines).toHaveLength(3);
    for (const text of lines) {
      const line = JSON.parse(text) as Line & { signature: { alg: string; key_fingerprint: string; value: string } };
      expect(line.signature.alg).toBe('ed25519');
      expect(line.signature.key_fingerprint).toBe(fingerprint(auditor.publicKey));
      expect(line.signed_by).toBe(fingerprint(auditor.publicKey));
      expect(verify(null, Buffer.from(LINE_DOMAIN + sorted(signedPart(line))), auditor.publicKey, Buffer.from(line.signature.value, 'base64'))).toBe(true);
    }
  });

  it('the head records 3 lines and the last one, signed by the key', () => {
    const record = JSON.parse(head);
    expect(record).toMatchObject({ schema: 'fairaudit/history-head@1', lines: 3, last_line_sha256: sha(lines[2]) });
    expect(record.mac).toBeUndefined();
    const unsigned = { last_line_sha256: record.last_line_sha256, lines: record.lines, schema: record.schema };
    expect(verify(null, Buffer.from(HEAD_DOMAIN + sorted(unsigned)), auditor.publicKey, Buffer.from(record.signature.value, 'base64'))).toBe(true);
  });

  it('each signed report records the line count and its own line, and its signature covers that record', () => {
    const auditJson = readFileSync(join(folder, 'r3', 'audit.json'));
    expect(JSON.parse(auditJson.toString()).history).toEqual({ path: 'history.jsonl', lines: 3, last_line_sha256: sha(lines[2]) });
    const document = JSON.parse(readFileSync(join(folder, 'r3', 'fairaudit-signature.json'), 'utf8'));
    expect(document.files.find((f: { path: string }) => f.path === 'audit.json').sha256).toBe(sha(auditJson));
    const { signature, ...unsigned } = document;
    expect(verify(null, Buffer.from('fairaudit/signature@1\u0000' + sorted(unsigned)), auditor.publicKey, Buffer.from(signature, 'base64'))).toBe(true);
  });

  it('never prints or writes the private key', () => {
    const pem = readFileSync(join(folder, 'auditor.pem'), 'utf8');
    const body = pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
    const raw = auditor.privateKey.export({ format: 'jwk' }).d!;
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    const written = files(folder).filter((f) => !f.endsWith('auditor.pem'));
    for (const text of [...written.map((f) => readFileSync(f, 'latin1')), ...runs.flatMap((r) => [r.stdout, r.stderr])]) {
      expect(text).not.toContain(body);
      expect(text).not.toContain(raw);
      expect(text).not.toContain('PRIVATE KEY');
    }
  });
});

describe('history verify --public-key', () => {
  it('passes the history as written: exit 0, naming the key', async () => {
    const run = await verifyCopy(lines.join('\n') + '\n');
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain(`3 lines, chain intact, every line signed by ${fingerprint(auditor.publicKey)}, tail as the signed head records`);
    expect(run.stdout).not.toContain('note:');
  });

  it('names the line edited with every later hash recomputed, which the chain alone passes', async () => {
    const records = lines.map((l) => JSON.parse(l) as Line);
    records[1].verdict = records[1].verdict === 'fail' ? 'pass' : 'fail';
    records[1].exit_code = records[1].verdict === 'fail' ? 1 : 0;
    const forged = rechain(records);
    const unkeyed = await verifyCopy(forged, []);
    expect(unkeyed.status).toBe(0);
    expect(unkeyed.stdout).toContain('NOT a line edited with every later hash recomputed');
    expect(unkeyed.stdout).toContain('--public-key');
    const run = await verifyCopy(forged);
    expect(run.status).toBe(1);
    // Line 3's own content is untouched, but its prev_sha256 changed with line 2: its signature fails too,
    // and it is no longer the last line the head signed.
    expect(run.stdout.split('\n').filter((l) => l.startsWith('line '))).toEqual([
      "line 2: the line's Ed25519 signature does not match: it was edited (its hashes recomputed or not), or the signature forged",
      "line 3: the line's Ed25519 signature does not match: it was edited (its hashes recomputed or not), or the signature forged",
      'line 3: line 3 is not the line the signed head records as the last one: the history was rewritten',
    ]);
  });

  it('names an invented history, unsigned or signed with another key', async () => {
    const invented: Line[] = lines.map((l) => ({ ...(JSON.parse(l) as Line), dataset: 'invented' }));
    const unsigned = invented.map(({ signature: _s, ...rest }) => rest);
    const run = await verifyCopy(rechain(unsigned), undefined, { head: null });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('line 1: the line carries no Ed25519 signature: it was written by someone without the signing key');
    expect(run.stdout).toContain('line 3: no signed head record beside the history');
    const text = rechain(unsigned, attacker.privateKey);
    const other = await verifyCopy(text, undefined, { head: headSignedBy(text.trimEnd().split('\n'), attacker.privateKey) });
    expect(other.status).toBe(1);
    for (const n of [1, 2, 3]) expect(other.stdout).toContain(`line ${n}: the line was signed with key ${fingerprint(attacker.publicKey)}, not with this public key (${fingerprint(auditor.publicKey)})`);
    expect(other.stdout).toContain(`line 3: the head record was signed with key ${fingerprint(attacker.publicKey)}`);
    // A genuine line's fingerprint copied onto a forged signature proves nothing.
    const copied = JSON.parse(lines[0]) as Line & { signature: { key_fingerprint: string; value: string } };
    copied.dataset = 'invented';
    const borrowed = rechain([copied]);
    const run2 = await verifyCopy(borrowed, undefined, { head: null });
    expect(run2.stdout).toContain("line 1: the line's Ed25519 signature does not match");
  });

  it('names a truncated tail against the signed head, and against a signed report without the head', async () => {
    for (const cut of [1, 2]) {
      const kept = lines.slice(0, -cut).join('\n') + '\n';
      const run = await verifyCopy(kept);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`the signed head records 3 lines but the history has ${3 - cut}: the last ${cut} were deleted`);
      expect((await verifyCopy(kept, [])).status).toBe(0);
      const againstReport = await verifyCopy(kept, ['--public-key', 'auditor.pub.pem', '--report', 'r3/audit.json'], { head: headSignedBy(lines.slice(0, -cut), attacker.privateKey) });
      expect(againstReport.status).toBe(1);
      expect(againstReport.stdout).toContain(`the report records 3 lines but the history has ${3 - cut}: the last ${cut} were deleted`);
    }
  });

  it('passes a history cut back together with the head saved at that length, which only the later report shows', async () => {
    const kept = lines.slice(0, 2).join('\n') + '\n';
    const run = await verifyCopy(kept, undefined, { head: headAtTwo });
    expect(run.status).toBe(0);
    const againstReport = await verifyCopy(kept, ['--public-key', 'auditor.pub.pem', '--report', 'r3/audit.json'], { head: headAtTwo });
    expect(againstReport.status).toBe(1);
    expect(againstReport.stdout).toContain('the report records 3 lines but the history has 2: the last 1 were deleted');
  });

  it('refuses a report whose recorded line count was edited to match a cut history', async () => {
    const dir = mkdtempSync(join(folder, 'edited-report-'));
    for (const name of readdirSync(join(folder, 'r3'))) writeFileSync(join(dir, name), readFileSync(join(folder, 'r3', name)));
    const report = JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8'));
    report.history = { ...report.history, lines: 2, last_line_sha256: sha(lines[1]) };
    writeFileSync(join(dir, 'audit.json'), JSON.stringify(report, null, 2) + '\n');
    const kept = lines.slice(0, 2).join('\n') + '\n';
    const unsigned = await verifyCopy(kept, ['--report', join(dir, 'audit.json')], { head: null });
    expect(unsigned.status).toBe(0); // without the key an edited report cannot be told apart
    const run = await verifyCopy(kept, ['--public-key', 'auditor.pub.pem', '--report', join(dir, 'audit.json')], { head: null });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('is not vouched for: audit.json was changed after it was signed');
    const folderCheck = await runCliInProcess(['verify', dir, '--public-key', 'auditor.pub.pem'], { cwd: folder });
    expect(folderCheck.status).toBe(1);
  });

  it('with the wrong public key, names the key each line was signed with: exit 1', async () => {
    const run = await verifyCopy(lines.join('\n') + '\n', ['--public-key', 'attacker.pub.pem']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`line 1: the line was signed with key ${fingerprint(auditor.publicKey)}, not with this public key (${fingerprint(attacker.publicKey)})`);
  });

  it('refuses a key file that is missing, not PEM, or not Ed25519 with one line: exit 2', async () => {
    writeFileSync(join(folder, 'not-a-key.pem'), 'hello\n');
    writeFileSync(join(folder, 'rsa.pub.pem'), generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }));
    const cases: Array<[string, RegExp]> = [
      ['missing.pem', /missing\.pem.*key file not found/],
      ['not-a-key.pem', /not-a-key\.pem.*not a PEM public key/],
      ['rsa.pub.pem', /rsa\.pub\.pem.*the public key is rsa, not Ed25519/],
    ];
    for (const [file, pattern] of cases) expectOneLineRefusal(await verifyCopy(lines.join('\n') + '\n', ['--public-key', file]), pattern);
  });
});

describe('a line signed with one key and a MAC with another', () => {
  let mixed: string;
  const HMAC = 'history-key-0123456789abcdef';
  const OTHER_HMAC = 'another-history-key-0123456789';

  beforeAll(async () => {
    const dir = mkdtempSync(join(folder, 'mixed-'));
    const run = await runCliInProcess(
      ['audit', '../data.csv', '--label', 'label', '--prediction', 'pred', '--sensitive', 'sex', '--bootstrap', '20', '-q', '-o', 'r', '--history', 'h.jsonl', '--sign-key', '../auditor.pem'],
      { cwd: dir, env: { FAIRAUDIT_HISTORY_KEY: HMAC } },
    );
    expect(run.status, run.stderr).toBeLessThan(2);
    mixed = join(dir, 'h.jsonl');
    const line = JSON.parse(readFileSync(mixed, 'utf8'));
    expect(Object.keys(line)).toEqual(expect.arrayContaining(['mac', 'signature']));
    expect(existsSync(`${mixed}.head`)).toBe(true);
  }, 60_000);

  const check = (env: Record<string, string>, publicKey: string) => runCliInProcess(['history', 'verify', mixed, '--public-key', publicKey], { cwd: folder, env });

  it('passes with both of its keys', async () => {
    const run = await check({ FAIRAUDIT_HISTORY_KEY: HMAC }, 'auditor.pub.pem');
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain(`every line signed with the key and by ${fingerprint(auditor.publicKey)}`);
  });

  it('names the MAC alone when the HMAC key is another', async () => {
    const run = await check({ FAIRAUDIT_HISTORY_KEY: OTHER_HMAC }, 'auditor.pub.pem');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('line 1: its MAC does not match');
    expect(run.stdout).not.toContain('Ed25519');
  });

  it('passes alone in place of the real history (same signing key), but not against the real history\'s report', async () => {
    const swapped = await runCliInProcess(['history', 'verify', mixed, '--public-key', 'auditor.pub.pem'], { cwd: folder });
    expect(swapped.status, swapped.stdout).toBe(0);
    const run = await runCliInProcess(['history', 'verify', mixed, '--public-key', 'auditor.pub.pem', '--report', 'r3/audit.json'], { cwd: folder });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('the report records 3 lines but the history has 1');
  });

  it('names the signature alone when the public key is another', async () => {
    const run = await check({ FAIRAUDIT_HISTORY_KEY: HMAC }, 'attacker.pub.pem');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`line 1: the line was signed with key ${fingerprint(auditor.publicKey)}, not with this public key`);
    expect(run.stdout).not.toContain('MAC');
  });
});
