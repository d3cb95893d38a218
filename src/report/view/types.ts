/**
 * The report's view model types: everything the templates show, already in words and formatted
 * numbers. Pure.
 */
import type { HistoryEntry } from '../../history/entry.js';
import type { Verdict } from '../../results/index.js';
import type { Warning } from '../../warnings.js';
import type { ErrorRateRow, ImpactChartRow, RateChartRow } from '../charts.js';
import type { ComparisonView } from '../comparison-view.js';
import type { ComplianceRow } from '../compliance.js';
import type { MetadataRow } from './metadata.js';
import type { RepresentativenessView } from './representativeness.js';
import type { OutcomeView } from './outcome.js';
import type { MetricDefinition } from '../definitions.js';
import type { TrendChartSpec, TrendView } from '../trend-view.js';

/** A chart to draw, by kind; the `chart` template helper turns it into SVG. */
export type ChartSpec =
  | { type: 'selection'; id: string; title: string; rateLabel: string; rows: RateChartRow[] }
  | { type: 'impact'; id: string; title: string; threshold: number; rows: ImpactChartRow[] }
  | { type: 'errors'; id: string; title: string; rows: ErrorRateRow[] }
  | TrendChartSpec;

/** A table cell: the value, its interval when it has one, and whether it is undefined. */
export interface Cell {
  text: string;
  interval?: string;
  na?: boolean;
}

export interface StatusView {
  judged: boolean;
  text: string;
}

export interface CheckRow {
  metric: string;
  label: string;
  attribute: string;
  group?: string;
  value: string;
  interval?: string;
  threshold: string;
  verdict: Verdict;
  inconclusive: boolean;
  message: string;
  /** "Accepted until 2025-06-30 by ana: reason", or "Acceptance expired …". */
  accepted?: string;
  /** Whether the acceptance is still in force (the finding does not count) or expired (it counts). */
  acceptance?: 'in-force' | 'expired';
  drift: boolean;
}

export interface GroupRow {
  label: string;
  n: string;
  share: string;
  cells: Cell[];
  impactRatio: Cell;
  belowFourFifths: boolean;
  isReference: boolean;
  status: StatusView;
}

export interface RepresentationRow {
  label: string;
  n: string;
  share: string;
  baseRate: Cell;
  classImbalance?: string;
  dpl?: string;
  status: StatusView;
}

export interface AggregateRow {
  name: string;
  label: string;
  value: string;
  interval: string;
  verdict?: Verdict;
  inconclusive?: boolean;
  note?: string;
}

/** A group against the reference group: average odds difference, the test, CDD. */
export interface FurtherRow {
  label: string;
  aod: Cell;
  test: string;
  p: string;
  q: string;
  significant: boolean;
  cdd?: Cell;
  isReference: boolean;
}

/** A group's score metrics (AUC, calibration, LL144 scoring rate). */
export interface ScoreRow {
  label: string;
  n: string;
  auc: Cell;
  meanScore: Cell;
  ece: Cell;
  scoringRate: Cell;
  scoringImpact: Cell;
  below: boolean;
  status: StatusView;
}

/** A group's pre-training (label) metrics against the other groups. */
export interface DatasetRow {
  label: string;
  cells: string[];
}

export interface AttributeView {
  id: string;
  name: string;
  kindLabel: string;
  isIntersection: boolean;
  features: string;
  referenceText: string;
  /** Multiclass and regression: what this section's rates mean there, and a link to the task's section; null in a binary audit. */
  taskNote: { text: string; href: string; link: string; after: string } | null;
  columns: { key: string; label: string; full: string }[];
  /** Multiclass without favorable classes: no group has an impact ratio, so no column for it (always false in a binary audit). */
  hideImpact: boolean;
  groups: GroupRow[];
  representation: RepresentationRow[];
  showDatasetMetrics: boolean;
  /** Summary metrics the policy checks (and the key ones), first; the rest in `otherAggregates`. */
  aggregates: AggregateRow[];
  otherAggregates: AggregateRow[];
  charts: ChartSpec[];
  judgedCount: number;
  groupCount: number;
  /** Aequitas' disparity table: each group's ppr and rates divided by the reference group's. */
  disparities: DisparityTable | null;
  /** Average odds difference, the test and CDD per group, against `further.reference`. */
  further: { reference: string; hasAod: boolean; hasTests: boolean; hasCdd: boolean; rows: FurtherRow[] } | null;
  scores: ScoreRow[] | null;
  /** Pre-training metrics per group (label audits). */
  dataset: DatasetRow[] | null;
}

