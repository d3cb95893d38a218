/** fairaudit's public library surface, by name. */
export { UserError, ExitCode } from './errors.js';
export type { DataSource, FileProvenance, DataFormat, ScanOptions } from './load/source.js';
export type { AuditConfig, ResolvedConfig } from './config/types.js';
export type { AuditResults, AttributeResult, GroupResult, CheckResult } from './audit/results.js';
