import {
  DiscordAPIError,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  type ModalSubmitInteraction,
  type UserContextMenuCommandInteraction,
} from 'discord.js';
import { decodeAction } from '../../core/action-codec.ts';
import { pressOpensForm, typedOpensForm } from '../../app/command.ts';
import type { Dispatcher } from '../../app/dispatcher.ts';
import { APOLOGY } from '../../messages/errors.ts';
import type { ButtonAction, Invocation } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import type { CoopChannels } from './channels.ts';
import { DiscordCode, describeError, isSpentInteraction } from './errors.ts';
import { ASK_TO_SIT } from './context-menu.ts';
import { buildModal } from './forms.ts';
import { displayName, guildIdentity, idempotencyKey, memberRef, readOptions, subcommandOf, type Identity } from './invocation.ts';
import { answer, say } from './replies.ts';

// The one interaction router: slash commands, buttons, modal submissions and autocomplete all end in the dispatcher,
// and every failure ends in handle()'s single error boundary. The dispatcher is synchronous and fast (one SQLite
// transaction, no network), so a guild interaction is answered directly with its result, well inside Discord's
// 3 s: one callback instead of a defer plus an edit. The only slow work, fetching the member behind a button
// pressed in a DM, is preceded by a defer. A modal has to be the first response, so it opens before any dispatch.

export const NOT_IN_GUILD = "I work inside your co-op's Discord server: use me there, and I'll answer privately.";
export const UNKNOWN_BUTTON = "That button isn't one I know any more. `/swap list` shows what's open now.";
const LEFT_GUILD = "You're not a member of that co-op's server any more, so I can't do that for you.";
const BOT_LEFT = "I'm no longer in that co-op's server, so I can't do that.";
/** When the command ran but its answer could not be shown, "nothing was changed" would not be true. */
const ANSWER_LOST = "Sorry, I couldn't show you my answer. `/swap list show:mine` and `/credits balance` show where things stand.";

/** `<guild id>/swap.done?id=3`: a button in a DM names its co-op. */
const DM_BUTTON = /^(\d{17,20})\/(.+)$/;

export interface RouterDeps {
  client: Client;
  dispatcher: Dispatcher;
  channels: CoopChannels;
  log: Logger;
}

export class InteractionRouter {
  private readonly dispatched = new WeakSet<Interaction>();

  constructor(private readonly deps: RouterDeps) {}

