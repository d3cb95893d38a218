/**
 * The CLI renders the report with the templates `npm run build` precompiled; the library, run from
 * source, compiles the `.hbs` files. Both must write the same HTML. The LL144 summary page is
 * precompiled with them, and the bundled CLI writes it with no `.hbs` file on disk.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledLl144Template, compiledTemplate, precompiledLl144Template, precompiledTemplate } from '../../src/report/templates.js';
import { ll144SummaryView, type Ll144SummaryView } from '../../src/report/ll144-summary.js';
import { reportView } from '../../src/report/view/index.js';
import { ROOT, tempDir } from '../cli/run-cli.js';
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

  it('include the LL144 summary page, rendering exactly what compiling its template renders', () => {
    const view = ll144SummaryView(loansResults());
    const precompiled = precompiledLl144Template<Ll144SummaryView>(BUILT)(view);
    expect(precompiled).toContain('<html');
    expect(precompiled).toBe(compiledLl144Template<Ll144SummaryView>()(view));
  });
});

describe('the bundled CLI without the .hbs files', () => {
  it('writes the report and the LL144 summary from the precompiled templates alone', () => {
    // A copy of the bundle and of the built files it reads, with no templates/ folder beside it.
    const pkg = tempDir('fairaudit-bundle-only-');
    for (const file of ['bin/fairaudit.js', 'dist/fairaudit.mjs', 'dist/worker.mjs', 'dist/report/templates.precompiled.cjs', 'dist/config/config-check.cjs', 'dist/audit/audit-check.cjs', 'package.json', 'schemas/config.schema.json', 'schemas/audit.schema.json']) {
      mkdirSync(dirname(join(pkg, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(pkg, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
    expect(existsSync(join(pkg, 'dist/report/templates'))).toBe(false);

    // 60 rows: 30 of each sex, 10 of each 30 selected.
    const rows = ['sex,selected', ...Array.from({ length: 60 }, (_, i) => `${i % 2 ? 'Female' : 'Male'},${i % 3 === 0 ? 1 : 0}`)];
    writeFileSync(join(pkg, 'd.csv'), rows.join('\n') + '\n');
    writeFileSync(join(pkg, 'c.yaml'), 'mode: ll144\nprediction: selected\nsensitive: [sex]\naudit:\n  organization: Example LLC\n');
    const run = spawnSync(process.execPath, [join(pkg, 'bin/fairaudit.js'), 'audit', 'd.csv', '-c', 'c.yaml', '-o', 'out', '-q'], { cwd: pkg, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = readFileSync(join(pkg, 'out/ll144-summary.html'), 'utf8');
    expect(summary).toContain('Example LLC');
    expect(summary).toContain('Female');
    expect(readFileSync(join(pkg, 'out/report.html'), 'utf8').length).toBeGreaterThan(10_000);
  }, 60_000);
});
