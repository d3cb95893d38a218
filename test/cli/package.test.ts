/** `npm pack` makes a package whose `fairaudit` bin runs when installed into an empty folder. */
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './run-cli.js';

describe('the packed package', () => {
  it('installs into an empty folder and audits a file with its bin', () => {
    const packDir = tempDir('fairaudit-pack-');
    execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', packDir], { cwd: ROOT, stdio: 'pipe' });
    const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'))!;
    const app = tempDir('fairaudit-app-');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', join(packDir, tarball)], { cwd: app, stdio: 'pipe' });
    const bin = join(app, 'node_modules/.bin/fairaudit');
    const version = execFileSync(bin, ['--version'], { cwd: app, encoding: 'utf8' }).trim();
    expect(version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);

    copyFileSync(join(ROOT, 'datasets/hiring.csv'), join(app, 'hiring.csv'));
    execFileSync(bin, ['audit', 'hiring.csv', '-c', join(ROOT, 'configs/hiring.yaml'), '--fail-on', 'never', '-o', 'out', '-q'], { cwd: app });
    const results = JSON.parse(readFileSync(join(app, 'out/audit.json'), 'utf8'));
    expect(results.schema).toBe('fairaudit/audit@1');
    expect(readFileSync(join(app, 'out/report.html'), 'utf8')).toMatch(/<html/i);
  }, 240_000);
});
