import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DateDay, Dictionary, Float64, Int32, Utf8, tableFromArrays, vectorFromArray, type Data } from 'apache-arrow';
import { createOperator } from '../../src/mask/operators/create.js';
import { maskText } from '../../src/mask/operators/mask.js';
import { binLabels, generalizeDate, generalizeZip, topCode } from '../../src/mask/operators/generalize.js';
import type { MaskRule } from '../../src/config/types.js';
import { UserError } from '../../src/errors.js';
import { valuesOf } from './helpers.js';

const KEY = Buffer.from('test key 0123456789');

function chunk(values: unknown[], type?: never): Data {
  return (type ? vectorFromArray(values as never[], type) : vectorFromArray(values as never[])).data[0];
}

function run(rule: MaskRule, data: Data, key: Buffer | undefined = KEY) {
  const op = createOperator('c', rule, data.type, key);
  if (op.needsPrePass) op.observe(data);
  return { op, ...op.apply(data) };
}

describe('keep and drop', () => {
  it('keep returns the very same chunk and changes nothing', () => {
    const data = chunk(['a', null, 'b']);
    const out = run({ op: 'keep' }, data);
    expect(out.data).toBe(data);
    expect(out.changed).toBe(0);
  });

  it('drop removes the column and counts every non-null value as changed', () => {
    const out = run({ op: 'drop' }, chunk(['a', null, 'b', 'c']));
    expect(out.data).toBeNull();
    expect(out.op.outputType).toBeNull();
    expect(out.changed).toBe(3);
  });
});

describe('redact', () => {
  it('writes [REDACTED] for every value and leaves nulls null', () => {
    const out = run({ op: 'redact' }, chunk(['alice', null, 'bob']));
    expect(valuesOf(out.data)).toEqual(['[REDACTED]', null, '[REDACTED]']);
    expect(out.changed).toBe(2);
  });

  it('writes the configured constant, on numbers too', () => {
    const out = run({ op: 'redact', value: 'x' }, chunk([1, 2, 3], new Int32() as never));
    expect(valuesOf(out.data)).toEqual(['x', 'x', 'x']);
  });
});

describe('hmac', () => {
  const expected = (text: string) => createHmac('sha256', KEY).update(Buffer.from(text, 'utf8')).digest('hex');

  it('equals HMAC-SHA-256 under the key, computed independently with node:crypto', () => {
    const out = run({ op: 'hmac' }, chunk(['alice@example.com', null, 'bøb@example.org'], new Utf8() as never));
    expect(valuesOf(out.data)).toEqual([expected('alice@example.com'), null, expected('bøb@example.org')]);
    expect(out.changed).toBe(2);
  });

  it('is deterministic, so the same id hashes the same in every batch and file', () => {
    const a = run({ op: 'hmac' }, chunk(['id-7', 'id-8'], new Utf8() as never));
    const b = run({ op: 'hmac' }, chunk(['id-8', 'id-7'], new Utf8() as never));
    expect(valuesOf(a.data)).toEqual([...valuesOf(b.data)].reverse());
  });

  it('hashes the text of numbers', () => {
    const out = run({ op: 'hmac' }, chunk([123456789], new Int32() as never));
    expect(valuesOf(out.data)).toEqual([expected('123456789')]);
  });

  it('hashes each dictionary entry once and keeps the row indices', () => {
    const data = chunk(['x', 'y', 'x', 'x', null], new Dictionary(new Utf8(), new Int32()) as never);
    const out = run({ op: 'hmac' }, data);
    expect(valuesOf(out.data)).toEqual([expected('x'), expected('y'), expected('x'), expected('x'), null]);
    expect(out.data!.dictionary!.length).toBe(data.dictionary!.length);
    expect(out.data!.values).toBe(data.values);
    expect(out.changed).toBe(4);
  });

  it('is refused without a key, saying how to give one', () => {
    expect(() => createOperator('email', { op: 'hmac' }, new Utf8())).toThrow(UserError);
    expect(() => createOperator('email', { op: 'hmac' }, new Utf8())).toThrow('hmac needs a key: set FAIRAUDIT_MASK_KEY or pass --key-file');
  });
});

describe('mask', () => {
  it('keeps the last n characters and stars the rest', () => {
    expect(maskText('4111111111111111', 4)).toBe('************1111');
    expect(maskText('ab€d', 2)).toBe('**€d');
  });

  it('masks a value no longer than n whole, so nothing short shows through', () => {
    expect(maskText('123', 4)).toBe('***');
  });

  it('keeps the number of characters the rule names', () => {
    const out = run({ op: 'mask', keep: 2 }, chunk(['4111111111111111', 'ab', null], new Utf8() as never));
    expect(valuesOf(out.data)).toEqual(['**************11', '**', null]);
    expect(out.changed).toBe(2);
  });

  it('refuses a keep that is not a whole number ≥ 0', () => {
    expect(() => createOperator('card', { op: 'mask', keep: -1 }, new Utf8())).toThrow('keep must be a whole number ≥ 0, got -1');
  });

  it('defaults to keeping 4 characters', () => {
    const out = run({ op: 'mask' }, chunk(['555-0100', null]));
    expect(valuesOf(out.data)).toEqual(['****0100', null]);
    expect(out.changed).toBe(1);
  });
});

