/**
 * The lines `fairaudit init` leaves for a person to fill in. When discovery cannot tell which
 * column is the label, prediction or score, init writes the role commented out with a
 * placeholder (`# label: COLUMN`) and says which line to fill in; an audit run with that config
 * unchanged says the same, naming the config file and the line. Pure: text in, facts out.
 */
import { UserError } from '../errors.js';

/** What init writes where a column name belongs. */
const COLUMN_PLACEHOLDER = 'COLUMN';
/** What init writes where the positive value belongs. */
const VALUE_PLACEHOLDER = 'VALUE';

/** The keys init may leave open: the outcome columns, and `positive` when no value is a default one. */
export type OpenRole = 'label' | 'prediction' | 'score' | 'positive';

/** One role left open in a config's text. */
export interface OpenRoleLine {
  role: OpenRole;
  /** 1-based line number in the config file. */
  line: number;
}

/** What each role's column holds, for the instruction. */
const ROLE_MEANING: Record<OpenRole, string> = {
  label: 'the true outcome',
  prediction: "the model's decision",
  score: "the model's numeric score",
  positive: 'the value (or [list, of, values]) that counts as 1',
};

/**
 * The placeholder line init writes for `role`, commented out so the config stays valid.
 *
 * @example
 * placeholderLine('label'); // '# label: COLUMN'
 */
export function placeholderLine(role: OpenRole): string {
  return `# ${role}: ${role === 'positive' ? VALUE_PLACEHOLDER : COLUMN_PLACEHOLDER}`;
}

/**
 * The roles a config's text leaves open: each line that is exactly a {@link placeholderLine}.
 *
 * @example
 * openRoleLines('dataset: x\n# label: COLUMN\n'); // [{ role: 'label', line: 2 }]
 */
function openRoleLines(text: string): OpenRoleLine[] {
  const found: OpenRoleLine[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const match = /^#\s?(label|prediction|score):\s*COLUMN\s*$|^#\s?(positive):\s*VALUE\s*$/.exec(line);
    if (match) found.push({ role: (match[1] ?? match[2]) as OpenRole, line: i + 1 });
  });
  return found;
}

/** How to fill in one open role line, for comments and errors alike. */
export function fillInText(open: OpenRoleLine): string {
  const what = open.role === 'positive' ? `${ROLE_MEANING.positive} in place of ${VALUE_PLACEHOLDER}` : `the name of the column holding ${ROLE_MEANING[open.role]} in place of ${COLUMN_PLACEHOLDER}`;
  return `fill in line ${open.line} ("${placeholderLine(open.role)}"): write ${what} and remove the "# "`;
}

/**
 * The error for an audit under a config whose text (`text`, from `path`) still holds init's
 * placeholder lines for what the audit lacks: no label, prediction or score, or no `positive`
 * where init found none of the outcome's values counts as 1 by default. One line naming the file,
 * the line to fill in and how; undefined when nothing the audit lacks is a placeholder.
 */
export function openRoleError(
  text: string,
  path: string,
  config: { label?: string; prediction?: string; score?: string; positive?: unknown },
): UserError | undefined {
  const open = openRoleLines(text);
  const roles = open.filter((o) => o.role !== 'positive');
  if (!config.label && !config.prediction && !config.score && roles.length > 0) {
    const first = roles[0];
    const others = roles.slice(1).map((o) => `line ${o.line} for the ${o.role}`);
    return new UserError('nothing to audit: the config sets no label, prediction or score column', {
      file: path,
      line: first.line,
      hint: `${fillInText(first)}${others.length ? ` (or ${others.join(', ')})` : ''}; or pass --${first.role} COLUMN`,
    });
  }
  const positive = open.find((o) => o.role === 'positive');
  if (config.positive === undefined && positive) {
    return new UserError('the config leaves positive to fill in: no value of the outcome counts as 1 by default', {
      file: path,
      line: positive.line,
      hint: `${fillInText(positive)}; or pass --positive VALUE`,
    });
  }
  return undefined;
}
