// Compiles the config JSON Schema into a standalone validator next to the compiled code in dist/,
// so the CLI does not load Ajv and compile the schema on every run (about 0.2 s of start-up).
// The code is Ajv's own (standalone output); src/config/validate.ts compiles the same schema with
// Ajv when this file is missing (running from source), and the tests check that both agree.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const schema = JSON.parse(readFileSync('schemas/config.schema.json', 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true } });
mkdirSync('dist/config', { recursive: true });
writeFileSync('dist/config/config-check.cjs', standaloneCode.default(ajv, ajv.compile(schema)));
