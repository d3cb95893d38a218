/**
 * Refusing to write over what is being read. Every output path of a run (reports, masked copies,
 * manifests, history, configs) is checked against every input path (data, config, baseline, model,
 * key) before any work: by real identity — device and inode, symbolic links followed — so a hard
 * link, a symbolic link or another spelling of the same path is caught, and by path for outputs
 * that do not exist yet.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from '../errors.js';

/** One path a run will write, with the flag that chose it (named in the refusal). */
export interface PlannedOutput {
  path: string;
  flag: string;
  /**
   * Also refuse the output inside an input folder (a masked copy there would be read as input by
   * the next run). Default false: a report beside its data file is fine.
   */
  notInsideInputs?: boolean;
}

/** An input path, resolved once: its real path and, when it exists, its device and inode. */
interface ResolvedInput {
  given: string;
  real: string;
  identity: string | undefined;
  isFolder: boolean;
}

/**
 * Throws a UserError (exit 2) naming the output and the input when any of `outputs` is one of
 * `inputs` (same device and inode, or the same path once links are resolved), or, for an output
 * marked `notInsideInputs`, lies inside an input folder.
 *
 * @example
 * await refuseWritingInputs([{ path: 'out/report.html', flag: '-o/--output' }], ['data.csv', 'audit.yaml']);
 */
export async function refuseWritingInputs(outputs: readonly PlannedOutput[], inputs: readonly string[]): Promise<void> {
  const resolved = await Promise.all(inputs.map(resolveInput));
  for (const output of outputs) {
    const real = await resolvedPath(output.path);
    const identity = await identityOf(real);
    for (const input of resolved) {
      if ((identity !== undefined && identity === input.identity) || real === input.real) {
        throw new UserError(`refusing to overwrite an input file: this output is the input ${input.given}`, {
          file: output.path,
          hint: `choose an output path that is not an input; fix ${output.flag}`,
        });
      }
      if (output.notInsideInputs && input.isFolder && isInside(real, input.real)) {
        throw new UserError(`refusing to write inside an input folder (${input.given}): the next run would read this output as input`, {
          file: output.path,
          hint: `choose an output path outside the input folder; fix ${output.flag}`,
        });
      }
    }
  }
}

/**
 * Throws a UserError (exit 2) when `out` resolves — symbolic links followed — to one of `inputs`
 * (also by device and inode), or lies inside an input folder (it would be read as input next time).
 */
export async function refuseInputOverwrite(out: string, inputs: readonly string[], flag = '-o/--output'): Promise<void> {
  await refuseWritingInputs([{ path: out, flag, notInsideInputs: true }], inputs);
}

async function resolveInput(given: string): Promise<ResolvedInput> {
  const real = await resolvedPath(given);
  const info = await stat(real).catch(() => undefined);
  return { given, real, identity: info ? `${info.dev}:${info.ino}` : undefined, isFolder: info?.isDirectory() ?? false };
}

function isInside(path: string, folder: string): boolean {
  const inside = relative(folder, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

async function identityOf(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info ? `${info.dev}:${info.ino}` : undefined;
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
