/**
 * Warnings are collected, deduplicated and counted, then shown in the report and on stderr
 * (never printed from a kernel). Each says how to fix what it warns about.
 */

import type { Warning } from './results/input.js';

/** One deduplicated warning: a results contract type. */
export type { Warning } from './results/input.js';

/** Collects warnings; the same code and message raised twice is one warning counted twice. */
export class Warnings {
  private readonly byKey = new Map<string, Warning>();

  /** Records a warning. */
  add(code: string, message: string): void {
    const key = `${code}\u0000${message}`;
    const seen = this.byKey.get(key);
    if (seen) seen.count++;
    else this.byKey.set(key, { code, message, count: 1 });
  }

  /** Every warning, in the order first raised. */
  list(): Warning[] {
    return [...this.byKey.values()].map((w) => ({ ...w }));
  }

  get size(): number {
    return this.byKey.size;
  }
}
