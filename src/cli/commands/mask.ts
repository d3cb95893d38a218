import type { Command } from '../command.js';
import { UserError } from '../../errors.js';

/** `fairaudit mask`: placeholder until its capability lands. */
export const maskCommand: Command = {
  command: 'mask',
  describe: '(not available yet)',
  builder: (y) => y,
  run: async () => {
    throw new UserError('"mask" is not available in this version yet');
  },
};
