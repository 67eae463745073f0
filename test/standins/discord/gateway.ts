import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { guildCreateJson, userJson } from './payloads.ts';
import { sessionId } from './snowflake.ts';
import type { GatewayFrame, JsonObject } from './types.ts';
import { WaitableLog } from './wait-log.ts';
import type { World } from './world.ts';

const GUILD_MEMBERS = 1 << 1;
const PRIVILEGED_INTENTS = GUILD_MEMBERS | (1 << 8) | (1 << 15);

interface Session {
  id: string;
  seq: number;
  events: JsonObject[];
  connection: Connection | null;
  ended: boolean;
  intents: number;
  /** [shard id, shard count] from IDENTIFY; a session without one gets every guild. */
  shard: [number, number] | undefined;
}

/** Discord's rule: a guild's events go to shard (guild_id >> 22) % shard_count; DMs to shard 0. */
export function shardOf(guildId: string | undefined, count: number): number {
  return guildId === undefined ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(count));
}

function guildIdOf(t: string, d: unknown): string | undefined {
  if (typeof d !== 'object' || d === null) return undefined;
  const data = d as JsonObject;
  if (typeof data.guild_id === 'string') return data.guild_id;
  return t.startsWith('GUILD_') && typeof data.id === 'string' && !('guild_id' in data) ? data.id : undefined;
}

function servesGuild(session: Session, guildId: string | undefined): boolean {
  if (!session.shard || session.shard[1] <= 1) return true;
  return shardOf(guildId, session.shard[1]) === session.shard[0];
}

interface Connection {
  id: number;
  socket: WebSocket;
  path: string;
  session: Session | null;
}

export interface GatewayOptions {
  world: World;
  token: string;
  heartbeatIntervalMs: number;
  privilegedIntents: boolean;
}

/** The gateway side: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with replay, dispatches. */
export class Gateway {
  readonly frames = new WaitableLog<GatewayFrame>('gateway frame', (f) => `${f.direction} op ${f.op}${f.t ? ` ${f.t}` : ''}`);
  /** When false, heartbeats go unanswered (the client then treats the connection as a zombie). */
  ackHeartbeats = true;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #options: GatewayOptions;
  readonly #connections = new Set<Connection>();
  readonly #sessions: Session[] = [];
  #nextConnectionId = 1;
  #url = '';

  constructor(options: GatewayOptions) {
    this.#options = options;
  }

  set url(value: string) {
    this.#url = value;
  }

