import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Tests that run the built CLI (in process or spawned), start processes, threads or a browser,
 * or read the build's own output: they need `npm run build` first and take most of the suite's
 * time. Everything else is the `unit` project, the fast inner loop (`npm run test:unit`), which
 * runs on the sources alone. `vitest run` (and `npm test`) runs both. Both projects' files share
 * their worker processes (isolate: false): starting a fresh process and module graph for each of
 * some 170 files cost more than their tests, and an end-to-end file also paid for loading and
 * warming up the CLI bundle again (the same 8 end-to-end files, twice each: 20–27 s of CPU isolated, 11–14 s
 * shared). A test that leaves process-wide state behind (a mock, a changed global, the folder or
 * an environment variable) must undo it; `runCliInProcess` undoes its own.
 */
export const END_TO_END = [
  'test/cli/**/*.test.ts',
  'test/hardening/**/*.test.ts',
  'test/fuzz/**/*.test.ts',
  'test/bench/**/*.test.ts',
  'test/mask/command.test.ts',
  'test/mask/safe-to-share.test.ts',
  'test/history/history.test.ts',
  'test/history/scheduled-audit.test.ts',
  'test/history/signed.test.ts',
  'test/config/precompiled.test.ts',
  'test/report/precompiled.test.ts',
  'test/report/browser.test.ts',
  'test/parallel/collect.test.ts',
  'test/parallel/launch.test.ts',
  'test/parallel/pool.test.ts',
  'test/write/parquet-threads.test.ts',
  'test/load/raw-dialect.test.ts',
  'test/load/arrow-ipc-bounds.test.ts',
  'test/parallel/outcome-types.test.ts',
  'test/config/as-written.test.ts',
  'test/discover/column-cap.test.ts',
  'test/discover/name-values.test.ts',
  'test/mask/copy-dialect.test.ts',
  'test/mask/partition-paths.test.ts',
  'test/mask/file-names.test.ts',
  'test/mask/hash-threads.test.ts',
  'test/mask/spilled-columns.test.ts',
  'test/report/ll144-summary.test.ts',
  'test/report/report-command.test.ts',
  'test/scripts/stress.test.ts',
  'test/sign/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One worker per core: vitest's default leaves one core to itself, which on a 2-core machine
    // runs the files one at a time while most of them wait on a spawned CLI or a database
    // (the whole suite, quiet 2-core machine: 208 s with the default, 163 s with both cores).
    maxWorkers: availableParallelism(),
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: END_TO_END, isolate: false } },
      { extends: true, test: { name: 'end-to-end', include: END_TO_END, isolate: false } },
    ],
  },
});
