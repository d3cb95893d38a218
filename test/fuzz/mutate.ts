/**
 * Seeded mutations of a file's bytes for the fuzz suite: the damage real files suffer (cut short,
 * bytes flipped, a stretch lost or repeated) and the text an attacker plants (quotes, newlines,
 * control characters, huge numbers, deep nesting). Deterministic per seed, so a failing case can
 * be replayed and kept as a fixture.
 */

/** The tests' own seeded generator (mulberry32), independent of the code under test. */
export { testRandom as seeded } from '../metrics/fixtures.js';

/** Text planted by the mutations: each one has broken a parser or a writer somewhere. */
const PLANTS = [
  '"',
  '\n',
  '\r\n',
  ',',
  '\t',
  '\u0000',
  '\u001b]0;title\u0007',
  '{',
  '}',
  '[',
  ']',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
  '{"a":{"a":{"a":{"a":{"a":{"a":',
  '-1',
  '1e309',
  'NaN',
  'null',
  '0x10',
  '\u202e',
  '\ufeff',
  '\ud800',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://x")',
  '999999999999999999999',
  ': &a [*a, *a]',
];

/** What a mutation did, for the failure message. */
export interface Mutation {
  kind: string;
  bytes: Buffer;
}

/** One seeded mutation of `input`. */
export function mutate(input: Buffer, random: () => number): Mutation {
  const at = (n = input.length) => Math.floor(random() * (n + 1));
  const kinds = ['truncate', 'flip', 'plant', 'delete', 'repeat', 'zero'] as const;
  const kind = kinds[Math.floor(random() * kinds.length)];
  switch (kind) {
    case 'truncate':
      return { kind, bytes: input.subarray(0, at(Math.max(0, input.length - 1))) };
    case 'flip': {
      const out = Buffer.from(input);
      const flips = 1 + Math.floor(random() * 8);
      for (let i = 0; i < flips && out.length > 0; i++) out[Math.floor(random() * out.length)] ^= 1 << Math.floor(random() * 8);
      return { kind, bytes: out };
    }
    case 'plant': {
      const i = at();
      const plant = Buffer.from(PLANTS[Math.floor(random() * PLANTS.length)], 'utf8');
      return { kind, bytes: Buffer.concat([input.subarray(0, i), plant, input.subarray(i)]) };
    }
    case 'delete': {
      const i = at();
      const n = Math.floor(random() * 64);
      return { kind, bytes: Buffer.concat([input.subarray(0, i), input.subarray(i + n)]) };
    }
    case 'repeat': {
      const i = at();
      const n = 1 + Math.floor(random() * 256);
      const stretch = input.subarray(i, i + n);
      return { kind, bytes: Buffer.concat([input.subarray(0, i), stretch, stretch, input.subarray(i)]) };
    }
    case 'zero': {
      const out = Buffer.from(input);
      const i = at(Math.max(0, out.length - 1));
      out.fill(0, i, Math.min(out.length, i + 1 + Math.floor(random() * 32)));
      return { kind, bytes: out };
    }
  }
}
