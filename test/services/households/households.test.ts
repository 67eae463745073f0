import { describe, expect, it } from 'vitest';
import { DAY, H, householdFixture } from './fixture.ts';

describe('a household: two parents, one balance', () => {
  it('merges on accept: one start goes back to the co-op, so two new members with 5 h each end as one household with 5 h', async () => {
    const f = householdFixture();
    const issuedBefore = f.issuance();
    const invited = f.run('Ana', '/household invite member:@ben');
    // Told before: the inviter about her own balance only, the invitee about his.
    expect(invited.text).toContain("I've asked Ben. If they accept, your family keeps its balance (5 h now)");
    const before = await f.inbox();
    expect(before.get('Ben')).toEqual([
      expect.stringContaining('Ana would like to share one balance with you, as one family. If you accept, your starting credits (5 h) go back to the co-op — one start per family — and the rest of your balance (0 h) moves into the shared one.'),
    ]);
    expect(before.get('Ben')?.[0]).toContain('[Accept] [Decline]');

    const accepted = f.run('Ben', '/household accept id:1');
    expect(accepted.text).toBe("Welcome to Ana's family! Your starting credits (5 h) went back to the co-op and 0 h moved in. Your family has 5 h of credit, and you share it from now on.");
    expect((await f.inbox()).get('Ana')).toEqual(['Ben joined your family: you now share one balance, 5 h of credit. [Quiet for a week]']);

    expect(f.member('Ben').householdId).toBe(f.member('Ana').householdId);
    expect([f.h.balanceOf('Ana'), f.h.balanceOf('Ben')]).toEqual([5 * H, 5 * H]);
    expect(f.issuance()).toBe(issuedBefore + 5 * H);
    // One balanced 'household' transfer: Ben's old account empties into the co-op's issuance account.
    const [merge, ...more] = f.transfers('household');
    expect(more).toEqual([]);
    expect(merge?.postings.map((p) => p.amount).sort((a, b) => a - b)).toEqual([-5 * H, 5 * H]);
    f.check();
  });

  it('moves the rest of a balance in, positive or negative, and from then on both see, earn and spend one balance', () => {
    const f = householdFixture();
    f.run('Ana', '/credits adjust member:@ben amount:+2 reason:"sat twice"'); // Ben 7 h: 2 h more than his start
    f.run('Ana', '/household invite member:@ben');
    expect(f.run('Ben', '/household accept id:1').text).toContain('Your starting credits (5 h) went back to the co-op and 2 h moved in. Your family has 7 h of credit');
    expect(f.run('Ben', '/credits balance').text).toBe('You have 7 h of credit; the co-op lets you go down to -10 h and bank up to 40 h.');
    f.run('Ben', '/credits give member:@dan amount:1.5');
    f.run('Ana', '/credits adjust member:@ana amount:+0.5 reason:"sat once"');
    expect(f.run('Ana', '/credits balance').text).toBe('You have 6 h of credit; the co-op lets you go down to -10 h and bank up to 40 h.');
    expect(f.run('Ana', '/credits give member:@ben amount:1').text).toMatch(/your own family/);

    // Dan spent more than his start: he brings his debt in with him.
    f.run('Ana', '/credits adjust member:@dan amount:-9.5 reason:"sits he was paid twice for"'); // Dan 5 + 1.5 − 9.5 = −3 h
    f.run('Cat', '/household invite member:@dan');
    expect(f.run('Dan', '/household accept id:2').text).toContain('Your starting credits (5 h) went back to the co-op and -8 h moved in.');
    expect(f.h.balanceOf('Cat')).toBe((5 - 8) * H);
    f.check();
  });

  it("lets either parent confirm the household's sit, and reminds and prompts them both", () => {
    const f = householdFixture();
    f.run('Ana', '/household invite member:@ben');
    f.run('Ben', '/household accept id:1');
    f.run('Ana', '/swap request when:"2026-11-25 19:00 3h"');
    f.run('Cat', '/swap volunteer id:1');
    f.run('Ana', '/swap choose id:1 member:@cat');
    const jobs = f.h.store.db
      .prepare<[], { kind: string; name: string }>(
        "SELECT j.kind, m.display_name AS name FROM jobs j JOIN members m ON m.id = j.member_id WHERE j.swap_id IS NOT NULL AND j.status = 'pending' ORDER BY j.kind, m.display_name",
      )
      .all();
    expect(jobs).toEqual([
      { kind: 'completion_prompt', name: 'Ana' },
      { kind: 'completion_prompt', name: 'Ben' },
      { kind: 'completion_prompt', name: 'Cat' },
      ...['Ana', 'Ana', 'Ben', 'Ben', 'Cat', 'Cat'].map((name) => ({ kind: 'reminder', name })),
      { kind: 'update_invitation', name: 'Cat' },
    ]);
    // The request is the family's: the other parent may manage it too (here: it is already taken).
    expect(f.run('Ben', '/swap choose id:1 member:@cat').text).toMatch(/already taken/);
    f.h.clock.advance(4 * DAY);
    expect(f.run('Ben', '/swap done id:1').text).toBe('#1 is settled: 3 h of credit went from your family to Cat. You now have 2 h of credit. I hope you enjoyed the time for yourself.');
    expect(f.h.balanceOf('Ana')).toBe(2 * H);
    f.check();
  });

  it("lets either parent cancel the household's booking, and refuses a second booking by the other", () => {
    const f = householdFixture();
    f.run('Ana', '/household invite member:@ben');
    f.run('Ben', '/household accept id:1');
    f.run('Cat', '/swap session when:"2026-11-25 19:00 3h" capacity:4');
    f.run('Ben', '/swap book id:1 kids:2');
    expect(f.run('Ana', '/swap book id:1').text).toBe("You've already booked #1.");
    expect(f.run('Ana', '/swap cancel id:1').text).toBe("Your booking of #1 is cancelled. I've told Cat.");
    expect(f.h.store.swaps.parties(f.h.store.swaps.findByNumber(f.coopId(), 1)!.id).filter((p) => p.role === 'family' && p.status === 'active')).toEqual([]);
    f.run('Dan', '/swap offer when:"2026-11-26 19:00 3h"');
    f.run('Ana', '/swap book id:2');
    expect(f.run('Ben', '/swap cancel id:2').text).toBe("Your booking of #2 is cancelled. I've told Dan.");
    expect(f.h.store.swaps.findByNumber(f.coopId(), 2)?.status).toBe('open');
    f.check();
  });

  it('leaves with a confirmation: the balance stays with the household, the leaver starts at 0 h', async () => {
    const f = householdFixture();
    f.run('Ana', '/household invite member:@ben');
    f.run('Ben', '/household accept id:1');
    f.run('Ana', '/credits adjust member:@ana amount:+3 reason:"sat for Cat"');
    const asked = f.run('Ben', '/household leave');
    expect(asked.text).toBe(
      "If you leave, the shared balance (8 h) stays with Ana, and yours starts again at 0 h (no new starting credits). The swaps you posted or booked stay yours. Leave?",
    );
    expect(asked.cards?.[0]?.buttons?.[0]?.action).toEqual({ command: 'household', sub: 'leave', options: { confirm: 'yes' } });
    expect(f.member('Ben').householdId).toBe(f.member('Ana').householdId); // nothing yet
    await f.inbox();
    const transfersBefore = f.transfers('household').length;

    expect(f.run('Ben', '/household leave confirm:yes').text).toBe("You've stopped sharing; the shared balance stays with Ana, and yours starts again at 0 h.");
    expect((await f.inbox()).get('Ana')).toEqual(["(held) Ben stopped sharing your family's balance; it stays with you: 8 h of credit."] /* a minute after the last */);
    expect([f.h.balanceOf('Ana'), f.h.balanceOf('Ben')]).toEqual([8 * H, 0]);
    expect(f.member('Ben').householdId).not.toBe(f.member('Ana').householdId);
    expect(f.transfers('household')).toHaveLength(transfersBefore); // leaving moves no credits
    // Coming back together returns no start a second time: Ben's new household never had one.
    f.run('Ana', '/household invite member:@ben');
    expect(f.run('Ben', '/household accept id:2').text).toBe("Welcome to Ana's family! 0 h moved in. Your family has 8 h of credit, and you share it from now on.");
    expect(f.transfers('household')).toHaveLength(transfersBefore);
    f.check();
  });

  it('shows who is in it and what is waiting, and a name that the co-op sees on its cards', () => {
    const f = householdFixture();
    expect(f.run('Ana', '/household show').text).toBe("You have a balance of your own: 5 h of credit.\nTo share one balance with a partner: `/household invite member:@name`.");
    f.run('Ana', '/household invite member:@ben');
    expect(f.run('Ben', '/household show').text).toContain('Ana invited you to share a balance (open until 2026-11-29 12:00): `/household accept id:1`');
    expect(f.run('Ana', '/household show').text).toContain('You invited Ben (open until 2026-11-29 12:00).');
    f.run('Ben', '/household accept id:1');
    expect(f.run('Ana', '/household name name:"The Okafors"').text).toBe('Your family is now "The Okafors" — the co-op sees it on your swaps.');
    expect(f.run('Ben', '/household show').text).toBe('Your family, The Okafors, is Ana and Ben, sharing 5 h of credit.');
    const posted = f.run('Ben', '/swap request when:"2026-11-25 19:00 3h"');
    expect(posted.text).toContain('Posted #1');
    expect(f.run('Cat', '/swap list').cards?.[0]?.title).toBe('#1 · The Okafors need a sitter');
    const report = f.run('Ana', '/coop report');
    expect(report.text).toContain('The Okafors (Ana & Ben): 5 h');
    expect(report.attachments?.[0]?.content).toContain('The Okafors,Ana & Ben,5');
  });

  it('declines: the inviter is told and nothing else changes', async () => {
    const f = householdFixture();
    f.run('Ana', '/household invite member:@ben');
    await f.inbox();
    expect(f.run('Ben', '/household decline id:1').text).toBe("Declined. I've let Ana know; nothing else changed.");
    expect((await f.inbox()).get('Ana')).toEqual(['Ben declined your invitation to share a balance. No hard feelings, I hope! [Quiet for a week]']);
    expect(f.member('Ben').householdId).not.toBe(f.member('Ana').householdId);
    expect(f.run('Ben', '/household accept id:1').text).toMatch(/That invitation was already declined/);
  });

  it('refuses a merge that would take the household past the cap, and changes nothing', () => {
    const f = householdFixture();
    f.run('Ana', '/coop rules name:cap value:8');
    f.run('Ana', '/credits adjust member:@ben amount:+3 reason:"sat for Cat"');
    f.run('Ana', '/credits adjust member:@ana amount:+1 reason:"sat for Dan"'); // Ana 6 h; Ben would bring 3 h: 9 h > 8 h
    f.run('Ana', '/household invite member:@ben');
    const refused = f.run('Ben', '/household accept id:1');
    expect(refused.text).toBe("Sharing now would take the family's balance past the most the co-op lets a family bank (8 h). Use or earn some credit first (or a co-op admin can help), then try again.");
    expect(refused.refusal?.code).toBe('limit');
    expect(f.transfers('household')).toEqual([]);
    f.run('Ben', '/credits give member:@dan amount:1');
    expect(f.run('Ben', '/household accept id:1').text).toContain('Your family has 8 h of credit');
  });

  it('moves a whole balance when the joining member never had a start', () => {
    const f = householdFixture(['Ana', 'Ben']);
    f.run('Ana', '/coop rules name:starting_credits value:0');
    f.run('Eve', '/help');
    f.run('Ana', '/credits adjust member:@eve amount:+2 reason:"sat for Ben"');
    f.run('Ana', '/household invite member:@eve');
    expect((f.run('Eve', '/household accept id:1')).text).toBe("Welcome to Ana's family! 2 h moved in. Your family has 7 h of credit, and you share it from now on.");
    f.check();
  });
});

