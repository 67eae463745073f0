// The contract driver for Discord: the shared scenarios of test/contract/ played through the loopback Discord, the
// real discord.js client inside the real adapter, and the real dispatcher over SQLite.
import { advanceTo } from '../../../src/jobs/console-advance.ts';
import { Scheduler } from '../../../src/jobs/scheduler.ts';
import { silentLog } from '../../support/harness.ts';
import type { ContractDriver, OptionValue, Seen, Who } from '../../contract/driver.ts';
import type { DispatchedInteraction, OptionInput, StoredMessage } from '../../standins/discord/index.ts';
import { buttonsOf, startDiscordWorld, textOf, type Person } from './world.ts';

export async function startDiscordContractDriver(): Promise<ContractDriver> {
  const w = await startDiscordWorld();
  const names = new Map<string, string>(Object.entries(w.people).map(([who, user]) => [user.id, who.charAt(0).toUpperCase() + who.slice(1)]));
  const messages = new WeakMap<Seen, StoredMessage>();
  let last: DispatchedInteraction | undefined;

  const see = (message: StoredMessage): Seen => {
    const text = textOf(message).replace(/<@!?(\d+)>/g, (_, id: string) => names.get(id) ?? id);
    const seen: Seen = { text, buttons: buttonsOf(message).map((b) => b.label) };
    messages.set(seen, message);
    return seen;
  };
  const optionInputs = (options: Record<string, OptionValue>): OptionInput[] =>
    Object.entries(options).map(([name, value]): OptionInput => {
      if (typeof value === 'number') return { type: 'integer', name, value };
      if (typeof value === 'string') return { type: 'string', name, value };
      return { type: 'user', name, user: w.people[value.person as Person] };
    });
  const answerTo = async (interaction: DispatchedInteraction): Promise<Seen> => {
    last = interaction;
    return see(await w.standin.waitForReply(interaction.id));
  };

  return {
    platform: 'discord',
    run(who: Who, command, sub, options = {}) {
      const [first, second] = sub.split(' ');
      const extra = second ? { group: first ?? '' } : {};
      return answerTo(w.command(who, command, second ?? (first || undefined), optionInputs(options), extra));
    },
    press(who, on, label) {
      const message = messages.get(on);
      if (!message) throw new Error('press: that message did not come from this driver');
      return answerTo(w.press(who, message, label));
    },
    async fillForm(who, on, label, fields) {
      const message = messages.get(on);
      if (!message) throw new Error('fillForm: that message did not come from this driver');
      const opened = await w.standin.waitForResponse(w.press(who, message, label).id);
      if (opened.type !== 9) throw new Error(`fillForm: "${label}" answered without a form (type ${opened.type})`);
      const { custom_id: customId } = opened.data as { custom_id: string };
      return answerTo(w.standin.dispatchModalSubmit({ user: w.people[who as Person], customId, fields }));
    },
    // Discord's repeated delivery: the same INTERACTION_CREATE again (a gateway replay). The bot runs it once; its
    // second answer is refused by Discord (40060), so the person still sees the first one.
    async repeatLast() {
      if (!last) throw new Error('repeatLast: nothing delivered yet');
      const mark = w.standin.mark();
      const repeated = last;
      w.standin.redispatch(repeated);
      await w.standin.waitForCall((c) => c.interactionId === repeated.id && c.status === 400, { from: mark });
      return see(await w.standin.waitForReply(repeated.id));
    },
    channelPost: async (text) => see(await w.channelPost(text)),
    dm: async (who, text) => see(await w.dm(who, text)),
    async delivered() {
      await w.relay.drain();
      return { channel: w.channelPosts().map(see), dms: { ana: w.dms('ana').map(see), ben: w.dms('ben').map(see), cleo: w.dms('cleo').map(see) } };
    },
    setTime: (iso) => w.clock.set(Date.parse(iso)),
    advanceTo: (iso) => advanceTo({ store: w.store, clock: w.clock, scheduler: new Scheduler(w.store, w.clock, silentLog), relay: w.relay, platform: 'discord' }, Date.parse(iso)),
    balance: (who) => w.balance(who),
    close: () => w.close(),
  };
}
