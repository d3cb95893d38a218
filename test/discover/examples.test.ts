import { describe, expect, it } from 'vitest';
import { maskValue, maskWords } from '../../src/discover/examples.js';

describe('masked examples', () => {
  it.each([
    ['jane.doe@example.com', 'email', 'j***@e*****.com'],
    ['123-45-6789', 'national_id', '***-**-6789'],
    ['4111 1111 1111 1111', 'payment_card', '**** **** **** 1111'],
    ['GB82WEST12345698765432', 'iban', 'GB****************5432'],
    ['+1 555 123 4567', 'phone', '+* *** *** **67'],
    ['192.168.1.20', 'ip', '192.***.***.***'],
    ['02134', 'zip', '021**'],
    ['SW1A 1AA', 'postcode', 'SW1A ***'],
    ['1984-03-07', 'date_of_birth', '1984-**-**'],
    ['John Smith', 'name', 'J*** S****'],
  ] as const)('masks %s as %s → %s', (value, kind, masked) => {
    expect(maskValue(value, kind)).toBe(masked);
  });

  it('keeps the first letter of each word of other text', () => {
    expect(maskWords('please call back')).toBe('p***** c*** b***');
  });

  it('never contains the raw value', () => {
    const raws: [string, Parameters<typeof maskValue>[1]][] = [
      ['maria.silva@empresa.com.br', 'email'],
      ['078-05-1120', 'national_id'],
      ['5500 0000 0000 0004', 'payment_card'],
      ['DE89370400440532013000', 'iban'],
      ['(415) 555-2671', 'phone'],
      ['2001:db8::ff00:42:8329', 'ip'],
      ['Ana María Pérez', 'name'],
      ['X1234567', 'passport'],
      ['221B Baker Street', 'address'],
    ];
    for (const [raw, kind] of raws) {
      const masked = maskValue(raw, kind);
      expect(masked, `${kind}: ${masked}`).not.toContain(raw);
      // Nor any run of 5 or more of its letters or digits.
      for (let i = 0; i + 5 <= raw.length; i++) {
        const piece = raw.slice(i, i + 5);
        if (/^[A-Za-z0-9]{5}$/.test(piece)) expect(masked, `${kind}: ${masked} contains ${piece}`).not.toContain(piece);
      }
    }
  });
});
