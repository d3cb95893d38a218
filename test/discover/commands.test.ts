import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { discoverCommand } from '../../src/cli/commands/discover.js';
import { initCommand } from '../../src/cli/commands/init.js';
import { parseConfig } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';
import type { DiscoveryResult } from '../../src/results/index.js';
import { peopleTable } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'fairaudit-discover-'));
const csv = join(dir, 'people.csv');
let raw: Record<string, string[]> = {};

beforeAll(() => {
  const table = peopleTable(500);
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((_, j) => (table.getChildAt(j)!.toArray() as unknown[]).map((v) => (v === null || v === undefined ? '' : String(v))));
  raw = Object.fromEntries(names.map((n, j) => [n, columns[j]]));
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [names.join(',')];
  for (let i = 0; i < table.numRows; i++) lines.push(columns.map((c) => quote(c[i])).join(','));
  writeFileSync(csv, lines.join('\n') + '\n');
});

/** Runs a command and returns what it wrote to stdout. */
async function stdoutOf(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await run();
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('fairaudit discover', () => {
  it('prints an aligned table with the category, confidence, evidence and action of each column, and the sample size', async () => {
    const { code, out } = await stdoutOf(() => discoverCommand.run({ data: [csv] }));
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^column\s+category\s+confidence\s+evidence\s+suggested action$/);
    const ssn = lines.find((l) => l.startsWith('ssn '))!;
    expect(ssn).toMatch(/identifier \(national id\)/);
    expect(ssn).toMatch(/mask: hmac$/);
    // Columns line up: every row's category starts where the header's does.
    const at = lines[0].indexOf('category');
    for (const line of lines.slice(2, 2 + Object.keys(raw).length)) expect(line[at - 1] === ' ' && line[at] !== ' ', line).toBe(true);
    expect(out).toContain('Sample: all 500 rows (seed 42).');
  });

  it('prints the discovery result as JSON with --json, honouring --sample and --seed', async () => {
    const { out } = await stdoutOf(() => discoverCommand.run({ data: [csv], json: true, sample: 100, seed: 7 }));
    const result = JSON.parse(out) as DiscoveryResult;
    expect(result).toMatchObject({ sample_rows: 100, rows_seen: 500, seed: 7 });
    expect(result.columns.find((c) => c.column === 'email')?.identifier_kind).toBe('email');
  });

  it('never prints a raw identifier value', async () => {
    const { out: table } = await stdoutOf(() => discoverCommand.run({ data: [csv] }));
    const { out: json } = await stdoutOf(() => discoverCommand.run({ data: [csv], json: true }));
    for (const column of ['email', 'contact', 'phone', 'ssn', 'customer_ref', 'card_number', 'iban', 'ip_address', 'full_name', 'passport_no', 'street_address', 'client_ip']) {
      for (const value of raw[column]) {
        expect(table.includes(value), `${column}: ${value}`).toBe(false);
        expect(json.includes(value), `${column}: ${value}`).toBe(false);
      }
    }
  });

  it('refuses a sample size that is not a whole number', async () => {
    await expect(discoverCommand.run({ data: [csv], sample: 0 })).rejects.toThrow(UserError);
  });
});

describe('fairaudit init', () => {
  it('writes a valid, commented config with the discovered attributes, roles and masking', async () => {
    const path = join(dir, 'configs', 'people.yaml');
    const { code, out } = await stdoutOf(() => initCommand.run({ data: [csv], output: path }));
    expect(code).toBe(0);
    expect(out).toBe(`wrote ${path}\n`);
    const text = readFileSync(path, 'utf8');
    const config = parseConfig(text, path);
    expect(config.dataset).toBe('people');
    expect(config).toMatchObject({ label: 'repaid', prediction: 'approved', score: 'score' });
    expect(config.sensitive).toEqual(['sex', 'race', 'age', 'nationality', 'religion', 'marital_status', 'disability', 'language', 'sexual_orientation', 'veteran_status', 'pregnant']);
    expect(config.mask?.columns?.email).toEqual({ op: 'hmac' });
    expect(config.mask?.columns?.zip).toEqual({ op: 'generalize', zip_digits: 3 });
    expect(config.mask?.columns?.date_of_birth).toEqual({ op: 'generalize', date: 'year' });
    expect(config.mask?.columns?.comment).toEqual({ op: 'redact' });
    expect(config.mask?.quasi_identifiers).toEqual(['sex', 'age', 'date_of_birth', 'zip', 'postcode', 'col_17']);
    // Each choice says why.
    expect(text).toMatch(/# sex: name matches 'sex'/);
    expect(text).toMatch(/# Not audited: date_of_birth/);
    expect(text).toMatch(/# Proxy to review, not audited: neighbourhood is associated with race \(V = 0\.\d\d, strong\)/);
    for (const value of raw.email.slice(0, 50)) expect(text.includes(value)).toBe(false);
  });

  it('refuses to overwrite an existing config unless --force', async () => {
    const path = join(dir, 'again.yaml');
    await stdoutOf(() => initCommand.run({ data: [csv], output: path }));
    await expect(initCommand.run({ data: [csv], output: path })).rejects.toThrow(/already exists/);
    const { code } = await stdoutOf(() => initCommand.run({ data: [csv], output: path, force: true }));
    expect(code).toBe(0);
  });
});
