// The contract every chat adapter passes: the same scenarios, written once, run against each platform's stand-in.
// Call contractScenarios('Slack (socket)', factory) from a test file; see driver.ts for what a driver provides.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isWelcome, type ContractDriver, type DriverFactory } from './driver.ts';
import { sitUpdateScenario } from './sit-update-scenario.ts';

const H = 60;

export function contractScenarios(name: string, start: DriverFactory): void {
  describe(`contract: ${name}`, () => {
    let d: ContractDriver;
    beforeEach(async () => {
      d = await start();
      expect((await d.run('ana', 'coop', 'setup', { timezone: 'Europe/London' })).text).toContain('All set');
    });
    afterEach(async () => {
      await d.close();
    });

    it('request → volunteer (button) → choose (button) → done (buttons): posts, private answers, DMs, balances', async () => {
      const posted = await d.run('ana', 'swap', 'request', { when: 'sat 19:00-23:00', kids: 2, note: 'bath & bed' });
      expect(posted.text).toMatch(/Posted #1 for Sat/);
      expect(posted.buttons).toEqual([]);
      const card = await d.channelPost('needs a sitter');
      expect(card.text).toContain('bath & bed');
      expect(card.text).toContain('6 h');
      expect(card.buttons).toContain('Volunteer');

      expect((await d.press('ben', card, 'Volunteer')).text).toContain("I've told Ana");
      const choices = await d.dm('ana', 'Ben volunteered');
      expect(choices.buttons).toEqual(expect.arrayContaining(['Choose Ben', 'Quiet for a week']));
      // A second volunteer within the hour: Ana's note of it waits, to be gathered with her next message, if any
      // comes before the sit.
      expect((await d.press('cleo', card, 'Volunteer')).text).toContain("I've told Ana");

      expect((await d.press('ana', choices, 'Choose Ben')).text).toContain('Ben is sitting #1');
      await d.dm('ben', 'chose you');
      await d.dm('cleo', 'found a sitter');
      const taken = await d.channelPost('is taken');
      expect(taken.buttons).toContain('Done');

      d.setTime('2026-11-28T23:30:00Z');
      expect((await d.press('ben', taken, 'Done')).text).toContain('asked the family to confirm');
      await d.advanceTo('2026-11-29T08:00:00Z'); // the question waits for the end of Ana's quiet hours
      const confirm = await d.dm('ana', 'went ahead');
      expect(confirm.text).not.toContain('Cleo volunteered'); // stale once Ana chose Ben: dropped
      expect((await d.press('ana', confirm, 'It happened')).text).toContain('#1 is settled: 6 h of credit went from your family to Ben.');
      await d.dm('ben', '6 h of credit came to your family');
      expect([d.balance('ana'), d.balance('ben'), d.balance('cleo')]).toEqual([-1 * H, 11 * H, 5 * H]);

      const { channel, dms } = await d.delivered();
      expect(channel.map((s) => s.text).filter((t) => t.includes('#1'))).toHaveLength(2);
      expect(dms.cleo.map((s) => s.text).filter((t) => !isWelcome(t))).toEqual([expect.stringContaining('found a sitter')]);
    });

    it('a duplicated confirmation moves the credits once and answers the same', async () => {
      await d.run('ana', 'swap', 'request', { when: 'sat 19:00-23:00', kids: 1 });
      await d.run('ben', 'swap', 'volunteer', { id: 1 });
      await d.run('ana', 'swap', 'choose', { id: 1, member: { person: 'ben' } });
      d.setTime('2026-11-29T09:00:00Z');
      const first = await d.press('ana', await d.channelPost('is taken'), 'Done');
      expect(first.text).toContain('#1 is settled: 4 h of credit went from your family to Ben.');
      const again = await d.repeatLast();
      expect(again.text).toContain('4 h of credit went from your family to Ben');
      expect([d.balance('ana'), d.balance('ben')]).toEqual([1 * H, 9 * H]);
      const { dms } = await d.delivered();
      expect(dms.ben.filter((s) => s.text.includes('came to your family'))).toHaveLength(1);
    });

    it('refusals are private, say what to do, and change nothing', async () => {
      await d.run('ben', 'help', '');
      const before = await d.delivered();
      const refused = await d.run('ben', 'credits', 'adjust', { member: { person: 'ana' }, amount: '+5', reason: 'please' });
      expect(refused.text).toContain('Only co-op admins');
      expect((await d.run('ben', 'swap', 'quote', { when: 'someday maybe' })).text).toContain("couldn't read that time");
      expect((await d.run('ben', 'swap', 'volunteer', { id: 99 })).text).toContain('#99');
      const after = await d.delivered();
      expect(after.channel).toHaveLength(before.channel.length);
      expect([d.balance('ana'), d.balance('ben')]).toEqual([5 * H, 5 * H]);
    });

    it('the child card reaches the confirmed sitter and no one else, in the window only, each showing recorded', async () => {
      const CARD = 'Mia, 4: peanut allergy, EpiPen in the blue bag. Bed at 19:30.';
      expect((await d.run('ana', 'household', 'card', { text: CARD })).text).toContain("Saved your family's child card");
      await d.run('ana', 'swap', 'request', { when: 'sat 19:00-23:00' }); // Sat 28 Nov, 19:00 London
      await d.run('ben', 'swap', 'volunteer', { id: 1 });
      await d.run('cleo', 'swap', 'volunteer', { id: 1 });
      await d.run('ana', 'swap', 'choose', { id: 1, member: { person: 'ben' } });
      expect((await d.run('ben', 'swap', 'card', { id: 1 })).text).toContain('is shared from Fri 27 Nov, 19:00');

      await d.advanceTo('2026-11-27T19:00:00Z'); // 24 h before: the reminders
      const reminder = await d.dm('ben', 'Tomorrow');
      expect(reminder.text).toContain('peanut allergy');
      expect(reminder.buttons).toContain('Child card');
      expect((await d.dm('ana', 'Tomorrow')).text).not.toContain('peanut');
      await d.advanceTo('2026-11-28T20:00:00Z'); // during the sit
      const opened = await d.press('ben', reminder, 'Child card');
      expect(opened.text).toContain('peanut allergy');
      expect(opened.text).toContain('Ana can see that you looked');
      for (const who of ['cleo', 'ana'] as const) {
        const refused = await d.run(who, 'swap', 'card', { id: 1 });
        expect(refused.text).toContain('Only the confirmed sitter of #1');
        expect(refused.text).not.toContain('peanut');
      }
      await d.advanceTo('2026-11-29T01:01:00Z'); // 2 h after the end, and a minute
      const closed = await d.press('ben', reminder, 'Child card');
      expect(closed.text).toContain('no longer shared');
      expect(closed.text).not.toContain('peanut');

      // The family sees each showing: the 24 h and 2 h reminders and the one press in the window.
      const own = await d.run('ana', 'household', 'card');
      expect(own.text.match(/Ben · #1 · /g)).toHaveLength(3);
      expect(own.text).toContain('Ben · #1 · Sat 28 Nov, 20:00 (opened it)');
      const { channel, dms } = await d.delivered();
      expect(channel.filter((s) => s.text.includes('peanut'))).toEqual([]);
      expect([...dms.ana, ...dms.cleo].filter((s) => s.text.includes('peanut'))).toEqual([]);
      // Ben's copies: the 24 h and the 2 h reminder (Discord also keeps the answer to his press in the DM).
      expect(dms.ben.filter((s) => s.text.includes('peanut') && /^(Tomorrow|In 2 hours):/.test(s.text))).toHaveLength(2);
    });

    sitUpdateScenario(() => d);

    it('balances are private; only admins may look at someone else’s', async () => {
      await d.run('ben', 'help', '');
      expect((await d.run('ben', 'credits', 'balance')).text).toContain('5 h');
      expect((await d.run('ben', 'credits', 'balance', { member: { person: 'ana' } })).text).toMatch(/admin/i);
      expect((await d.run('ana', 'credits', 'balance', { member: { person: 'ben' } })).text).toContain('Ben');
      expect((await d.delivered()).channel).toHaveLength(0);
    });
  });
}
