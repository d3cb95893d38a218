/**
 * Where fairaudit's own files are: paths relative to the root of its compiled code (`dist/`; `src/`
 * when running from source). The modules and the single-file bundles that `npm run build` makes
 * (`dist/fairaudit.mjs`, `dist/worker.mjs`) all sit at that root, so one rule finds the templates,
 * the precompiled validator, the schemas and the package.json from any of them.
 */
const ROOT = new URL('./', import.meta.url);

/** The URL of `path` relative to the code root, e.g. `assetUrl('report/templates/')`. */
export function assetUrl(path: string): URL {
  return new URL(path, ROOT);
}

/** True when running the TypeScript sources (tests), not the build. */
export const FROM_SOURCE = import.meta.url.endsWith('.ts');
