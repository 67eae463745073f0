import type { RecordedFile, StoredMessage } from './types.ts';
import type { World } from './world.ts';

export type MessageChange = 'created' | 'edited' | 'deleted';

export interface RouteContext {
  world: World;
  /** `http://127.0.0.1:PORT`, for attachment urls. */
  baseUrl: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  files: RecordedFile[];
  /** Tags the recorded call with the interaction it concerns. */
  markInteraction(id: string): void;
  messageChanged(kind: MessageChange, message: StoredMessage): void;
  /** Sends a gateway dispatch (THREAD_CREATE …) to the live session, if there is one. */
  gatewayEvent(t: string, d: unknown): void;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: string;
  /** Below /api/v10, with `:name` segments, e.g. `/channels/:channelId/messages`. */
  template: string;
  /** Bot-token routes; interaction callbacks and webhooks are token-in-path instead. */
  auth: boolean;
  handle(ctx: RouteContext): RouteResult;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'none' };

function matchTemplate(template: string, segments: string[]): Record<string, string> | null {
  const want = template.split('/').filter(Boolean);
  if (want.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const s = segments[i] as string;
    if (w.startsWith(':')) params[w.slice(1)] = s;
    else if (w !== s) return null;
  }
  return params;
}

/** First route whose template matches wins, so literal routes (`/users/@me`) go before `:param` ones. */
export function matchRoute(routes: readonly Route[], method: string, segments: string[]): RouteMatch {
  let pathMatched = false;
  for (const route of routes) {
    const params = matchTemplate(route.template, segments);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params };
    pathMatched = true;
  }
  return pathMatched ? { kind: 'wrong-method' } : { kind: 'none' };
}
