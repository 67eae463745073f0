import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { decodeAction } from '../../core/action-codec.ts';
import { readCommandLine } from '../../app/command-line.ts';
import { questionReply, withReading } from '../../app/command-line-reply.ts';
import type { Dispatcher } from '../../app/dispatcher.ts';
import { UserError } from '../../domain/errors.ts';
import { closest, editDistance } from '../../domain/near-names.ts';
import { APOLOGY } from '../../messages/errors.ts';
import type { DeliveryResult, Invocation, MemberRef, Messenger, Notification, Reply } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import { DAY } from '../../domain/time.ts';
import { withAudience } from './render.ts';

// The local chat: the embedded default and a scriptable interface. It reads lines (typed or piped), answers each
// one, and ends at end of input. Every line it prints starts with who sees it.

export const CONSOLE_COOP = 'console';
const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;
const MAX_ADVANCE_MS = 400 * DAY;

export interface ConsoleClock {
  now(): number;
}

export interface ConsoleChatOptions {
  dispatcher: Dispatcher;
  clock: ConsoleClock;
  /** Moves the simulated clock to `until`, running every job that falls due on the way, in order. */
  advanceTo(until: number): Promise<void>;
  /** Delivers what the last command queued (DMs, channel posts). */
  deliver(): Promise<unknown>;
  describeTime(instant: number): string;
  input: Readable;
  output: Writable;
  log: Logger;
  initialMember?: string;
}

export class ConsoleMessenger implements Messenger {
  readonly platform = 'console' as const;
  constructor(private readonly write: (text: string) => void) {}

  async send(notification: Notification): Promise<DeliveryResult> {
    const { destination, message, localTime } = notification;
    const channel = `[#${(destination.kind === 'dm' ? 'general' : (destination.channelRef ?? 'general')).replace(/^#/, '')}]`;
    if (destination.kind === 'thread') {
      // The terminal has no private threads: the channel's news of the sit is shown, the thread is not opened.
      if (destination.channelPost?.everywhere && !destination.threadRef) this.write(withAudience(channel, destination.channelPost.message, localTime));
      return { ok: true, receipt: { kind: 'thread_not_opened', reason: 'the console has no private threads' } };
    }
    this.write(withAudience(destination.kind === 'dm' ? `[DM → ${destination.memberName}]` : channel, message, localTime));
    return { ok: true };
  }
}

/** Strips control characters (terminal escapes among them) before echoing what someone typed. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

export function readMention(token: string): MemberRef | undefined {
  const name = token.replace(/^@/, '');
  return NAME.test(name) ? { ref: name.toLowerCase(), name } : undefined;
}

/** "3d4h30m" → milliseconds; undefined if unreadable. */
export function parseDuration(text: string): number | undefined {
  const match = /^(?:(\d{1,3})d)?(?:(\d{1,4})h)?(?:(\d{1,5})m)?$/.exec(text.trim());
  if (!match || text.trim() === '') return undefined;
  const [, d = '0', h = '0', m = '0'] = match;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60_000;
}

export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { dispatcher, output } = options;
  const runId = randomUUID().slice(0, 8);
  const write = (text: string): void => {
    output.write(`${text}\n`);
  };
  // Nobody speaks until a script says who with `:as NAME`: the first name given is the co-op's first member (its
  // admin), never a made-up "me".
  let me: MemberRef | undefined = options.initialMember ? readMention(options.initialMember) : undefined;
  let lineNumber = 0;
  const audience = () => `[private → ${me?.name ?? 'you'}]`;
  const say = (text: string) => write(withAudience(audience(), { text }));
  const show = (reply: Reply) => write(withAudience(reply.visibility === 'private' ? audience() : '[#general]', reply));

  const invoke = async (parts: Pick<Invocation, 'command' | 'sub' | 'options'>, readAs?: string) => {
    if (!me) return say('Say who you are first, like `:as Alice`; then commands run as Alice.');
    const reply = dispatcher.dispatch({
      platform: 'console',
      coopRef: CONSOLE_COOP,
      coopName: 'Console co-op',
      channelRef: 'general',
      member: me,
      isPlatformAdmin: false,
      idempotencyKey: `console:${runId}:${lineNumber}`,
      command: parts.command,
      sub: parts.sub,
      options: parts.options,
    });
    show(withReading(reply, readAs));
    await options.deliver();
  };

  const handle = async (line: string): Promise<'quit' | void> => {
    if (line.startsWith('/')) {
      try {
        const reading = readCommandLine(line, dispatcher.commands, readMention);
        if (reading.kind === 'question') return show(questionReply(reading));
        await invoke(reading, reading.readAs);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        say(error.message);
      }
      return;
    }
    if (!line.startsWith(':')) return say(withoutSlash(line, dispatcher.commands.map((c) => c.name)));
    const [verb = '', ...rest] = line.slice(1).split(/\s+/);
    const arg = rest.join(' ');
    switch (verb.toLowerCase()) {
      case 'as': {
        const who = readMention(arg);
        if (!who) return say('Names are one word of letters and digits, like `:as Alice`.');
        me = who;
        dispatcher.join({ platform: 'console', coopRef: CONSOLE_COOP, coopName: 'Console co-op', member: me });
        return say(`You are ${me.name} now.`);
      }
      case 'press': {
        const action = decodeAction(arg);
        if (!action) return say(`There is no button "${printable(arg).slice(0, 60)}". Buttons show as [Label](ID); type \`:press ID\`.`);
        return invoke(action);
      }
      case 'advance': {
        const ms = parseDuration(arg);
        if (ms === undefined || ms <= 0 || ms > MAX_ADVANCE_MS) return say('Say how far to move the clock, like `:advance 3d4h30m` (up to 400 days).');
        await options.advanceTo(options.clock.now() + ms);
        return say(`It is now ${options.describeTime(options.clock.now())}.`);
      }
      case 'now':
        return say(`It is ${options.describeTime(options.clock.now())}.`);
      case 'quit':
        return 'quit';
      default: {
        const near = closest(verb, CONSOLE_VERBS);
        return say(`${near ? `Did you mean \`:${near}\`? ` : ''}Console commands: \`:as NAME\`, \`:press ID\`, \`:advance 1d2h\`, \`:now\`, \`:quit\`; or a \`/command\`.`);
      }
    }
  };

  const lines = createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
  for await (const raw of lines) {
    lineNumber += 1;
    const line = raw.trim();
    if (line === '') continue;
    try {
      if ((await handle(line)) === 'quit') break;
    } catch (error) {
      options.log.error({ err: error, line: lineNumber }, 'console line failed');
      say(APOLOGY);
    }
  }
  lines.close();
}

const CONSOLE_VERBS = ['as', 'press', 'advance', 'now', 'quit'];

/** A line without its `/`: "swap list" is most likely `/swap list`, "swpa list" `/swap list` too. */
function withoutSlash(line: string, commands: readonly string[]): string {
  const [first = '', ...rest] = line.split(/\s+/);
  const word = first.toLowerCase();
  const near = commands.includes(word) ? word : commands.find((c) => word.length >= 4 && editDistance(word, c) === 1);
  const meant = near ? ` Did you mean \`/${[near, ...rest].join(' ')}\`?` : ' Like `/help`.';
  return `Commands start with \`/\`.${meant} Console commands: \`:as NAME\`, \`:press ID\`, \`:advance 1d2h\`, \`:now\`, \`:quit\`.`;
}
