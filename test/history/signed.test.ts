/**
 * A history an adversary cannot rewrite unseen. With FAIRAUDIT_HISTORY_KEY every line carries an
 * HMAC and `<file>.head` a signed line count: `history verify` with the key names a line edited
 * with every hash recomputed, an invented history and a deleted tail; without the key it says
 * what it cannot detect. Hashes and MACs of the forgeries are computed here, independently.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendHistory } from '../../src/history/history-file.js';
import { historyEntryFrom, type HistoryEntry } from '../../src/history/entry.js';
import { baselineSpec, makeResults } from '../compare/fixtures.js';
import { runCliInProcess } from '../cli/run-cli.js';

const KEY = 'history-key-0123456789abcdef';
const keyed = { FAIRAUDIT_HISTORY_KEY: KEY };
const entry = (dataset: string): HistoryEntry => ({ ...historyEntryFrom(makeResults(baselineSpec())), dataset });
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with object keys sorted at every level: what the chain hashes and the MAC signs. */
function sorted(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** Re-chains `records` from the first line as an attacker would: every hash recomputed, MACs with `key` or kept. */
function rechain(records: Array<Record<string, unknown>>, key?: string): string {
  let previous: string | null = null;
  const lines: string[] = [];
  for (const record of records) {
    const { sha256: _s, mac, ...rest } = record;
    const chained: Record<string, unknown> = { ...rest, prev_sha256: previous === null ? '0'.repeat(64) : sha(previous) };
    const line: Record<string, unknown> = { ...chained, sha256: sha(sorted(chained)) };
    if (key) line.mac = { alg: 'hmac-sha256', value: createHmac('sha256', key).update('fairaudit/history-line@1\u0000').update(sorted(line)).digest('hex') };
    else if (mac) line.mac = mac;
    previous = JSON.stringify(line);
    lines.push(previous);
  }
  return lines.join('\n') + '\n';
}

let folder: string;
let path: string;
let lines: string[];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'fairaudit-signed-'));
  path = join(folder, 'history.jsonl');
  const csv = ['sex,label,pred', ...Array.from({ length: 80 }, (_, i) => `${i % 2 ? 'F' : 'M'},${i % 3 === 0 ? 1 : 0},${i % 4 === 0 ? 1 : 0}`)].join('\n') + '\n';
  writeFileSync(join(folder, 'data.csv'), csv);
  const run = await runCliInProcess(['audit', 'data.csv', '--label', 'label', '--prediction', 'pred', '--sensitive', 'sex', '--bootstrap', '20', '-q', '-o', 'r', '--history', 'history.jsonl'], { cwd: folder, env: keyed });
  expect(run.status, run.stderr).toBeLessThan(2);
  for (const name of ['two', 'three', 'four']) await appendHistory(path, entry(name), { key: Buffer.from(KEY) });
  lines = readFileSync(path, 'utf8').trimEnd().split('\n');
}, 60_000);

/** Writes `text` as a history beside a copy of the signed head, and verifies it through the CLI. */
async function verify(text: string, env: Record<string, string> = keyed, head = readFileSync(`${path}.head`)) {
  const copy = join(mkdtempSync(join(folder, 'v-')), 'history.jsonl');
  writeFileSync(copy, text);
  writeFileSync(`${copy}.head`, head);
  return await runCliInProcess(['history', 'verify', copy], { env });
}

