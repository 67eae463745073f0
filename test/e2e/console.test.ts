import { afterAll, describe, expect, it } from 'vitest';
import { balancesByName, checkLedger } from './support/invariants.ts';
import { privateTo, runConsole, stackTraceLines, tempDir, type ConsoleRun } from './support/run-console.ts';

// The real `npm start` with a piped script: what a person (or a script outside the repo) sees and what lands in the
// DB file. Amounts in the DB are credit-minutes (60 = "1 h"); new households start with 5 h.

const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((remove) => remove()));
function freshDb(label: string): string {
  const t = tempDir(label);
  dirs.push(t.remove);
  return t.db;
}

/** Every run ends cleanly at end of input, prints only audience-prefixed lines, and never a stack trace. */
function expectCleanRun(run: ConsoleRun): void {
  expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
  expect(run.lines.filter((l) => !/^\[(?:private → [^\]]+|DM → [^\]]+|#[^\]]+)\]/.test(l))).toEqual([]);
  expect(stackTraceLines(run.lines)).toEqual([]);
}

/** "6 h" / "-1.5 h" → credit-minutes. */
function hours(text: string): number {
  const match = /^(-?\d+(?:\.\d+)?) h$/.exec(text.trim());
  if (!match?.[1]) throw new Error(`not an amount: ${text}`);
  return Math.round(Number(match[1]) * 60);
}

/** The balance a member was last told by `/credits balance`. */
function toldBalance(run: ConsoleRun, name: string): number {
  const told = privateTo(run, name)
    .map((l) => /^You have (-?[\d.]+ h) of credit; /.exec(l)?.[1])
    .filter((x) => x !== undefined);
  const last = told.at(-1);
  if (!last) throw new Error(`${name} was never told a balance:\n${run.stdout}`);
  return hours(last);
}

/** Button ids printed as [Label](ID), by label. */
function buttons(run: ConsoleRun): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of run.lines) for (const m of line.matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)) found.set(m[1]!, m[2]!);
  return found;
}

const START_BALANCE = 300;

