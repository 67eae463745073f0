import { defineCommand, subcommand, text } from '../src/app/command.ts';
import { help } from '../src/services/help.ts';

export const helpCommand = defineCommand({
  name: 'help',
  description: 'What I can do here',
  subcommands: {
    '': subcommand({
      description: 'What I can do here',
      readOnly: true,
      options: { command: text('a command to explain, like swap', { maxLength: 30, example: 'swap' }) },
      run: (ctx, args) => help(ctx, args.command),
    }),
  },
});
