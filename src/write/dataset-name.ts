/**
 * The dataset name as a folder name. It comes from a config (`dataset:`) or a file name and names
 * `reports/<dataset>/` and the masked copy `<dataset>.masked.<ext>`: it must stay a name, or a
 * config could send reports or a masked copy anywhere (`dataset: ../../../elsewhere`). Pure.
 */
import { UserError } from '../errors.js';

/** Longest name kept: file systems refuse names over 255 bytes, and the masked copy adds a suffix. */
const MAX_NAME_LENGTH = 120;

/**
 * `name` when it is usable as one folder or file name; otherwise a UserError (exit 2) that says
 * why and names the config key to fix. Refused: an empty name, `.` and `..`, a name with `/`, `\`,
 * a control character, or longer than 120 characters.
 *
 * @example
 * datasetFolderName('loans-2024'); // 'loans-2024'
 * datasetFolderName('../../escape'); // throws: the dataset name must be a name, not a path
 */
export function datasetFolderName(name: string): string {
  const problem =
    name.length === 0
      ? 'is empty'
      : /[/\\]/.test(name)
        ? 'contains a path separator (/ or \\)'
        : name === '.' || name === '..'
          ? 'names a folder, not a dataset'
          : // eslint-disable-next-line no-control-regex
            /[\u0000-\u001f\u007f]/.test(name)
            ? 'contains a control character'
            : name.length > MAX_NAME_LENGTH
              ? `is longer than ${MAX_NAME_LENGTH} characters`
              : undefined;
  if (problem === undefined) return name;
  throw new UserError(`the dataset name ${JSON.stringify(name)} ${problem}: it must be a name, not a path`, {
    hint: 'set dataset: in the config to a plain name such as loans-2024',
  });
}
