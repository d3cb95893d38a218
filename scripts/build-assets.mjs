// The build's second step, after tsc: what goes next to the compiled code in dist/ besides it.
// - the report templates, copied (the library compiles them when no precompiled set is there);
// - the report templates precompiled by Handlebars, so a run does not compile them (about 0.2 s),
//   and the LL144 summary's with them, so the bundled CLI never reads a .hbs file;
// - the config JSON Schema compiled into a standalone validator by Ajv, so a run does not load Ajv
//   and compile the schema (about 0.2 s);
// - the CLI and the counting thread bundled into one file each (dist/fairaudit.mjs,
//   dist/worker.mjs): loading one file instead of some 500 modules saves each run about 0.2 s.
//   They sit at the root of dist/, where src/assets.ts resolves every file from. In the bundle,
//   zstddec instantiates its WebAssembly from a Buffer: its fetch() of a data: URL makes Node load
//   its whole HTTP client first (about 40 ms of every run that reads a Zstandard Parquet file).
//   And string-width (yargs' help layout) builds its Intl.Segmenter and its RGI_Emoji regex on
//   first use instead of at load: they cost every run about 20 ms, for a help text most runs never print.
// Tests check that the precompiled and the compiled forms behave the same; the CLI tests run the bundle.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { TEMPLATE_OPTIONS } from '../dist/report/template-options.js';

cpSync('src/report/templates', 'dist/report/templates', { recursive: true });

const partials = readdirSync('src/report/templates/partials')
  .filter((f) => f.endsWith('.hbs'))
  .sort()
  .map((f) => `    ${JSON.stringify(f.slice(0, -'.hbs'.length))}: ${precompile(`partials/${f}`)}`);
writeFileSync(
  'dist/report/templates.precompiled.cjs',
  `"use strict";\nmodule.exports = {\n  report: ${precompile('report.hbs')},\n  ll144Summary: ${precompile('ll144-summary.hbs')},\n  partials: {\n${partials.join(',\n')}\n  }\n};\n`,
);

function precompile(file) {
  return Handlebars.precompile(readFileSync(`src/report/templates/${file}`, 'utf8'), TEMPLATE_OPTIONS);
}

const schema = JSON.parse(readFileSync('schemas/config.schema.json', 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true } });
mkdirSync('dist/config', { recursive: true });
writeFileSync('dist/config/config-check.cjs', standaloneCode.default(ajv, ajv.compile(schema)));

// The audit.json schema likewise, for reading saved results (report, compare, --baseline).
const resultsAjv = new Ajv({ allErrors: false, strict: false, code: { source: true } });
resultsAjv.addSchema(schema);
mkdirSync('dist/audit', { recursive: true });
writeFileSync(
  'dist/audit/audit-check.cjs',
  standaloneCode.default(resultsAjv, resultsAjv.compile(JSON.parse(readFileSync('schemas/audit.schema.json', 'utf8')))),
);

// parquet-wasm loads its .wasm file from beside its own module; playwright-core is optional (--pdf);
// DuckDB (native code) and pg load only when a duckdb: or postgres:// source is audited.
await build({
  entryPoints: { fairaudit: 'dist/cli/main.js', worker: 'dist/parallel/worker.js' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['parquet-wasm', 'playwright-core', '@duckdb/node-api', 'pg'],
  // Bundled CommonJS packages (handlebars, yargs' helpers) call require for Node's own modules.
  banner: { js: "import { createRequire as __fairauditRequire } from 'node:module'; const require = __fairauditRequire(import.meta.url);" },
  plugins: [zstddecWithoutFetch(), stringWidthLazily()],
  logLevel: 'warning',
});

function zstddecWithoutFetch() {
  const test = 'typeof fetch !== "undefined"';
  return {
    name: 'zstddec-without-fetch',
    setup(bundler) {
      bundler.onLoad({ filter: /zstddec[\\/]dist[\\/]zstddec\.mjs$/ }, ({ path }) => {
        const source = readFileSync(path, 'utf8');
        if (!source.includes(test)) throw new Error(`zstddec changed: "${test}" is not in ${path}; update scripts/build-assets.mjs`);
        return { contents: source.replace(test, 'false'), loader: 'js' };
      });
    },
  };
}

/**
 * string-width creates `new Intl.Segmenter()` (ICU's segmentation data) and, in version 8, the
 * `/^\p{RGI_Emoji}$/v` regex when it loads; yargs loads it in every run although only help text
 * needs widths. Both become objects that create the real one on first call, with the same methods
 * string-width calls on them (`segment`, `test`), so widths are unchanged.
 */
function stringWidthLazily() {
  const segmenter = /^const segmenter = new Intl\.Segmenter\(\);$/m;
  const emoji = /^const rgiEmojiRegex = (\/\^\\p\{RGI_Emoji\}\$\/v);$/m;
  return {
    name: 'string-width-lazily',
    setup(bundler) {
      bundler.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, ({ path }) => {
        let source = readFileSync(path, 'utf8');
        if (!segmenter.test(source)) throw new Error(`string-width changed: no module-level Intl.Segmenter in ${path}; update scripts/build-assets.mjs`);
        source = source.replace(segmenter, 'let segmenterMade;\nconst segmenter = { segment: (text) => (segmenterMade ??= new Intl.Segmenter()).segment(text) };');
        source = source.replace(emoji, 'let rgiEmojiMade;\nconst rgiEmojiRegex = { test: (text) => (rgiEmojiMade ??= $1).test(text) };');
        return { contents: source, loader: 'js' };
      });
    },
  };
}
