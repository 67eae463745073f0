import type { Reply } from '../../core/types.ts';
import type { HouseholdBalance } from '../../db/repositories/report-queries.ts';
import { formatCredits } from '../../domain/money.ts';
import { DAY } from '../../domain/time.ts';
import { formatLocal } from '../../domain/timezone.ts';
import type { CommandContext } from '../context.ts';

function csvCell(value: string | number): string {
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet: prefix a quote so it stays text.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Admin overview: every household (its name, who is in it) with its balance and the last 30 days' activity, plus the same as a CSV file. */
export function report(ctx: CommandContext): Reply {
  const rows = ctx.store.reports.householdBalances(ctx.coop.id);
  const since = ctx.now - 30 * DAY;
  const activity = ctx.store.reports.activitySince(ctx.coop.id, since);
  // New families, with what they have done so far: a row of new households that never sat and only gave is how
  // starting credits get farmed, so admins see it here.
  const fresh = ctx.store.reports.householdsSince(ctx.coop.id, since).map(
    (n) => `${n.household || n.members} (since ${formatLocal(n.createdAt, ctx.coop.timezone).slice(0, 10)}): ${n.sits} ${n.sits === 1 ? 'sit' : 'sits'}, ${formatCredits(n.balance)}`,
  );
  const disputes = ctx.store.reports.openDisputes(ctx.coop.id);
  const waiting = disputes > 0 ? `\n${disputes} ${disputes === 1 ? 'dispute waits' : 'disputes wait'} for an admin: \`/coop resolve\`.` : '';
  const label = (r: HouseholdBalance) => r.household || r.members || 'a household nobody is in';
  const lines = rows.map((r) => `${r.household && r.members ? `${r.household} (${r.members})` : label(r)}: ${formatCredits(r.balance)}`);
  const csv = [
    ['household', 'members', 'balance_hours'].join(','),
    ...rows.map((r) => [csvCell(label(r)), csvCell(r.members), r.balance / 60].join(',')),
  ].join('\r\n');
  return {
    visibility: 'private',
    text:
      `Co-op report, ${formatLocal(ctx.now, ctx.coop.timezone)} (${ctx.coop.timezone})\n` +
      `Last 30 days: ${activity.completed} ${activity.completed === 1 ? 'sit' : 'sits'} done, ${formatCredits(activity.traded)} traded; ${activity.open} open now.\n` +
      `Balances (${rows.length} households):\n${lines.join('\n')}` +
      (fresh.length ? `\nNew in the last 30 days:\n${fresh.join('\n')}` : '') +
      waiting,
    attachments: [{ filename: 'coop-balances.csv', contentType: 'text/csv', content: `${csv}\r\n` }],
  };
}
