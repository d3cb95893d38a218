/**
 * The fairaudit command line. Importing it does nothing: `bin/fairaudit.js` calls `runAsProcess`,
 * and tests may call `main` in their own process. `runAsProcess` is the only code that calls
 * `process.exit`: every command returns an exit code or throws; a UserError becomes one line on
 * stderr and exit 2, anything else is a bug and exits 3.
 */
import yargs from 'yargs';
import { ExitCode, UserError, formatInternalError, formatUserError } from '../errors.js';
import { maskPartitionText } from '../mask/partition-paths.js';
import { VERSION } from '../version.js';
import type { Command } from './command.js';
import { removeTemporaryFiles } from '../write/atomic.js';
import { parquetFilesInWasm } from '../load/parquet/wasm.js';

/**
 * Each command's module, imported only when that command runs: the audit path does not pay for
 * loading masking, comparison or history code, and the others not for the report templates.
 */
const COMMAND_MODULES: Record<string, () => Promise<Command<never>>> = {
  audit: async () => (await import('./commands/audit.js')).auditCommand,
  discover: async () => (await import('./commands/discover.js')).discoverCommand,
  init: async () => (await import('./commands/init.js')).initCommand,
  mask: async () => (await import('./commands/mask.js')).maskCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  compare: async () => (await import('./commands/compare.js')).compareCommand,
  history: async () => (await import('./commands/history.js')).historyCommand,
  verify: async () => (await import('./commands/verify.js')).verifyCommand,
  sql: async () => (await import('./commands/sql.js')).sqlCommand,
};

/**
 * The commands to register for `argv`: the one it names, or all of them (for help, the version,
 * and a misspelt command, which yargs answers from the full list).
 */
async function commandsFor(argv: readonly string[]): Promise<Command<never>[]> {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const load = name !== undefined && Object.hasOwn(COMMAND_MODULES, name) ? COMMAND_MODULES[name] : undefined;
  return load ? [await load()] : Promise.all(Object.values(COMMAND_MODULES).map((l) => l()));
}

/**
 * When a command's handler starts, yargs lays out the command's whole help text in case the
 * handler fails and the help must follow the error: about 0.07 s of measuring strings on every
 * run. fairaudit never prints help after a failed command (errors go through `.fail` and
 * formatUserError), so that layout is skipped; `--help` still lays out its text when asked.
 */
function skipHelpLayoutOnRun(cli: unknown): void {
  const internals = (cli as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

/** Runs the CLI on `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const cli = yargs(argv)
    .scriptName('fairaudit')
    .usage('$0 <command> [options]\n\nAudit datasets and model predictions for bias.')
    .version(VERSION)
    .alias('v', 'version')
    .help()
    .alias('h', 'help')
    // --help and --version print and end the run through the returned exit code, not yargs'
    // own process.exit, so main can run inside another process (the CLI tests) as well.
    .exitProcess(false)
    .strict()
    .demandCommand(1, 'Name a command: audit, discover, init, mask, report, compare, history or verify.')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Exit codes: 0 passed, 1 a check failed (or none could be judged), 2 usage or input error, 3 internal error.\nDocs: README.md')
    .fail((message, error) => {
      // yargs rethrows an error from a flag's coerce function as its own YError, keeping only the
      // message (numeric flags say there what they take): a usage error like any other.
      if (error?.name === 'YError') throw new UserError(error.message);
      throw error ?? new UserError(message, { hint: 'see fairaudit --help' });
    });
  skipHelpLayoutOnRun(cli);
  for (const c of await commandsFor(argv)) {
    cli.command(c.command, c.describe, c.builder, async (args) => {
      exitCode = await c.run(args as never);
    });
  }
  try {
    await cli.parseAsync();
    return exitCode;
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(userErrorLine(error) + '\n');
      return error.exitCode;
    }
    process.stderr.write(internalErrorLine(error) + '\n');
    if (process.env.FAIRAUDIT_DEBUG) process.stderr.write(String((error as Error)?.stack) + '\n');
    return ExitCode.internal;
  }
}

/**
 * Runs the CLI as the `fairaudit` process: `process.argv`, the exit code in `process.exitCode`,
 * and the handlers only a whole process should have (signals, uncaught WebAssembly traps, a
 * closed stdout pipe). Called once, by `bin/fairaudit.js`.
 */
export function runAsProcess(): void {
  // Ctrl-C or a scheduler's SIGTERM in the middle of writing: no half-written temporary file stays.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      removeTemporaryFiles();
      process.exit(code);
    });
  }

  // parquet-wasm traps on some damaged Parquet pages, outside any promise the command awaits: that
  // is bad input, reported on one line with exit code 2 like any other.
  const { RuntimeError: WasmTrap } = (globalThis as unknown as { WebAssembly: { RuntimeError: new () => Error } }).WebAssembly;
  process.on('uncaughtException', (error) => {
    if (error instanceof WasmTrap) {
      const [file] = parquetFilesInWasm();
      const problem = new UserError(`not a readable Parquet file: its pages do not decode (${error.message})`, {
        file,
        hint: 'the file may be truncated or corrupt; write it again',
      });
      process.stderr.write(userErrorLine(problem) + '\n');
      removeTemporaryFiles();
      process.exit(ExitCode.usage);
    }
    process.stderr.write(internalErrorLine(error) + '\n');
    removeTemporaryFiles();
    process.exit(ExitCode.internal);
  });

  // A reader that stops early (`fairaudit compare … --json | head`) closes the pipe: that ends the
  // output the shell asked for, not the program with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
    throw error;
  });

  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(internalErrorLine(error) + '\n');
      process.exitCode = ExitCode.internal;
    },
  );
}

/** A user error's one stderr line. A path may hold an identifier in a hive folder name (email=…/): the line never shows it. */
function userErrorLine(error: UserError): string {
  return maskPartitionText(formatUserError(error));
}

/** A bug's one stderr line: the system error inside it may name an input whose path holds an identifier, never shown either. */
function internalErrorLine(error: unknown): string {
  return maskPartitionText(formatInternalError(error));
}
