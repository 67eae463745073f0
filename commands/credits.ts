import { defineCommand, integer, member, subcommand, text } from '../src/app/command.ts';
import { adjust } from '../src/services/credits/adjust.ts';
import { balance, history } from '../src/services/credits/balance.ts';
import { give } from '../src/services/credits/give.ts';
import { reverse } from '../src/services/credits/reverse.ts';

export const creditsCommand = defineCommand({
  name: 'credits',
  description: 'Your co-op credits',
  subcommands: {
    balance: subcommand({
      readOnly: true,
      description: 'Your balance (always private)',
      options: { member: member("someone else's balance (admins only)") },
      run: (ctx, args) => balance(ctx, args.member),
    }),
    history: subcommand({
      readOnly: true,
      description: 'Recent entries',
      options: { member: member("someone else's history (admins only)") },
      run: (ctx, args) => history(ctx, args.member),
    }),
    give: subcommand({
      description: 'Give credits to another household',
      options: {
        member: member('who gets them', { required: true }),
        amount: text('hours, like 1.5', { required: true, maxLength: 12, example: '1.5', free: 'amount' }),
        note: text('a note for them', { maxLength: 200 }),
      },
      run: (ctx, args) => give(ctx, args.member, args.amount, args.note),
    }),
    adjust: subcommand({
      description: 'Admin: correct a balance, with a reason',
      adminOnly: true,
      options: {
        member: member('whose balance', { required: true }),
        amount: text('hours to add or remove, like -2 or +1.5', { required: true, maxLength: 12, example: '-2', free: 'amount' }),
        reason: text('why, kept with the entry', { required: true, maxLength: 200, example: '"double-booked sit"' }),
      },
      run: (ctx, args) => adjust(ctx, args.member, args.amount, args.reason),
    }),
    reverse: subcommand({
      description: 'Admin: reverse one entry of /credits history, with a reason',
      adminOnly: true,
      options: {
        entry: integer('the entry number /credits history shows, like 12', { required: true, min: 1, max: 100_000_000, example: '12' }),
        reason: text('why, kept with the reversing entry', { required: true, maxLength: 200, example: '"paid twice by mistake"' }),
      },
      run: (ctx, args) => reverse(ctx, args.entry, args.reason),
    }),
  },
});
