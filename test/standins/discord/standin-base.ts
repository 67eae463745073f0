import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultQueue } from './faults.ts';
import { Gateway } from './gateway.ts';
import { channelJson, guildCreateJson } from './payloads.ts';
import { type MessageEvent, RestServer } from './rest-server.ts';
import type {
  GatewayFrame,
  RecordedCall,
  StandinChannel,
  StandinGuild,
  StandinMember,
  StandinUser,
  StoredMessage,
} from './types.ts';
import { WaitableLog, type WaitOptions } from './wait-log.ts';
import { type GuildInput, type MemberInput, type UserInput, World } from './world.ts';

export interface DiscordStandinOptions {
  /** Bot token the client must present (REST `Authorization: Bot …`, gateway IDENTIFY). Default `test-token`. */
  token?: string;
  /** The bot user's name. Default `Breather`. */
  botName?: string;
  /** Guilds the bot is in at login. Default: one guild, `Maple Street Co-op`, with #general. */
  guilds?: GuildInput[];
  /** HELLO heartbeat_interval. Default 41 250 ms (Discord's); lower it to exercise heartbeats. */
  heartbeatIntervalMs?: number;
  /** Whether the app may use privileged intents (GuildMembers, GuildPresences, MessageContent). Default false: 4014. */
  privilegedIntents?: boolean;
  /** GET /gateway/bot's recommended shard count (what `shards: 'auto'` spawns). Default 1. */
  shards?: number;
  /** GET /gateway/bot's max_concurrency: shards that may identify together (discord.js waits 5 s otherwise). Default 1. */
  maxConcurrency?: number;
}

/** Server lifecycle, addresses, the stand-in's people and places, and the call/message/gateway logs. */
export class StandinBase {
  readonly world: World;
  readonly token: string;
  readonly #server: Server;
  protected readonly gateway: Gateway;
  protected readonly faults = new FaultQueue();
  protected readonly callLog = new WaitableLog<RecordedCall>('REST call', (c) => `${c.method} ${c.path} → ${c.status}`);
  protected readonly messageLog = new WaitableLog<MessageEvent>('message', (e) => `${e.kind} ${e.message.id} "${e.message.content}"`);
  readonly #pauses = new Set<() => void>();
  #port = 0;
  #closed: Promise<void> | null = null;

