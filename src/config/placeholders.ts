/**
 * The lines `fairaudit init` leaves for a person to fill in. When discovery cannot tell which
 * column is the label, prediction or score, init writes the role commented out with a
 * placeholder (`# label: COLUMN`) and says which line to fill in; an audit run with that config
 * unchanged says the same, naming the config file and the line. Pure: text in, facts out.
 */
import { UserError } from '../errors.js';

/** What init writes where a column name belongs. */
export const COLUMN_PLACEHOLDER = 'COLUMN';

/** The outcome roles init may leave open. */
export type OpenRole = 'label' | 'prediction' | 'score';

/** One role left open in a config's text. */
export interface OpenRoleLine {
  role: OpenRole;
  /** 1-based line number in the config file. */
  line: number;
}

/** What each role's column holds, for the instruction. */
export const ROLE_MEANING: Record<OpenRole, string> = {
  label: 'the true outcome',
  prediction: "the model's decision",
  score: "the model's numeric score",
};

/**
 * The placeholder line init writes for `role`, commented out so the config stays valid.
 *
 * @example
 * placeholderLine('label'); // '# label: COLUMN'
 */
export function placeholderLine(role: OpenRole): string {
  return `# ${role}: ${COLUMN_PLACEHOLDER}`;
}

/**
 * The roles a config's text leaves open: each line that is exactly a {@link placeholderLine}.
 *
 * @example
 * openRoleLines('dataset: x\n# label: COLUMN\n'); // [{ role: 'label', line: 2 }]
 */
export function openRoleLines(text: string): OpenRoleLine[] {
  const found: OpenRoleLine[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const match = /^#\s?(label|prediction|score):\s*COLUMN\s*$/.exec(line);
    if (match) found.push({ role: match[1] as OpenRole, line: i + 1 });
  });
  return found;
}

/** How to fill in one open role line, for comments and errors alike. */
export function fillInText(open: OpenRoleLine): string {
  return `fill in line ${open.line} ("${placeholderLine(open.role)}"): write the name of the column holding ${ROLE_MEANING[open.role]} in place of ${COLUMN_PLACEHOLDER} and remove the "# "`;
}

/**
 * The error for an audit with nothing to audit under a config whose text (`text`, from `path`)
 * still holds init's placeholder lines: one line naming the file, the line to fill in and how.
 * Undefined when the text has no placeholder (the generic error applies).
 */
export function openRoleError(text: string, path: string): UserError | undefined {
  const open = openRoleLines(text);
  if (open.length === 0) return undefined;
  const first = open[0];
  const others = open.slice(1).map((o) => `line ${o.line} for the ${o.role}`);
  return new UserError('nothing to audit: the config sets no label, prediction or score column', {
    file: path,
    line: first.line,
    hint: `${fillInText(first)}${others.length ? ` (or ${others.join(', ')})` : ''}; or pass --${first.role} COLUMN`,
  });
}
