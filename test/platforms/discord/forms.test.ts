import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHILD_CARD_TEMPLATE } from '../../../src/domain/child-cards.ts';
import { opt } from '../../standins/discord/index.ts';
import { buttonsOf, startDiscordWorld, textOf, type DiscordWorld } from './world.ts';

// Forms opened by buttons: the child card's "Write the card" (typed /household card still shows the card), and the
// welcome's next steps, pressed in a DM, where the modal has to name its co-op like the button does.

type ModalData = { custom_id: string; title: string; components: { components: Record<string, unknown>[] }[] };

describe('Discord: forms opened by buttons', () => {
  let w: DiscordWorld;
  beforeEach(async () => {
    w = await startDiscordWorld();
    await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
  });
  afterEach(async () => {
    await w.close();
  });

  it('/household card shows the card; its button opens the form with the template, and the form saves the card', async () => {
    const shown = await w.ask('ben', 'household', 'card');
    expect(textOf(shown)).toContain('no child card yet');
    const pressed = w.press('ben', shown, 'Write the card');
    const modal = await w.standin.waitForResponse(pressed.id);
    expect(modal.type).toBe(9);
    const data = modal.data as ModalData;
    expect(data).toMatchObject({ custom_id: 'household.card', title: 'Your child card' });
    expect(data.components.map((r) => r.components[0])).toEqual([expect.objectContaining({ custom_id: 'text', style: 2, max_length: 1500, value: CHILD_CARD_TEMPLATE })]);

    const card = 'Children: Mia, 4\nAllergies: peanuts (EpiPen in the blue bag)\nBedtime: 19:30, Mr Rabbit';
    const submitted = w.standin.dispatchModalSubmit({ user: w.people.ben, customId: 'household.card', fields: { text: card } });
    expect((await w.standin.waitForReply(submitted.id)).content).toContain("Saved your family's child card");
    expect(textOf(await w.ask('ben', 'household', 'card'))).toContain('EpiPen in the blue bag');
    expect(buttonsOf(await w.ask('ben', 'household', 'card')).map((b) => b.label)).toEqual(['Change the card']);
  });

  it("the welcome's buttons, pressed in the DM, open the request and settings forms, and their answers work", async () => {
    await w.ask('ben', 'help');
    const welcome = await w.dm('ben', 'Three lines on how it works');
    expect(buttonsOf(welcome).map((b) => b.label)).toEqual(['Ask for a sitter', 'Offer to sit', 'Set my timezone']);

    const ask = await w.standin.waitForResponse(w.press('ben', welcome, 'Ask for a sitter').id);
    expect(ask.type).toBe(9);
    const askId = (ask.data as ModalData).custom_id;
    expect(askId).toBe(`${w.guild.id}/swap.request`);
    const posted = w.standin.dispatchModalSubmit({ user: w.people.ben, customId: askId, fields: { when: 'sat 19:00-22:00', kids: '2', note: '' } });
    expect((await w.standin.waitForReply(posted.id)).content).toMatch(/^Posted #1 for Sat 28 Nov, 19:00–22:00/);
    await w.channelPost('Ben needs a sitter');

    const settings = await w.standin.waitForResponse(w.press('ben', welcome, 'Set my timezone').id);
    const data = settings.data as ModalData;
    expect(data.title).toBe('Your settings');
    expect(data.components.map((r) => r.components[0]?.custom_id)).toEqual(['timezone', 'quiet']);
    const saved = w.standin.dispatchModalSubmit({ user: w.people.ben, customId: data.custom_id, fields: { timezone: 'America/New_York', quiet: '' } });
    expect((await w.standin.waitForReply(saved.id)).content).toContain('Saved: timezone America/New_York');
  });

  it('typed /profile without options still shows the settings, with no form', async () => {
    const shown = await w.ask('ben', 'profile');
    expect(shown.content).toContain('Your settings:');
  });
});
