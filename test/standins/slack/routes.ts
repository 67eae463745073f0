// HTTP side of the stand-in: /api/<method>, /response/<id> (response_url), /upload/<file id>.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeBody, readRaw, takeToken } from './decode.ts';
import type { FaultBook } from './faults.ts';
import type { CallRecorder } from './recorder.ts';
import type { Json } from './types.ts';
import { answerMethod, type WebApiContext } from './web-api.ts';

export interface RouteDeps extends WebApiContext {
  faults: FaultBook;
  recorder: CallRecorder;
  now: () => number;
}

interface Answer {
  status: number;
  response: Json;
  headers?: Record<string, string>;
}

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
  res.end(JSON.stringify(answer.response));
}

/** Applies armed faults; `undefined` means answer normally. */
async function faulted(deps: RouteDeps, method: string, body: Json): Promise<Answer | undefined> {
  const outcome = await deps.faults.apply(method, body);
  if (outcome.kind === 'rate_limit') {
    return {
      status: 429,
      response: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': String(outcome.retryAfterSeconds) },
    };
  }
  if (outcome.kind === 'error') return { status: 200, response: { ok: false, error: outcome.error } };
  return undefined;
}

async function webApi(deps: RouteDeps, req: IncomingMessage, method: string, at: number): Promise<Answer & { body: Json; token: string | undefined }> {
  const body = decodeBody(await readRaw(req), req.headers['content-type']);
  const token = takeToken(req, body);
  const denied = deps.teams.authError(method, token);
  if (denied) return { status: 200, response: { ok: false, error: denied }, body, token };
  const fault = await faulted(deps, method, body);
  if (fault) return { ...fault, body, token };
  // Like Slack, every answer to a bot token says what that token was granted.
  const scopes = deps.teams.botToken(token)?.scopes;
  const headers = scopes ? { 'x-oauth-scopes': scopes.join(',') } : undefined;
  try {
    const response = answerMethod(deps, method, body, { token, at });
    await deps.faults.holdAfter(method, body);
    return { status: 200, response, body, token, ...(headers ? { headers } : {}) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, response: { ok: false, error: 'internal_error', detail: message }, body, token };
  }
}

async function responseUrl(deps: RouteDeps, req: IncomingMessage, id: string): Promise<Answer & { body: Json }> {
  const body = decodeBody(await readRaw(req), req.headers['content-type'] ?? 'application/json');
  const fault = await faulted(deps, 'response_url', body);
  if (fault) return { ...fault, body };
  const check = deps.tokens.useResponseUrl(id);
  if (check !== 'ok') return { status: 404, response: { ok: false, error: check }, body };
  return { status: 200, response: { ok: true }, body };
}

async function upload(deps: RouteDeps, req: IncomingMessage, fileId: string): Promise<Answer & { body: Json }> {
  const raw = await readRaw(req);
  const decoded = decodeBody(raw, req.headers['content-type']);
  const file = deps.workspace.uploads.get(fileId);
  const content = typeof decoded.body === 'string' ? decoded.body : raw.toString('utf8');
  const body: Json = { file_id: fileId, filename: file?.filename, content, bytes: Buffer.byteLength(content) };
  if (!file) return { status: 404, response: { ok: false, error: 'file_not_found' }, body };
  file.content = content;
  return { status: 200, response: { ok: true }, body };
}

export async function handleRequest(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const at = deps.now();
  const url = new URL(req.url ?? '/', deps.baseUrl());
  const [, area, name] = url.pathname.split('/');
  if (req.method === 'GET' && url.pathname === '/oauth/v2/authorize') {
    const answer = deps.teams.authorize(url);
    deps.recorder.record({ method: 'oauth.authorize', body: Object.fromEntries(url.searchParams), token: undefined, at, status: answer.status, response: {}, url: url.href });
    res.writeHead(answer.status, answer.location ? { location: answer.location } : { 'content-type': 'text/plain' });
    res.end(answer.body ?? '');
    return;
  }
  if (req.method !== 'POST' || !area || !name) {
    send(res, { status: 404, response: { ok: false, error: 'not_found' } });
    return;
  }
  if (area === 'api') {
    const answer = await webApi(deps, req, name, at);
    deps.recorder.record({ method: name, body: answer.body, token: answer.token, at, status: answer.status, response: answer.response });
    send(res, answer);
    return;
  }
  if (area === 'response' || area === 'upload') {
    const answer = area === 'response' ? await responseUrl(deps, req, name) : await upload(deps, req, name);
    const method = area === 'response' ? 'response_url' : 'file_upload';
    deps.recorder.record({
      method,
      body: answer.body,
      token: takeToken(req, {}),
      at,
      status: answer.status,
      response: answer.response,
      url: url.href,
    });
    send(res, answer);
    return;
  }
  send(res, { status: 404, response: { ok: false, error: 'not_found' } });
}
