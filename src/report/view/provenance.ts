/**
 * The data and provenance section: what was read, how it was audited, and which files and models.
 * Pure.
 */
import type { AuditResults, SqlSourceProvenance } from '../../results/index.js';
import { formatBytes, formatCount, formatDate, formatDuration } from '../format.js';
import type { ReportView } from './types.js';

/** The data and provenance section: rows, columns and settings, the input files and the model files. */
export function provenance(results: AuditResults): ReportView['provenance'] {
  const { input, config, columns } = results;
  const rows: ReportView['provenance']['rows'] = [
    { label: 'Dataset', value: input.name },
    { label: 'Audit finished', value: formatDate(results.created_at) },
    { label: 'Duration', value: formatDuration(results.duration_ms) },
    { label: 'Tool', value: `${results.tool.name} ${results.tool.version}` },
    { label: 'Rows read', value: formatCount(input.rows_read) },
    { label: 'Rows used by the metrics', value: formatCount(input.rows_used) },
    { label: 'Rows with a missing label', value: formatCount(input.rows_missing_label) },
    { label: 'Rows with a missing prediction', value: formatCount(input.rows_missing_prediction) },
    {
      label: 'Outcome audited',
      value: results.outcome === 'prediction' ? "the model's predictions (compared with the true labels where known)" : 'the true labels (no predictions: a dataset audit)',
    },
  ];
  if (columns.label) rows.push({ label: 'Label column (true outcome)', value: columns.label });
  if (columns.prediction) rows.push({ label: 'Prediction column', value: columns.prediction });
  if (columns.score) rows.push({ label: 'Score column', value: `${columns.score} (positive at or above ${config.threshold})` });
  if (columns.weight) rows.push({ label: 'Weight column', value: columns.weight });
  if (columns.strata) rows.push({ label: 'Strata column', value: columns.strata });
  rows.push(
    { label: 'Favorable outcome', value: config.favorable === 'positive' ? 'a positive decision benefits the person' : 'a negative decision benefits the person' },
    {
      label: 'Minimum group size',
      value:
        config.mode === 'll144'
          ? 'not used: LL144 leaves out categories under 2% of the data'
          : config.min_group_size === 0
            ? 'off (every group is judged)'
            : `${formatCount(config.min_group_size)} rows`,
    },
    { label: 'Mode', value: config.mode === 'll144' ? 'NYC Local Law 144' : 'standard' },
    { label: 'Bootstrap draws', value: formatCount(config.bootstrap) },
    { label: 'Seed', value: String(results.seed) },
    { label: 'Config SHA-256', value: results.config_sha256, mono: true },
  );
  const files = input.files.map((f) => ({
    path: f.path,
    format: `${f.format}${f.gzip ? ' (gzip)' : ''}`,
    size: formatBytes(f.bytes),
    sha256: f.sha256,
    partitions: f.partitions && Object.keys(f.partitions).length ? Object.entries(f.partitions).map(([k, v]) => `${k}=${v}`).join(', ') : undefined,
  }));
  const models = (results.models ?? []).map((m) => ({ path: m.path, size: formatBytes(m.bytes), sha256: m.sha256 }));
  const modelsNote =
    models.length || results.outcome !== 'prediction'
      ? null
      : 'No model file was recorded for this audit, so the report cannot show which model made the predictions. Run the audit with --model FILE to record its SHA-256.';
  if (results.comparison) {
    const { baseline } = results.comparison;
    rows.push({ label: 'Baseline run (compared with)', value: `the audit of ${baseline.dataset} finished ${formatDate(baseline.created_at)} with fairaudit ${baseline.tool_version}` });
  }
  return { rows, files, models, modelsNote, source: input.source ? sourceRows(input.source) : null };
}

const ENGINES: Record<SqlSourceProvenance['engine'], string> = { duckdb: 'DuckDB', postgres: 'PostgreSQL', counts: 'a count table saved from a warehouse (--counts)' };

/**
 * The database source as label/value rows: it stands in for the input files' hashes, so a reader can
 * tell which table or query on which server was counted. The address is recorded without
 * credentials; every value is escaped by the template like any other.
 */
export function sourceRows(source: SqlSourceProvenance): { label: string; value: string; mono?: boolean }[] {
  const engine = Object.hasOwn(ENGINES, source.engine) ? ENGINES[source.engine] : String(source.engine);
  const rows: { label: string; value: string; mono?: boolean }[] = [{ label: 'Counted by', value: counter(engine, source.engine_version) }];
  if (source.location) rows.push({ label: 'Database address', value: source.location, mono: true });
  if (source.file) rows.push({ label: 'Count table file', value: `${source.file.path}, ${formatBytes(source.file.bytes)}, SHA-256 ${source.file.sha256}`, mono: true });
  if (source.table !== undefined) rows.push({ label: 'Table', value: source.table, mono: true });
  if (source.query !== undefined) rows.push({ label: source.engine === 'counts' ? 'Query that made the count table' : 'Query', value: source.query, mono: true });
  if (source.sha256) rows.push({ label: source.table !== undefined ? 'Table name SHA-256' : 'Query SHA-256', value: source.sha256, mono: true });
  rows.push({ label: 'Count table rows', value: formatCount(source.count_rows) }, { label: 'Count table SHA-256', value: source.count_table_sha256, mono: true });
  if (source.sample) {
    rows.push({ label: 'Discovery sample', value: `${formatCount(source.sample.rows)} rows drawn by the engine (${source.sample.method}, seed ${source.sample.seed})` });
  }
  return rows;
}

/** `DuckDB (v1.1.3)`, or the version alone when it already names the engine (`PostgreSQL 15.4 on …`). */
function counter(engine: string, version: string | undefined): string {
  if (!version) return engine;
  return version.toLowerCase().startsWith(engine.toLowerCase()) ? version : `${engine} (${version})`;
}
