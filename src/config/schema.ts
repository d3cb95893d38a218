import { readFileSync } from 'node:fs';
import { assetUrl } from '../assets.js';

/** The JSON Schema of audit configs (`schemas/config.schema.json`), shipped for editors too. */
export const CONFIG_SCHEMA: Record<string, unknown> = JSON.parse(
  readFileSync(assetUrl('../schemas/config.schema.json'), 'utf8'),
) as Record<string, unknown>;