describe('generalize', () => {
  it('labels integer bins 25–44 style with open ends', () => {
    expect(binLabels([25, 45, 65], true)).toEqual(['<25', '25–44', '45–64', '65+']);
    expect(binLabels([0.5], false)).toEqual(['<0.5', '0.5+']);
  });

  it('puts each age in its bin: 24 <25, 25 and 44 in 25–44, 65 in 65+', () => {
    const out = run({ op: 'generalize', bins: [25, 45, 65] }, chunk([24, 25, 44, 45, 64, 65, null], new Int32() as never));
    expect(valuesOf(out.data)).toEqual(['<25', '25–44', '25–44', '45–64', '45–64', '65+', null]);
  });

  it('turns dates into their year or month, from date columns and from text', () => {
    const days = (iso: string) => Date.parse(iso);
    const dates = vectorFromArray([days('1987-04-12'), days('2001-12-31')], new DateDay()).data[0];
    expect(valuesOf(run({ op: 'generalize', date: 'year' }, dates).data)).toEqual(['1987', '2001']);
    expect(valuesOf(run({ op: 'generalize', date: 'month' }, dates).data)).toEqual(['1987-04', '2001-12']);
    expect(generalizeDate('4/12/1987', 'month')).toBe('1987-04');
    expect(generalizeDate('1987-04-12T10:00:00Z', 'year')).toBe('1987');
    // Eight digits, YYYYMMDD, as a dob column often holds them; a day that does not exist is no date.
    expect(generalizeDate('19870412', 'month')).toBe('1987-04');
    expect(generalizeDate('19871345', 'year')).toBeNull();
    // A spreadsheet serial date: 28856 days after 1899-12-30 is 1979-01-01.
    expect(generalizeDate('28856', 'month')).toBe('1979-01');
    expect(generalizeDate('not a date', 'year')).toBeNull();
  });

  it('cuts ZIP codes to their first digits, restoring leading zeros of numeric ZIPs', () => {
    expect(generalizeZip('02134', 3)).toBe('021**');
    expect(generalizeZip('02134-1234', 3)).toBe('021**');
    expect(generalizeZip(2134, 3)).toBe('021**');
    expect(generalizeZip('90210', 2)).toBe('90***');
  });

  it('writes every restricted 3-digit ZIP area as 000', () => {
    const restricted = ['036', '059', '063', '102', '203', '556', '692', '790', '821', '823', '830', '831', '878', '879', '884', '890', '893'];
    for (const area of restricted) expect(generalizeZip(`${area}12`, 3)).toBe('000**');
    expect(generalizeZip('03712', 3)).toBe('037**');
  });

  it('top-codes numbers above the cut: 89 stays, 90 and 104 become 90+', () => {
    expect(topCode(89, 89)).toBe('89');
    expect(topCode(90, 89)).toBe('90+');
    const out = run({ op: 'generalize', top_code: 89 }, chunk([34, 89, 90, 104], new Int32() as never));
    expect(valuesOf(out.data)).toEqual(['34', '89', '90+', '90+']);
    // 34 and 89 read the same as before; only 90 and 104 changed.
    expect(out.changed).toBe(2);
  });

  it('bins fractional numbers with open upper ends and turns NaN into null', () => {
    const out = run({ op: 'generalize', bins: [0.5, 1.5] }, chunk([0.2, 0.5, 1.49, 7, NaN], new Float64() as never));
    expect(valuesOf(out.data)).toEqual(['<0.5', '0.5–<1.5', '0.5–<1.5', '1.5+', null]);
  });

  it('cuts ZIP codes through the operator to the digits the rule names', () => {
    const out = run({ op: 'generalize', zip_digits: 2 }, chunk(['02134', '90210-1234', null], new Utf8() as never));
    expect(valuesOf(out.data)).toEqual(['02***', '90***', null]);
  });

  it('turns text dates into months, leaves text without a date element as it is, and nulls digits it cannot read', () => {
    const out = run({ op: 'generalize', date: 'month' }, chunk(['1987-04-12', '12/31/2001', 'soon', '31/31/31'], new Utf8() as never));
    expect(valuesOf(out.data)).toEqual(['1987-04', '2001-12', 'soon', null]);
  });

  it('reads every common date layout, two-digit years and times included, down to the year', () => {
    const out = run({ op: 'generalize', date: 'year' }, chunk(['07/10/83', '10.07.1983', '1983-07-10T08:15:00Z', '7 Jul 83', 'Jul 10, 1983', '1983/07/10 23:59'], new Utf8() as never));
    expect(valuesOf(out.data)).toEqual(['1983', '1983', '1983', '1983', '1983', '1983']);
  });

  it('top-codes ages and age bands in text over 89 and leaves every other value as it is', () => {
    const out = run({ op: 'generalize', top_code: 89 }, chunk(['25 - 45', 'Greater than 65', '85-94', '90-94', '95+', '91', '45', 'unknown'], new Utf8() as never));
    // By hand: bands wholly above 89 become 90+, a band reaching past 89 keeps its lower end open.
    expect(valuesOf(out.data)).toEqual(['25 - 45', 'Greater than 65', '85+', '90+', '90+', '90+', '45', 'unknown']);
    expect(out.changed).toBe(4);
  });

  it('refuses a rule that does not say how to generalize', () => {
    expect(() => createOperator('age', { op: 'generalize' }, new Int32())).toThrow(/exactly one of bins, date, zip_digits or top_code/);
  });
});

