import { defineCommand, subcommand, text } from '../src/app/command.ts';
import { breakStats, logBreak } from '../src/services/breaks/breaks.ts';

export const breakCommand = defineCommand({
  name: 'break',
  description: 'Your breaks: log one, see your private streak',
  subcommands: {
    log: subcommand({
      description: 'Record a break you took (only you see it)',
      options: { note: text('what you did, for yourself', { maxLength: 200, example: '"a walk by the river"' }) },
      run: (ctx, args) => logBreak(ctx, args.note),
    }),
    stats: subcommand({
      readOnly: true,
      description: 'Your private streak and totals',
      options: {},
      run: (ctx) => breakStats(ctx),
    }),
  },
});
