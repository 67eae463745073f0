import { channel, choice, defineCommand, integer, member, subcommand, text } from '../src/app/command.ts';
import { setAdmin } from '../src/services/coop/admins.ts';
import { rules } from '../src/services/coop/rules.ts';
import { setup } from '../src/services/coop/setup.ts';
import { report } from '../src/services/coop/report.ts';
import { resolveDispute } from '../src/services/coop/resolve.ts';
import { adminAddToHousehold, adminRemoveFromHousehold } from '../src/services/households/admin.ts';

const who = member('the member', { required: true });
const partner = member('someone in the household', { required: true });
/** Free text: "Europe/London", "America/Argentina/Buenos_Aires", "UTC". */
const TIMEZONE = /^(?:[A-Za-z][A-Za-z_-]*(?:\/[A-Za-z0-9_+-]+)+|UTC|GMT)$/;

export const coopCommand = defineCommand({
  name: 'coop',
  description: 'Co-op settings (admins)',
  subcommands: {
    setup: subcommand({
      description: "Admin: set the co-op's timezone and channel",
      adminOnly: true,
      options: {
        timezone: text('IANA timezone, like Europe/London', { required: true, maxLength: 64, example: 'Europe/London', pattern: TIMEZONE }),
        channel: channel('where requests and offers are posted'),
        checkin: text('weekly check-in time, like "sun 19:00"', { maxLength: 30, example: '"sun 19:00"' }),
        dates: choice('how dates are written: dmy (12/5 = 12 May) or mdy (12/5 = December 5)', ['dmy', 'mdy'] as const),
        digest: choice("the weekly summary in the channel (anonymous totals)", ['on', 'off'] as const, { byName: true }),
      },
      run: (ctx, args) => setup(ctx, args.timezone, args.channel, args.checkin, args.dates, args.digest),
    }),
    rules: subcommand({
      readOnly: (args) => args.name === undefined && args.value === undefined,
      description: 'Show the rules; admins change one',
      options: {
        name: text('the rule to change', { maxLength: 40, example: 'cap', free: 'word' }),
        value: text('its new value', { maxLength: 20, example: '30', free: 'word' }),
      },
      run: (ctx, args) => rules(ctx, args.name, args.value),
    }),
    resolve: subcommand({
      description: 'Admin: end a dispute: pay as booked, pay some hours, or nothing happened',
      adminOnly: true,
      options: {
        id: integer('the swap number, like 12', { required: true, min: 1, max: 1_000_000, example: '12' }),
        pay: choice('booked, hours or none', ['booked', 'hours', 'none'] as const, { required: true }),
        hours: text('with pay:hours, the hours to pay, like 2.5', { maxLength: 10, example: '2.5' }),
        note: text('why, for the families and the record', { maxLength: 200, example: '"the sitter left early"' }),
        family: member("a session's family, when several are waiting"),
      },
      run: (ctx, args) => resolveDispute(ctx, args.id, args.pay, args.hours, args.note, args.family),
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
    'household add': subcommand({
      description: "Admin: put a member in someone's household, as they asked",
      adminOnly: true,
      options: { member: who, with: partner },
      run: (ctx, args) => adminAddToHousehold(ctx, args.member, args.with),
    }),
    'household remove': subcommand({
      description: 'Admin: take a member out of a household, as they asked',
      adminOnly: true,
      options: { member: who, with: partner },
      run: (ctx, args) => adminRemoveFromHousehold(ctx, args.member, args.with),
    }),
  },
});
