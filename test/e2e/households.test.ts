import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { balancesByName, checkLedger } from './support/invariants.ts';
import { privateTo, runConsole, stackTraceLines, tempDir } from './support/run-console.ts';

// The real `npm start` with a piped script: two parents become one household with the buttons a person would press,
// either of them confirms the sit, and a neighbour takes her data and then asks to be forgotten.

const dir = tempDir('households');
afterAll(() => dir.remove());

describe('households and privacy in the console (real npm start)', () => {
  it('runs as nobody until :as, shares one balance after Accept, and forgets on the button', async () => {
    const run = await runConsole(
      [
        '/help',
        ':as Alice',
        ':as Bob',
        '/household invite member:@Alice',
        ':as Alice',
        ':press household.accept?id=1',
        '/household name name:"The Okafors"',
        '/swap request when:"sat 19:00-23:00" kids:2',
        ':as Cara',
        '/swap volunteer id:1',
        ':as Alice',
        '/swap choose id:1 member:@Cara',
        ':advance 7d',
        ':as Bob',
        '/swap done id:1',
        '/credits balance',
        ':as Cara',
        '/privacy export',
        '/privacy forget',
        ':press privacy.forget?confirm=yes',
        '/privacy forget confirm:yes',
        ':as Alice',
        '/coop report',
      ],
      { dbPath: dir.db },
    );
    expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    expect(stackTraceLines(run.lines)).toEqual([]);
    expect(run.lines[0]).toBe('[private → you] Say who you are first, like `:as Alice`; then commands run as Alice.');

    expect(run.lines).toContain('[DM → Alice]   [Accept](household.accept?id=1) [Decline](household.decline?id=1)');
    expect(privateTo(run, 'Alice')).toContain(
      "Welcome to Bob's family! Your starting credits (5 h) went back to the co-op and 0 h moved in. Your family has 5 h of credit, and you share it from now on.",
    );
    expect(run.lines).toContain('[#general]   #1 · The Okafors need a sitter');
    expect(run.lines.some((l) => /^\[DM → Bob\] \d{4}-\d\d-\d\d \d\d:\d\d How did #1 with Cara go\?/.test(l))).toBe(true);
    expect(privateTo(run, 'Bob')).toContain('#1 is settled: 6 h of credit went from your family to Cara. You now have -1 h of credit. I hope you enjoyed the time for yourself.');
    expect(privateTo(run, 'Bob')).toContain('You have -1 h of credit; the co-op lets you go down to -10 h and bank up to 40 h.');

    const cara = privateTo(run, 'Cara');
    expect(cara.some((l) => l.startsWith('Here is everything Breather holds about you in this co-op:'))).toBe(true);
    expect(cara.some((l) => /^ {2}\(file breather-export-2026-11-29\.json, \d+ bytes\)$/.test(l))).toBe(true);
    expect(cara).toContain('  [Forget me](privacy.forget?confirm=yes)');
    expect(cara.some((l) => l.startsWith('Done: Breather has forgotten you in this co-op.'))).toBe(true);
    expect(cara).toContain('Breather has already forgotten you in this co-op: there is nothing of yours left to remove.');
    const report = privateTo(run, 'Alice');
    expect(report).toContain('The Okafors (Alice & Bob): -1 h');
    expect(report).toContain('a former member: 11 h');

    // Alice, the first name given, is the co-op's admin (the report ran); nobody called "me" was ever made.
    expect(balancesByName(dir.db)).toEqual({ Alice: -60, Bob: -60, 'a former member': 660 });
    const db = new Database(dir.db, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM members WHERE external_ref = 'me' OR display_name = 'me'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    const ledger = checkLedger(dir.db);
    expect(ledger.violations).toEqual([]);
    expect(ledger.summary.byKind).toEqual({ starting: 3, household: 1, swap: 1 });
  });
});
