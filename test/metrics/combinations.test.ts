import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { auditCombinations } from '../../src/metrics/combinations.js';
import { attribute, audit, dict } from './fixtures.js';

const names = (sensitive: string[], intersections: Parameters<typeof auditCombinations>[1]['intersections'], mode: 'standard' | 'll144' = 'standard') =>
  auditCombinations(sensitive, { intersections, mode }).map((c) => c.name);

describe('attributes and intersections', () => {
  it('default to every attribute and every pair of attributes', () => {
    expect(names(['a', 'b', 'c'], 'pairs')).toEqual(['a', 'b', 'c', 'a × b', 'a × c', 'b × c']);
  });

  it('take every combination of two or more with all, none with none, and explicit lists as given', () => {
    expect(names(['a', 'b', 'c'], 'all')).toEqual(['a', 'b', 'c', 'a × b', 'a × c', 'b × c', 'a × b × c']);
    expect(names(['a', 'b', 'c'], 'none')).toEqual(['a', 'b', 'c']);
    // A list of one attribute or a repeat adds nothing; a triple is allowed.
    expect(names(['a', 'b', 'c'], [['c', 'a'], ['a'], ['c', 'a'], ['a', 'b', 'c']])).toEqual(['a', 'b', 'c', 'c × a', 'a × b × c']);
  });

  it('default to sex × race/ethnicity alone in LL144 mode', () => {
    expect(names(['age', 'gender', 'race_ethnicity'], 'pairs', 'll144')).toEqual(['age', 'gender', 'race_ethnicity', 'gender × race_ethnicity']);
  });

  it('count a configured triple intersection from the rows', async () => {
    const a = ['x', 'x', 'y', 'y', 'x', 'y', 'x'];
    const b = ['p', 'q', 'p', 'q', 'p', 'p', 'q'];
    const c = ['s', 's', 's', 't', 's', 't', 't'];
    const y = [1, 0, 1, 1, 0, 0, 1];
    const table = tableFromArrays({ a: dict(a) as never, b: dict(b) as never, c: dict(c) as never, y: Int32Array.from(y) });
    const { analysis } = await audit(table, { label: 'y', sensitive: ['a', 'b', 'c'], intersections: [['a', 'b', 'c']], min_group_size: 0 });
    expect(analysis.attributes.map((x) => x.name)).toEqual(['a', 'b', 'c', 'a × b × c']);
    // Rows 0 and 4 are x × p × s, labels 1 and 0.
    const cell = attribute(analysis, 'a × b × c').groups.find((g) => g.key.a === 'x' && g.key.b === 'p' && g.key.c === 's')!;
    expect(cell.n).toBe(2);
    expect(cell.rates.base_rate).toBe(0.5);
    expect(attribute(analysis, 'a × b × c').groups.length).toBe(new Set(a.map((v, i) => `${v}${b[i]}${c[i]}`)).size);
  });
});
