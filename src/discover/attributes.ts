/**
 * What an audit takes from discovery when the user names nothing: the protected attributes to
 * audit, and the label, prediction and score columns when their names leave no doubt.
 */
import { nameTokens } from './names.js';
import type { ColumnFinding, DiscoveryResult, ProtectedKind } from '../results/index.js';

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

/**
 * Whole names (as tokens, accents removed) that leave no doubt about a column's role, in tiers:
 * a column in an earlier tier wins over columns in later ones, and two columns in the same tier
 * leave the role open (`label` and `target` side by side: which one is the outcome?). English
 * first, then the languages the sensitive-name rules cover (Spanish, French, German, Portuguese).
 */
const ROLE_NAMES: Record<Role, readonly (readonly string[])[]> = {
  label: [
    [
      'label', 'target', 'y', 'outcome', 'class', 'ground truth', 'actual', 'truth', 'y true', 'true label',
      // Aequitas' input columns: label_value (the true outcome) beside score (the decision).
      'label value', 'target label', 'true class', 'true outcome', 'actual label', 'y test', 'gt',
      // es, fr, de, pt
      'etiqueta', 'objetivo', 'resultado', 'clase', 'cible', 'resultat', 'etiquette', 'classe', 'ziel', 'zielvariable', 'ergebnis', 'klasse',
      'rotulo', 'alvo', 'desfecho',
    ],
    [
      // The outcome a fairness dataset is about: repayment and default, hiring and admission,
      // churn, recidivism (ProPublica's two_year_recid is the one its analysis audits), income.
      'repaid', 'default', 'defaulted', 'is default', 'loan default', 'default payment next month', 'default payment',
      'hired', 'admitted', 'churn', 'churned', 'is churn', 'churn flag', 'exited', 'attrition',
      'two year recid', 'recidivism', 'recidivated', 'income', 'income class', 'class label',
      'impago', 'moroso', 'contratado', 'admitido', 'abandono', 'reincidencia', 'reincidente',
      'defaut', 'embauche', 'admis', 'resiliation', 'recidive',
      'ausfall', 'zahlungsausfall', 'eingestellt', 'zugelassen', 'kundigung', 'abwanderung', 'ruckfall', 'ruckfallig',
      'inadimplencia', 'inadimplente', 'reincidiu',
    ],
    ['is recid', 'recid', 'is violent recid', 'two year recid violent'],
  ],
  prediction: [
    [
      'prediction', 'predicted', 'pred', 'decision', 'approved', 'y pred', 'y hat', 'yhat', 'predicted label',
      'pred label', 'model decision', 'approval', 'predicted class', 'model prediction', 'predicted outcome', 'y predicted',
      // A tool's selection, as NYC Local Law 144 calls the decision of an automated employment tool.
      'selected',
      // es, fr, de, pt
      'prediccion', 'decision modelo', 'aprobado', 'seleccionado', 'prevision', 'approuve', 'selectionne',
      'vorhersage', 'prognose', 'entscheidung', 'genehmigt', 'ausgewahlt', 'predicao', 'previsao', 'decisao', 'aprovado', 'selecionado',
    ],
  ],
  score: [
    [
      'score', 'probability', 'prob', 'proba', 'y score', 'y prob', 'y proba', 'risk score', 'decile score',
      'predicted probability', 'pred prob', 'model score', 'pred score', 'predicted score',
      // es, fr, de, pt
      'puntuacion', 'puntaje', 'probabilidad', 'probabilite', 'wahrscheinlichkeit', 'punktzahl', 'pontuacao', 'probabilidade',
    ],
  ],
};

type Role = 'label' | 'prediction' | 'score';
const ROLES: readonly Role[] = ['label', 'prediction', 'score'];
const ROLE_TIERS: Record<Role, ReadonlySet<string>[]> = {
  label: ROLE_NAMES.label.map((tier) => new Set(tier)),
  prediction: ROLE_NAMES.prediction.map((tier) => new Set(tier)),
  score: ROLE_NAMES.score.map((tier) => new Set(tier)),
};

function isNumeric(finding: ColumnFinding): boolean {
  return /Int|Float|Decimal|Double/i.test(finding.type);
}

/**
 * The label, prediction and score columns, each only when one column's whole name says so more
 * clearly than any other (`label`, `target`, `y_true`, `label_value`, `two_year_recid`,
 * `churn`; `prediction`, `y_pred`, `approved`; `score`, `probability`, and the same words in the
 * languages of the name rules) and its values fit: a label or prediction has at most two distinct
 * values, a score is numeric with more. A column named like a score that holds only two values is
 * a decision (Aequitas names its 0/1 decision `score`): it is suggested as the prediction when no
 * column is named like one. Protected and identifying columns are never suggested.
 *
 * @example
 * suggestRoles(result); // { label: 'repaid', prediction: 'approved' }
 */
export function suggestRoles(result: DiscoveryResult): { label?: string; prediction?: string; score?: string } {
  const roles: { label?: string; prediction?: string; score?: string } = {};
  const usable = result.columns.filter((f) => !f.categories.includes('protected') && !f.categories.includes('identifier'));
  const named = (role: Role, fits: (f: ColumnFinding) => boolean): string | undefined => {
    for (const tier of ROLE_TIERS[role]) {
      const found = usable.filter((f) => tier.has(nameTokens(f.column).join(' ')) && fits(f));
      if (found.length === 1) return found[0].column;
      if (found.length > 1) return undefined;
    }
    return undefined;
  };
  const binary = (f: ColumnFinding) => f.distinct <= 2;
  roles.label = named('label', binary);
  roles.prediction = named('prediction', binary);
  roles.score = named('score', (f) => isNumeric(f) && f.distinct > 2);
  if (!roles.prediction) roles.prediction = named('score', binary);
  for (const role of ROLES) if (roles[role] === undefined) delete roles[role];
  return roles;
}

/**
 * The columns whose whole name says `role`, whatever their values: for init to point at a
 * `target` with five values when it cannot propose it as a binary label.
 *
 * @example
 * namedForRole(result, 'label'); // ['target']
 */
export function namedForRole(result: DiscoveryResult, role: Role): string[] {
  return result.columns
    .filter((f) => !f.categories.includes('protected') && !f.categories.includes('identifier'))
    .filter((f) => ROLE_TIERS[role].some((tier) => tier.has(nameTokens(f.column).join(' '))))
    .map((f) => f.column);
}
