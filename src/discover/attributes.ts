/**
 * What an audit takes from discovery when the user names nothing: the protected attributes to
 * audit, and the label, prediction and score columns when their names leave no doubt.
 */
import { nameTokens } from './names.js';
import type { ColumnFinding, DiscoveryResult, ProtectedKind } from './types.js';

/**
 * The columns to audit as sensitive attributes: one per protected kind, never an identifier, in
 * column order. Per kind, a direct column beats a date of birth (`age` over `dob`), a column
 * whose name says so beats one found by its values alone, then the higher confidence_lower.
 *
 * @example
 * protectedAttributes(await discover(source)); // ['sex', 'race', 'age']
 */
export function protectedAttributes(result: DiscoveryResult): string[] {
  const best = new Map<ProtectedKind, ColumnFinding>();
  for (const finding of result.columns) {
    const kind = finding.protected_kind;
    if (!kind || !finding.categories.includes('protected') || finding.categories.includes('identifier')) continue;
    const current = best.get(kind);
    if (!current || better(finding, current)) best.set(kind, finding);
  }
  const chosen = new Set([...best.values()].map((f) => f.column));
  return result.columns.filter((f) => chosen.has(f.column)).map((f) => f.column);
}

function better(a: ColumnFinding, b: ColumnFinding): boolean {
  const aDirect = a.identifier_kind !== 'date_of_birth';
  const bDirect = b.identifier_kind !== 'date_of_birth';
  if (aDirect !== bDirect) return aDirect;
  const aNamed = a.matched_by?.includes('name') ?? false;
  const bNamed = b.matched_by?.includes('name') ?? false;
  if (aNamed !== bNamed) return aNamed;
  return a.confidence_lower > b.confidence_lower;
}

/** Whole names (as tokens) that leave no doubt about a column's role. */
const ROLE_NAMES = {
  label: [
    'label', 'target', 'y', 'outcome', 'class', 'ground truth', 'actual', 'truth', 'y true', 'true label', 'repaid',
    'default', 'defaulted', 'hired', 'admitted', 'churn', 'churned', 'two year recid', 'is recid',
    'recidivism', 'income', 'income class',
  ],
  prediction: [
    'prediction', 'predicted', 'pred', 'decision', 'approved', 'y pred', 'y hat', 'yhat', 'predicted label',
    'pred label', 'model decision', 'approval', 'predicted class', 'model prediction',
    // A tool's selection, as NYC Local Law 144 calls the decision of an automated employment tool.
    'selected',
  ],
  score: [
    'score', 'probability', 'prob', 'proba', 'y score', 'y prob', 'y proba', 'risk score', 'decile score',
    'predicted probability', 'pred prob', 'model score', 'pred score',
  ],
} as const;

type Role = keyof typeof ROLE_NAMES;
const ROLE_SETS: Record<Role, ReadonlySet<string>> = {
  label: new Set(ROLE_NAMES.label),
  prediction: new Set(ROLE_NAMES.prediction),
  score: new Set(ROLE_NAMES.score),
};

/**
 * The label, prediction and score columns, each only when exactly one column's whole name says
 * so (`label`, `target`, `y`, `repaid`; `prediction`, `y_pred`, `approved`; `score`,
 * `probability`), the label and prediction have at most two distinct values, and the score is
 * numeric. Protected and identifying columns are never suggested.
 *
 * @example
 * suggestRoles(result); // { label: 'repaid', prediction: 'approved' }
 */
export function suggestRoles(result: DiscoveryResult): { label?: string; prediction?: string; score?: string } {
  const candidates: Record<Role, string[]> = { label: [], prediction: [], score: [] };
  for (const finding of result.columns) {
    if (finding.categories.includes('protected') || finding.categories.includes('identifier')) continue;
    const name = nameTokens(finding.column).join(' ');
    for (const role of Object.keys(ROLE_SETS) as Role[]) {
      if (!ROLE_SETS[role].has(name)) continue;
      const fits = role === 'score' ? /Int|Float|Decimal|Double/i.test(finding.type) && finding.distinct > 2 : finding.distinct <= 2;
      if (fits) candidates[role].push(finding.column);
    }
  }
  const roles: { label?: string; prediction?: string; score?: string } = {};
  for (const role of Object.keys(candidates) as Role[]) if (candidates[role].length === 1) roles[role] = candidates[role][0];
  return roles;
}
