import type { Command } from '../command.js';
import { UserError } from '../../errors.js';

/** `fairaudit audit`: placeholder while the pipeline is wired. */
export const auditCommand: Command = {
  command: 'audit <data..>',
  describe: 'audit data and predictions for bias',
  builder: (y) => y,
  run: async () => {
    throw new UserError('"audit" is not wired yet');
  },
};