describe('suppress-rare', () => {
  it('counts over the whole data before replacing values seen fewer than k times with (other)', () => {
    const type = new Dictionary(new Utf8(), new Int32());
    const first = chunk(['a', 'a', 'b', 'c'], type as never);
    const second = chunk(['a', 'b', 'd', null], type as never);
    const op = createOperator('c', { op: 'suppress-rare', k: 2 }, type);
    expect(op.needsPrePass).toBe(true);
    op.observe(first);
    op.observe(second);
    // counts: a 3, b 2, c 1, d 1 → c and d are rare at k = 2.
    expect(valuesOf(op.apply(first).data)).toEqual(['a', 'a', 'b', '(other)']);
    const out = op.apply(second);
    expect(valuesOf(out.data)).toEqual(['a', 'b', '(other)', null]);
    expect(out.changed).toBe(1);
  });

  it('works on plain (not dictionary) columns', () => {
    const data = tableFromArrays({ x: Int32Array.from([1, 1, 2]) }).getChild('x')!.data[0];
    const out = run({ op: 'suppress-rare', k: 2 }, data);
    expect(valuesOf(out.data)).toEqual(['1', '1', '(other)']);
  });
});

describe('sliced chunks', () => {
  it('reads rows and nulls at the slice, not at the start of the buffers', () => {
    const data = chunk(['a', null, '02134', '90210'], new Utf8() as never).slice(1, 2); // Data.slice(offset, length)
    expect(valuesOf(run({ op: 'generalize', zip_digits: 3 }, data).data)).toEqual([null, '021**']);
    expect(valuesOf(run({ op: 'hmac' }, data).data)[0]).toBeNull();
  });
});

describe('Safe Harbor birth years', () => {
  it('folds birth years up to the floor into one class and keeps later years', () => {
    const out = run({ op: 'generalize', date: 'year', year_floor: 1936 }, chunk(['1930-05-01', '12/31/36', '1937-01-01', 'unknown'], new Utf8() as never));
    // '12/31/36' reads as 1936 until the year 2036 (a two-digit year is never read as a future one).
    expect(valuesOf(out.data)).toEqual(['≤1936', '≤1936', '1937', 'unknown']);
  });
});

describe('scrub', () => {
  const notes = ['no contact yet', 'mail ana@example.org', null, 'call +1 415 555 0100 today', 'ok'];
  const expected = ['no contact yet', 'mail [EMAIL]', null, 'call [PHONE] today', 'ok'];

  it('replaces identifiers inside plain text row by row, keeping nulls and the other words', () => {
    const out = run({ op: 'scrub' }, chunk(notes, new Utf8() as never));
    expect(valuesOf(out.data)).toEqual(expected);
    expect(out.changed).toBe(2);
  });

  it('gives the same text for a sliced chunk and for dictionary input', () => {
    const sliced = chunk(notes, new Utf8() as never).slice(1, 3);
    expect(valuesOf(run({ op: 'scrub' }, sliced).data)).toEqual(expected.slice(1, 4));
    const dictionary = run({ op: 'scrub' }, chunk(notes, new Dictionary(new Utf8(), new Int32()) as never));
    expect(valuesOf(dictionary.data)).toEqual(expected);
    expect(dictionary.changed).toBe(2);
  });

  it('writes a keyed hash of each span with spans: hmac', () => {
    const out = run({ op: 'scrub', spans: 'hmac' }, chunk(['mail ana@example.org'], new Utf8() as never));
    const mac = createHmac('sha256', KEY).update('ana@example.org').digest('hex').slice(0, 12);
    expect(valuesOf(out.data)).toEqual([`mail [EMAIL:${mac}]`]);
  });
});
