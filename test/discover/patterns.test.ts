import { describe, expect, it } from 'vitest';
import {
  embeddedPii,
  ibanValid,
  isEmail,
  isIpv4,
  isIpv6,
  isPaymentCard,
  isPhone,
  isSsn,
  isUkPostcode,
  isUsZip,
  luhnValid,
  parseDate,
} from '../../src/discover/patterns.js';

/** mod 97 of the rearranged IBAN with letters as numbers, by BigInt: a second, naive implementation. */
function naiveIbanRemainder(iban: string): bigint {
  const compact = iban.replace(/ /g, '');
  const digits = (compact.slice(4) + compact.slice(0, 4)).replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  return BigInt(digits) % 97n;
}

describe('Luhn checksum', () => {
  it('accepts 79927398713: from the right 3 + 2(1·2) + 7 + 7(8·2−9) + 9 + 6(3·2) + 7 + 4(2·2) + 9 + 9(9·2−9) + 7 = 70', () => {
    expect(luhnValid('79927398713')).toBe(true);
  });
  it('rejects 79927398710 (sum 67)', () => {
    expect(luhnValid('79927398710')).toBe(false);
  });
  it('accepts the Visa test number and rejects it with the last digit changed', () => {
    expect(isPaymentCard('4111 1111 1111 1111')).toBe(true);
    expect(isPaymentCard('4111-1111-1111-1112')).toBe(false);
  });
  it('needs 13 to 19 digits and refuses a run of one digit', () => {
    expect(isPaymentCard('79927398713')).toBe(false); // 11 digits, Luhn-valid
    expect(isPaymentCard('0000000000000000')).toBe(false);
  });
});

describe('IBAN mod-97', () => {
  it.each(['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000', 'FR1420041010050500013M02606'])('accepts %s, whose naive remainder is 1', (iban) => {
    expect(naiveIbanRemainder(iban)).toBe(1n);
    expect(ibanValid(iban)).toBe(true);
  });
  it.each(['GB82 WEST 1234 5698 7654 33', 'DE88370400440532013000'])('rejects %s, whose naive remainder is not 1', (iban) => {
    expect(naiveIbanRemainder(iban)).not.toBe(1n);
    expect(ibanValid(iban)).toBe(false);
  });
  it('rejects text that is not shaped like an IBAN', () => {
    expect(ibanValid('hello world')).toBe(false);
  });
});

describe('US SSN issuing rules', () => {
  it.each(['123-45-6789', '001-01-0001', '665-99-9999', '899-12-3456', '123 45 6789'])('accepts %s', (ssn) => {
    expect(isSsn(ssn)).toBe(true);
  });
  it.each([
    ['000-12-3456', 'area 000'],
    ['666-12-3456', 'area 666'],
    ['900-12-3456', 'area 900–999'],
    ['999-12-3456', 'area 900–999'],
    ['123-00-4567', 'group 00'],
    ['123-45-0000', 'serial 0000'],
    ['123-456-789', 'wrong shape'],
  ])('rejects %s (%s)', (ssn) => {
    expect(isSsn(ssn)).toBe(false);
  });
  it('takes bare nine digits only when the column is named so', () => {
    expect(isSsn('123456789')).toBe(false);
    expect(isSsn('123456789', true)).toBe(true);
  });
});

describe('other patterns', () => {
  it('recognizes emails', () => {
    expect(isEmail('jane.doe+news@example.co.uk')).toBe(true);
    // Internationalized addresses (RFC 6531), the é composed and decomposed, and a punycode TLD.
    for (const address of ['josé@corp.example', 'jose\u0301@corp.example', 'müller@beispiel.de', '用户@例子.广告', 'иван@пример.xn--p1ai']) expect(isEmail(address), address).toBe(true);
    expect(isEmail('josé@corp')).toBe(false);
    expect(isEmail('jane@localhost')).toBe(false);
    expect(isEmail('@example.com')).toBe(false);
  });
  it('recognizes IPv4 and IPv6 addresses', () => {
    expect(isIpv4('192.168.0.1')).toBe(true);
    expect(isIpv4('256.1.1.1')).toBe(false);
    expect(isIpv4('1.2.3')).toBe(false);
    expect(isIpv6('2001:0db8:85a3:0000:0000:8a2e:0370:7334')).toBe(true);
    expect(isIpv6('2001:db8::1')).toBe(true);
    expect(isIpv6('::1')).toBe(true);
    expect(isIpv6('::ffff:192.168.1.1')).toBe(true);
    expect(isIpv6('2001:db8::1::2')).toBe(false);
    expect(isIpv6('12345::')).toBe(false);
    expect(isIpv6('1:2:3:4:5:6:7')).toBe(false);
  });
  it('recognizes E.164 and national phone formats but not SSNs, dates or bare digits', () => {
    for (const phone of ['+44 20 7946 0958', '+14155552671', '(555) 123-4567', '555-123-4567', '06 12 34 56 78']) expect(isPhone(phone), phone).toBe(true);
    for (const other of ['123-45-6789', '2024-01-15', '15.01.2024', '5551234567', '12']) expect(isPhone(other), other).toBe(false);
    expect(isPhone('5551234567', true)).toBe(true);
  });
  it('recognizes US ZIP codes and UK postcodes', () => {
    expect(isUsZip('02134')).toBe(true);
    expect(isUsZip('02134-1234')).toBe(true);
    expect(isUsZip('021341234')).toBe(false);
    expect(isUsZip('021341234', true)).toBe(true);
    expect(isUsZip('2134')).toBe(false);
    for (const code of ['SW1A 1AA', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'EC1A1BB']) expect(isUkPostcode(code), code).toBe(true);
    for (const code of ['Q1 1AA', 'SW1A 1AI', '12345']) expect(isUkPostcode(code), code).toBe(false);
  });
  it('parses ISO and common date formats and refuses impossible days', () => {
    expect(parseDate('1984-03-07')).toBe(Date.UTC(1984, 2, 7));
    expect(parseDate('1984-03-07T10:20:00Z')).toBe(Date.UTC(1984, 2, 7));
    expect(parseDate('07/03/1984')).toBe(Date.UTC(1984, 6, 3)); // slashes: US month first
    expect(parseDate('31/12/1999')).toBe(Date.UTC(1999, 11, 31)); // 31 cannot be a month
    expect(parseDate('07.03.1984')).toBe(Date.UTC(1984, 2, 7)); // dots: day first
    expect(parseDate('7 Mar 1984')).toBe(Date.UTC(1984, 2, 7));
    expect(parseDate('March 7, 1984')).toBe(Date.UTC(1984, 2, 7));
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('12345')).toBeNull();
  });
  it('finds PII inside free text', () => {
    expect(embeddedPii('please write to bob@example.org today')).toBe('email');
    expect(embeddedPii('or write josé@corp.example')).toBe('email');
    expect(embeddedPii('my ssn is 123-45-6789')).toBe('US SSN');
    expect(embeddedPii('my ssn is 666-45-6789')).toBeUndefined();
    expect(embeddedPii('card 4111 1111 1111 1111 thanks')).toBe('payment card');
    expect(embeddedPii('call +44 20 7946 0958')).toBe('phone');
    expect(embeddedPii('order 12345 shipped')).toBeUndefined();
  });
});
