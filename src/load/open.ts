/**
 * Opening input data: one or more files or folders, in any of the formats fairaudit reads, as one
 * {@link DataSource}.
 */
import type { Field, RecordBatch, Schema } from 'apache-arrow';
import { stat } from 'node:fs/promises';
import { placed, unknownColumn } from '../errors.js';
import { openArrowIpc } from './arrow-ipc.js';
import { conformBatch, unifySchemas, withPartitions } from './conform.js';
import { openCsv } from './csv.js';
import { detectFormat, type Detected } from './detect.js';
import { ScanContext, type FileReader, type SplitOptions } from './file-reader.js';
import { datasetName, expandPaths, type DataFile } from './files.js';
import { hashFile } from './hash.js';
import { openJsonl } from './jsonl.js';
import { openParquet } from './parquet.js';
import { sampleParquetBlocks } from './parquet/sample.js';
import { reservoirSample, sampledFields } from './sample.js';
import type { SourcePart } from './source-part.js';
import type { DataSource, FileProvenance, Sample, ScanOptions } from './source.js';
import { dialectWarnings, type ReadWarning } from './dialect.js';
import { textEncoding, type EncodingName } from './read-options.js';
import type { TextSource } from './text-stream.js';

/** Rows per batch when a scan does not say. */
const DEFAULT_BATCH_SIZE = 65_536;

/** Options of {@link openData}. */
export interface OpenOptions extends ReadOptions {
  /** The data set's name; default: the first path's file name without extensions, or its folder name. */
  name?: string;
}

/** How to read text files, when detection should not decide (flags and config keys of the same names). */
export interface ReadOptions {
  /** CSV/TSV: whether the first line is a header (default: detected). */
  header?: boolean;
  /** CSV/TSV: names for every column, in order (replace the header, or name a headerless file's columns). */
  columns?: readonly string[];
  /** CSV/TSV: `,` `;` `\t` `|`, or `' '` for runs of spaces and tabs (default: sniffed). */
  delimiter?: string;
  /** Text encoding (default UTF-8, or UTF-16 when the file starts with its byte-order mark). */
  encoding?: EncodingName;
  /** Longest line, record or field held in memory, in bytes (default 64 MiB). */
  maxFieldBytes?: number;
}

interface OpenFile {
  file: DataFile;
  detected: Detected;
  reader: FileReader;
  provenance: FileProvenance;
}

/**
 * Opens files and folders as one table. Folders are read recursively (hive `key=value` folder
 * names become dictionary-encoded columns); each file's format is detected from its bytes, then
 * its name; all files must share their columns. Each file's schema is read now; rows stream from
 * {@link DataSource.scan}. Throws {@link UserError} naming the file for every bad input.
 *
 * @example
 * const source = await openData(['datasets/loans.parquet']);
 * for await (const batch of source.scan({ columns: ['sex', 'approved'] })) count(batch);
 */
export async function openData(paths: string[], options: OpenOptions = {}): Promise<DataSource> {
  const files = await expandPaths(paths);
  const opened: OpenFile[] = [];
  for (const file of files) {
    try {
      const detected = await detectFormat(file.path);
      const reader = await openReader(file.path, detected, options);
      const provenance = provenanceOf(file, detected);
      // The same object: the counts a scan adds to the dialect reach the results.
      if (reader.dialect) provenance.dialect = reader.dialect;
      opened.push({ file, detected, reader, provenance });
    } catch (error) {
      throw placed(error, { file: file.path });
    }
  }
  const schema = unifySchemas(opened.map((o) => ({ path: o.file.path, schema: withPartitions({ path: o.file.path, schema: o.reader.schema, partitions: o.file.partitions }) })));
  const name = options.name ?? datasetName(paths[0], (await stat(paths[0])).isDirectory());
  return new FilesSource(name, schema, opened);
}

function openReader(path: string, detected: Detected, options: ReadOptions): Promise<FileReader> {
  const text: TextSource = { path, gzip: detected.gzip, encoding: options.encoding ? textEncoding(options.encoding, detected.encoding) : detected.encoding, maxRecordBytes: options.maxFieldBytes };
  switch (detected.format) {
    case 'arrow':
    case 'arrow-stream':
      return openArrowIpc(path, detected.format);
    case 'parquet':
      return openParquet(path);
    case 'jsonl':
      return openJsonl(text);
    case 'csv':
    case 'tsv':
      return openCsv(text, detected.format, { header: options.header, columns: options.columns, delimiter: options.delimiter, encodingGiven: options.encoding !== undefined });
  }
}

