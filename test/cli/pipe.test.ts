/** The CLI in a shell pipeline: a reader that stops early ends the output quietly. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir } from './run-cli.js';

describe('a closed pipe', () => {
  it('ends `compare --json | head` without a stack trace or an error exit', () => {
    const dir = tempDir();
    const audit = join(dir, 'audit.json');
    expect(runCli(['audit', 'datasets/loans.arrow', '-c', 'configs/loans.yaml', '-o', dir, '--format', 'json', '-q', '--fail-on', 'never']).status).toBe(0);
    // The comparison of a real audit is far more than a pipe's 64 KB buffer, so fairaudit is still
    // writing when `head -c 1` exits; it must stop there, quietly, with exit code 0.
    const script = `"${process.execPath}" "${BIN}" compare "${audit}" "${audit}" --json | head -c 1; echo " \${PIPESTATUS[0]}"`;
    const run = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('{ 0\n');
  });
});
