/** Reading a saved `audit.json` (I/O), refusing anything that is not a fairaudit results file. */
import { readFile } from 'node:fs/promises';
import { RESULTS_SCHEMA, type AuditResults } from '../audit/results.js';
import { UserError } from '../errors.js';

/**
 * Reads and checks an `audit.json`: it must be JSON with `schema` equal to `fairaudit/audit@1`
 * and carry `attributes`, `checks` and `input`. Throws a UserError (exit 2) naming the file otherwise.
 */
export async function readAuditResults(path: string): Promise<AuditResults> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'results file not found' : `cannot read results file (${code})`, { file: path, hint: 'give the audit.json that `fairaudit audit` wrote' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`not a fairaudit audit.json: not valid JSON (${(error as Error).message})`, { file: path, hint: 'give the audit.json that `fairaudit audit` wrote' });
  }
  return asAuditResults(parsed, path);
}

/** Checks the shape a comparison relies on; `path` names the file in errors. */
export function asAuditResults(value: unknown, path: string): AuditResults {
  const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const schema = record?.schema;
  if (schema !== RESULTS_SCHEMA) {
    const found = schema === undefined ? 'it has no "schema" field' : `its schema is ${JSON.stringify(schema)}`;
    throw new UserError(`not a fairaudit audit.json: ${found}, expected "${RESULTS_SCHEMA}"`, { file: path, hint: 'give the audit.json that `fairaudit audit` wrote' });
  }
  const missing = ['attributes', 'checks'].filter((key) => !Array.isArray(record![key]));
  if (typeof record!.input !== 'object' || record!.input === null) missing.push('input');
  if (missing.length > 0) {
    throw new UserError(`not a complete fairaudit audit.json: ${missing.join(', ')} missing or malformed`, { file: path, hint: 'the file may be truncated; rerun the audit' });
  }
  return value as AuditResults;
}
