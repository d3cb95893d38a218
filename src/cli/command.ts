import type { Argv } from 'yargs';

/**
 * One CLI command: its yargs definition and the async function that runs it. `run` returns the
 * exit code (or throws a UserError); only `main.ts` turns either into `process.exit`.
 */
export interface Command<A = Record<string, unknown>> {
  /** yargs command string, e.g. `audit <data..>`. */
  command: string;
  describe: string;
  builder: (yargs: Argv) => Argv;
  run: (args: A) => Promise<number>;
}

/** Splits a comma-separated list flag (`--sensitive race,sex` or repeated flags) into names. */
export function listFlag(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
  return items.map((s) => s.trim()).filter(Boolean);
}
