/**
 * What every run pays before it does anything: the bundle's start-up. string-width (yargs' help
 * layout) is bundled so that it builds its Intl.Segmenter and emoji regex on first use, not at
 * load (scripts/build-assets.mjs); the help text must come out exactly as the unbundled modules
 * lay it out.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

describe('start-up of the bundled CLI', () => {
  it('builds no Intl.Segmenter and no RGI_Emoji regex while loading', () => {
    const bundle = readFileSync(join(ROOT, 'dist/fairaudit.mjs'), 'utf8');
    expect(bundle).not.toMatch(/^var segmenter\d* = new Intl\.Segmenter\(\);$/m);
    expect(bundle).not.toMatch(/^var rgiEmojiRegex = new RegExp/m);
    // The lazy forms are there instead, one per bundled copy of string-width.
    expect(bundle.match(/\?\?= new Intl\.Segmenter\(\)\)\.segment\(/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('lays out help exactly as the unbundled modules do', () => {
    for (const command of ['audit', 'mask']) {
      const bundled = runCli([command, '--help']);
      // dist/cli/main.js is tsc's output: it imports yargs and string-width from node_modules as published.
      // Importing it runs nothing, so a one-line module starts it the way bin/fairaudit.js starts the bundle.
      const start = join(mkdtempSync(join(tmpdir(), 'fairaudit-start-')), 'start.mjs');
      writeFileSync(start, `import { runAsProcess } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/cli/main.js')).href)};\nrunAsProcess();\n`);
      const plain = spawnSync(process.execPath, [start, command, '--help'], { cwd: ROOT, encoding: 'utf8' });
      expect(bundled.status).toBe(0);
      expect(plain.status).toBe(0);
      expect(bundled.stdout).toBe(plain.stdout);
      expect(bundled.stdout).toContain('--output');
    }
  });
});