describe('console chat, end to end (real npm start)', () => {
  it('runs request → volunteer → choose → :advance → done, moves the quoted credits, and both sides see them', async () => {
    const db = freshDb('cycle');
    const run = await runConsole(
      [
        ':as Alice',
        '/swap request when:"sat 19:00-23:00" kids:2',
        ':as Bob',
        '/swap volunteer id:1',
        ':as Alice',
        '/swap choose id:1 member:@Bob',
        ':advance 7d',
        '/swap done id:1',
        '/credits balance',
        ':as Bob',
        '/credits balance',
      ],
      { dbPath: db },
    );
    expectCleanRun(run);
    const quoted = run.lines.map((l) => /^\[#general\] .*Pays: (-?[\d.]+ h)/.exec(l)?.[1]).find((x) => x !== undefined);
    expect(quoted).toBe('6 h'); // 4 h, 2 kids: 1 + 0.5 per hour
    const price = hours(quoted!);
    expect(privateTo(run, 'Alice')).toContain(
      `#1 is settled: ${quoted} of credit went from your family to Bob. You now have ${(START_BALANCE - price) / 60} h of credit. I hope you enjoyed the time for yourself.`,
    );
    expect(toldBalance(run, 'Alice')).toBe(START_BALANCE - price);
    expect(toldBalance(run, 'Bob')).toBe(START_BALANCE + price);
    expect(balancesByName(db)).toEqual({ Alice: START_BALANCE - price, Bob: START_BALANCE + price });
    const ledger = checkLedger(db);
    expect(ledger.violations).toEqual([]);
    expect(ledger.summary.byKind).toEqual({ starting: 2, swap: 1 });
  });

  it('a :press of a printed button id does what the command does, even after a restart', async () => {
    const db = freshDb('press');
    // Each run is a fresh process on the same DB: the buttons come from what an earlier run printed.
    const posted = await runConsole([':as Alice', '/swap request when:"sat 19:00-23:00" kids:2', ':as Bob'], { dbPath: db });
    expectCleanRun(posted);
    const volunteerId = buttons(posted).get('Volunteer');
    expect(volunteerId).toBe('swap.volunteer?id=1');

    const volunteered = await runConsole([':as Bob', `:press ${volunteerId}`], { dbPath: db });
    expectCleanRun(volunteered);
    expect(privateTo(volunteered, 'Bob')).toContain("Thank you! I've told Alice you can sit #1. I'll let you know if you're chosen.");
    const chooseId = buttons(volunteered).get('Choose Bob');
    expect(chooseId).toBeDefined();

    const chosen = await runConsole([':as Alice', `:press ${chooseId}`], { dbPath: db });
    expectCleanRun(chosen);
    // The same answer `/swap choose id:1 member:@Bob` gives (see the test above).
    expect(privateTo(chosen, 'Alice')).toContain("Bob is sitting #1. Enjoy your time off — you've earned it.");
    const doneId = buttons(chosen).get('Done');
    expect(doneId).toBe('swap.done?id=1');

    const finished = await runConsole([':as Alice', `:press ${doneId}`, '/credits balance', ':as Bob', '/credits balance'], {
      dbPath: db,
      now: '2026-11-29T12:00Z',
    });
    expectCleanRun(finished);
    expect(privateTo(finished, 'Alice')).toContain('#1 is settled: 6 h of credit went from your family to Bob. You now have -1 h of credit. I hope you enjoyed the time for yourself.');
    expect(toldBalance(finished, 'Alice')).toBe(START_BALANCE - 360);
    expect(toldBalance(finished, 'Bob')).toBe(START_BALANCE + 360);
    expect(balancesByName(db)).toEqual({ Alice: START_BALANCE - 360, Bob: START_BALANCE + 360 });
    expect(checkLedger(db).violations).toEqual([]);
  });

  it('refuses a gift of more than was earned and moves nothing; a gift of exactly what was earned goes through', async () => {
    const db = freshDb('gifts');
    const run = await runConsole(
      [
        ':as Alice',
        ':as Bob',
        '/credits give member:@Alice amount:1', // only the co-op's starting credits: nothing earned to give
        ':as Alice',
        '/credits adjust member:@Bob amount:+3 reason:"sat for the Okafors"',
        ':as Bob',
        '/credits give member:@Alice amount:3.25', // a quarter more than earned
        '/credits give member:@Alice amount:3', // exactly what was earned
        '/credits balance',
        ':as Alice',
        '/credits balance',
      ],
      { dbPath: db },
    );
    expectCleanRun(run);
    const bob = privateTo(run, 'Bob');
    expect(bob).toContain("You have no earned credit to give yet: the co-op's starting credits are for sits, not gifts. Sitting for someone earns credit you can give.");
    expect(bob).toContain("You can give up to 3 h right now: gifts come from credit your family earned, not from the co-op's starting credits or a debt.");
    expect(bob).toContain('You gave 3 h of credit to Alice. You now have 5 h of credit.');
    expect(toldBalance(run, 'Bob')).toBe(300);
    expect(toldBalance(run, 'Alice')).toBe(480);
    expect(balancesByName(db)).toEqual({ Alice: 480, Bob: 300 });
    const ledger = checkLedger(db);
    expect(ledger.violations).toEqual([]);
    expect(ledger.summary.byKind).toEqual({ starting: 2, adjustment: 1, gift: 1 });
  });

  it("refuses /credits adjust from a member who isn't an admin; the console co-op's first member is one", async () => {
    const db = freshDb('admin');
    const run = await runConsole(
      [
        ':as Alice',
        ':as Bob',
        '/credits adjust member:@Bob amount:+10 reason:"free money"',
        '/credits balance',
        ':as Alice',
        '/credits adjust member:@Bob amount:+1 reason:"sat twice"',
        ':as Bob',
        '/credits balance',
      ],
      { dbPath: db },
    );
    expectCleanRun(run);
    expect(privateTo(run, 'Bob')).toContain('Only co-op admins can do that. An admin can add you with `/coop admin add`.');
    expect(privateTo(run, 'Bob')).toContain('You have 5 h of credit; the co-op lets you go down to -10 h and bank up to 40 h.');
    expect(privateTo(run, 'Alice').some((l) => l.startsWith("Corrected Bob's family by +1 h"))).toBe(true);
    expect(toldBalance(run, 'Bob')).toBe(START_BALANCE + 60);
    expect(balancesByName(db)).toEqual({ Alice: START_BALANCE, Bob: START_BALANCE + 60 });
    const ledger = checkLedger(db);
    expect(ledger.violations).toEqual([]);
    expect(ledger.summary.byKind).toEqual({ starting: 2, adjustment: 1 });
  });

  it('a dispute freezes the sit until an admin decides, with buttons, in the real console; the decision pays once', async () => {
    const db = freshDb('dispute');
    const run = await runConsole(
      [
        ':as Alice',
        ':as Bob',
        ':as Cat',
        ':as Alice',
        '/coop admin add member:@Cat',
        '/swap request when:"sat 19:00-23:00" kids:2',
        ':as Bob',
        '/swap volunteer id:1',
        ':as Alice',
        '/swap choose id:1 member:@Bob',
        ':advance 7d',
        ':press swap.dispute?id=1',
        ':press swap.done?id=1',
        ':as Cat',
        ':press coop.resolve?id=1&pay=booked',
        ':as Alice',
        ':press swap.done?id=1',
      ],
      { dbPath: db },
    );
    expectCleanRun(run);
    const alice = privateTo(run, 'Alice');
    expect(alice).toContain("Thank you for telling me. Nothing has moved, and I've asked the co-op's admins to sort out #1.");
    expect(alice).toContain("#1 is with the co-op's admins, who will settle it; nothing more can be done to it until they do.");
    expect(run.lines.some((l) => l.startsWith('[DM → Cat]') && l.includes('[Pay as booked (6 h)](coop.resolve?id=1&pay=booked)'))).toBe(true);
    expect(privateTo(run, 'Cat')).toContain("Settled #1: 6 h paid to Bob for Alice's sit. Both sides are told, and so are the other admins.");
    expect(alice.some((l) => /already completed/.test(l))).toBe(true);
    expect(balancesByName(db)).toEqual({ Alice: START_BALANCE - 360, Bob: START_BALANCE + 360, Cat: START_BALANCE });
    expect(checkLedger(db).summary.byKind).toEqual({ starting: 3, swap: 1 });
  });
});
