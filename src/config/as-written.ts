/**
 * Free-text config values that YAML reads as numbers: `model_version: 3.2` is meant as the text
 * "3.2", but YAML reads a number, and `3.10` would become 3.1. The YAML loader keeps such values
 * as the text written in the file (the scalar's source); a number that arrives without its text
 * (a JSON config, a config object from the library) is refused by validation with a hint to quote
 * it, since its digits as written may already be lost. Pure: a parsed YAML document and values in,
 * values and problems out.
 */
import { isAlias, isScalar, type Document } from 'yaml';

/** The config keys that hold free text (names, versions, explanations), as paths. */
const FREE_TEXT_KEYS: readonly (readonly [string, string])[] = [
  ...(['auditor', 'organization', 'purpose', 'data_source', 'test_data_reason', 'model', 'model_version'] as const).map((key) => ['audit', key] as const),
  ['ll144', 'exclusion_justification'],
];

/**
 * `raw` (the document's plain value) with every free-text key that YAML read as a number replaced
 * by its text exactly as written in the file (`3.10` stays "3.10", `1e3` stays "1e3"). Other
 * values, and numbers elsewhere, are left as they are.
 *
 * @example
 * keepNumbersAsWritten(parseDocument('audit: {model_version: 3.10}'), { audit: { model_version: 3.1 } });
 * // { audit: { model_version: '3.10' } }
 */
export function keepNumbersAsWritten(document: Document, raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  let result = raw as Record<string, unknown>;
  for (const [section, key] of FREE_TEXT_KEYS) {
    const value = result[section];
    if (value === null || typeof value !== 'object' || typeof (value as Record<string, unknown>)[key] !== 'number') continue;
    let node: unknown = document.getIn([section, key], true);
    if (isAlias(node)) node = node.resolve(document);
    if (!isScalar(node) || typeof node.value !== 'number' || typeof node.source !== 'string') continue;
    result = { ...result, [section]: { ...(value as Record<string, unknown>), [key]: node.source } };
  }
  return result;
}

/**
 * A problem for every free-text key that holds a number in a parsed config: its text as written
 * is not known (a JSON config, a config object), so the user is told to quote it.
 */
export function numbersInFreeText(raw: Record<string, unknown>): { path: string; problem: string }[] {
  const problems: { path: string; problem: string }[] = [];
  for (const [section, key] of FREE_TEXT_KEYS) {
    const value = (raw[section] as Record<string, unknown> | undefined)?.[key];
    if (typeof value !== 'number') continue;
    const path = `${section}.${key}`;
    problems.push({
      path,
      problem: `${path}: ${String(value)} was read as a number, which may have lost how it was written (3.10 reads as 3.1); write it in quotes as text, e.g. "${String(value)}"`,
    });
  }
  return problems;
}
