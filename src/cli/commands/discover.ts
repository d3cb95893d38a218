import type { Command } from '../command.js';
import { UserError } from '../../errors.js';

/** `fairaudit discover`: placeholder until its capability lands. */
export const discoverCommand: Command = {
  command: 'discover',
  describe: '(not available yet)',
  builder: (y) => y,
  run: async () => {
    throw new UserError('"discover" is not available in this version yet');
  },
};
