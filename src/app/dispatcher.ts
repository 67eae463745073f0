import { createHash } from 'node:crypto';
import type { Clock, Invocation, MemberRef, Message, Reply } from '../core/types.ts';
import type { Store } from '../db/store.ts';
import type { Coop } from '../domain/coops.ts';
import { sendToMember } from '../delivery/member-messages.ts';
import type { DmOptions, Sent } from '../domain/delivery.ts';
import { coopDestination } from '../domain/destinations.ts';
import { UserError } from '../domain/errors.ts';
import { timezoneOf, type Member } from '../domain/members.ts';
import type { Logger } from '../logger.ts';
import { APOLOGY } from '../messages/errors.ts';
import { nameOfRef } from '../messages/people.ts';
import type { CommandContext, CommandFamily } from '../services/context.ts';
import { buildHome, type HomeQuery, type HomeView } from '../services/home/home-view.ts';
import { alreadyJoined, joinCoop } from '../services/members/join.ts';
import { openSwapChoices, type SwapChoice, type SwapChoiceQuery } from '../services/swaps/choices.ts';
import { whenSuggestions, type WhenSuggestion, type WhenSuggestionQuery } from '../services/swaps/when-suggestions.ts';
import { describeBadOption, isReadOnly, usage, type CommandSpec, type SubcommandSpec } from './command.ts';
import { missingOption, unknownCommand, unknownSub } from './command-hints.ts';
import { freeExample } from './command-line-words.ts';

export type { HomeView } from '../services/home/home-view.ts';

export interface DispatcherOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  commands: readonly CommandSpec[];
  defaultTimezone: string;
  /** Called after a command's transaction commits, so the outbox relay can deliver what it queued. */
  onCommitted?: () => void;
}

/**
 * The one way into the co-op: validates, authorises, runs the command in one transaction, remembers the answer
 * for its idempotency key, and is the single error boundary for every platform.
 */
export class Dispatcher {
  private readonly byName: Map<string, CommandSpec>;
  private readonly catalog: readonly CommandFamily[];

  constructor(private readonly options: DispatcherOptions) {
    this.byName = new Map(options.commands.map((c) => [c.name, c]));
    this.catalog = options.commands.map((c) => ({
      name: c.name,
      description: c.description,
      subcommands: Object.entries(c.subcommands).map(([sub, spec]) => ({
        sub,
        description: spec.description,
        usage: usage(c.name, sub, spec),
        example: freeExample(c.name, sub, spec),
        adminOnly: spec.adminOnly ?? false,
      })),
    }));
  }

  get commands(): readonly CommandSpec[] {
    return this.options.commands;
  }

  find(command: string, sub: string): SubcommandSpec | undefined {
    const spec = this.byName.get(command);
    return spec && Object.hasOwn(spec.subcommands, sub) ? spec.subcommands[sub] : undefined;
  }

  dispatch(invocation: Invocation): Reply {
    // The child logger is made only when something is logged: most commands log nothing.
    const parent = this.options.log;
    let child: Logger | undefined;
    const log = {
      get logger(): Logger {
        return (child ??= parent.child({ platform: invocation.platform, coop: invocation.coopRef, command: `${invocation.command} ${invocation.sub}`.trim() }));
      },
    };
    try {
      const spec = this.resolve(invocation);
      const args = this.validate(invocation, spec);
      if (isReadOnly(spec, args)) {
        const read = this.options.store.read(() => this.runReading(invocation, spec, args, log));
        if (read) return read;
      }
      const reply = this.options.store.transaction(() => this.runOnce(invocation, spec, args, log));
      this.options.onCommitted?.();
      return reply;
    } catch (error) {
      if (error instanceof UserError) {
        const refusal: NonNullable<Reply['refusal']> = { code: error.code };
        if (error.option) refusal.option = error.option;
        return { visibility: 'private', text: error.message, refusal };
      }
      log.logger.error({ err: error, idempotencyKey: invocation.idempotencyKey }, 'command failed');
      return { visibility: 'private', text: APOLOGY };
    }
  }

  /** Read-only suggestions while a member types a swap number (Discord autocomplete); never throws. */
  suggest(query: Omit<SwapChoiceQuery, 'now'>): SwapChoice[] {
    try {
      return openSwapChoices(this.options.store, { ...query, now: this.options.clock.now() });
    } catch (error) {
      this.options.log.error({ err: error, platform: query.platform, coop: query.coopRef }, 'suggestions failed');
      return [];
    }
  }

  /** Read-only suggestions while a member types `when:` (Discord autocomplete); never throws. */
  suggestTimes(query: Omit<WhenSuggestionQuery, 'now' | 'defaultTimezone'>): WhenSuggestion[] {
    try {
      return whenSuggestions(this.options.store, { ...query, now: this.options.clock.now(), defaultTimezone: this.options.defaultTimezone });
    } catch (error) {
      this.options.log.error({ err: error, platform: query.platform, coop: query.coopRef }, 'time suggestions failed');
      return [];
    }
  }

  /** A member's home (Slack's App Home), read-only; undefined when it could not be built (logged). */
  home(query: Omit<HomeQuery, 'now'>): HomeView | undefined {
    try {
      return buildHome(this.options.store, { ...query, now: this.options.clock.now() });
    } catch (error) {
      this.options.log.error({ err: error, platform: query.platform, coop: query.coopRef }, 'home view failed');
      return undefined;
    }
  }

