import type { CommandContext } from '../context.ts';
import type { Reply } from '../../core/types.ts';
import { formatCredits } from '../../domain/money.ts';
import { formatLocal } from '../../domain/timezone.ts';

const DAY = 86_400_000;

function csvCell(value: string | number): string {
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet: prefix a quote so it stays text.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Admin overview: every household's balance and the last 30 days' activity, plus the same as a CSV file. */
export function report(ctx: CommandContext): Reply {
  const rows = ctx.store.db
    .prepare<[number], { household: string; members: string; balance: number }>(
      `SELECT h.name AS household, group_concat(m.display_name, ' & ') AS members, a.balance
       FROM households h JOIN accounts a ON a.household_id = h.id JOIN members m ON m.household_id = h.id
       WHERE h.coop_id = ? GROUP BY h.id ORDER BY a.balance DESC, h.id`,
    )
    .all(ctx.coop.id);
  const activity = ctx.store.db
    .prepare<[{ coop: number; since: number }], { completed: number; hours: number | null; open: number }>(
      `SELECT
         (SELECT count(*) FROM swaps WHERE coop_id = @coop AND status = 'completed' AND resolved_at >= @since) AS completed,
         (SELECT sum(p.amount) FROM transfers t JOIN postings p ON p.transfer_id = t.id
            WHERE t.coop_id = @coop AND t.kind = 'swap' AND t.created_at >= @since AND p.amount > 0) AS hours,
         (SELECT count(*) FROM swaps WHERE coop_id = @coop AND status = 'open') AS open`,
    )
    .get({ coop: ctx.coop.id, since: ctx.now - 30 * DAY }) ?? { completed: 0, hours: 0, open: 0 };
  const lines = rows.map((r) => `${r.members}: ${formatCredits(r.balance)}`);
  const csv = [
    ['household', 'members', 'balance_hours'].join(','),
    ...rows.map((r) => [csvCell(r.household), csvCell(r.members), r.balance / 60].join(',')),
  ].join('\r\n');
  return {
    visibility: 'private',
    text:
      `Co-op report, ${formatLocal(ctx.now, ctx.coop.timezone)} (${ctx.coop.timezone})\n` +
      `Last 30 days: ${activity.completed} ${activity.completed === 1 ? 'sit' : 'sits'} done, ${formatCredits(activity.hours ?? 0)} traded; ${activity.open} open now.\n` +
      `Balances (${rows.length} households):\n${lines.join('\n')}`,
    attachments: [{ filename: 'coop-balances.csv', contentType: 'text/csv', content: `${csv}\r\n` }],
  };
}
