import { readFileSync } from 'node:fs';

/** The JSON Schema of audit configs (`schemas/config.schema.json`), shipped for editors too. */
export const CONFIG_SCHEMA: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../schemas/config.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
