/**
 * Personal names found by their values alone, with columns whose names say nothing: full names in
 * lower case from many origins, with particles, hyphens and apostrophes; given names alone;
 * surnames alone. And not found in city names (San Jose, Fort Worth), product names or
 * categories. The values are written here, not taken from fairaudit's name lists.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';

const FULL = [
  'nguyen van an', 'oluwaseun adeyemi', 'priya sharma', 'maria de la cruz', "mary-jane o'neil", 'hiroshi tanaka', 'fatima al-sayed',
  'jose luis garcia', 'ludwig van dijk', 'chidi okeke', 'ana sofia pereira', 'wojciech nowak', 'mehmet yilmaz', 'siddharth iyer',
  'kwame asante', 'li wei', 'park ji-hoon', 'svetlana kuznetsova', 'giulia rossi', 'thabo ndlovu',
];
const GIVEN = ['Aarav', 'Chiamaka', 'Yusuf', 'Ingrid', 'Mateo', 'Keiko', 'Olamide', 'Anastasia', 'Tomasz', 'Zeynep', 'Rahul', 'Nkechi', 'Bjorn', 'Leila', 'Joao', 'Mei', 'Dmitry', 'Esperanza', 'Kojo', 'Hye'];
const SURNAMES = ['OKAFOR', 'CHATTERJEE', 'YAMAMOTO', 'KOWALSKI', 'PAPADOPOULOS', 'HAKIMI', 'MWANGI', 'SANTOS', 'LINDQVIST', 'DEVRIES', 'BIANCHI', 'OLIVEIRA', 'FOURNIER', 'SCHMITT', 'NAIDOO', 'KAPOOR', 'HUYNH', 'VOLKOV', 'OSEI', 'DIOP'];
const CITIES = ['San Jose', 'Fort Worth', 'San Antonio', 'Santa Clara', 'New Orleans', 'Los Angeles', 'Saint Paul', 'Lake Charles', 'Port Arthur', 'Mount Vernon',
  'El Paso', 'Sao Paulo', 'Cedar Rapids', 'Sioux Falls', 'Baton Rouge', 'Grand Rapids', 'Salt Lake City', 'Des Moines', 'Little Rock', 'Colorado Springs'];
const PRODUCTS = ['Premium Checking', 'Gold Card', 'Auto Loan 60m', 'Home Equity Line', 'Student Saver', 'Travel Rewards', 'Cash Back Plus', 'Platinum Card', 'Basic Savings', 'Youth Account',
  'Business Line', 'Secured Card', 'Money Market', 'Fixed Deposit', 'Jumbo Mortgage', 'Bridge Loan', 'Green Bond', 'Ultra Saver', 'Flex Credit', 'Starter Pack'];
const CATEGORIES = ['Small Business', 'Retail', 'Corporate', 'Private Banking', 'Wealth', 'Public Sector', 'Agriculture', 'Healthcare', 'Education', 'Non-Profit',
  'Real Estate', 'Manufacturing', 'Hospitality', 'Logistics', 'Energy', 'Technology', 'Media', 'Mining', 'Telecom', 'Utilities'];

let dir: string;
beforeAll(() => {
  dir = tempDir();
  const columns = { x1: FULL, x2: GIVEN, x3: SURNAMES, x4: CITIES, x5: PRODUCTS, x6: CATEGORIES };
  const quote = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = Array.from({ length: 60 }, (_, i) => Object.values(columns).map((list) => quote(list[(i * 7) % list.length])).join(','));
  writeFileSync(join(dir, 'people.csv'), [Object.keys(columns).join(','), ...lines].join('\n') + '\n');
});

describe('personal names by their values', () => {
  it('finds full names in lower case of many origins, given names alone and surnames alone; not cities, products or categories', async () => {
    const run = await runCliInProcess(['discover', 'people.csv', '--json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const found = Object.fromEntries((JSON.parse(run.stdout) as { columns: { column: string; identifier_kind?: string }[] }).columns.map((c) => [c.column, c.identifier_kind ?? null]));
    expect(found).toEqual({ x1: 'name', x2: 'name', x3: 'name', x4: null, x5: null, x6: null });
    // Examples of a name column are masked: no full name is printed.
    for (const name of [...FULL, ...SURNAMES]) expect(run.stdout).not.toContain(name);
  });
});
