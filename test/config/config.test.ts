import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseConfig } from '../../src/config/load.js';
import { canonicalJson, configSha256, resolveConfig } from '../../src/config/resolve.js';
import { configProblems } from '../../src/config/validate.js';

describe('config validation', () => {
  it('accepts a full, well-formed config', () => {
    const config = parseConfig(
      [
        'label: repaid',
        'prediction: approved',
        'sensitive: [race, sex]',
        'intersections: pairs',
        'min_group_size: 50',
        'policy:',
        '  - { metric: impact_ratio, min: 0.8 }',
        '  - { metric: demographic_parity_difference, max: 0.1, severity: warn }',
        'mask:',
        '  columns:',
        '    email: { op: hmac }',
      ].join('\n'),
      'loans.yaml',
    );
    expect(config.sensitive).toEqual(['race', 'sex']);
    expect(config.mask?.columns?.email.op).toBe('hmac');
  });

  it('reports every problem at once as dot.path: message', () => {
    const problems = configProblems({
      labl: 'repaid',
      min_group_size: 'thirty',
      favorable: 'good',
      policy: [{ metric: 'impact_ratio', max: 0.1, min: 0.8 }, { metric: 'x', max: 'high' }],
      mask: { columns: { email: { op: 'shred' } } },
    });
    expect(problems).toContain('labl: unknown key (did you mean "label"?)');
    expect(problems).toContain('min_group_size: must be an integer');
    expect(problems).toContain('favorable: must be one of positive, negative');
    expect(problems).toContain('policy[0]: give exactly one of max or min');
    expect(problems).toContain('policy[1].max: must be a number');
    expect(problems.some((p) => p.startsWith('mask.columns.email.op: must be one of'))).toBe(true);
    expect(problems).toHaveLength(6);
  });

  it('says once what intersections accepts instead of one line per oneOf branch', () => {
    expect(configProblems({ intersections: 'triples' })).toEqual([
      'intersections: must be pairs, all, none, or a list of attribute lists',
    ]);
  });

  it('refuses a column that is both sensitive and the label', () => {
    expect(configProblems({ label: 'sex', sensitive: ['sex'] })).toEqual([
      'sensitive: "sex" is also the label column; a column cannot be both',
    ]);
  });

  it('names the file and the YAML line of a syntax error', () => {
    try {
      parseConfig('label: repaid\nsensitive: [race\n', 'bad.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).place.file).toBe('bad.yaml');
      expect((error as UserError).message).toMatch(/not valid YAML/);
    }
  });
});

describe('resolveConfig', () => {
  it('lets flags override the file and fills defaults', () => {
    const resolved = resolveConfig({ label: 'y', min_group_size: 10 }, { min_group_size: 0, seed: undefined });
    expect(resolved.min_group_size).toBe(0);
    expect(resolved.seed).toBe(42);
    expect(resolved.threshold).toBe(0.5);
    expect(resolved.policy.map((c) => c.metric)).toEqual([
      'impact_ratio',
      'demographic_parity_difference',
      'equalized_odds_difference',
    ]);
  });

  it('hashes equal configs equally whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(configSha256(resolveConfig({ label: 'y', prediction: 'p' }))).toBe(
      configSha256(resolveConfig({ prediction: 'p', label: 'y' })),
    );
  });
});
