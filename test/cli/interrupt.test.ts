/** Interrupted mid-write (Ctrl-C, a scheduler's SIGTERM), fairaudit leaves no temporary file behind. */
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from './run-cli.js';

/** A CSV big enough that masking it takes a while: an email and a ZIP per row. */
function writeBigCsv(path: string, rows: number): void {
  const lines = ['id,email,zip,sex,approved'];
  for (let i = 0; i < rows; i++) lines.push(`${i},person${i}@example.com,${String(10000 + (i % 89999)).padStart(5, '0')},${i % 2 ? 'female' : 'male'},${i % 3 ? 1 : 0}`);
  writeFileSync(path, lines.join('\n') + '\n');
}

describe('an interrupted mask', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`removes its temporary output on ${signal} and exits ${code}`, async () => {
      const dir = tempDir();
      const input = join(dir, 'people.csv');
      writeBigCsv(input, 300_000);
      const out = join(dir, 'out');
      const child = spawn(process.execPath, [BIN, 'mask', input, '-o', join(out, 'masked.csv'), '-q'], {
        cwd: ROOT,
        env: { ...process.env, FAIRAUDIT_MASK_KEY: 'a test key of enough length' },
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
      // Wait for the temporary file to appear, then interrupt.
      const started = Date.now();
      let sawTemporary = false;
      while (Date.now() - started < 30_000) {
        const names = (() => {
          try {
            return readdirSync(out);
          } catch {
            return [];
          }
        })();
        if (names.some((n) => n.endsWith('.tmp'))) {
          sawTemporary = true;
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(sawTemporary).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    });
  }
});
