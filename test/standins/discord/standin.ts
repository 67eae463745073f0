import { DiscordError } from './http-util.ts';
import { type FailOptions, type HeldRequest, type RateLimitOptions, type RouteMatcher, rateLimitError } from './faults.ts';
import {
  type AutocompleteOptions,
  type ComponentOptions,
  InteractionFactory,
  type ModalSubmitOptions,
  type SelectOptions,
  type SlashCommandOptions,
  type UserCommandOptions,
} from './interactions.ts';
import { LOADING } from './messages.ts';
import { type DiscordStandinOptions, StandinBase } from './standin-base.ts';
import type { DispatchedInteraction, InteractionState, JsonObject, StandinChannel, StoredCommand, StoredMessage } from './types.ts';
import type { WaitOptions } from './wait-log.ts';

export type { DiscordStandinOptions };

const CALLBACK_ROUTE = 'POST /interactions/:id/:token/callback';

/** A loopback Discord (REST + gateway) for a real discord.js client; see index.ts for the exports. */
export class DiscordStandin extends StandinBase {
  readonly #interactions: InteractionFactory;
  readonly #dispatchMarks = new Map<string, number>();

  constructor(options: DiscordStandinOptions = {}) {
    super(options);
    this.#interactions = new InteractionFactory(this.world, () => this.baseUrl);
  }

  // Interactions

  dispatchSlashCommand(options: SlashCommandOptions): DispatchedInteraction {
    return this.#send(this.#interactions.slashCommand(options));
  }

  dispatchAutocomplete(options: AutocompleteOptions): DispatchedInteraction {
    return this.#send(this.#interactions.autocomplete(options));
  }

  /** A member picked "Apps → <name>" on another member (a user context-menu command). */
  dispatchUserCommand(options: UserCommandOptions): DispatchedInteraction {
    return this.#send(this.#interactions.userCommand(options));
  }

  /** A thread channel the bot opened, with its members and state. */
  thread(id: string): StandinChannel | undefined {
    const channel = this.world.channels.get(id);
    return channel?.thread ? channel : undefined;
  }

  /** Every thread opened under a channel. */
  threadsIn(parentId: string): StandinChannel[] {
    return [...this.world.channels.values()].filter((c) => c.thread?.parentId === parentId);
  }

  dispatchButton(options: ComponentOptions): DispatchedInteraction {
    return this.#send(this.#interactions.button(options));
  }

  dispatchSelect(options: SelectOptions): DispatchedInteraction {
    return this.#send(this.#interactions.select(options));
  }

  dispatchModalSubmit(options: ModalSubmitOptions): DispatchedInteraction {
    return this.#send(this.#interactions.modalSubmit(options));
  }

  /** Delivers the same INTERACTION_CREATE (same id and token) again. */
  redispatch(interaction: DispatchedInteraction): void {
    this.gateway.dispatch('INTERACTION_CREATE', interaction.payload);
  }

  interaction(id: string): InteractionState | undefined {
    return this.world.interactions.get(id);
  }

  /** The first accepted callback (`{ type, data }`) for an interaction. */
  async waitForResponse(interactionId: string, options?: WaitOptions): Promise<{ type: number; data: unknown }> {
    await this.callLog.waitFor(
      (c) => c.interactionId === interactionId && c.route === CALLBACK_ROUTE && c.status < 300,
      options,
    );
    const response = this.world.interactions.get(interactionId)?.response;
    if (!response) throw new Error(`interaction ${interactionId} has no response`);
    return response;
  }

  /**
   * The visible result of an interaction: its reply, the edit of its deferred reply, a follow-up,
   * or the updated component message — whichever comes first (loading placeholders are skipped).
   */
  waitForReply(interactionId: string, options: WaitOptions = {}): Promise<StoredMessage> {
    const state = this.world.interactions.get(interactionId);
    if (!state) throw new Error(`stand-in has no interaction ${interactionId}`);
    const from = options.from ?? this.#dispatchMarks.get(interactionId) ?? 0;
    return this.waitForMessage(
      (m) => (m.interactionId === interactionId || m.id === state.sourceMessageId) && (m.flags & LOADING) === 0,
      { ...options, from },
    );
  }

  commands(guildId: string | null = null): StoredCommand[] {
    return guildId === null ? [...this.world.globalCommands] : [...(this.world.guildCommands.get(guildId) ?? [])];
  }

  // Faults

  /** The next `times` matching calls answer 429 with retry_after, Retry-After and X-RateLimit-* headers. */
  rateLimit(route: RouteMatcher, options: RateLimitOptions = {}): void {
    this.faults.addError(route, options.times ?? 1, () => rateLimitError(options));
  }

  /** The next `times` matching calls answer this Discord error (e.g. 500 to exercise retries, 403 50013). */
  fail(route: RouteMatcher, options: FailOptions): void {
    this.faults.addError(route, options.times ?? 1, () => new DiscordError(options.status, options.code, options.message));
  }

  /** The next `times` matching calls take effect at once but are answered `ms` later. */
  delay(route: RouteMatcher, ms: number, times = 1): void {
    this.faults.addDelay(route, times, ms);
  }

  /**
   * The next matching call (whose JSON body `when` accepts, if given) takes effect at once but is answered only on
   * `release()`: from the bot's side, a crash between a send and its mark.
   */
  hold(route: RouteMatcher, when?: (body: unknown) => boolean): HeldRequest {
    return this.faults.addHold(route, when);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Messages to this user's DM channel answer 403 50007 "Cannot send messages to this user". */
  refuseDms(userId: string): void {
    this.world.dmRefusers.add(userId);
  }

  acceptDms(userId: string): void {
    this.world.dmRefusers.delete(userId);
  }

  /** As after 15 minutes: callbacks answer 10062 Unknown interaction, webhooks 50027 Invalid Webhook Token. */
  expireInteraction(interactionId: string): void {
    const state = this.world.interactions.get(interactionId);
    if (!state) throw new Error(`stand-in has no interaction ${interactionId}`);
    state.expired = true;
  }

  /** Closes the gateway socket(s): abruptly by default (client resumes), or with a close code. */
  dropGateway(code?: number): void {
    this.gateway.drop(code);
  }

  /** Sends op 7 RECONNECT. */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Sends op 9 INVALID_SESSION. */
  invalidateSession(resumable = false): void {
    this.gateway.invalidateSessions(resumable);
  }

  set ackHeartbeats(value: boolean) {
    this.gateway.ackHeartbeats = value;
  }

  #send(payload: JsonObject): DispatchedInteraction {
    const id = String(payload.id);
    this.#dispatchMarks.set(id, this.messageLog.size);
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return { id, token: String(payload.token), type: Number(payload.type), applicationId: this.applicationId, payload };
  }
}

/** Starts a stand-in on a random loopback port. */
export async function startDiscordStandin(options: DiscordStandinOptions = {}): Promise<DiscordStandin> {
  return new DiscordStandin(options).listen();
}
