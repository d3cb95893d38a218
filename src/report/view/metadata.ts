/**
 * The audit metadata block at the top of the report (who audited what, on which data, when): the
 * `audit:` section of the config in words. Pure.
 */
import type { AuditResults } from '../../results/index.js';

/** One labelled line of the metadata block. */
export interface MetadataRow {
  label: string;
  value: string;
}

/** The labels of the metadata fields, in the order a reviewer reads them. */
const FIELDS: readonly [keyof NonNullable<AuditResults['audit']>, string][] = [
  ['organization', 'Organization'],
  ['auditor', 'Auditor'],
  ['date', 'Date of the audit'],
  ['purpose', 'Purpose'],
  ['model', 'System (model)'],
  ['model_version', 'Model version'],
  ['distribution_date', 'Tool first distributed or used'],
  ['data_source', 'Source of the data'],
];

/**
 * The metadata rows of `results`, or null when the config has no `audit:` section. The data kind
 * reads "historical data" or "test data", and test data says why historical data was not used.
 *
 * @example
 * metadataRows(results); // [{ label: 'Auditor', value: 'Jane Roe, Example Audits LLC' }, …]
 */
export function metadataRows(results: AuditResults): MetadataRow[] | null {
  const audit = results.audit;
  if (!audit || typeof audit !== 'object') return null;
  const rows: MetadataRow[] = [];
  for (const [key, label] of FIELDS) {
    const value = audit[key];
    if (typeof value === 'string' && value) rows.push({ label, value });
  }
  if (audit.data) rows.push({ label: 'Kind of data', value: dataKindText(audit) });
  return rows;
}

/** "historical data (the tool's past use)" or "test data: <why>". */
export function dataKindText(audit: NonNullable<AuditResults['audit']>): string {
  if (audit.data === 'historical') return "historical data (the tool's actual past use)";
  return `test data${audit.test_data_reason ? `: ${audit.test_data_reason}` : ''}`;
}