  /** Makes sure a member exists (the console's `:as NAME`), with their starting credits. */
  join(identity: Pick<Invocation, 'platform' | 'coopRef' | 'coopName' | 'member'>): void {
    const invocation: Invocation = { ...identity, isPlatformAdmin: false, command: '', sub: '', options: {}, idempotencyKey: '' };
    this.options.store.transaction(() => joinCoop(this.options.store, invocation, this.options.defaultTimezone, this.options.clock.now()));
  }

  private resolve(invocation: Invocation): SubcommandSpec {
    const command = this.byName.get(invocation.command);
    if (!command) throw unknownCommand(invocation.command, [...this.byName.keys()]);
    const spec = this.find(invocation.command, invocation.sub);
    if (!spec) throw unknownSub(command, invocation.sub.toLowerCase());
    return spec;
  }

  private validate(invocation: Invocation, spec: SubcommandSpec): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    const line = usage(invocation.command, invocation.sub, spec);
    for (const name of Object.keys(invocation.options)) {
      if (!Object.hasOwn(spec.options, name)) {
        throw new UserError(`\`${name}:\` isn't an option here. Use: \`${line}\``, { option: name, code: 'bad_option' });
      }
    }
    for (const [name, option] of Object.entries(spec.options)) {
      const raw = invocation.options[name];
      if (raw === undefined || raw === '') {
        if (option.required) throw missingOption(invocation.command, invocation.sub, spec, name, invocation.options);
        continue;
      }
      const parsed = option.schema.safeParse(raw);
      if (!parsed.success) throw new UserError(describeBadOption(name, option), { option: name, code: 'bad_option' });
      args[name] = parsed.data;
    }
    return args;
  }

  /**
   * A command that changes nothing, inside a read transaction: no idempotency row (answering a repeat again is
   * the same answer). Undefined when the member must be joined first: that takes the write path, once.
   */
  private runReading(invocation: Invocation, spec: SubcommandSpec, args: Record<string, unknown>, log: LazyLog): Reply | undefined {
    const joined = alreadyJoined(this.options.store, invocation);
    if (!joined) return undefined;
    return this.runAs(invocation, spec, args, log, joined.coop, joined.member, this.options.clock.now());
  }

  private runOnce(invocation: Invocation, spec: SubcommandSpec, args: Record<string, unknown>, log: LazyLog): Reply {
    const { store } = this.options;
    const now = this.options.clock.now();
    if (isReadOnly(spec, args)) {
      const { coop, member } = joinCoop(store, invocation, this.options.defaultTimezone, now);
      return this.runAs(invocation, spec, args, log, coop, member, now);
    }
    const fingerprint = fingerprintOf(invocation);
    const seen = store.invocations.find(invocation.idempotencyKey);
    if (seen) {
      if (seen.fingerprint !== fingerprint) throw new Error(`idempotency key ${invocation.idempotencyKey} reused for another command`);
      return JSON.parse(seen.reply) as Reply;
    }
    const { coop, member } = joinCoop(store, invocation, this.options.defaultTimezone, now);
    const reply = this.runAs(invocation, spec, args, log, coop, member, now);
    store.invocations.remember(invocation.idempotencyKey, fingerprint, JSON.stringify(reply), now);
    return reply;
  }

  private runAs(invocation: Invocation, spec: SubcommandSpec, args: Record<string, unknown>, log: LazyLog, coop: Coop, member: Member, now: number): Reply {
    const isAdmin = invocation.isPlatformAdmin || member.isAdmin;
    if (spec.adminOnly && !isAdmin) {
      throw new UserError('Only co-op admins can do that. An admin can add you with `/coop admin add`.', { code: 'not_allowed' });
    }
    return spec.run(this.context(invocation, coop, member, isAdmin, now, log), args as never);
  }

  private context(invocation: Invocation, coop: Coop, member: Member, isAdmin: boolean, now: number, log: LazyLog): CommandContext {
    const { store } = this.options;
    return {
      store,
      now,
      coop,
      rules: store.coops.rules(coop.id),
      member,
      isAdmin,
      invocation,
      timezone: timezoneOf(member, coop),
      get log() {
        return log.logger;
      },
      catalog: this.catalog,
      findMember(ref: MemberRef): Member {
        const found = store.members.find(coop.id, ref.ref);
        if (!found || found.forgottenAt !== null) {
          throw new UserError(`${nameOfRef(ref)} hasn't used Breather in this co-op yet. Ask them to run \`/help\` once, then try again.`, {
            code: 'not_found',
          });
        }
        return found;
      },
      dm(to: Member, message: Message, how: DmOptions = {}): Sent {
        const delivery = how.delivery ?? (to.id === member.id ? { kind: 'answer' } : { kind: 'unprompted' });
        const { dedupeKey, countAs, onlyWhile } = how;
        return sendToMember(store, { coop, member: to, message, delivery, now, ...(dedupeKey ? { dedupeKey } : {}), ...(countAs ? { countAs } : {}), ...(onlyWhile ? { onlyWhile } : {}) });
      },
      post(message: Message, dedupeKey?: string): void {
        store.outbox.add({ coopId: coop.id, notification: { destination: coopDestination(coop), message }, at: now, ...(dedupeKey ? { dedupeKey } : {}) });
      },
    };
  }
}

interface LazyLog {
  readonly logger: Logger;
}

function fingerprintOf(invocation: Invocation): string {
  const { platform, coopRef, member, command, sub, options } = invocation;
  return createHash('sha256')
    .update(JSON.stringify([platform, coopRef, member.ref, command, sub, Object.entries(options).sort()]))
    .digest('base64url');
}