function provenanceOf(file: DataFile, detected: Detected): FileProvenance {
  const provenance: FileProvenance = { path: file.path, format: detected.format, bytes: detected.bytes, sha256: '' };
  if (detected.gzip) provenance.gzip = true;
  if (Object.keys(file.partitions).length > 0) provenance.partitions = Object.fromEntries(Object.entries(file.partitions).map(([k, v]) => [k, v ?? '']));
  return provenance;
}

/**
 * Parts of `source` that worker threads can read on their own, in row order: only for one file
 * (no hive partitions) in a format that splits (Parquet, Arrow IPC file, uncompressed CSV/TSV).
 * Undefined otherwise, or when the file is too small to split.
 */
export async function splitData(source: DataSource, count: number, options: SplitOptions = {}): Promise<SourcePart[] | undefined> {
  if (!(source instanceof FilesSource)) return undefined;
  return source.split(count, options);
}

class FilesSource implements DataSource {
  readonly files: FileProvenance[];

  constructor(
    readonly name: string,
    readonly schema: Schema,
    private readonly opened: readonly OpenFile[],
  ) {
    this.files = opened.map((o) => o.provenance);
  }

  readWarnings(): ReadWarning[] {
    return this.opened.flatMap((o) => [
      ...(o.reader.dialect ? dialectWarnings(o.file.path, o.reader.dialect, o.reader.schema.fields.length) : []),
      ...(o.reader.warnings?.(o.file.path) ?? []),
    ]);
  }

  /** The hashing under way, so that a second call waits for it instead of hashing again. */
  private hashing: Promise<FileProvenance[]> | undefined;

  provenance(): Promise<FileProvenance[]> {
    this.hashing ??= (async () => {
      for (const file of this.files) if (!file.sha256) file.sha256 = await hashFile(file.path);
      return this.files;
    })();
    return this.hashing;
  }

  async *scan(options: ScanOptions = {}): AsyncGenerator<RecordBatch> {
    const target = this.columns(options.columns);
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
    const context = new ScanContext(options.transient);
    for (const { file, reader, provenance } of this.opened) {
      const own = target.filter((f) => !Object.hasOwn(file.partitions, f.name)).map((f) => f.name);
      try {
        // A file hashed by an earlier scan (discovery's sample, a first pass) is not hashed again.
        const onHashed = provenance.sha256 ? undefined : (sha256: string) => (provenance.sha256 = sha256);
        for await (const batch of reader.scan(own, batchSize, context, onHashed)) {
          yield conformBatch(batch, target, file.partitions, context);
        }
      } catch (error) {
        throw placed(error, { file: file.path });
      }
    }
  }

  /**
   * Parquet files (no partition columns) with more than twice `size` rows are sampled in blocks
   * of neighbouring rows read by row range; one CSV/TSV file (no partition columns) by its reader,
   * which gives the reservoir's sample without building every row; anything else through the
   * reservoir over one scan.
   */
  async sample(size: number, seed: number, columns?: readonly string[]): Promise<Sample> {
    const fields = sampledFields(this, columns);
    const blocks = await sampleParquetBlocks(this.files, fields, size, seed);
    if (blocks) return blocks;
    const [only] = this.opened;
    if (this.opened.length === 1 && only.reader.sample && Object.keys(only.file.partitions).length === 0) {
      try {
        return await only.reader.sample(
          fields.map((f) => f.name),
          size,
          seed,
          only.provenance.sha256 ? undefined : (sha256) => (only.provenance.sha256 = sha256),
        );
      } catch (error) {
        throw placed(error, { file: only.file.path });
      }
    }
    return reservoirSample(this, size, seed, columns);
  }

  async split(count: number, options: SplitOptions): Promise<SourcePart[] | undefined> {
    if (this.opened.length !== 1) return undefined;
    const [{ file, reader }] = this.opened;
    if (Object.keys(file.partitions).length > 0 || !reader.split) return undefined;
    try {
      return await reader.split(count, options);
    } catch (error) {
      throw placed(error, { file: file.path });
    }
  }

  private columns(names: readonly string[] | undefined): Field[] {
    if (!names) return this.schema.fields;
    const all = this.schema.names as string[];
    return [...new Set(names)].map((name) => {
      const field = this.schema.fields.find((f) => f.name === name);
      if (!field) throw unknownColumn(name, all);
      return field;
    });
  }
}