/** Disparities to the reference group (Aequitas): one row per group, one column per rate shown. */
export interface DisparityTable {
  reference: string;
  /** What PPR is a share of: "predicted positives", or "positive labels" in a label audit. */
  positives: string;
  columns: { key: string; label: string }[];
  rows: { label: string; isReference: boolean; ppr: string; cells: { text: string; na?: boolean }[] }[];
}

export interface DiscoveryRow {
  column: string;
  type: string;
  categories: string;
  kind: string;
  confidence: string;
  evidence: string[];
  action: string;
  examples: string;
}

export interface ProxyRow {
  column: string;
  attribute: string;
  cramersV: string;
  strength: string;
}

export interface MaskingView {
  columns: { column: string; operator: string; detail: string }[];
  figures: { label: string; value: string }[];
}

/** A numbered section of the report, in order; optional sections are left out when empty. */
export interface SectionRef {
  id: string;
  title: string;
  number: number;
}

export interface ReportView {
  /** Sections in order, numbered; `sec` maps section id → number for references in the text. */
  sections: SectionRef[];
  sec: Record<string, number>;
  dataset: string;
  createdAt: string;
  toolVersion: string;
  rowsRead: string;
  /** Whether some group is `(missing)` (rows with no value), which the representation explains. */
  hasMissingGroup: boolean;
  /** `fairaudit · <dataset> · <date>`, for the printed page header. */
  printHeader: string;
  verdict: { verdict: Verdict; headline: string; explanation: string; exitCode: number; failOn: string };
  /** Set for a label-only audit: what the rates are of. */
  labelOnly: string | null;
  checks: CheckRow[];
  findings: string[];
  provenance: {
    rows: { label: string; value: string; mono?: boolean }[];
    files: { path: string; format: string; size: string; sha256: string; partitions?: string }[];
    models: { path: string; size: string; sha256: string }[];
    /** Why there is no model table, for an audit of predictions. */
    modelsNote: string | null;
    /** The database or count table the audit was counted from (engine, address, table or query, hashes); null for files. */
    source: { label: string; value: string; mono?: boolean }[] | null;
  };
  warnings: Warning[];
  sensitive: { columns: string; byDiscovery: boolean };
  bins: { feature: string; method: string; labels: string }[];
  discovery: { sampleRows: string; rowsSeen: string; rows: DiscoveryRow[]; quietColumns: number } | null;
  attributes: AttributeView[];
  intersections: AttributeView[];
  proxies: ProxyRow[] | null;
  masking: MaskingView | null;
  comparison: ComparisonView | null;
  trend: TrendView | null;
  /** Dataset (pre-training) metric names, in table order, for label audits. */
  datasetColumns: { key: string; label: string; full: string }[];
  compliance: ComplianceRow[];
  /** The date the compliance map was last reviewed. */
  complianceAsOf: string;
  /** Who audited what (`audit:`), at the top of the report; null without it. */
  metadata: MetadataRow[] | null;
  representativeness: RepresentativenessView;
  /** The multiclass or regression section (null for a binary audit). */
  outcome?: OutcomeView | null;
  definitions: MetricDefinition[];
  limitations: { smallGroups: string[]; undefinedRates: string[]; aggregateNotes: string[]; minGroupSize: number; ll144: boolean };
}

/** What the report shows beyond the results themselves. */
export interface ViewOptions {
  /** Earlier runs from a history file, oldest first, this run last: drawn as a trend. */
  history?: readonly HistoryEntry[];
  /** The fingerprint of the key the outputs are signed with, when they are (`--sign-key`). */
  signer?: string;
}
