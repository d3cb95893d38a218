/**
 * Parts of one input file that can be read on their own, by another thread: Parquet row groups,
 * ranges of Arrow IPC record batches, byte ranges of a CSV file. A part is plain data (it crosses
 * to a worker thread by structured clone); ./parts.ts opens one as a data source. The type lives
 * apart from the readers that make and open parts, so they need not import one another.
 */
import type { ColumnKind } from './infer.js';

/** One part of one file. */
export type SourcePart =
  | { kind: 'parquet'; path: string; rowGroups: number[] }
  | { kind: 'arrow'; path: string; /** Record batch indices, first inclusive, second exclusive. */ batches: [number, number] }
  | {
      kind: 'csv';
      path: string;
      delimiter: string;
      names: string[];
      /** Column types decided from the start of the whole file. */
      kinds: ColumnKind[];
      /** The header line, which must not appear again in the part. */
      skipRecord?: string;
      /** Longest record, in bytes (`--max-field-bytes`; default 64 MiB). */
      maxRecordBytes?: number;
      /** Byte range: `start` just after a line feed, `end` exclusive. */
      start: number;
      end: number;
    };
