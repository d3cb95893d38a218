/**
 * The flags that say how to read text files (`--header`, `--columns`, `--delimiter`, `--encoding`,
 * `--max-field-bytes`), shared by every command that reads data, and the warnings about how the
 * files were read, printed on stderr.
 */
import type { Argv } from 'yargs';
import { listFlag } from './command.js';
import type { AuditConfig } from '../config/types.js';
import type { ReadOptions } from '../load/open.js';
import type { DataSource } from '../load/source.js';
import { maskPartitionText } from '../mask/partition-paths.js';
import { ENCODING_NAMES, parseByteLimit, parseDelimiter, DELIMITER_CHOICES, type EncodingName } from '../load/read-options.js';

/** The parsed read flags. */
export interface ReadArgs {
  header?: boolean;
  columns?: string[];
  delimiter?: string;
  encoding?: EncodingName;
  maxFieldBytes?: number;
}

/** Adds the read flags to a command. */
export function readOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('header', { type: 'boolean', describe: 'CSV/TSV: the first line is a header (--no-header: it is a row) [default: detected]' })
    .option('columns', { type: 'string', array: true, coerce: listFlag, describe: 'CSV/TSV: names for every column, in order, comma-separated' })
    .option('delimiter', { type: 'string', describe: `CSV/TSV: ${DELIMITER_CHOICES} [default: detected]` })
    .option('encoding', { choices: ENCODING_NAMES, describe: 'text encoding [default: utf-8, or utf-16 by its byte-order mark]' })
    .option('max-field-bytes', { type: 'number', describe: 'longest line, record or field read, in bytes [default: 64 MB]' }) as unknown as Argv<T>;
}

/** The read options: flags over the config's keys of the same names. */
export function readFlags(args: ReadArgs, config: AuditConfig = {}): ReadOptions {
  const delimiter = args.delimiter ?? config.delimiter;
  const maxFieldBytes = args.maxFieldBytes ?? config.max_field_bytes;
  return {
    header: args.header ?? config.header,
    columns: args.columns ?? config.columns,
    delimiter: delimiter === undefined ? undefined : parseDelimiter(delimiter, args.delimiter !== undefined ? '--delimiter' : 'delimiter'),
    encoding: args.encoding ?? config.encoding,
    maxFieldBytes: maxFieldBytes === undefined ? undefined : parseByteLimit(maxFieldBytes, args.maxFieldBytes !== undefined ? '--max-field-bytes' : 'max_field_bytes'),
  };
}

/**
 * The lines to print on stderr about how the files of `source` were read (one per warning). Each
 * names its file: a folder or file name that looks like an identifier is shown as `(masked)`.
 */
export function readWarningLines(source: DataSource): string[] {
  return (source.readWarnings?.() ?? []).map((w) => `fairaudit: warning: ${maskPartitionText(w.message)}`);
}
