// Socket Mode side of the stand-in: the WebSocket apps.connections.open points at.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Json, SendOptions, SocketAck, SocketEnvelope } from './types.ts';

type EnvelopeType = SocketEnvelope['type'];

interface AckWaiter {
  resolve: (ack: SocketAck) => void;
  reject: (error: Error) => void;
}

export class SocketModeStandin {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #events = new EventEmitter();
  readonly #waiters = new Map<string, AckWaiter[]>();
  readonly #tickets = new Set<string>();
  readonly #envelopes: SocketEnvelope[] = [];
  readonly #acks: SocketAck[] = [];
  readonly #appId: string;
  readonly #timeoutMs: number;
  #current: WebSocket | undefined;
  #opened = 0;

  constructor(appId: string, timeoutMs: number) {
    this.#appId = appId;
    this.#timeoutMs = timeoutMs;
    this.#events.setMaxListeners(0);
  }

  /** Every envelope sent, redeliveries included. */
  get envelopes(): readonly SocketEnvelope[] {
    return this.#envelopes;
  }

  /** Every ack the app sent back, in order. */
  get acks(): readonly SocketAck[] {
    return this.#acks;
  }

  /** How many connections the app has opened so far (a reconnect makes it 2). */
  get connectionsOpened(): number {
    return this.#opened;
  }

  get isConnected(): boolean {
    return this.#current !== undefined;
  }

  /** A single-use ticket for apps.connections.open to put in the URL. */
  issueTicket(): string {
    const ticket = randomUUID();
    this.#tickets.add(ticket);
    return ticket;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/socket' || !this.#tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws));
  }

  /** Resolves when an app connection is open and has been sent `hello` (at once if one is). */
  waitForConnection(timeoutMs = this.#timeoutMs): Promise<void> {
    if (this.#current) return Promise.resolve();
    return this.#once('connected', timeoutMs, 'a Socket Mode connection');
  }

  /** Sends an envelope and resolves with the app's ack for it. */
  async send(type: EnvelopeType, payload: Json, options: SendOptions = {}): Promise<SocketAck> {
    const envelope: SocketEnvelope = {
      envelope_id: options.envelopeId ?? randomUUID(),
      type,
      payload,
      accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
      retry_attempt: options.retryAttempt ?? 0,
      retry_reason: options.retryReason ?? '',
    };
    return this.#deliver(envelope, options.timeoutMs ?? this.#timeoutMs);
  }

  sendSlashCommand(payload: Json, options?: SendOptions): Promise<SocketAck> {
    return this.send('slash_commands', payload, options);
  }

  sendInteractive(payload: Json, options?: SendOptions): Promise<SocketAck> {
    return this.send('interactive', payload, options);
  }

  /** `payload` is the whole event callback (see payloads.eventCallback). */
  sendEvent(payload: Json, options?: SendOptions): Promise<SocketAck> {
    return this.send('events_api', payload, options);
  }

  /** Sends an earlier envelope again, as Slack does when no ack came: same id, retry_attempt + 1. */
  redeliver(envelopeId: string, options: { retryReason?: string; timeoutMs?: number } = {}): Promise<SocketAck> {
    const earlier = [...this.#envelopes].reverse().find((envelope) => envelope.envelope_id === envelopeId);
    if (!earlier) return Promise.reject(new Error(`slack stand-in: no envelope ${envelopeId} to redeliver`));
    const again = { ...earlier, retry_attempt: earlier.retry_attempt + 1, retry_reason: options.retryReason ?? 'timeout' };
    return this.#deliver(again, options.timeoutMs ?? this.#timeoutMs);
  }

  /** Asks the app to reconnect, as Slack does before recycling a connection. */
  sendDisconnect(reason: 'warning' | 'refresh_requested' | 'link_disabled' = 'refresh_requested'): void {
    this.#current?.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'standin' } }));
  }

  /** Cuts the current connection without a close handshake; resolves once it is gone. */
  async dropConnection(): Promise<void> {
    const ws = this.#current;
    if (!ws) return;
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    ws.terminate();
    await closed;
  }

  async close(): Promise<void> {
    for (const [id, waiters] of this.#waiters) {
      for (const waiter of waiters) waiter.reject(new Error(`slack stand-in closed before envelope ${id} was acked`));
    }
    this.#waiters.clear();
    for (const ws of this.#wss.clients) ws.terminate();
    this.#current = undefined;
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(ws: WebSocket): void {
    this.#opened += 1;
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.#onMessage(data.toString());
    });
    ws.on('close', () => {
      if (this.#current === ws) this.#current = undefined;
    });
    ws.on('error', () => ws.terminate());
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'applink-standin', build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: this.#appId },
      }),
    );
    this.#current = ws;
    this.#events.emit('connected');
  }

  #onMessage(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null || !('envelope_id' in message)) return;
    const envelopeId = message.envelope_id;
    if (typeof envelopeId !== 'string') return;
    const ack: SocketAck = 'payload' in message ? { envelope_id: envelopeId, payload: message.payload } : { envelope_id: envelopeId };
    this.#acks.push(ack);
    const waiter = this.#waiters.get(envelopeId)?.shift();
    waiter?.resolve(ack);
  }

  async #deliver(envelope: SocketEnvelope, timeoutMs: number): Promise<SocketAck> {
    await this.waitForConnection(timeoutMs);
    const ws = this.#current;
    if (!ws) throw new Error('slack stand-in: no Socket Mode connection');
    const acked = new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        const waiters = this.#waiters.get(envelope.envelope_id) ?? [];
        this.#waiters.set(envelope.envelope_id, waiters.filter((w) => w !== waiter));
        reject(new Error(`slack stand-in: no ack for ${envelope.type} envelope ${envelope.envelope_id} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: AckWaiter = {
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.#waiters.set(envelope.envelope_id, [...(this.#waiters.get(envelope.envelope_id) ?? []), waiter]);
    });
    this.#envelopes.push(envelope);
    ws.send(JSON.stringify(envelope));
    return acked;
  }

  #once(event: string, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const onEvent = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#events.off(event, onEvent);
        reject(new Error(`slack stand-in: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#events.once(event, onEvent);
    });
  }
}
