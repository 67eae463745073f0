import { channel, defineCommand, member, subcommand, text } from '../src/app/command.ts';
import { setAdmin } from '../src/services/coop/admins.ts';
import { rules } from '../src/services/coop/rules.ts';
import { setup } from '../src/services/coop/setup.ts';
import { report } from '../src/services/coop/report.ts';

const who = member('the member', { required: true });

export const coopCommand = defineCommand({
  name: 'coop',
  description: 'Co-op settings (admins)',
  subcommands: {
    setup: subcommand({
      description: "Admin: set the co-op's timezone and channel",
      adminOnly: true,
      options: {
        timezone: text('IANA timezone, like Europe/London', { required: true, maxLength: 64, example: 'Europe/London' }),
        channel: channel('where requests and offers are posted'),
        checkin: text('weekly check-in time, like "sun 19:00"', { maxLength: 30, example: '"sun 19:00"' }),
      },
      run: (ctx, args) => setup(ctx, args.timezone, args.channel, args.checkin),
    }),
    rules: subcommand({
      readOnly: (args) => args.name === undefined && args.value === undefined,
      description: 'Show the rules; admins change one',
      options: {
        name: text('the rule to change', { maxLength: 40, example: 'cap' }),
        value: text('its new value', { maxLength: 20, example: '30' }),
      },
      run: (ctx, args) => rules(ctx, args.name, args.value),
    }),
    report: subcommand({
      readOnly: true,
      description: 'Admin: balances and activity, with a CSV file',
      adminOnly: true,
      options: {},
      run: (ctx) => report(ctx),
    }),
    'admin add': subcommand({
      description: 'Admin: make a member a co-op admin',
      adminOnly: true,
      options: { member: who },
      run: (ctx, args) => setAdmin(ctx, args.member, true),
    }),
    'admin remove': subcommand({
      description: 'Admin: remove a co-op admin',
      adminOnly: true,
      options: { member: who },
      run: (ctx, args) => setAdmin(ctx, args.member, false),
    }),
  },
});
