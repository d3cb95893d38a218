/**
 * From the paths a user gives to the data files read: folders are expanded recursively, hive-style
 * `key=value` folder names become partition values, and the data set gets its name.
 */
import { readdir, stat } from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { deltaLiveFiles } from './delta.js';
import { DATA_EXTENSIONS, formatFromName } from './detect.js';

/** One data file to read, with the partition values of the folders it sits in. */
export interface DataFile {
  path: string;
  /** `key=value` folder names below the given folder; `null` for Hive's default partition. */
  partitions: Record<string, string | null>;
}

const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__';

/**
 * The data files below `paths`, in order: each file as given, each folder's data files sorted by
 * path. Hidden entries (`.x`) and marker files and folders (`_SUCCESS`, `_temporary`) are skipped.
 * Throws {@link UserError} for a missing path, a folder without data files, a FIFO, device or
 * socket, and an Iceberg table folder (anywhere below a given folder). A Delta Lake table folder
 * gives the files its log holds live (see {@link deltaLiveFiles}).
 *
 * @example
 * await expandPaths(['sales/']) // [{ path: 'sales/year=2024/part-0.parquet', partitions: { year: '2024' } }, …]
 */
export async function expandPaths(paths: readonly string[]): Promise<DataFile[]> {
  if (paths.length === 0) throw new UserError('no data files given', { hint: 'name one or more files or folders' });
  const files: DataFile[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const found = (await isDirectory(path)) ? await folderFiles(path) : [{ path, partitions: {} }];
    for (const file of found) if (file.path !== path) await refuseSpecialFile(file.path);
    for (const file of found) {
      const key = resolve(file.path);
      if (!seen.has(key)) {
        seen.add(key);
        files.push(file);
      }
    }
  }
  return files;
}

async function isDirectory(path: string): Promise<boolean> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (path === '-') throw new UserError('data cannot be read from standard input', { file: path, hint: 'save the data to a file and name the file' });
    throw new UserError(code === 'ENOENT' ? 'no such file or folder' : `cannot read it (${code ?? String(error)})`, {
      file: path,
      hint: 'check the path; relative paths start from the current folder',
    });
  }
  if (!stats.isDirectory() && !stats.isFile()) throw specialFile(path, stats);
  return stats.isDirectory();
}

/**
 * A FIFO, a device or a socket: reading one would block, never end, or read it once only (the
 * sample and the count each read the data), so only regular files are read.
 */
function specialFile(path: string, stats: Stats): UserError {
  const kind = stats.isFIFO() ? 'a named pipe (FIFO)' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : stats.isSocket() ? 'a socket' : 'not a regular file';
  return new UserError(`is ${kind}, not a regular file`, { file: path, hint: 'save the data to a regular file and name that file' });
}

async function refuseSpecialFile(path: string): Promise<void> {
  const stats = await stat(path).catch(() => undefined);
  if (stats && !stats.isFile()) throw specialFile(path, stats);
}

/**
 * An Apache Iceberg table: its metadata decides which of its Parquet files are live, so reading the
 * folder as plain files would count removed and rewritten files again.
 */
async function refuseTableFormat(folder: string, entries: readonly Dirent[]): Promise<void> {
  const metadata = entries.find((entry) => entry.name === 'metadata' && entry.isDirectory());
  if (metadata) {
    const inside = await readdir(join(folder, metadata.name)).catch(() => [] as string[]);
    if (inside.some((name) => name.endsWith('.metadata.json') || name === 'version-hint.text')) {
      throw new UserError('is an Apache Iceberg table (its metadata/ folder holds table metadata): the metadata decides which files are live, and fairaudit does not read Iceberg metadata', {
        file: folder,
        hint: "export a snapshot to Parquet and audit that (e.g. in DuckDB: COPY (SELECT * FROM iceberg_scan('TABLE')) TO 'snapshot.parquet'), or query it through a SQL engine that reads Iceberg tables",
      });
    }
  }
}

async function folderFiles(folder: string): Promise<DataFile[]> {
  const files: DataFile[] = [];
  await walk(folder, {}, files);
  if (files.length === 0) {
    throw new UserError(`the folder has no data files; looked for ${DATA_EXTENSIONS.map((e) => `.${e}`).join(' ')} and gzipped text files`, {
      file: folder,
      hint: 'point at a folder that holds data files, or name the files',
    });
  }
  return files;
}

async function walk(folder: string, partitions: Record<string, string | null>, out: DataFile[]): Promise<void> {
  const all = await readdir(folder, { withFileTypes: true });
  // A Delta Lake table's log says which of its files are live: those, and only those, are read.
  if (all.some((entry) => entry.name === '_delta_log' && entry.isDirectory())) {
    for (const file of await deltaLiveFiles(folder)) out.push({ path: file.path, partitions: { ...partitions, ...file.partitions } });
    return;
  }
  await refuseTableFormat(folder, all);
  const entries = all.filter((entry) => !/^[._]/.test(entry.name));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      await walk(path, { ...partitions, ...hivePartition(entry.name) }, out);
    } else if (formatFromName(entry.name) !== undefined) {
      out.push({ path, partitions });
    }
  }
}

function hivePartition(name: string): Record<string, string | null> {
  const eq = name.indexOf('=');
  if (eq <= 0) return {};
  const value = name.slice(eq + 1);
  return { [safeDecode(name.slice(0, eq))]: value === HIVE_NULL ? null : safeDecode(value) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The data set's name: a file's name without its extensions (`loans.parquet` → `loans`,
 * `x.csv.gz` → `x`), or a folder's name.
 */
export function datasetName(path: string, folder: boolean): string {
  const name = basename(resolve(path));
  if (folder) return name;
  const stem = name.replace(/\.gz$/i, '').replace(/\.[^.]+$/, '');
  return stem || name;
}
