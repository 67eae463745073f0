import { defineCommand, subcommand, text } from '../src/app/command.ts';
import { profile } from '../src/services/members/profile.ts';

export const profileCommand = defineCommand({
  name: 'profile',
  description: 'Your settings: timezone and quiet hours',
  subcommands: {
    '': subcommand({
      description: 'Show or change your settings',
      readOnly: (args) => args.timezone === undefined && args.quiet === undefined,
      options: {
        timezone: text('IANA timezone, like Europe/London', { maxLength: 64, example: 'Europe/London' }),
        quiet: text('quiet hours, like "21:00-08:00", or off', { maxLength: 20, example: '"21:00-08:00"' }),
      },
      run: (ctx, args) => profile(ctx, args.timezone, args.quiet),
    }),
  },
});
