/** Refusing to write over the data being read. */
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Throws a UserError (exit 2) when `out` resolves — symbolic links followed — to one of `inputs`,
 * or lies inside an input folder (it would be read as input next time).
 */
export async function refuseInputOverwrite(out: string, inputs: readonly string[], flag = '-o/--output'): Promise<void> {
  const target = await resolvedPath(out);
  for (const input of inputs) {
    const source = await resolvedPath(input);
    const inside = relative(source, target);
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
      throw new UserError(
        inside === '' ? 'refusing to overwrite an input file' : 'refusing to write inside an input folder',
        { file: out, hint: `choose an output path outside the input (${input}); fix ${flag}` },
      );
    }
  }
}

/** The absolute path with symbolic links resolved, for files that may not exist yet (their folder resolved instead). */
async function resolvedPath(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const folder = dirname(absolute);
    if (folder === absolute) return absolute;
    return join(await resolvedPath(folder), basename(absolute));
  }
}
