/**
 * The one way fairaudit starts a worker thread (node:worker_threads): the threads of the one pool
 * (./pool.ts: the counting threads, the Parquet encoding threads of src/write/parquet.ts, the
 * hashing threads of masking) and the input-hashing thread (src/load/hash.ts) all start here, so how a thread finds its code — the bundle, the compiled
 * module, or the TypeScript source under tests — is decided in one place.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { assetUrl, FROM_SOURCE } from '../assets.js';

/**
 * What a thread runs: one of fairaudit's own modules, named by its path from the code root
 * without extension (`parallel/worker`), optionally with the single-file bundle the build makes
 * of it (`worker.mjs`, which starts faster than the module graph behind it); or a self-contained
 * CommonJS script that needs nothing but Node's own modules (it starts in milliseconds).
 */
export type ThreadCode = { module: string; bundle?: string } | { script: string };

/**
 * Starts a thread running `code`, with `workerData` as its `workerData`. From the build, a module
 * runs from its bundle when there is one, else from its compiled `.js`; from source (tests), its
 * `.ts` runs after tsx's loader is registered inside the thread (Node 20 threads do not take
 * loaders from `execArgv`).
 *
 * @example
 * const worker = startThread({ module: 'parallel/worker', bundle: 'worker.mjs' });
 */
export function startThread(code: ThreadCode, workerData?: unknown): Worker {
  if ('script' in code) return new Worker(code.script, { eval: true, workerData });
  if (!FROM_SOURCE) {
    const bundled = code.bundle ? assetUrl(code.bundle) : undefined;
    return new Worker(bundled && existsSync(bundled) ? bundled : assetUrl(`${code.module}.js`), { workerData });
  }
  const entry = JSON.stringify(assetUrl(`${code.module}.ts`).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`, { eval: true, workerData });
}
