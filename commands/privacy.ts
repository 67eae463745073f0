import { choice, defineCommand, subcommand } from '../src/app/command.ts';
import { exportMyData } from '../src/services/privacy/export.ts';
import { forgetMe } from '../src/services/privacy/forget.ts';

export const privacyCommand = defineCommand({
  name: 'privacy',
  description: 'Your data: take a copy, or have Breather forget you',
  subcommands: {
    export: subcommand({ description: 'Everything Breather holds about you here, as a file (private)', options: {}, run: (ctx) => exportMyData(ctx) }),
    forget: subcommand({
      description: 'Remove you from Breather here (ledger entries stay, without your name)',
      options: { confirm: choice('yes, once you have read what happens', ['yes'] as const) },
      run: (ctx, args) => forgetMe(ctx, args.confirm),
    }),
  },
});
