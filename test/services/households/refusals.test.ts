import { describe, expect, it } from 'vitest';
import { dbSnapshot } from '../../support/snapshot.ts';
import { DAY, householdFixture } from './fixture.ts';

type Fixture = ReturnType<typeof householdFixture>;

/** Runs a line that must be refused: a clear private answer, and not one row of the database changed. */
function refused(f: Fixture, who: string, line: string, coop = 'console') {
  const before = dbSnapshot(f.h.store.db);
  const reply = f.run(who, line, coop);
  expect(reply.visibility).toBe('private');
  expect(reply.refusal, `"${line}" should be refused; it answered: ${reply.text}`).toBeDefined();
  expect(reply.text.split('\n').length).toBeLessThanOrEqual(2);
  expect(dbSnapshot(f.h.store.db)).toBe(before);
  return reply;
}

describe('households refuse bad input clearly, privately, and change nothing', () => {
  it('inviting yourself', () => {
    const f = householdFixture();
    expect(refused(f, 'Ana', '/household invite member:@ana').text).toBe("That's you! Invite your partner with `/household invite member:@them`.");
  });

  it('inviting someone already in your household', () => {
    const f = householdFixture();
    f.run('Ana', '/household invite member:@ben');
    f.run('Ben', '/household accept id:1');
    expect(refused(f, 'Ben', '/household invite member:@ana').text).toBe("Ana already shares your family's balance.");
  });

  it('inviting someone in another household: they must leave it first', () => {
    const f = householdFixture();
    f.run('Ana', '/household invite member:@ben');
    f.run('Ben', '/household accept id:1');
    expect(refused(f, 'Cat', '/household invite member:@ben').text).toBe(
      'Ben already shares a balance with someone else. They need to leave it first (`/household leave`); then you can invite them.',
    );
  });

  it('inviting a forgotten member', () => {
    const f = householdFixture();
    f.run('Dan', '/privacy forget confirm:yes');
    expect(refused(f, 'Ana', '/household invite member:@Dan').text).toBe(
      "Dan asked Breather to forget them in this co-op, so they can't share a balance. If they come back, try again then.",
    );
  });

  it('inviting a member of another co-op (or anyone this co-op has not met)', () => {
    const f = householdFixture();
    f.run('Mallory', '/help', 'coop-b');
    expect(refused(f, 'Ana', '/household invite member:@Mallory').text).toBe(
      "Mallory hasn't used Breather in this co-op yet. Ask them to run `/help` once, then try again.",
    );
  });

  it('accepting an expired invitation', () => {
    const f = householdFixture();
    f.run('Ana', '/household invite member:@ben');
    f.h.clock.advance(7 * DAY);
    expect(refused(f, 'Ben', '/household accept id:1').text).toBe('That invitation expired on 2026-11-29 12:00. Ask Ana to invite you again.');
    // A new invitation replaces the expired one.
    expect(f.run('Ana', '/household invite member:@ben').text).toContain("I've asked Ben");
    expect(f.run('Ben', '/household accept id:2').text).toContain("Welcome to Ana's family!");
  });

  it("accepting or declining someone else's invitation, or one that does not exist here", () => {
    const f = householdFixture();
    f.run('Ana', '/household invite member:@ben');
    expect(refused(f, 'Cat', '/household accept id:1').text).toBe("That invitation is for someone else, so it isn't yours to answer.");
    expect(refused(f, 'Cat', '/household decline id:1').text).toBe("That invitation is for someone else, so it isn't yours to answer.");
    expect(refused(f, 'Ben', '/household accept id:99').text).toBe('There is no invitation #99 here. `/household show` lists yours.');
    f.run('Mallory', '/help', 'coop-b');
    expect(refused(f, 'Mallory', '/household accept id:1', 'coop-b').text).toBe('There is no invitation #1 here. `/household show` lists yours.');
  });

  it('accepting after joining another household, or after the inviter left theirs', () => {
    const f = householdFixture();
    f.run('Ana', '/household invite member:@ben');
    f.run('Cat', '/household invite member:@ben');
    f.run('Ben', '/household accept id:2');
    expect(refused(f, 'Ben', '/household accept id:1').text).toBe('You already share a balance with someone. Leave it first (`/household leave`), then accept.');

    f.run('Cat', '/household invite member:@dan');
    f.run('Cat', '/household leave confirm:yes');
    expect(refused(f, 'Dan', '/household accept id:3').text).toMatch(/^That invitation (was withdrawn|is out of date)/);
  });

  it('leaving a household of one', () => {
    const f = householdFixture();
    expect(refused(f, 'Ana', '/household leave').text).toBe(
      "You don't share a balance with anyone, so there is nothing to leave. To share one, `/household invite member:@name`.",
    );
    expect(refused(f, 'Ana', '/household leave confirm:yes').refusal?.code).toBe('state');
  });

  it('a household name that is empty once cleaned, and admin moves that make no sense', () => {
    const f = householdFixture();
    expect(refused(f, 'Ana', '/household name name:"\u200b\u202e"').text).toMatch(/takes text|A family name is/);
    expect(refused(f, 'Ana', '/coop household add member:@ben with:@ben').text).toMatch(/are the same person/);
    expect(refused(f, 'Ana', '/coop household remove member:@ben with:@cat').text).toMatch(/don't share a household/);
    f.run('Ana', '/coop household add member:@ben with:@cat');
    expect(refused(f, 'Ana', '/coop household add member:@ben with:@dan').text).toMatch(/remove them from it first/);
  });
});
