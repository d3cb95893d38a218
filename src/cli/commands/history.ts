import { stat } from 'node:fs/promises';
import type { Command } from '../command.js';
import { numberFlag } from '../number-flag.js';
import { UserError } from '../../errors.js';
import { formatHistoryTable } from '../../history/format.js';
import { readHistory, verifyAgainstRecord, verifyHistory, type HistoryCheck, type HistoryRecord } from '../../history/history-file.js';
import { readAuditResults } from '../../compare/read-results.js';
import type { AuditResults } from '../../results/index.js';
import { HISTORY_KEY_ENV, readHistoryKey } from '../../history/signing.js';
import { terminalText } from '../../text/terminal.js';
import { readPublicKey } from '../../sign/keys.js';
import { keyFingerprint } from '../../sign/signature.js';
import { signedFileProblem } from '../../sign/verify-folder.js';
import type { KeyObject } from 'node:crypto';

const ACTIONS = ['verify', 'show'] as const;
type HistoryAction = (typeof ACTIONS)[number];

interface HistoryArgs {
  action: HistoryAction;
  file: string;
  json?: boolean;
  last?: number;
  report?: string;
  publicKey?: string;
}

/**
 * `fairaudit history verify <file>`: checks the hash chain, and with `FAIRAUDIT_HISTORY_KEY` every
 * line's MAC, with `--public-key` every line's Ed25519 signature, and with either the signed head;
 * exit 0 intact, 1 broken (each broken line on stdout), 2 unreadable file or key.
 * `fairaudit history show <file>`: the trend of the key metrics.
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
      .option('report', { type: 'string', describe: 'verify: an audit.json written with --history; the history must still hold the line it records' })
      .option('public-key', {
        type: 'string',
        describe: 'verify: Ed25519 public key (PEM) of the --sign-key the audits signed with; every line and the head must carry its signature (and --report must be signed with it)',
      })
      .example('$0 history verify reports/history.jsonl', 'exit 1 if a line was edited, deleted or reordered')
      .example('$0 history verify reports/history.jsonl --report archive/2024-05-01/audit.json', 'and if lines after that run were cut')
      .example('$0 history verify reports/history.jsonl --public-key signing-key.pub.pem', 'and if a line was rehashed, invented or cut, without the secret')
      .example('$0 history show reports/history.jsonl --last 30', 'the last 30 runs'),
  run: async (args) => (args.action === 'verify' ? verify(args) : show(args)),
};

/**
 * What the chain alone cannot catch, said whenever verify runs without the key: a SHA-256 chain
 * is recomputable by anyone who can write the file.
 */
export const UNKEYED_LIMITS =
  `without ${HISTORY_KEY_ENV} or --public-key, verify checks only the hash chain: it catches accidental damage and an edited, deleted or reordered line ` +
  'whose hashes were left as they were, but NOT a line edited with every later hash recomputed, a history invented from scratch, ' +
  `or lines deleted from the end (unless --report names a later audit.json); set ${HISTORY_KEY_ENV} (the key the audits signed with) ` +
  'or give --public-key (the public half of the --sign-key they signed with) to check those';

async function verify(args: HistoryArgs): Promise<number> {
  // A bad key file stops here (exit 2), before the history is read.
  const publicKey = args.publicKey !== undefined ? readPublicKey(args.publicKey) : undefined;
  const key = readHistoryKey();
  const keyed = key !== undefined || publicKey !== undefined;
  const checked = await verifyHistory(args.file, { key, publicKey });
  const result = args.report ? await againstReport(checked, args.file, args.report, publicKey) : checked;
  const file = terminalText(args.file);
  if (args.json) {
    process.stdout.write(JSON.stringify(keyed ? result : { ...result, keyed: false, cannot_detect: UNKEYED_LIMITS }, null, 2) + '\n');
  } else if (result.ok) {
    const signedBy = [key ? 'with the key' : '', publicKey ? `by ${keyFingerprint(publicKey)}` : ''].filter(Boolean).join(' and ');
    const what = keyed ? `chain intact, every line signed ${signedBy}, tail as the signed head records` : 'chain intact';
    process.stdout.write(`${file}: ${result.lines} lines, ${what}${result.head ? `; last sha256 ${result.head}` : ''}\n`);
  } else {
    process.stdout.write(`${file}: chain broken (${result.problems.length} problems in ${result.lines} lines)\n`);
    // A message may quote the file (a key fingerprint a line claims): escaped like any data.
    for (const problem of result.problems) process.stdout.write(`line ${problem.line}: ${terminalText(problem.message)}\n`);
  }
  if (!keyed && !args.json) process.stdout.write(`note: ${UNKEYED_LIMITS}\n`);
  return result.ok ? 0 : 1;
}

/**
 * `result` with the problems found against what the report at `reportPath` recorded of this
 * history. With `publicKey`, the report must be signed with it (its folder's signature file lists
 * audit.json unchanged): otherwise whoever cut the tail could have edited the record to match.
 */
async function againstReport(result: HistoryCheck, file: string, reportPath: string, publicKey?: KeyObject): Promise<HistoryCheck> {
  const report = (await readAuditResults(reportPath)) as AuditResults & { history?: Partial<HistoryRecord> };
  const record = report.history;
  if (!record || !Number.isInteger(record.lines) || (record.lines ?? 0) < 1 || typeof record.last_line_sha256 !== 'string') {
    throw new UserError('this audit.json records no history line', { file: reportPath, hint: 'give an audit.json written by audit --history' });
  }
  const unsigned = publicKey ? await signedFileProblem(reportPath, publicKey) : undefined;
  const reportProblems = unsigned ? [{ line: record.lines!, message: `the report ${reportPath} is not vouched for: ${unsigned}` }] : [];
  const problems = [...result.problems, ...reportProblems, ...(await verifyAgainstRecord(file, record as HistoryRecord))].sort((a, b) => a.line - b.line);
  return { ...result, ok: problems.length === 0, problems };
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
    const file = terminalText(args.file);
    process.stderr.write(`fairaudit: warning: ${file}: the hash chain is broken at line ${check.problems[0].line}; run \`fairaudit history verify ${file}\`\n`);
  }
  return 0;
}
