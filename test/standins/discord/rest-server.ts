import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FaultQueue } from './faults.ts';
import { DiscordError, errors, parseBody, sendJson, type ParsedBody } from './http-util.ts';
import { interactionRoutes } from './interaction-routes.ts';
import { snapshot } from './messages.ts';
import { restRoutes } from './rest-routes.ts';
import { threadRoutes } from './thread-routes.ts';
import { type MessageChange, type Route, type RouteContext, matchRoute } from './router.ts';
import type { RecordedCall, StoredMessage } from './types.ts';
import type { WaitableLog } from './wait-log.ts';
import type { World } from './world.ts';

export interface MessageEvent {
  index: number;
  kind: MessageChange;
  /** The message as it was right after this change. */
  message: StoredMessage;
  at: number;
}

const ROUTES: readonly Route[] = [...interactionRoutes, ...threadRoutes, ...restRoutes];
const API_PREFIX = '/api/v10';

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

function fromError(error: unknown): Answer {
  if (error instanceof DiscordError) return { status: error.status, body: error.json(), headers: error.headers };
  const message = error instanceof Error ? error.message : String(error);
  // A bug in the stand-in itself: answer 500 with the reason so the failing test shows it.
  return { status: 500, body: { message: `500: Internal Server Error (stand-in: ${message})`, code: 0 }, headers: {} };
}

function decodeSegments(rawPath: string): string[] {
  return rawPath
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

export interface RestServerDeps {
  world: World;
  faults: FaultQueue;
  token: string;
  calls: WaitableLog<RecordedCall>;
  messageEvents: WaitableLog<MessageEvent>;
  baseUrl: () => string;
  /** Resolves after `ms`, or early when the stand-in closes. */
  pause: (ms: number) => Promise<void>;
  gatewayEvent: (t: string, d: unknown) => void;
}

/** The REST side: routes a request, applies faults, records the call, answers in Discord's shapes. */
export class RestServer {
  readonly #deps: RestServerDeps;

  constructor(deps: RestServerDeps) {
    this.#deps = deps;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.#deps.baseUrl());
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET' && url.pathname.startsWith('/attachments/')) return this.#serveAttachment(url.pathname, res);
    const rawPath = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const segments = decodeSegments(rawPath);
    const path = `/${segments.join('/')}`;
    let parsed: ParsedBody = { body: null, files: [] };
    let answer: Answer | null = null;
    try {
      parsed = await parseBody(req);
    } catch (error) {
      answer = fromError(error);
    }
    const match = url.pathname.startsWith(`${API_PREFIX}/`) ? matchRoute(ROUTES, method, segments) : ({ kind: 'none' } as const);
    const call: RecordedCall = {
      index: this.#deps.calls.size,
      method,
      path,
      rawPath,
      query: Object.fromEntries(url.searchParams),
      route: match.kind === 'found' ? `${method} ${match.route.template}` : null,
      body: parsed.body,
      files: parsed.files,
      interactionId: null,
      status: 0,
      at: Date.now(),
    };
    answer ??= this.#answer(req, call, match, parsed);
    call.status = answer.status;
    this.#deps.calls.push(call);
    const pause = this.#deps.faults.takePause(method, path, parsed.body);
    if (pause?.kind === 'delay') await this.#deps.pause(pause.ms);
    if (pause?.kind === 'hold') {
      pause.onArrive(call);
      await pause.gate;
    }
    if (res.destroyed || res.writableEnded) return;
    sendJson(res, answer.status, answer.body, answer.headers);
  }

  #answer(req: IncomingMessage, call: RecordedCall, match: ReturnType<typeof matchRoute>, parsed: ParsedBody): Answer {
    try {
      if (match.kind === 'none') throw errors.notFound();
      if (match.kind === 'wrong-method') throw new DiscordError(405, 0, '405: Method Not Allowed');
      if (match.route.auth && req.headers.authorization !== `Bot ${this.#deps.token}`) throw errors.unauthorized();
      const injected = this.#deps.faults.takeError(call.method, call.path);
      if (injected) throw injected;
      const ctx: RouteContext = {
        world: this.#deps.world,
        baseUrl: this.#deps.baseUrl(),
        params: match.params,
        query: call.query,
        body: parsed.body,
        files: parsed.files,
        markInteraction: (id) => {
          call.interactionId = id;
        },
        gatewayEvent: this.#deps.gatewayEvent,
        messageChanged: (kind, message) => {
          const events = this.#deps.messageEvents;
          events.push({ index: events.size, kind, message: snapshot(message), at: Date.now() });
        },
      };
      const result = match.route.handle(ctx);
      return { status: result.status, body: result.body ?? null, headers: {} };
    } catch (error) {
      return fromError(error);
    }
  }

  #serveAttachment(pathname: string, res: ServerResponse): void {
    const id = pathname.split('/')[2] ?? '';
    const attachment = this.#deps.world.attachments.get(id);
    if (!attachment) return sendJson(res, 404, errors.notFound().json());
    res
      .writeHead(200, {
        'content-type': attachment.contentType ?? 'application/octet-stream',
        'content-length': attachment.data.length,
      })
      .end(attachment.data);
  }
}