  constructor(options: DiscordStandinOptions = {}) {
    this.token = options.token ?? 'test-token';
    this.world = new World(options.botName ?? 'Breather');
    for (const guild of options.guilds ?? [{ name: 'Maple Street Co-op' }]) this.world.addGuild(guild);
    this.world.recommendedShards = options.shards ?? 1;
    this.world.maxConcurrency = options.maxConcurrency ?? 1;
    this.gateway = new Gateway({
      world: this.world,
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      privilegedIntents: options.privilegedIntents ?? false,
    });
    const rest = new RestServer({
      world: this.world,
      faults: this.faults,
      token: this.token,
      calls: this.callLog,
      messageEvents: this.messageLog,
      baseUrl: () => this.baseUrl,
      pause: (ms) => this.#pause(ms),
      gatewayEvent: (t, d) => {
        if (this.gateway.hasSession()) this.gateway.dispatch(t, d);
      },
    });
    this.#server = createServer((req, res) => {
      rest.handle(req, res).catch(() => res.destroy());
    });
    this.#server.on('upgrade', (req, socket, head: Buffer) => {
      if ((req.url ?? '').startsWith('/api')) socket.destroy();
      else this.gateway.handleUpgrade(req, socket, head);
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    this.gateway.url = this.gatewayUrl;
    return this;
  }

  get port(): number {
    return this.#port;
  }
  /** `http://127.0.0.1:PORT` */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.#port}`;
  }
  /** Pass as discord.js `rest.api`: `http://127.0.0.1:PORT/api`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }
  get bot(): StandinUser {
    return this.world.bot;
  }
  get applicationId(): string {
    return this.world.applicationId;
  }
  /** The first guild. */
  get guild(): StandinGuild {
    const first = [...this.world.guilds.values()][0];
    if (!first) throw new Error('stand-in has no guild');
    return first;
  }
  get guilds(): StandinGuild[] {
    return [...this.world.guilds.values()];
  }

  // People and places. Additions after login are announced over the gateway like Discord does.

  addUser(input: string | UserInput): StandinUser {
    return this.world.addUser(typeof input === 'string' ? { username: input } : input);
  }

  addGuild(input: GuildInput): StandinGuild {
    const guild = this.world.addGuild(input);
    if (this.gateway.hasSession()) this.gateway.dispatch('GUILD_CREATE', guildCreateJson(this.world, guild, false));
    return guild;
  }

  addChannel(guildId: string, name: string, type = 0): StandinChannel {
    const channel = this.world.addChannel(guildId, name, type);
    if (this.gateway.hasSession()) this.gateway.dispatch('CHANNEL_CREATE', channelJson(this.world, channel));
    return channel;
  }

  /** Adds (or replaces) a member; `permissions` are bits, e.g. `Perm.ManageGuild` or `0x20n`. */
  addMember(guildId: string, user: StandinUser, input: MemberInput = {}): StandinMember {
    return this.world.addMember(guildId, user, input);
  }

  channel(name: string, guildId?: string): StandinChannel {
    return this.world.channelByName(name, guildId);
  }

  dmChannel(userId: string): StandinChannel {
    return this.world.dmChannel(userId);
  }

  // REST calls

  get calls(): readonly RecordedCall[] {
    return this.callLog.items;
  }

  /** Index of the next call; pass as `from` to wait only for calls made after this point. */
  mark(): number {
    return this.callLog.size;
  }

  waitForCall(matches: (call: RecordedCall) => boolean, options?: WaitOptions): Promise<RecordedCall> {
    return this.callLog.waitFor(matches, options);
  }

  // Messages the bot posted, edited or deleted (channel posts, DMs, interaction replies, follow-ups)

  get messages(): StoredMessage[] {
    return [...this.world.messages.values()].filter((m) => !m.deleted);
  }

  message(id: string): StoredMessage | undefined {
    return this.world.messages.get(id);
  }

  messagesIn(channelId: string): StoredMessage[] {
    return this.messages.filter((m) => m.channelId === channelId);
  }

  dmsTo(userId: string): StoredMessage[] {
    return this.messagesIn(this.world.dmChannel(userId).id);
  }

  get messageEvents(): readonly MessageEvent[] {
    return this.messageLog.items;
  }

  /** Resolves with a snapshot of the first message created or edited (from `from`) that matches. */
  async waitForMessage(matches: (message: StoredMessage) => boolean, options?: WaitOptions): Promise<StoredMessage> {
    const event = await this.messageLog.waitFor((e) => e.kind !== 'deleted' && matches(e.message), options);
    return event.message;
  }

  // Gateway

  /** The [shard id, count] each live gateway session identified with (undefined: no sharding asked). */
  get sessionShards(): ([number, number] | undefined)[] {
    return this.gateway.shards;
  }

  get gatewayFrames(): readonly GatewayFrame[] {
    return this.gateway.frames.items;
  }

  waitForGatewayFrame(matches: (frame: GatewayFrame) => boolean, options?: WaitOptions): Promise<GatewayFrame> {
    return this.gateway.frames.waitFor(matches, options);
  }

  get gatewayConnections(): number {
    return this.gateway.openConnections;
  }

  /** Sends any dispatch event (e.g. `GUILD_DELETE`) to the live session(s). */
  dispatchEvent(t: string, d: unknown): void {
    this.gateway.dispatch(t, d);
  }

  /** Shuts the HTTP server and gateway down; pending waits reject; held/delayed calls are dropped. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.faults.clear();
      for (const finish of this.#pauses) finish();
      this.gateway.close();
      this.callLog.close('stand-in closed');
      this.messageLog.close('stand-in closed');
      this.#server.closeAllConnections();
      await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    })();
    return this.#closed;
  }

  #pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.#pauses.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.#pauses.add(finish);
    });
  }
}
