/** Reading config files (I/O): YAML or JSON, validated on load. */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { UserError } from '../errors.js';
import { keepNumbersAsWritten } from './as-written.js';
import type { AuditConfig } from './types.js';
import { configProblems } from './validate.js';

/**
 * Reads and validates an audit config file (`.yaml`, `.yml` or `.json`). Every problem is
 * reported at once in one UserError naming the file: `loans.yaml: policy[0].max: must be a number; …`.
 */
export async function loadConfigFile(path: string): Promise<AuditConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'config file not found' : `cannot read config file (${code})`, {
      file: path,
      hint: 'check the path given to -c/--config',
    });
  }
  return parseConfig(text, path);
}

/** Parses and validates config text; `path` names the file in errors and picks JSON or YAML. */
export function parseConfig(text: string, path: string): AuditConfig {
  const raw = path.toLowerCase().endsWith('.json') ? parseJson(text, path) : parseYaml(text, path);
  const problems = configProblems(raw ?? {});
  if (problems.length > 0) {
    throw new UserError(`invalid config: ${problems.join('; ')}`, {
      file: path,
      hint: 'see the config reference in README.md or schemas/config.schema.json',
    });
  }
  return (raw ?? {}) as AuditConfig;
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`not valid JSON: ${(error as Error).message}`, { file: path });
  }
}

function parseYaml(text: string, path: string): unknown {
  const document = parseDocument(text, { prettyErrors: false });
  const first = document.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    throw new UserError(`not valid YAML: ${first.message.split('\n')[0]}`, { file: path, line });
  }
  // `model_version: 3.10` means the text "3.10": free-text keys keep the text as written.
  return keepNumbersAsWritten(document, document.toJS());
}
