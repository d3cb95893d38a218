import { readFileSync } from 'node:fs';
import { assetUrl } from './assets.js';

/** fairaudit's version, read once from its package.json. */
export const VERSION: string = (
  JSON.parse(readFileSync(assetUrl('../package.json'), 'utf8')) as { version: string }
).version;
