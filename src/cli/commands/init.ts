import type { Command } from '../command.js';
import { UserError } from '../../errors.js';

/** `fairaudit init`: placeholder until its capability lands. */
export const initCommand: Command = {
  command: 'init',
  describe: '(not available yet)',
  builder: (y) => y,
  run: async () => {
    throw new UserError('"init" is not available in this version yet');
  },
};
