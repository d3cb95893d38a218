/**
 * Masked example values. A raw identifier never leaves discovery: examples of identifying
 * columns keep only what a reviewer needs to recognize the kind (`j***@e*****.com`,
 * `***-**-6789`, `J*** S****`).
 */
import type { IdentifierKind } from '../results/index.js';

/**
 * Masks one value for display, by identifier kind; other values (or an unknown kind) keep their
 * first character of each word and hide the rest.
 *
 * @example
 * maskValue('jane.doe@example.com', 'email'); // 'j***@e*****.com'
 * maskValue('123-45-6789', 'national_id'); // '***-**-6789'
 */
export function maskValue(value: string, kind?: IdentifierKind): string {
  const text = value.trim();
  switch (kind) {
    case 'email': {
      const at = text.lastIndexOf('@');
      if (at < 1) return maskWords(text);
      const domain = text.slice(at + 1);
      const dot = domain.lastIndexOf('.');
      const tld = dot > 0 ? domain.slice(dot) : '';
      return `${text[0]}***@${domain[0] ?? ''}*****${tld}`;
    }
    case 'national_id':
    case 'passport':
    case 'account':
    case 'record_id':
    case 'payment_card':
    case 'iban':
      return keepLast(text, text.replace(/[^A-Za-z0-9]/g, '').length >= 8 ? 4 : 0, kind === 'iban' ? 2 : 0);
    case 'phone':
      return keepLast(text, 2, 0);
    case 'ip':
      return text.includes(':') ? `${text.split(':')[0]}:****:…` : `${text.split('.')[0]}.***.***.***`;
    case 'zip':
      return /^\d{5}/.test(text) ? `${text.slice(0, 3)}**` : maskWords(text);
    case 'postcode': {
      const outward = text.split(' ')[0];
      return text.includes(' ') ? `${outward} ***` : `${text.slice(0, 2)}***`;
    }
    case 'date_of_birth':
    case 'date': {
      const year = /\b(1[89]\d\d|2[01]\d\d)\b/.exec(text);
      return year ? `${year[1]}-**-**` : '****-**-**';
    }
    case 'url':
      return text.replace(/^(https?:\/\/.).*$/i, '$1***');
    default:
      return maskWords(text);
  }
}

/** Stars every letter and digit except the first of each word: `John Smith` → `J*** S****`. */
export function maskWords(text: string): string {
  const masked = text.replace(/[\p{L}\p{N}]+/gu, (word) => word[0] + '*'.repeat(word.length - 1));
  return masked.length > 40 ? `${masked.slice(0, 39)}…` : masked;
}

/** Stars every letter and digit except the first `head` and the last `tail`, keeping separators. */
function keepLast(text: string, tail: number, head: number): string {
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) if (/[A-Za-z0-9]/.test(text[i])) positions.push(i);
  const visible = new Set([...positions.slice(0, head), ...(tail > 0 ? positions.slice(-tail) : [])]);
  let out = '';
  for (let i = 0; i < text.length; i++) out += /[A-Za-z0-9]/.test(text[i]) && !visible.has(i) ? '*' : text[i];
  return out;
}
