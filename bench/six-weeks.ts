// Issue 11's six-week co-op, as figures: per member per local week, the unprompted messages (goal: at most 2), the
// messages held back and delivered later, and any sent in quiet hours (goal: 0). `npx tsx bench/six-weeks.ts [seed]`
import { figures, sixWeeks } from '../test/scheduling/six-weeks.ts';

const seed = Number(process.argv[2] ?? 20270301);
const run = await sixWeeks(seed);
const rows = figures(run);
const out = [
  `seed ${seed}: ${run.commands} commands, ${run.delivered.length} private messages, ${run.held.length} held back`,
  'member\tweek of\tunprompted\theld→delivered\tin quiet hours\tall private',
  ...rows.map((r) => `${r.member}\t${r.week}\t${r.unprompted}\t${r.heldThenDelivered}\t${r.inQuietHours}\t${r.allDms}`),
  `max unprompted in a member-week: ${Math.max(...rows.map((r) => r.unprompted))}; sent in quiet hours: ${rows.reduce((n, r) => n + r.inQuietHours, 0)}`,
];
process.stdout.write(`${out.join('\n')}\n`);
