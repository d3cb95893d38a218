import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DateDay, Int16, Int32, Utf8, vectorFromArray, type Data } from 'apache-arrow';
import { createOperator } from '../../src/mask/operators/create.js';
import { utf8Vector } from '../../src/mask/operators/column.js';
import { maskText } from '../../src/mask/operators/mask.js';
import type { MaskRule } from '../../src/config/types.js';
import { valuesOf } from './helpers.js';

const KEY = Buffer.from('plain columns key');

/** A plain (not dictionary-encoded) chunk of `type`. */
function plain(values: unknown[], type: Utf8 | Int32 | Int16 | DateDay): Data {
  return vectorFromArray(values as never[], type as never).data[0];
}

function run(rule: MaskRule, data: Data) {
  return createOperator('c', rule, data.type, KEY).apply(data);
}

describe('operators on plain text columns', () => {
  it('redact writes the constant for every non-null row and counts a value already equal to it as unchanged', () => {
    const out = run({ op: 'redact', value: 'gone' }, plain(['alice', null, 'gone', 'bøb', 'gonE'], new Utf8()));
    expect(valuesOf(out.data)).toEqual(['gone', null, 'gone', 'gone', 'gone']);
    // 4 non-null values, one of them ("gone") already the constant.
    expect(out.changed).toBe(3);
  });

  it('redact keeps the right rows null in a chunk sliced from the middle of a column', () => {
    const whole = plain(['a', null, 'b', null, 'c', 'd', null, 'e', 'f', null], new Utf8());
    // Data#slice(offset, length): rows 3 to 8 are null, c, d, null, e, f.
    const sliced = whole.slice(3, 6);
    const out = run({ op: 'redact' }, sliced);
    expect(valuesOf(out.data)).toEqual([null, '[REDACTED]', '[REDACTED]', null, '[REDACTED]', '[REDACTED]']);
    expect(out.changed).toBe(4);
  });

  it('hmac of a plain text chunk equals node:crypto per row, with nulls kept', () => {
    const values = ['alice@example.com', null, 'ünïcødé 名前', '', 'x'.repeat(130)];
    const out = run({ op: 'hmac' }, plain(values, new Utf8()));
    expect(valuesOf(out.data)).toEqual(values.map((v) => (v === null ? null : createHmac('sha256', KEY).update(v, 'utf8').digest('hex'))));
    expect(out.changed).toBe(4);
  });

  it('hmac of integers hashes their decimal text', () => {
    const out = run({ op: 'hmac' }, plain([7, null, -12], new Int32()));
    expect(valuesOf(out.data)).toEqual([createHmac('sha256', KEY).update('7').digest('hex'), null, createHmac('sha256', KEY).update('-12').digest('hex')]);
  });
});

describe('rewriting plain integer and date columns', () => {
  it('generalizes Date32 days to years, one entry per distinct day', () => {
    // 1987-04-12 is day 6310 since 1970-01-01; 1987-12-31 is 6573; 2001-01-01 is 11323.
    const days = [6310, 6573, null, 6310, 11323];
    const data = plain(days.map((d) => (d === null ? null : new Date(d * 86_400_000))), new DateDay());
    const out = run({ op: 'generalize', date: 'year' }, data);
    expect(valuesOf(out.data)).toEqual(['1987', '1987', null, '1987', '2001']);
    expect(out.changed).toBe(4);
  });

  it('suppresses rare small integers by their value, not their position', () => {
    const data = plain([1, 2, 1, 3, 1, 2], new Int16());
    const op = createOperator('c', { op: 'suppress-rare', k: 2 }, data.type);
    op.observe(data);
    const out = op.apply(data);
    // 1 occurs 3 times and 2 twice (kept); 3 once (rare).
    expect(valuesOf(out.data)).toEqual(['1', '2', '1', '(other)', '1', '2']);
    expect(out.changed).toBe(1);
  });
});

describe('text building', () => {
  it('utf8Vector round-trips empty, multi-byte and null entries, and long lists', () => {
    const strings = ['', 'a', null, 'ñandú', '😀x', ...Array.from({ length: 500 }, (_, i) => `v${i}`.repeat(i % 7))];
    expect([...utf8Vector(strings)]).toEqual(strings);
  });

  it('mask counts characters as code points, with and without surrogate pairs', () => {
    expect(maskText('555-0100', 2)).toBe('******00');
    expect(maskText('ab😀cd', 3)).toBe('**😀cd');
    expect(maskText('ab', 2)).toBe('**');
  });
});