describe('/coop household add and remove (admins, for members who ask)', () => {
  it('puts a member in a household with the same rules, and takes them out again, telling both', async () => {
    const f = householdFixture();
    expect(f.run('Ben', '/coop household add member:@cat with:@dan').text).toMatch(/Only co-op admins/);
    expect(f.run('Ana', '/coop household add member:@cat with:@dan').text).toBe(
      'Cat now shares a household with Dan: their starting credits (5 h) go back to the co-op — one start per family — and the rest of their balance (0 h) moves into the shared one. I\'ve told them both.',
    );
    const told = await f.inbox();
    expect(told.get('Cat')?.[0]).toContain('A co-op admin set you up to share one balance with Dan, as asked');
    expect(told.get('Dan')).toEqual(['Cat joined your family: you now share one balance, 5 h of credit. [Quiet for a week]']);
    expect(f.h.balanceOf('Cat')).toBe(5 * H);

    expect(f.run('Ana', '/coop household remove member:@cat with:@ben').text).toMatch(/don't share a household/);
    expect(f.run('Ana', '/coop household remove member:@cat with:@dan').text).toBe(
      "Cat is a household of one now, at 0 h; the household's balance stayed with Dan. I've told them both.",
    );
    const after = await f.inbox();
    expect(after.get('Cat')?.[0]).toContain('A co-op admin took you out of the shared balance');
    expect(after.get('Dan')).toEqual(["(held) Cat stopped sharing your family's balance; it stays with you: 5 h of credit."]); // a minute after the last
    expect([f.h.balanceOf('Cat'), f.h.balanceOf('Dan')]).toEqual([0, 5 * H]);
    f.check();
  });
});