describe('a signed history', () => {
  it('signs each line with HMAC-SHA-256 over the line without its MAC, as computed here', async () => {
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      const { mac, ...rest } = JSON.parse(line);
      expect(mac.value).toBe(createHmac('sha256', KEY).update('fairaudit/history-line@1\u0000').update(sorted(rest)).digest('hex'));
    }
    const head = JSON.parse(readFileSync(`${path}.head`, 'utf8'));
    expect(head).toMatchObject({ lines: 4, last_line_sha256: sha(lines[3]) });
    const unsigned = { schema: head.schema, lines: head.lines, last_line_sha256: head.last_line_sha256 };
    expect(head.mac.value).toBe(createHmac('sha256', KEY).update('fairaudit/history-head@1\u0000').update(sorted(unsigned)).digest('hex'));
    expect(head.signature).toBeUndefined();
  });

  it('verifies with the key: exit 0', async () => {
    const run = await verify(lines.join('\n') + '\n');
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain('4 lines, chain intact, every line signed with the key');
  });

  it('catches a verdict edited with every later hash recomputed, which the chain alone passes', async () => {
    const records = lines.map((l) => JSON.parse(l));
    const flipped = records[1].verdict === 'fail' ? 'pass' : 'fail';
    records[1].verdict = flipped;
    records[1].exit_code = flipped === 'fail' ? 1 : 0;
    const forged = rechain(records);
    const unkeyed = await verify(forged, {});
    expect(unkeyed.status).toBe(0);
    expect(unkeyed.stdout).toContain('NOT a line edited with every later hash recomputed');
    const run = await verify(forged);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('line 2: its MAC does not match');
  });

  it('catches a history invented from scratch, unsigned or signed with another key', async () => {
    const records = ['x', 'y'].map((d) => ({ ...entry(d) }) as unknown as Record<string, unknown>);
    const unsigned = await verify(rechain(records), keyed, Buffer.from(''));
    expect(unsigned.status).toBe(1);
    expect(unsigned.stdout).toMatch(/line 1: not signed[\s\S]*line 2: not signed/);
    const otherKey = await verify(rechain(records, 'another-key-0123456789'));
    expect(otherKey.status).toBe(1);
    expect(otherKey.stdout).toContain('line 1: its MAC does not match');
  });

  it('catches the last line, or the last two, deleted', async () => {
    for (const cut of [1, 2]) {
      const run = await verify(lines.slice(0, -cut).join('\n') + '\n');
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`the signed head records 4 lines but the history has ${4 - cut}: the last ${cut} were deleted`);
      const unkeyed = await verify(lines.slice(0, -cut).join('\n') + '\n', {});
      expect(unkeyed.status).toBe(0);
      expect(unkeyed.stdout).toContain('or lines deleted from the end');
    }
  });

  it('refuses a key shorter than 16 bytes with the length required, before any work', async () => {
    const run = await runCliInProcess(['audit', 'data.csv', '--label', 'label', '-q', '-o', 'short', '--history', 'short.jsonl'], { cwd: folder, env: { FAIRAUDIT_HISTORY_KEY: 'summer2024' } });
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd()).toBe('fairaudit: FAIRAUDIT_HISTORY_KEY is 10 bytes; a history key needs at least 16 (set FAIRAUDIT_HISTORY_KEY to a long random secret, e.g. $(openssl rand -hex 32))');
    expect(existsSync(join(folder, 'short'))).toBe(false);
  });
});

describe('a report that recorded its history line', () => {
  it('shows lines cut from the end after its run, with no key at all', async () => {
    const dir = mkdtempSync(join(folder, 'report-'));
    const audit = (out: string) =>
      runCliInProcess(['audit', '../data.csv', '--label', 'label', '--prediction', 'pred', '--sensitive', 'sex', '--bootstrap', '20', '-q', '-o', out, '--history', 'h.jsonl'], { cwd: dir });
    for (const out of ['r1', 'r2']) expect((await audit(out)).status).toBeLessThan(2);
    const text = readFileSync(join(dir, 'h.jsonl'), 'utf8');
    const recorded = JSON.parse(readFileSync(join(dir, 'r2', 'audit.json'), 'utf8')).history;
    expect(recorded).toEqual({ path: 'h.jsonl', lines: 2, last_line_sha256: sha(text.trimEnd().split('\n')[1]) });
    expect((await runCliInProcess(['history', 'verify', 'h.jsonl', '--report', 'r2/audit.json'], { cwd: dir })).status).toBe(0);
    writeFileSync(join(dir, 'h.jsonl'), text.trimEnd().split('\n')[0] + '\n');
    expect((await runCliInProcess(['history', 'verify', 'h.jsonl'], { cwd: dir })).status).toBe(0);
    const run = await runCliInProcess(['history', 'verify', 'h.jsonl', '--report', 'r2/audit.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('line 1: the report records 2 lines but the history has 1: the last 1 were deleted');
  });
});

describe('the history lock', () => {
  const fresh = () => join(mkdtempSync(join(tmpdir(), 'fairaudit-lock-')), 'history.jsonl');

  it('breaks an empty lock left by a full disk in seconds, not after 30 s', async () => {
    const file = fresh();
    writeFileSync(`${file}.lock`, '');
    const threeSecondsAgo = new Date(Date.now() - 3000);
    utimesSync(`${file}.lock`, threeSecondsAgo, threeSecondsAgo);
    const started = Date.now();
    await appendHistory(file, entry('after a full disk'));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(readFileSync(file, 'utf8')).toContain('after a full disk');
  });

  it('breaks at once a fresh lock whose holder on this machine no longer runs', async () => {
    const file = fresh();
    // A process id above the kernel's limit (4,194,304) belongs to no process.
    writeFileSync(`${file}.lock`, `9999999@${hostname()} ${new Date().toISOString()} 00\n`);
    const started = Date.now();
    await appendHistory(file, entry('after a kill -9'));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('never breaks the lock of a live run however long it stalls', async () => {
    const file = fresh();
    const token = `${process.ppid}@${hostname()} 2024-01-01T00:00:00.000Z 00\n`;
    writeFileSync(`${file}.lock`, token);
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(`${file}.lock`, hourAgo, hourAgo);
    await expect(appendHistory(file, entry('blocked'), { timeoutMs: 300 })).rejects.toThrow(/timed out after 300 ms/);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(token);
  });
});
