/**
 * The CLI renders the report with the templates `npm run build` precompiled; the library, run from
 * source, compiles the `.hbs` files. Both must write the same HTML.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compiledTemplate, precompiledTemplate } from '../../src/report/templates.js';
import { reportView } from '../../src/report/view/index.js';
import { loansResults } from './fixtures.js';

const BUILT = new URL('../../dist/report/templates.precompiled.cjs', import.meta.url).pathname;

describe('the precompiled report templates', () => {
  it('are built by npm run build', () => {
    expect(existsSync(BUILT)).toBe(true);
  });

  it('render exactly what compiling the templates renders', () => {
    const view = reportView(loansResults());
    const precompiled = precompiledTemplate(BUILT)(view);
    expect(precompiled.length).toBeGreaterThan(10_000);
    expect(precompiled).toBe(compiledTemplate()(view));
  });
});
