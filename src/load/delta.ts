/**
 * Delta Lake tables: the live data files of a table folder, from its transaction log
 * (`_delta_log/NNNNNNNNNNNNNNNNNNNN.json`, one JSON action per line). A file added and later
 * removed is not live, so it is not read; reading the folder as plain files would count it again.
 * Tables this reader cannot follow exactly (a checkpoint in place of early log files, deletion
 * vectors, column mapping, files outside the folder) are refused with what to do instead.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';

/** One live data file of a table, with its partition values. */
export interface DeltaFile {
  path: string;
  partitions: Record<string, string | null>;
}

const LOG_FILE = /^(\d{20})\.json$/;

/**
 * The live data files of the Delta table in `folder`, in path order, after replaying every commit
 * of its log in version order. Throws {@link UserError} for a table it cannot read exactly.
 */
export async function deltaLiveFiles(folder: string): Promise<DeltaFile[]> {
  const logFolder = join(folder, '_delta_log');
  const names = await readdir(logFolder);
  const commits = names.filter((name) => LOG_FILE.test(name)).sort();
  const refuse = (why: string): never => {
    throw new UserError(`is a Delta Lake table that fairaudit cannot read exactly: ${why}`, {
      file: folder,
      hint: "export a snapshot to Parquet and audit that (e.g. in DuckDB: COPY (SELECT * FROM delta_scan('TABLE')) TO 'snapshot.parquet'), or query it through a SQL engine that reads Delta tables",
    });
  };
  if (commits.length === 0) refuse('its _delta_log/ holds no commits');
  // Versions must run 0, 1, 2, …: a gap means early commits were cleaned up after a checkpoint.
  commits.forEach((name, i) => {
    if (Number(LOG_FILE.exec(name)![1]) !== i) refuse('its log starts at a checkpoint (Parquet), which this reader does not decode');
  });

  const live = new Map<string, Record<string, string | null>>();
  for (const name of commits) {
    const text = await readFile(join(logFolder, name), 'utf8');
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      let action: Record<string, unknown>;
      try {
        action = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new UserError(`line ${i + 1} of the Delta log commit ${name} is not JSON`, { file: folder, line: i + 1, hint: 'the table log is damaged; repair the table or export a snapshot' });
      }
      const meta = action.metaData as { configuration?: Record<string, string> } | undefined;
      const mapping = meta?.configuration?.['delta.columnMapping.mode'];
      if (mapping && mapping !== 'none') refuse(`it uses column mapping (${mapping}), so its Parquet column names are not the table's`);
      const add = action.add as { path?: string; partitionValues?: Record<string, string | null>; deletionVector?: unknown } | undefined;
      if (add?.path !== undefined) {
        if (add.deletionVector) refuse('it has deletion vectors (rows deleted inside live files)');
        live.set(relativePath(add.path, refuse), add.partitionValues ?? {});
      }
      const remove = action.remove as { path?: string } | undefined;
      if (remove?.path !== undefined) live.delete(relativePath(remove.path, refuse));
    });
  }
  return [...live.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, partitions]) => ({ path: join(folder, path), partitions: { ...partitions } }));
}

/** A log path (URL-encoded, relative to the table) as a relative file path; a URI elsewhere is refused. */
function relativePath(path: string, refuse: (why: string) => never): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/')) refuse(`its log names files outside the folder (${path.split(':')[0]} paths)`);
  const decoded = decodeURIComponent(path);
  if (decoded.split('/').includes('..')) refuse('its log names files outside the folder');
  return decoded;
}
