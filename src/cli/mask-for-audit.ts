/** `fairaudit audit --mask`: a masked copy of the audited data, written next to the report. */
import { join } from 'node:path';
import type { AuditResults } from '../results/index.js';
import type { DataFormat, DataSource } from '../load/source.js';
import { discover } from '../discover/discover.js';
import type { DiscoveryResult } from '../results/index.js';
import { maskData, type MaskManifest } from '../mask/mask.js';
import { auditColumns, planMasking, PROFILE_K_TARGET } from '../mask/plan.js';
import { readMaskKey, requireMaskKey } from '../mask/key.js';
import { derivedDatasetName, identifyingPartitions, maskPartitionPaths, maskPartitionText, maskPath } from '../mask/partition-paths.js';
import { inputDialect } from '../write/dialect.js';

const EXTENSIONS: Record<DataFormat, string> = {
  arrow: '.arrow',
  'arrow-stream': '.arrows',
  parquet: '.parquet',
  csv: '.csv',
  tsv: '.tsv',
  jsonl: '.jsonl',
};

/**
 * Masks `source` under the audit's config (`mask:` section, else the default profile over what
 * discovery found), never touching the columns the audit read, and writes
 * `<dir>/<dataset>.masked.<ext>` in the input's format with its manifest beside it.
 */
export async function maskForAudit(source: DataSource, results: AuditResults, dir: string, keyFile?: string): Promise<MaskManifest> {
  const config = results.config;
  const discovery = (results.discovery as DiscoveryResult | undefined) ?? (await discover(source, { seed: config.seed }));
  const plan = planMasking({ schema: source.schema, config: config.mask, discovery, keep: auditColumns(config) });
  const needsKey = plan.columns.some((c) => c.rule.op === 'hmac');
  const key = needsKey ? requireMaskKey(await readMaskKey({ keyFile })) : undefined;
  const format = source.files[0]?.format ?? 'arrow';
  const targetK = config.mask?.k ?? PROFILE_K_TARGET[plan.profile];
  const manifest = await maskData(source, plan, {
    out: join(dir, `${results.input.name}.masked${EXTENSIONS[format]}`),
    key,
    dialect: format === 'csv' || format === 'tsv' ? { ...(await inputDialect(source.files[0], format)), guardFormulas: true } : undefined,
    // The copy's risk against the target is stated in the manifest and the report; the audit's
    // exit code stays the verdict of its checks.
    k: config.mask?.enforce ? targetK : undefined,
    target: { k: targetK, allow: config.mask?.allow_k },
    quasiIdentifiers: config.mask?.quasi_identifiers,
    lDiversity: config.mask?.l_diversity,
  });
  const risk = manifest.risk;
  if (risk.k_status === 'below-target') {
    // The audit's verdict stays its checks'; the copy's shortfall is said where a reader looks.
    results.warnings.push({
      code: 'mask-below-k',
      message: `the masked copy is not safe to share: k = ${risk.k_achieved} over ${risk.quasi_identifiers.join(', ')} is below the target k = ${risk.k_target}; generalize further in mask.columns, set mask.enforce: true, or accept it with mask.allow_k: ${risk.k_achieved}`,
      count: 1,
    });
  }
  return manifest;
}

/**
 * The results with identifying hive partition values (`email=alice@corp.example/`) masked in
 * `input.files` — paths and partitions — whether or not the audit masked the data: the columns a
 * masked copy rewrote, those discovery calls identifiers, and those that look identifying by name
 * or value (src/mask/partition-paths.ts); folder and file names that look like an identifier
 * (`bob@corp.example/`) are masked in those paths and in the warnings that name a file, and a
 * dataset name derived from such a name is `masked-dataset`. The report and the summary show
 * these, and so does the comparison with a baseline (both runs' paths and names); saved results
 * (a baseline, `report`, `compare`) pass through here too.
 */
export function withMaskedPaths(results: AuditResults): AuditResults {
  const manifest = results.masking as MaskManifest | undefined;
  const masked = (manifest?.columns ?? []).filter((c) => c.operator !== 'keep').map((c) => c.column);
  const keys = identifyingPartitions(results.input.files, { discovery: results.discovery as DiscoveryResult | undefined, masked });
  const warnings = results.warnings.map((w) => ({ ...w, message: maskPartitionText(w.message) }));
  // A name the config gave is the user's; one derived from a file name (results saved before names were scanned) may be an identifier.
  const named = results.config.dataset !== undefined;
  const name = named ? results.input.name : derivedDatasetName(results.input.name);
  const shown = { ...results, warnings, input: { ...results.input, name, files: maskPartitionPaths(results.input.files, keys) } };
  const comparison = results.comparison;
  if (!comparison) return shown;
  // The comparison lists both runs' paths, as the runs recorded them: the current run's before this masking.
  const paths = (files: { path: string; sha256: string }[]) => files.map((f) => ({ ...f, path: maskPath(f.path, keys) }));
  const ref = (run: typeof comparison.current) => (named ? run : { ...run, dataset: derivedDatasetName(run.dataset) });
  return {
    ...shown,
    comparison: {
      ...comparison,
      current: ref(comparison.current),
      baseline: ref(comparison.baseline),
      inputs: { ...comparison.inputs, current: paths(comparison.inputs.current), baseline: paths(comparison.inputs.baseline) },
    },
  };
}
