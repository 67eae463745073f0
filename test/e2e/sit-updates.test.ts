import { afterAll, describe, expect, it } from 'vitest';
import { privateTo, runConsole, stackTraceLines, tempDir } from './support/run-console.ts';

// The all's-well update in the real `npm start`, as a script drives it: the halfway invitation's buttons pressed by
// their printed ids, a line typed the console's way, each parent getting it by their own wish, and one tap to stop.

const dir = tempDir('sit-updates');
afterAll(() => dir.remove());

const dmsTo = (lines: readonly string[], name: string) => lines.filter((l) => l.startsWith(`[DM → ${name}]`));

describe("the all's-well update in the console (real npm start)", () => {
  it('invites the sitter halfway, sends quick and typed lines to each parent by their wish, and stops with one tap', async () => {
    const run = await runConsole(
      [
        ':as Alice',
        '/coop setup timezone:Europe/London',
        ':as Tom',
        '/profile updates:anytime', // keeps the default quiet hours, 21:00–08:00, but wants updates through them
        ':as Alice',
        '/household invite member:@Tom',
        ':as Tom',
        '/household accept id:1',
        ':as Bob',
        '/profile quiet:off',
        ':as Alice',
        '/swap request when:"sat 19:00-23:00"',
        ':as Bob',
        '/swap volunteer id:1',
        ':as Alice',
        '/swap choose id:1 member:@Bob',
        ':as Bob',
        '/swap update id:1 message:"too early"',
        ':advance 6d9h', // Saturday 21:00: halfway
        ":press swap.update?id=1&message=All's%20well%20%F0%9F%99%82",
        ':press swap.update?id=1', // "Write a line…": the console says what to type
        '/swap update 1 both asleep by 8',
        ':as Tom',
        ':press swap.updates?id=1&set=off',
        ':as Bob',
        '/swap update id:1 message:"teeth brushed"',
        ':as Cara',
        '/swap update id:1 message:"hello"',
        ':advance 11h', // Sunday 08:00: Alice's quiet hours are over
      ],
      { dbPath: dir.db },
    );
    expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    expect(stackTraceLines(run.lines)).toEqual([]);

    const invites = dmsTo(run.lines, 'Bob').filter((l) => l.includes('Halfway through #1'));
    expect(invites).toEqual([
      '[DM → Bob] 2026-11-28 21:00 Halfway through #1 — how is it going? One tap tells Alice and Tom all is well, so they can relax. Or write a line: `/swap update id:1 message:"…"`.',
    ]);
    expect(run.lines).toContain(
      "[DM → Bob] 2026-11-28 21:00   [All's well](swap.update?id=1&message=All's%20well%20%F0%9F%99%82) [Asleep](swap.update?id=1&message=All%20asleep%20%F0%9F%92%A4) [Write a line…](swap.update?id=1)",
    );

    const bob = privateTo(run, 'Bob');
    expect(bob).toContain('#1 starts Sat 28 Nov, 19:00: updates can go from then until 2 h after it ends.');
    expect(bob).toContain('Sent to Tom and Alice. Alice will see it after quiet hours — for anything urgent, please call. Thank you!');
    expect(bob.some((l) => l.startsWith('Add `message:` — like `/swap update id:1 message:"both asleep by 8"`.'))).toBe(true);
    expect(bob).toContain('Sent to Alice. Alice will see it after quiet hours — for anything urgent, please call. Thank you!');
    expect(privateTo(run, 'Tom')).toContain('No more updates for #1. `/swap updates id:1 set:on` turns them back on; `/profile updates:off` stops them for every sit.');
    expect(privateTo(run, 'Cara')).toContain("Only the sitter of #1 sends its updates. `/swap list show:mine` shows the sits you're part of.");

    // Tom hears at once (he asked for updates through his quiet hours) until he turns this sit's off.
    expect(dmsTo(run.lines, 'Tom').filter((l) => l.includes('From Bob, sitting #1:'))).toEqual([
      "[DM → Tom] From Bob, sitting #1: All's well 🙂",
      '[DM → Tom] From Bob, sitting #1: both asleep by 8',
    ]);
    // Alice hears all three when her quiet hours end, in one message.
    const alice = dmsTo(run.lines, 'Alice').filter((l) => l.includes('From Bob, sitting #1:'));
    expect(alice).toEqual([
      "[DM → Alice] 2026-11-29 08:00 From Bob, sitting #1: All's well 🙂",
      '[DM → Alice] 2026-11-29 08:00 From Bob, sitting #1: both asleep by 8',
      '[DM → Alice] 2026-11-29 08:00 From Bob, sitting #1: teeth brushed',
    ]);
    expect(run.lines.filter((l) => l.startsWith('[#general]') && /asleep|teeth/.test(l))).toEqual([]);
    // One "No updates for this sit" for the three of them.
    expect(dmsTo(run.lines, 'Alice').filter((l) => l.includes('[No updates for this sit](swap.updates?id=1&set=off)'))).toHaveLength(1);
  });
});
