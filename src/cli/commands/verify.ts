import type { Command } from '../command.js';
import { ExitCode } from '../../errors.js';
import { readPublicKey } from '../../sign/keys.js';
import { verifyFolder } from '../../sign/verify-folder.js';
import { SIGNATURE_FILE } from '../../sign/signature.js';
import { terminalText } from '../../text/terminal.js';

interface VerifyArgs {
  dir: string;
  publicKey: string;
  quiet?: boolean;
}

/**
 * `fairaudit verify DIR --public-key FILE`: checks a signed report folder. Exit 0 when the
 * signature holds and every file matches it; 1 when a file was changed, removed or added, or the
 * signature does not hold (each named on stdout); 2 on bad input.
 */
export const verifyCommand: Command<VerifyArgs> = {
  command: 'verify <dir>',
  describe: `check a signed report folder against its ${SIGNATURE_FILE} (audit --sign-key)`,
  builder: (y) =>
    y
      .positional('dir', { describe: 'the report folder', type: 'string' })
      .option('public-key', { type: 'string', demandOption: true, describe: "the signer's Ed25519 public key (PEM)" })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'print nothing; the exit code says it' })
      .example('$0 verify reports/hiring --public-key auditor.pub.pem', 'check that nothing in the folder changed since it was signed'),
  run: async (args) => {
    const key = readPublicKey(args.publicKey);
    const findings = await verifyFolder(args.dir, key);
    const lines = [
      ...(findings.signatureProblem ? [`signature: ${findings.signatureProblem}`] : []),
      ...findings.changed.map((f) => `changed: ${f}`),
      ...findings.removed.map((f) => `removed: ${f}`),
      ...findings.added.map((f) => `added: ${f}`),
    ];
    const ok = findings.signatureValid && lines.length === 0;
    if (!args.quiet) {
      const summary = ok ? `fairaudit: ${args.dir}: OK: every file matches its signature` : `fairaudit: ${args.dir}: NOT VERIFIED: ${lines.length} problem(s)`;
      process.stdout.write([...lines, summary].map(terminalText).join('\n') + '\n');
    }
    return ok ? ExitCode.ok : ExitCode.checkFailed;
  },
};
