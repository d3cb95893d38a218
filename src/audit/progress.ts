/**
 * What the pipeline tells a progress display while it runs: the phase, and the rows or bytes done
 * where it knows them. The pipeline only calls a callback; drawing (and deciding whether to draw
 * at all) is the CLI's job (src/cli/progress.ts), so the library stays silent.
 */

/** The phases of a command, in the words a person reads. */
export type ProgressPhase = 'discovering' | 'reading' | 'querying' | 'analyzing' | 'masking' | 'writing';

/** One progress report. */
export interface ProgressEvent {
  phase: ProgressPhase;
  /** What is worked on: a file name, or a database. */
  subject?: string;
  /** Rows done so far in this phase, when known. */
  rows?: number;
  /** Bytes done so far in this phase, when known. */
  bytes?: number;
  /** Bytes in all, when known (time left is worked out from bytes). */
  total_bytes?: number;
}

/** Receives progress reports; must be cheap (it is called once a batch). */
export type ProgressCallback = (event: ProgressEvent) => void;
