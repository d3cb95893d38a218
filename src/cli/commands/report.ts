import type { Command } from '../command.js';
import { UserError } from '../../errors.js';

/** `fairaudit report`: placeholder until its capability lands. */
export const reportCommand: Command = {
  command: 'report',
  describe: '(not available yet)',
  builder: (y) => y,
  run: async () => {
    throw new UserError('"report" is not available in this version yet');
  },
};
