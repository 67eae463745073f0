// The all's-well update in the shared contract: the halfway invitation, a quick reply, a line written in the form
// its third button opens, and the parent's one tap to stop them, the same on every platform.
import { expect, it } from 'vitest';
import type { ContractDriver } from './driver.ts';

/** Registers the scenario inside contractScenarios' describe; `driver` gives the one its beforeEach started. */
export function sitUpdateScenario(driver: () => ContractDriver): void {
  it("all's well: the halfway invitation, a quick reply and a written line reach the parent, who can stop them with one tap", async () => {
    const d = driver();
    await d.run('ben', 'profile', '', { quiet: 'off' });
    expect((await d.run('ana', 'profile', '', { updates: 'anytime' })).text).toContain('updates from your sitters on, even in your quiet hours');
    await d.run('ana', 'swap', 'request', { when: 'sat 19:00-23:00' }); // Sat 28 Nov, 19:00 London
    await d.run('ben', 'swap', 'volunteer', { id: 1 });
    await d.run('ana', 'swap', 'choose', { id: 1, member: { person: 'ben' } });
    expect((await d.run('ben', 'swap', 'update', { id: 1, message: 'too soon' })).text).toContain('#1 starts Sat 28 Nov, 19:00');

    await d.advanceTo('2026-11-28T21:00:00Z'); // halfway; Ana's quiet hours have begun, but she asked for updates anytime
    const invite = await d.dm('ben', 'Halfway through #1');
    expect(invite.text).toContain('One tap tells Ana all is well');
    expect(invite.buttons).toEqual(["All's well", 'Asleep', 'Write a line…']);
    expect((await d.press('ben', invite, "All's well")).text).toContain('Sent to Ana. Thank you!');
    const quick = await d.dm('ana', 'From Ben, sitting #1');
    expect(quick.text).toContain("From Ben, sitting #1: All's well 🙂");
    expect(quick.buttons).toEqual(['No updates for this sit']);

    const written = await d.fillForm('ben', invite, 'Write a line…', { message: 'Both asleep by 8 <3 story done' });
    expect(written.text).toContain('Sent to Ana. Thank you!');
    expect((await d.dm('ana', 'story done')).text).toContain('From Ben, sitting #1: Both asleep by 8 <3 story done');

    expect((await d.run('cleo', 'swap', 'update', { id: 1, message: 'hello' })).text).toContain('Only the sitter of #1 sends its updates');
    expect((await d.press('ana', quick, 'No updates for this sit')).text).toContain('No more updates for #1.');
    expect((await d.run('ben', 'swap', 'update', { id: 1, message: 'one more thing' })).text).toContain('The family turned updates off for #1');

    const { channel, dms } = await d.delivered();
    expect(channel.filter((s) => s.text.includes('asleep') || s.text.includes('well 🙂'))).toEqual([]);
    expect(dms.ana.filter((s) => s.text.includes('From Ben, sitting #1'))).toHaveLength(2);
    expect(dms.ben.filter((s) => s.text.startsWith('Halfway through'))).toHaveLength(1);
    expect(dms.cleo.filter((s) => s.text.includes('From Ben'))).toEqual([]);
  });
}