  async handle(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) await this.autocomplete(interaction);
      else if (interaction.isChatInputCommand()) await this.command(interaction);
      else if (interaction.isUserContextMenuCommand()) await this.userMenu(interaction);
      else if (interaction.isButton()) await this.button(interaction);
      else if (interaction.isModalSubmit()) await this.modal(interaction);
    } catch (error) {
      await this.fail(interaction, error);
    }
  }

  private run(interaction: Interaction, identity: Identity, parts: Pick<Invocation, 'command' | 'sub' | 'options'>) {
    const reply = this.deps.dispatcher.dispatch({ ...identity, ...parts, idempotencyKey: idempotencyKey(interaction) });
    this.dispatched.add(interaction);
    return reply;
  }

  private inGuild(interaction: Interaction): Identity | undefined {
    const identity = guildIdentity(interaction);
    if (identity) this.deps.channels.noteUse(identity.coopRef, interaction.channelId);
    return identity;
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    const identity = this.inGuild(interaction);
    if (!identity) return say(interaction, NOT_IN_GUILD);
    const sub = subcommandOf(interaction);
    const options = readOptions(interaction);
    const command = this.deps.dispatcher.commands.find((c) => c.name === interaction.commandName);
    const form = this.deps.dispatcher.find(interaction.commandName, sub)?.form;
    if (command && typedOpensForm(form, options)) {
      // A member chosen beside the form's fields (`sitter:`) rides along in the modal's id.
      const carried = Object.entries(options).flatMap(([name, value]) =>
        typeof value === 'object' && value !== null && 'ref' in value && typeof value.ref === 'string' ? [[name, value.ref] as const] : [],
      );
      await interaction.showModal(buildModal(command, sub, form, options, { options: Object.fromEntries(carried) }));
      return;
    }
    await answer(interaction, this.run(interaction, identity, { command: interaction.commandName, sub, options }));
  }

  /** "Ask to sit" on a member: the request form, with them as the neighbour asked first. */
  private async userMenu(interaction: UserContextMenuCommandInteraction): Promise<void> {
    const identity = this.inGuild(interaction);
    if (!identity) return say(interaction, NOT_IN_GUILD);
    const command = this.deps.dispatcher.commands.find((c) => c.name === 'swap');
    const form = this.deps.dispatcher.find('swap', 'request')?.form;
    if (interaction.commandName !== ASK_TO_SIT || !command || !form) return say(interaction, UNKNOWN_BUTTON);
    const target = interaction.targetUser;
    if (target.bot) return say(interaction, "Bots don't babysit, sadly. Pick a neighbour, or post `/swap request` for everyone.");
    if (target.id === interaction.user.id) return say(interaction, "That's you! Pick a neighbour, or post `/swap request` for everyone.");
    const name = displayName(interaction.targetMember, target);
    await interaction.showModal(buildModal(command, 'request', form, {}, { options: { sitter: target.id }, title: `Ask ${name} to sit` }));
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const dm = DM_BUTTON.exec(interaction.customId);
    const action = decodeAction(dm ? (dm[2] ?? '') : interaction.customId);
    const identity = this.inGuild(interaction);
    // A button that runs a command without its form's trigger opens the form (a modal must be the first response).
    if (action && (identity || dm) && (await this.openForm(interaction, action, identity ? '' : `${dm?.[1] ?? ''}/`))) return;
    if (identity) {
      if (!action) return say(interaction, UNKNOWN_BUTTON);
      return answer(interaction, this.run(interaction, identity, action));
    }
    if (!dm || !action) return say(interaction, action ? NOT_IN_GUILD : UNKNOWN_BUTTON);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const member = await this.dmIdentity(interaction, dm[1] ?? '');
    if (typeof member === 'string') return say(interaction, member);
    await answer(interaction, this.run(interaction, member, action), { idPrefix: `${member.coopRef}/` });
  }

  private async openForm(interaction: ButtonInteraction, action: ButtonAction, idPrefix: string): Promise<boolean> {
    const form = this.deps.dispatcher.find(action.command, action.sub)?.form;
    const command = this.deps.dispatcher.commands.find((c) => c.name === action.command);
    if (!command || !pressOpensForm(form, action.options)) return false;
    // What the button says beyond the form's fields (the sit's number of "Write a line…") rides along in the modal's id.
    const carried = Object.entries(action.options).filter(([name]) => !form.fields.includes(name));
    const modal = buildModal(command, action.sub, form, action.options, { options: Object.fromEntries(carried.map(([name, value]) => [name, String(value)])) });
    await interaction.showModal({ ...modal, custom_id: `${idPrefix}${modal.custom_id}` });
    return true;
  }

  /** Who pressed a button (or sent a form) in a DM, as a member of the co-op it names: still in that server, or refused. */
  private async dmIdentity(interaction: ButtonInteraction | ModalSubmitInteraction, guildId: string): Promise<Identity | string> {
    const guild = this.deps.client.guilds.cache.get(guildId);
    if (!guild) return BOT_LEFT;
    try {
      const member = await guild.members.fetch({ user: interaction.user.id, cache: false });
      return {
        platform: 'discord',
        coopRef: guild.id,
        coopName: guild.name,
        member: memberRef(interaction.user, member),
        isPlatformAdmin: member.permissions.has(PermissionFlagsBits.ManageGuild),
      };
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.code === DiscordCode.UnknownMember || error.code === DiscordCode.UnknownUser)) return LEFT_GUILD;
      throw error;
    }
  }

  private async modal(interaction: ModalSubmitInteraction): Promise<void> {
    const identity = this.inGuild(interaction);
    const dm = identity ? undefined : DM_BUTTON.exec(interaction.customId);
    if (!identity && !dm) return say(interaction, NOT_IN_GUILD);
    const action: ButtonAction | undefined = decodeAction(dm ? (dm[2] ?? '') : interaction.customId);
    const form = action && this.deps.dispatcher.find(action.command, action.sub)?.form;
    if (!action || !form) return say(interaction, UNKNOWN_BUTTON);
    const options: Record<string, unknown> = { ...action.options };
    for (const field of form.fields) {
      const value = interaction.fields.getTextInputValue(field).trim();
      if (value !== '') options[field] = value;
    }
    const parts = { command: action.command, sub: action.sub, options };
    if (identity) return answer(interaction, this.run(interaction, identity, parts));
    // A form opened from a button in a DM: its id names the co-op, like the button's.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const member = await this.dmIdentity(interaction, dm?.[1] ?? '');
    if (typeof member === 'string') return say(interaction, member);
    await answer(interaction, this.run(interaction, member, parts), { idPrefix: `${member.coopRef}/` });
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const identity = guildIdentity(interaction);
    const sub = subcommandOf(interaction);
    const focused = interaction.options.getFocused(true);
    const option = this.deps.dispatcher.find(interaction.commandName, sub)?.options[focused.name];
    if (!identity || !option?.autocomplete) return interaction.respond([]);
    const who = { platform: 'discord' as const, coopRef: identity.coopRef, memberRef: identity.member.ref, typed: String(focused.value) };
    if (option.autocomplete === 'when') {
      return interaction.respond(this.deps.dispatcher.suggestTimes(who).map((c) => ({ name: c.label, value: c.text })));
    }
    const choices = this.deps.dispatcher.suggest({ ...who, sub });
    await interaction.respond(choices.map((c) => ({ name: c.label, value: c.number })));
  }

  /** The single error boundary: a repeated delivery is quietly dropped; anything else is logged and apologised for. */
  private async fail(interaction: Interaction, error: unknown): Promise<void> {
    const context = { interaction: interaction.id, type: interaction.type, coop: interaction.guildId, error: describeError(error) };
    if (isSpentInteraction(error)) {
      this.deps.log.info(context, 'interaction already answered or expired');
      return;
    }
    this.deps.log.error(context, 'discord interaction failed');
    if (!interaction.isRepliable()) return;
    const content = this.dispatched.has(interaction) ? ANSWER_LOST : APOLOGY;
    try {
      if (interaction.deferred || interaction.replied) await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
      else await interaction.reply({ content, flags: MessageFlags.Ephemeral });
    } catch (second) {
      this.deps.log.warn({ interaction: interaction.id, error: describeError(second) }, 'could not apologise either');
    }
  }
}
