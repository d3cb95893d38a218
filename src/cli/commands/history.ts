import { stat } from 'node:fs/promises';
import type { Command } from '../command.js';
import { numberFlag } from '../number-flag.js';
import { UserError } from '../../errors.js';
import { formatHistoryTable } from '../../history/format.js';
import { readHistory, verifyHistory } from '../../history/history-file.js';

const ACTIONS = ['verify', 'show'] as const;
type HistoryAction = (typeof ACTIONS)[number];

interface HistoryArgs {
  action: HistoryAction;
  file: string;
  json?: boolean;
  last?: number;
}

/**
 * `fairaudit history verify <file>`: checks the hash chain; exit 0 intact, 1 broken (each broken
 * line on stdout), 2 unreadable. `fairaudit history show <file>`: the trend of the key metrics.
 */
export const historyCommand: Command<HistoryArgs> = {
  command: 'history <action> <file>',
  describe: 'verify the hash chain of an audit history (verify) or print its trend table (show)',
  builder: (y) =>
    y
      .positional('action', { choices: ACTIONS, describe: 'verify: check the chain; show: print the trend' })
      .positional('file', { type: 'string', describe: 'the history file (JSON Lines) written by audit --history' })
      .option('json', { type: 'boolean', describe: 'print JSON' })
      .option('last', numberFlag('last', 'show: only the last N runs [default: all]', { integer: true, min: 1 }))
      .example('$0 history verify reports/history.jsonl', 'exit 1 if a line was edited, deleted or reordered')
      .example('$0 history show reports/history.jsonl --last 30', 'the last 30 runs'),
  run: async (args) => (args.action === 'verify' ? verify(args) : show(args)),
};

async function verify(args: HistoryArgs): Promise<number> {
  const result = await verifyHistory(args.file);
  if (args.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } else if (result.ok) {
    process.stdout.write(`${args.file}: ${result.lines} lines, chain intact${result.head ? `; last sha256 ${result.head}` : ''}\n`);
  } else {
    process.stdout.write(`${args.file}: chain broken (${result.problems.length} problems in ${result.lines} lines)\n`);
    for (const problem of result.problems) process.stdout.write(`line ${problem.line}: ${problem.message}\n`);
  }
  return result.ok ? 0 : 1;
}

async function show(args: HistoryArgs): Promise<number> {
  const last = args.last;
  if (last !== undefined && (!Number.isInteger(last) || last < 1)) {
    throw new UserError(`invalid --last: ${last}`, { hint: 'give a whole number of runs, 1 or more' });
  }
  await stat(args.file).catch(() => {
    throw new UserError('history file not found', { file: args.file, hint: 'give the file passed to audit --history' });
  });
  const entries = await readHistory(args.file);
  const shown = last === undefined ? entries : entries.slice(-last);
  process.stdout.write(args.json ? JSON.stringify(shown, null, 2) + '\n' : formatHistoryTable(shown));
  const check = await verifyHistory(args.file);
  if (!check.ok) {
    process.stderr.write(`fairaudit: warning: ${args.file}: the hash chain is broken at line ${check.problems[0].line}; run \`fairaudit history verify ${args.file}\`\n`);
  }
  return 0;
}
