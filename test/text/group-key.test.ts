import { describe, expect, it } from 'vitest';
import { groupKeyPairs, groupKeyValues } from '../../src/text/group-key.js';

describe('groupKeyPairs', () => {
  it('writes feature=value pairs in the key order, joined by a comma and a space', () => {
    expect(groupKeyPairs({ race: 'Black', sex: 'Female' })).toBe('race=Black, sex=Female');
    expect(groupKeyPairs({ sex: 'Female', race: 'Black' })).toBe('sex=Female, race=Black');
  });

  it('gives a single pair for a one-attribute key', () => {
    expect(groupKeyPairs({ age: '25-44' })).toBe('age=25-44');
  });
});

describe('groupKeyValues', () => {
  it('joins the values with a times sign in the key order', () => {
    expect(groupKeyValues({ race: 'Black', sex: 'Female' })).toBe('Black × Female');
  });

  it('follows the order of the features it is given and names an absent feature (missing)', () => {
    expect(groupKeyValues({ race: 'Black', sex: 'Female' }, ['sex', 'race'])).toBe('Female × Black');
    expect(groupKeyValues({ race: 'Black' }, ['sex', 'race'])).toBe('(missing) × Black');
  });
});