  get openConnections(): number {
    return [...this.#connections].filter((c) => c.socket.readyState === WebSocket.OPEN).length;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, req.url ?? '/'));
  }

  /**
   * Sends a dispatch to every live session that serves its guild (with shards, only the guild's shard); events for
   * a disconnected session wait for its RESUME.
   */
  dispatch(t: string, d: unknown): void {
    const live = this.#sessions.filter((s) => !s.ended);
    if (live.length === 0) throw new Error(`cannot dispatch ${t}: no gateway session (log a client in first)`);
    const guildId = guildIdOf(t, d);
    for (const session of live) if (servesGuild(session, guildId)) this.#dispatchTo(session, t, d);
  }

  /** The shard of each live session, as IDENTIFY named it. */
  get shards(): ([number, number] | undefined)[] {
    return this.#sessions.filter((s) => !s.ended).map((s) => s.shard);
  }

  hasSession(): boolean {
    return this.#sessions.some((s) => !s.ended);
  }

  /** Closes every connection: abruptly (client sees 1006 and resumes) or with a close code. */
  drop(code?: number): void {
    for (const connection of this.#connections) {
      if (code === undefined) connection.socket.terminate();
      else connection.socket.close(code, 'stand-in closed the connection');
    }
  }

  /** op 7: the client should reconnect and resume. */
  requestReconnect(): void {
    for (const connection of this.#connections) this.#send(connection, { op: 7, d: null, s: null, t: null });
  }

  /** op 9; a non-resumable invalidation ends the sessions, so the client must IDENTIFY again. */
  invalidateSessions(resumable: boolean): void {
    for (const connection of this.#connections) {
      if (connection.session && !resumable) connection.session.ended = true;
      this.#send(connection, { op: 9, d: resumable, s: null, t: null });
    }
  }

  close(): void {
    for (const connection of this.#connections) connection.socket.terminate();
    this.#connections.clear();
    this.#wss.close();
    this.frames.close('stand-in closed');
  }

  #accept(socket: WebSocket, url: string): void {
    const parsed = new URL(url, 'ws://127.0.0.1');
    const connection: Connection = { id: this.#nextConnectionId++, socket, path: parsed.pathname, session: null };
    this.#connections.add(connection);
    socket.on('message', (data, isBinary) => this.#onMessage(connection, data, isBinary));
    socket.on('close', (code) => this.#onClose(connection, code));
    socket.on('error', () => undefined);
    if (parsed.searchParams.get('v') !== '10') return void socket.close(4012, 'Invalid API version');
    if ((parsed.searchParams.get('encoding') ?? 'json') !== 'json' || parsed.searchParams.has('compress')) {
      return void socket.close(4002, 'stand-in speaks uncompressed JSON only');
    }
    this.#send(connection, {
      op: 10,
      d: { heartbeat_interval: this.#options.heartbeatIntervalMs, _trace: ['["gateway-standin",{"micros":0}]'] },
      s: null,
      t: null,
    });
  }

  #onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    let payload: JsonObject;
    try {
      if (isBinary) throw new Error('binary');
      payload = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : String(data)) as JsonObject;
    } catch {
      return void connection.socket.close(4002, 'Error while decoding payload.');
    }
    const op = Number(payload.op);
    this.#record('in', connection, op, null, null, payload.d);
    const d = (payload.d ?? {}) as JsonObject;
    if (op === 1) {
      if (this.ackHeartbeats) this.#send(connection, { op: 11, d: null, s: null, t: null });
      return;
    }
    if (op === 2) return this.#identify(connection, d);
    if (op === 6) return this.#resume(connection, d);
    if (!connection.session) return void connection.socket.close(4003, 'Not authenticated.');
    if (![3, 4, 8].includes(op)) connection.socket.close(4001, 'Unknown opcode.');
  }

  #identify(connection: Connection, d: JsonObject): void {
    if (connection.session) return void connection.socket.close(4005, 'Already authenticated.');
    if (d.token !== this.#options.token) return void connection.socket.close(4004, 'Authentication failed.');
    const intents = Number(d.intents ?? 0);
    if (!this.#options.privilegedIntents && (intents & PRIVILEGED_INTENTS) !== 0) {
      return void connection.socket.close(4014, 'Disallowed intent(s).');
    }
    const shard = Array.isArray(d.shard) && d.shard.length === 2 ? ([Number(d.shard[0]), Number(d.shard[1])] as [number, number]) : undefined;
    if (shard && !(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) return void connection.socket.close(4010, 'Invalid shard.');
    const session: Session = { id: sessionId(), seq: 0, events: [], connection, ended: false, intents, shard };
    this.#sessions.push(session);
    connection.session = session;
    const { world } = this.#options;
    const guilds = [...world.guilds.values()].filter((g) => g.members.has(world.bot.id) && servesGuild(session, g.id));
    this.#dispatchTo(session, 'READY', {
      v: 10,
      user: { ...userJson(world.bot), verified: true, mfa_enabled: false, email: null },
      user_settings: {},
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: `${this.#url}/resume`,
      shard: Array.isArray(d.shard) ? d.shard : [0, 1],
      application: { id: world.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      _trace: ['["gateway-standin",{"micros":0}]'],
    });
    for (const guild of guilds) {
      this.#dispatchTo(session, 'GUILD_CREATE', guildCreateJson(world, guild, (intents & GUILD_MEMBERS) !== 0));
    }
  }

  #resume(connection: Connection, d: JsonObject): void {
    if (d.token !== this.#options.token) return void connection.socket.close(4004, 'Authentication failed.');
    const session = this.#sessions.find((s) => s.id === d.session_id && !s.ended);
    if (!session) return this.#send(connection, { op: 9, d: false, s: null, t: null });
    if (session.connection && session.connection !== connection) session.connection.socket.terminate();
    session.connection = connection;
    connection.session = session;
    const after = Number(d.seq ?? 0);
    for (const event of session.events) if (Number(event.s) > after) this.#send(connection, event);
    this.#dispatchTo(session, 'RESUMED', { _trace: ['["gateway-standin",{"micros":0}]'] });
  }

  #onClose(connection: Connection, code: number): void {
    this.#connections.delete(connection);
    const session = connection.session;
    if (session?.connection !== connection) return;
    session.connection = null;
    // A client that closes with 1000/1001 ends its session; any other close keeps it resumable.
    if (code === 1000 || code === 1001) session.ended = true;
  }

  #dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const frame: JsonObject = { op: 0, t, s: session.seq, d };
    session.events.push(frame);
    if (session.events.length > 1000) session.events.shift();
    if (session.connection) this.#send(session.connection, frame);
  }

  #send(connection: Connection, frame: JsonObject): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    connection.socket.send(JSON.stringify(frame));
    const s = typeof frame.s === 'number' ? frame.s : null;
    const t = typeof frame.t === 'string' ? frame.t : null;
    this.#record('out', connection, Number(frame.op), t, s, frame.d);
  }

  #record(direction: 'in' | 'out', connection: Connection, op: number, t: string | null, s: number | null, d: unknown) {
    this.frames.push({
      index: this.frames.size,
      direction,
      connectionId: connection.id,
      path: connection.path,
      op,
      t,
      s,
      d,
      at: Date.now(),
    });
  }
}
