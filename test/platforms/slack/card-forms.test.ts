import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHILD_CARD_TEMPLATE } from '../../../src/domain/child-cards.ts';
import { startSlackWorld, textOf, type SlackWorld } from './world.ts';

// Forms opened by buttons on Slack: the child card's "Write the card" (typed /household card still shows the card),
// and the welcome's next steps pressed in the DM. Both open a view with the trigger of the press.

interface View {
  title: { text: string };
  submit?: { text: string };
  blocks: { block_id?: string; element?: { initial_value?: string; max_length?: number; multiline?: boolean } }[];
}

describe.each(['socket', 'http'] as const)('Slack %s mode: forms opened by buttons', (mode) => {
  let world: SlackWorld;
  beforeEach(async () => {
    world = await startSlackWorld(mode);
  });
  afterEach(async () => {
    await world.close();
  });

  it('/household card shows the card; "Write the card" opens the form with the template; submitting saves it', async () => {
    const shown = await world.ask('ben', '/household', 'card');
    expect(textOf(shown)).toContain('no child card yet');
    expect(world.standin.callsOf('views.open')).toEqual([]);
    const mark = world.standin.lastSeq;
    await world.press('ben', shown, 'Write the card');
    const opened = await world.standin.waitForCall('views.open', { afterSeq: mark });
    expect(opened.response).toMatchObject({ ok: true });
    const view = opened.body.view as View;
    expect(view.title.text).toBe('Your child card');
    expect(view.submit?.text).toBe('Save');
    expect(view.blocks.find((b) => b.block_id === 'text')?.element).toMatchObject({ initial_value: CHILD_CARD_TEMPLATE, max_length: 1500, multiline: true });

    const saved = await world.submit('ben', opened, { text: 'Children: Mia, 4\nAllergies: peanuts, EpiPen in the blue bag' });
    expect(JSON.stringify(saved.payload)).toContain("Saved your family's child card");
    expect(textOf(await world.ask('ben', '/household', 'card'))).toContain('EpiPen in the blue bag');
  });

  it("the welcome's Ask for a sitter, pressed in the DM, opens the request form, which posts", async () => {
    await world.ask('ben', '/help', '');
    await world.relay.drain();
    const welcome = await world.standin.waitForCall((c) => c.method === 'chat.postMessage' && textOf(c).includes('Three lines on how it works'));
    const mark = world.standin.lastSeq;
    await world.press('ben', welcome, 'Ask for a sitter');
    const opened = await world.standin.waitForCall('views.open', { afterSeq: mark });
    expect((opened.body.view as View).title.text).toBe('Ask for a sitter');
    const posted = await world.submit('ben', opened, { when: 'sat 19:00-23:00', kids: '1' });
    expect(JSON.stringify(posted.payload)).toMatch(/Posted #1 for Sat/);
  });
});
