import type { Command } from '../command.js';
import { loadConfigFile } from '../../config/load.js';
import { applyAcceptances } from '../../accept/accept.js';
import { compareResults } from '../../compare/comparison.js';
import { driftTolerances } from '../../compare/drift.js';
import { formatComparison } from '../../compare/format.js';
import { readAuditResults } from '../../compare/read-results.js';
import { withMaskedPaths } from '../mask-for-audit.js';
import { exitCodeFor } from '../../audit/verdict.js';

interface CompareArgs {
  baseline: string;
  current: string;
  json?: boolean;
  config?: string;
}

/**
 * `fairaudit compare <baseline> <current>`: how the metrics moved between two audits, judged
 * against the drift tolerances of `--config` (else the current audit's config, else the default
 * tolerances). Exit 1 when a drift check fails (accepted findings in force excepted), 0 otherwise,
 * 2 when a file is not a fairaudit audit.json.
 */
export const compareCommand: Command<CompareArgs> = {
  command: 'compare <baseline> <current>',
  describe: 'compare an audit.json with an earlier one (the baseline): changes, drift, new and vanished groups',
  builder: (y) =>
    y
      .positional('baseline', { describe: 'the earlier audit.json', type: 'string' })
      .positional('current', { describe: 'the newer audit.json', type: 'string' })
      .option('json', { type: 'boolean', describe: 'print the comparison as JSON' })
      .option('config', { alias: 'c', type: 'string', describe: "config whose drift: and accept: lists apply [default: the current audit's config]" })
      .example('$0 compare reports/2024-05-01/audit.json reports/2024-05-02/audit.json', 'what changed overnight'),
  run: async (args) => {
    // Results saved before names were scanned may hold an identifier in a path: never shown.
    const baseline = withMaskedPaths(await readAuditResults(args.baseline));
    const current = withMaskedPaths(await readAuditResults(args.current));
    const config = args.config ? await loadConfigFile(args.config) : (current.config ?? {});
    const comparison = compareResults(current, baseline, driftTolerances(config));
    // Only drift checks are here, so acceptances of policy checks legitimately match nothing: no warnings.
    comparison.checks = applyAcceptances(comparison.checks, config.accept ?? [], new Date()).checks;
    process.stdout.write(args.json ? JSON.stringify(comparison, null, 2) + '\n' : formatComparison(comparison));
    return exitCodeFor(comparison.checks, 'fail');
  },
};
