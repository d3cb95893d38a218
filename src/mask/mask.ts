/**
 * Masking a dataset: source → operators → writer, batch by batch, with re-identification risk
 * measured on what is written. Passes over the data: a counting pre-pass when an operator needs
 * whole-data counts (suppress-rare), a class-counting pre-pass when k is enforced, then the
 * masking pass that writes.
 */
import { DataType, Field, RecordBatch, Schema, Struct, Utf8, makeData, type Data } from 'apache-arrow';
import type { MaskRule } from '../config/types.js';
import { ExitCode, UserError, unknownColumn } from '../errors.js';
import type { DataFormat, DataSource, FileProvenance } from '../load/source.js';
import { VERSION } from '../version.js';
import { AtomicFile, commitAll } from '../write/atomic.js';
import type { TextDialect } from '../write/dialect.js';
import { refuseInputOverwrite } from '../write/guard.js';
import { formatFromPath, openDatasetWriter, type DatasetWriter } from '../write/writer.js';
import { keyFingerprintInBackground } from './key.js';
import { HASHED_IN_FLIGHT, LazyHashing } from './hmac-threads.js';
import { inShape, type ColumnOperator } from './operators/column.js';
import { compactDictionary } from './compact.js';
import { createOperator } from './operators/create.js';
import { identifyingPartitions, identifyingValue, maskPartitionPaths } from './partition-paths.js';
import type { MaskPlan } from './plan.js';
import { ClassCounter, suppressRows, type RiskSummary } from './risk.js';
import type { MaskManifest } from '../results/masking.js';

/** Options of {@link maskData}. */
export interface MaskOptions {
  /** The output file. Never an input; written whole or not at all. */
  out: string;
  /** Default: the format the output's extension names, else the input's format, else `arrow`. */
  format?: DataFormat;
  /** How CSV/TSV output is written (the input's dialect, for a copy that opens like its input). */
  dialect?: Partial<TextDialect>;
  /** The HMAC key (required when the plan hashes a column). Never written anywhere. */
  key?: Buffer;
  /** Enforce k-anonymity by suppressing quasi-identifier values in classes smaller than k. */
  k?: number;
  /**
   * The k the copy must reach (default: `k` when enforced, else none). Below it the copy is
   * `below-target` in the manifest, and with `refuseBelow` nothing is written and a UserError with
   * exit code 1 names the quasi-identifiers, the smallest class and the fix.
   */
  target?: { k: number; allow?: number; refuseBelow?: boolean };
  /** Columns measured for k-anonymity (default: the plan's). */
  quasiIdentifiers?: string[];
  /** A sensitive column whose distinct l-diversity is measured. */
  lDiversity?: string;
  /** Rows per batch asked of the source (default: the loader's). */
  batchSize?: number;
  /**
   * Read each batch in place (without a copy per batch) when the output format's writer copies
   * what it needs before the next batch is read (Parquet). Default true; false always copies.
   */
  readInPlace?: boolean;
}

/** The manifest and its columns: the results contract's types. */
export type { MaskedColumn, MaskManifest } from '../results/masking.js';

interface ColumnStep {
  index: number;
  name: string;
  operator: ColumnOperator;
  outputIndex: number;
  changed: number;
  suppressed: number;
}

/**
 * Streams `source` through the operators of `plan` into `options.out`, measuring k-anonymity over
 * the quasi-identifiers (and l-diversity of `lDiversity`) on the output, and enforcing `k` when
 * given. Writes `<out>.manifest.json` beside the output and returns the manifest. Refuses to write
 * over an input; after any failure no output file remains.
 *
 * @example
 * const manifest = await maskData(source, planMasking({ schema: source.schema, discovery }), { out: 'masked.parquet', key });
 */
