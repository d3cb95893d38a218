/** Small builders shared by the masking tests. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Vector, type Data } from 'apache-arrow';
import type { DataSource } from '../../src/load/source.js';

/** The values of one chunk as plain JS (test-side reading; fine for a handful of rows). */
export function valuesOf(data: Data | null): unknown[] {
  if (!data) return [];
  return [...new Vector([data])].map((v) => (v instanceof Date ? v.toISOString() : v));
}

/** A fresh temporary folder. */
export function tempFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'fairaudit-mask-'));
}

/** A source that claims to come from `path` (so the overwrite guard sees an input there). */
export function fromFile(source: DataSource, path: string): DataSource {
  return { ...source, files: [{ path, format: 'arrow', bytes: 0, sha256: '' }], provenance: async () => [{ path, format: 'arrow', bytes: 0, sha256: 'x' }] };
}
