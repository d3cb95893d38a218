/** Hashing model artifacts (I/O): the SHA-256 that `results.models` records for `--model FILE`. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { ModelFile } from './models.js';

/**
 * Streams each file through SHA-256 (memory stays flat for multi-gigabyte models). A folder (a
 * saved model directory) stands for every file below it, in sorted path order. Paths are kept as
 * given. Throws a UserError naming a path that does not exist or cannot be read.
 *
 * @example
 * await hashModelFiles(['models/credit.onnx']); // [{ path: 'models/credit.onnx', bytes: 18432, sha256: '9f…' }]
 */
export async function hashModelFiles(paths: readonly string[]): Promise<ModelFile[]> {
  const files: ModelFile[] = [];
  for (const path of paths) {
    for (const file of await expand(path)) files.push(await hashFile(file));
  }
  return files;
}

async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(error.code === 'ENOENT' ? 'model file not found' : `cannot read model file (${error.code})`, { file: path, hint: 'check the path given to --model' });
  });
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
  if (files.length === 0) throw new UserError('model folder holds no files', { file: path, hint: 'check the path given to --model' });
  return files.sort();
}

async function hashFile(path: string): Promise<ModelFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      bytes += (chunk as Buffer).length;
      hash.update(chunk as Buffer);
    }
  } catch (error) {
    throw new UserError(`cannot read model file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { file: path, hint: 'check the path given to --model' });
  }
  return { path, bytes, sha256: hash.digest('hex') };
}