export async function maskData(source: DataSource, plan: MaskPlan, options: MaskOptions): Promise<MaskManifest> {
  const inputs = source.files.map((f) => f.path);
  refuseIdentifyingNames(source);
  await refuseInputOverwrite(options.out, inputs);
  await refuseInputOverwrite(manifestPath(options.out), inputs);
  const format = options.format ?? formatFromPath(options.out) ?? source.files[0]?.format ?? 'arrow';
  const steps = buildSteps(source.schema, plan, options.key);
  const outSchema = new Schema(
    steps.filter((s) => s.operator.outputType !== null).map((s) => {
      const field = source.schema.fields[s.index];
      return s.operator.op === 'keep' ? field : new Field(field.name, s.operator.outputType!, true);
    }),
  );
  const outNames = outSchema.fields.map((f) => f.name);
  const quasi = checkColumns(options.quasiIdentifiers ?? plan.quasi_identifiers, outNames, 'mask.quasi_identifiers', steps);
  const sensitive = options.lDiversity ?? null;
  if (sensitive !== null) checkColumns([sensitive], outNames, '--l-diversity / mask.l_diversity', steps);
  const k = options.k ?? null;
  if (k !== null && (!Number.isInteger(k) || k < 1)) throw new UserError(`k must be a whole number ≥ 1, got ${k}`, { hint: 'fix --k or mask.k' });
  const target = options.target ?? (k === null ? undefined : { k });
  for (const [value, flag] of [[target?.k, '--k or mask.k'], [target?.allow, '--allow-k or mask.allow_k']] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new UserError(`k must be a whole number ≥ 1, got ${value}`, { hint: `fix ${flag}` });
  }
  const quasiSteps = quasi.map((name) => steps.find((s) => s.name === name)!);
  // Enforcing k never blanks a column the audit reads; k is then reached through the others, or reported as not reached.
  const audited = new Set(plan.columns.filter((c) => c.audited).map((c) => c.column));
  const suppressible = quasiSteps.filter((s) => !audited.has(s.name));
  const scan = { batchSize: options.batchSize };
  // The slow key fingerprint is started now and runs on a pool thread beside the passes below.
  const fingerprint = options.key && steps.some((s) => s.operator.op === 'hmac') ? keyFingerprintInBackground(options.key) : undefined;
  // A run that fails before the manifest never awaits it: its failure must not surface unhandled.
  fingerprint?.catch(() => undefined);

  // The output (a temporary file) is opened before the first pass, so an unwritable path is
  // refused before any work, and every failure below leaves nothing behind.
  let writer: DatasetWriter | undefined;
  let manifestFile: AtomicFile | undefined;
  try {
    writer = await openDatasetWriter(options.out, format, outSchema, options.dialect);

    // Pass 1: whole-data counts for the operators that need them.
    const counting = steps.filter((s) => s.operator.needsPrePass);
    if (counting.length > 0) {
      for await (const batch of source.scan({ ...scan, columns: counting.map((s) => s.name) })) {
        counting.forEach((s) => s.operator.observe(childOf(batch, s.name)));
      }
    }

    // Pass 2: class sizes of the masked quasi-identifiers, when k is enforced.
    let enforced: ClassCounter | null = null;
    if (k !== null && quasi.length > 0) {
      enforced = new ClassCounter(quasi);
      for await (const batch of source.scan({ ...scan, columns: quasi })) {
        const chunks = quasiSteps.map((s) => s.operator.apply(compactDictionary(childOf(batch, s.name))).data!);
        enforced.add(chunks, batch.numRows);
      }
    }

    // Pass 3: mask, enforce, measure, write.
    const measured = new ClassCounter(quasi, sensitive);
    const quasiOut = quasiSteps.map((s) => s.outputIndex);
    const sensitiveOut = sensitive === null ? -1 : outNames.indexOf(sensitive);
    let rows = 0;
    let suppressedCells = 0;
    // Hashing threads (started at the first large plain chunk of a hashed column) hash while this
    // thread reads and writes; up to HASHED_IN_FLIGHT batches wait for them, written in order. A
    // hashed column that is always dictionary-coded is hashed here, once per distinct value, and
    // needs no threads, so its batches may still be read in place.
    const hashing = options.key && steps.some((s) => s.operator.op === 'hmac' && mayArrivePlain(source, s.index)) ? new LazyHashing(options.key) : null;
    // Without threads, everything below copies or counts what it needs of a batch before the next
    // is read, so a writer that copies on write lets the loader reuse the batch's memory; a batch
    // held in flight must own its memory.
    const inPlace = (options.readInPlace ?? true) && writer.copiesOnWrite && !hashing?.possible;
    const finishBatch = async (pending: Promise<{ children: Data[]; length: number }>) => {
      const { children, length } = await pending;
      if (enforced) {
        const small = enforced.smallRows(quasiOut.map((j) => children[j]), length, k!);
        suppressible.forEach((step) => {
          const result = suppressRows(children[step.outputIndex], small);
          children[step.outputIndex] = result.data;
          step.suppressed += result.suppressed;
          suppressedCells += result.suppressed;
        });
      }
      measured.add(quasiOut.map((j) => children[j]), length, sensitiveOut >= 0 ? children[sensitiveOut] : undefined);
      const struct = makeData({ type: new Struct(outSchema.fields), length, nullCount: 0, children });
      await writer!.write(new RecordBatch(outSchema, struct));
      rows += length;
    };
    const inFlight: Promise<{ children: Data[]; length: number }>[] = [];
    // The oldest batch in flight, written once hashed; rather than wait for the threads, this
    // thread meanwhile hashes chunks they have not started.
    const finishOldest = async () => {
      const oldest = inFlight.shift()!;
      await hashing?.hashWhileWaiting(oldest);
      await finishBatch(oldest);
    };
    try {
      for await (const batch of source.scan({ ...scan, transient: inPlace })) {
        const outputs = steps.map((step) => {
          const input = compactDictionary(batch.data.children[step.index]);
          const threads = step.operator.op === 'hmac' ? hashing?.threadsFor(input) : undefined;
          return threads ? threads.hash(input, new Utf8()) : step.operator.apply(input);
        });
        const length = batch.numRows;
        const pending = Promise.all(outputs).then((done) => {
          const children: Data[] = new Array(outSchema.fields.length);
          steps.forEach((step, j) => {
            step.changed += done[j].changed;
            // A string column whose dictionary spilled mid-file arrives plain; the output keeps one type.
            if (done[j].data) children[step.outputIndex] = inShape(done[j].data!, outSchema.fields[step.outputIndex].type);
          });
          return { children, length };
        });
        // Awaited in turn below; a failure meanwhile must not surface as unhandled.
        pending.catch(() => undefined);
        inFlight.push(pending);
        // A batch read in place must be written before the loader reuses its memory.
        if (inFlight.length > (inPlace ? 0 : HASHED_IN_FLIGHT)) await finishOldest();
      }
      while (inFlight.length > 0) await finishOldest();
    } finally {
      await hashing?.close();
    }
    const risk = judgeRisk(measured.summary(target?.k ?? null), target);
    if (risk.k_status === 'below-target' && target?.refuseBelow) throw shortfall(risk);
    // Sealed but not yet in place: the manifest records its hash, then both appear together.
    const written = await writer.finish();
    const files = maskPartitions(await source.provenance(), steps);
    const manifest: MaskManifest = {
      schema: 'fairaudit/mask-manifest@1',
      tool: { name: 'fairaudit', version: VERSION },
      profile: plan.profile,
      input: { name: source.name, files, rows },
      output: { path: written.path, format: written.format, bytes: written.bytes, sha256: written.sha256, rows: written.rows, columns: outNames },
      columns: steps.map((s) => {
        const planned = plan.columns.find((c) => c.column === s.name);
        return {
          column: s.name,
          operator: s.operator.op,
          rule: planned?.rule ?? { op: 'keep' },
          reason: planned?.reason ?? 'not in the plan: kept',
          values_changed: s.changed,
          cells_suppressed: s.suppressed,
        };
      }),
      key_fingerprint: fingerprint ? await fingerprint : null,
      risk,
      suppressed_cells: suppressedCells,
    };
    manifestFile = await AtomicFile.create(manifestPath(options.out));
    await manifestFile.write(Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
    await manifestFile.seal();
    await commitAll([writer.file, manifestFile]);
    return manifest;
  } catch (error) {
    await writer?.abort();
    await manifestFile?.abort();
    throw error;
  }
}

export { MASKED_PARTITION } from './partition-paths.js';

/**
 * Refuses column names that are personal data (an e-mail address, a person's full name, a phone
 * or card number): every copy carries its names, in a header line or a schema, and no rule masks
 * them. Most often the first line of a file without a header was read as one (a stray header row
 * further down can make its columns look like text, so the first line looks like names). The
 * error names the columns by position and never quotes them.
 */
function refuseIdentifyingNames(source: DataSource): void {
  const positions = source.schema.fields.flatMap((f, i) => (identifyingValue(f.name) ? [i + 1] : []));
  if (positions.length === 0) return;
  const which = positions.length === 1 ? `the name of column ${positions[0]} holds` : `the names of columns ${positions.join(', ')} hold`;
  throw new UserError(`${which} personal data (an e-mail address, a person's name or a number that identifies someone), and every copy carries its column names`, {
    file: source.files.length === 1 ? source.files[0].path : undefined,
    hint: 'if the first line is a row of data, pass --no-header, with --columns a,b,… to name the columns; else rename those columns',
  });
}

/**
 * The input files as the manifest lists them: a hive partition value of a column the plan masks,
 * or of one that looks identifying by its name or values (`email=alice@corp.example/`), is
 * replaced by {@link MASKED_PARTITION} in the folder name and in `partitions`, so the manifest
 * never carries a raw identifier through a path.
 */
export function maskPartitions(files: FileProvenance[], steps: readonly { name: string; operator: { op: string } }[]): FileProvenance[] {
  const masked = steps.filter((s) => s.operator.op !== 'keep').map((s) => s.name);
  return maskPartitionPaths(files, identifyingPartitions(files, { masked }));
}

/** The risk summary with where it stands against the target k (and the k the user accepted). */
function judgeRisk(risk: RiskSummary, target: MaskOptions['target']): RiskSummary {
  if (risk.k_achieved === null) return { ...risk, k_status: 'not-measured' };
  if (!target) return { ...risk, k_status: 'no-target' };
  if (risk.k_achieved >= target.k) return { ...risk, k_status: 'meets-target' };
  if (target.allow !== undefined && risk.k_achieved >= target.allow) return { ...risk, k_status: 'below-target-accepted', k_accepted: target.allow };
  return { ...risk, k_status: 'below-target', ...(target.allow !== undefined ? { k_accepted: target.allow } : {}) };
}

/** The one-line refusal of a copy below its target k: which columns, how small, and the three ways out. */
export function shortfall(risk: RiskSummary): UserError {
  const k = risk.k_achieved ?? 0;
  const records = risk.records_below_k === 1 ? '1 record' : `${risk.records_below_k.toLocaleString('en-US')} records`;
  return new UserError(
    `the masked copy is not safe to share: k = ${k} over ${risk.quasi_identifiers.join(', ')} is below the target k = ${risk.k_target} ` +
      `(the smallest class holds ${k === 1 ? '1 record' : `${k} records`}; ${records} in classes below ${risk.k_target}); nothing was written`,
    {
      exitCode: ExitCode.checkFailed,
      hint: `generalize those columns further in mask.columns, pass --enforce to suppress their values in small classes, or accept it with --allow-k ${k}`,
    },
  );
}

/** The chunk of column `name` in a projected batch (found by name: a loader may order columns its own way). */
function childOf(batch: RecordBatch, name: string): Data {
  const index = batch.schema.fields.findIndex((f) => f.name === name);
  if (index < 0) throw new Error(`the scan did not return column "${name}"`);
  return batch.data.children[index];
}

/** Where the manifest of `out` goes: `<out>.manifest.json`. */
export function manifestPath(out: string): string {
  return `${out}.manifest.json`;
}

/** Formats whose loaders code strings in a dictionary that turns plain past its bound (src/load/dictionary.ts). */
const SPILLING_FORMATS: ReadonlySet<DataFormat> = new Set<DataFormat>(['csv', 'tsv', 'jsonl']);

/** Whether column `index` of `source` may arrive as plain strings, the only chunks hashing threads take. */
function mayArrivePlain(source: DataSource, index: number): boolean {
  return !DataType.isDictionary(source.schema.fields[index].type) || source.files.some((file) => SPILLING_FORMATS.has(file.format));
}

function buildSteps(schema: Schema, plan: MaskPlan, key: Buffer | undefined): ColumnStep[] {
  const names = schema.fields.map((f) => f.name);
  for (const planned of plan.columns) {
    if (!names.includes(planned.column)) throw unknownColumn(planned.column, names, { flag: `mask.columns.${planned.column}` });
  }
  // Rewritten columns get dictionary ids above every input dictionary's, so no two collide.
  let nextId = 1 + Math.max(-1, ...schema.fields.map((f) => (DataType.isDictionary(f.type) ? f.type.id : -1)));
  let outputIndex = 0;
  return schema.fields.map((field, index) => {
    const planned = plan.columns.find((c) => c.column === field.name);
    const rule: MaskRule = planned?.rule ?? { op: 'keep' };
    const operator = createOperator(field.name, rule, field.type, key, rule.op === 'keep' ? undefined : nextId++);
    const step = { index, name: field.name, operator, outputIndex: operator.outputType === null ? -1 : outputIndex, changed: 0, suppressed: 0 };
    if (operator.outputType !== null) outputIndex++;
    return step;
  });
}

function checkColumns(columns: readonly string[], outNames: readonly string[], flag: string, steps: ColumnStep[]): string[] {
  for (const name of columns) {
    if (outNames.includes(name)) continue;
    if (steps.some((s) => s.name === name)) {
      throw new UserError(`column "${name}" is dropped by the mask plan, so it cannot be measured`, { column: name, hint: `remove it from ${flag} or keep the column` });
    }
    throw unknownColumn(name, outNames, { flag });
  }
  return [...new Set(columns)];
}
