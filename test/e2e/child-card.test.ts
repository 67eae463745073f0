import { afterAll, describe, expect, it } from 'vitest';
import { privateTo, runConsole, stackTraceLines, tempDir } from './support/run-console.ts';

// The child card in the real `npm start`, as a script drives it: every line that shows the card's text is seen by
// the family who wrote it or by the confirmed sitter, inside the window, and by nobody else, ever.

const dir = tempDir('child-card');
afterAll(() => dir.remove());

describe('the child card in the console (real npm start)', () => {
  it('reaches the confirmed sitter on his reminders and his button in the window, never a volunteer or the channel', async () => {
    const run = await runConsole(
      [
        ':as Alice',
        '/coop setup timezone:Europe/London',
        '/household card text:"Mia, 4: peanut allergy. Bed at 19:30."',
        '/swap request when:"sat 19:00-23:00"',
        ':as Bob',
        '/swap volunteer id:1',
        ':as Cara',
        '/swap volunteer id:1',
        ':as Alice',
        '/swap choose id:1 member:@Bob',
        ':as Bob',
        '/swap card id:1',
        ':advance 5d7h', // Friday 19:00: 24 h before
        ':press swap.card?id=1',
        ':as Cara',
        ':press swap.card?id=1',
        ':advance 1d2h', // Saturday 21:00: during the sit
        ':as Bob',
        '/swap card id:1',
        ':advance 4h1m', // Sunday 01:01: the window has closed
        '/swap card id:1',
        ':as Alice',
        '/household card',
      ],
      { dbPath: dir.db },
    );
    expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    expect(stackTraceLines(run.lines)).toEqual([]);

    const carriers = run.lines.filter((l) => l.includes('peanut')).map((l) => /^\[[^\]]+\]( \d{4}-\d\d-\d\d \d\d:\d\d)?/.exec(l)?.[0]);
    expect(carriers).toEqual([
      '[DM → Bob] 2026-11-27 19:00', // the 24 h reminder
      '[private → Bob]', // his press on Friday
      '[DM → Bob] 2026-11-28 17:00', // the 2 h reminder
      '[private → Bob]', // his look during the sit
      '[private → Alice]', // her own /household card
    ]);
    const bob = privateTo(run, 'Bob');
    expect(bob).toContain('The child card for #1 is shared from Fri 27 Nov, 19:00, 24 h before the sit. I\'ll send it with your reminder.');
    expect(bob.some((l) => l.startsWith('The child card for #1 is no longer shared'))).toBe(true);
    expect(privateTo(run, 'Cara')).toContain("Only the confirmed sitter of #1 sees the family's child card, and only around the sit.");
    const alice = privateTo(run, 'Alice');
    expect(alice.filter((l) => l.includes('Bob · #1 · '))).toEqual([
      'Bob · #1 · Sat 28 Nov, 21:00 (opened it)',
      'Bob · #1 · Sat 28 Nov, 17:00 (with a reminder)',
      'Bob · #1 · Fri 27 Nov, 19:00 (opened it)',
      'Bob · #1 · Fri 27 Nov, 19:00 (with a reminder)',
    ].map((l) => `  ${l}`));
  });
});
