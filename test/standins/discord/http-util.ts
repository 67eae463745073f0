import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject, RecordedFile } from './types.ts';

/** An error answered in Discord's JSON shape: `{ message, code, errors? }`. */
export class DiscordError extends Error {
  readonly status: number;
  readonly code: number;
  readonly errors: JsonObject | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, code: number, message: string, errors?: JsonObject, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.headers = headers;
  }

  json(): JsonObject {
    return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

export const errors = {
  notFound: () => new DiscordError(404, 0, '404: Not Found'),
  unauthorized: () => new DiscordError(401, 0, '401: Unauthorized'),
  unknownChannel: () => new DiscordError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new DiscordError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new DiscordError(404, 10007, 'Unknown Member'),
  unknownMessage: () => new DiscordError(404, 10008, 'Unknown Message'),
  unknownUser: () => new DiscordError(404, 10013, 'Unknown User'),
  unknownWebhook: () => new DiscordError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => new DiscordError(404, 10062, 'Unknown interaction'),
  alreadyAcknowledged: () => new DiscordError(400, 40060, 'Interaction has already been acknowledged.'),
  cannotDm: () => new DiscordError(403, 50007, 'Cannot send messages to this user'),
  missingAccess: () => new DiscordError(403, 50001, 'Missing Access'),
  missingPermissions: () => new DiscordError(403, 50013, 'Missing Permissions'),
  wrongChannelType: () => new DiscordError(400, 50024, 'Cannot execute action on this channel type'),
  threadLocked: () => new DiscordError(400, 50083, 'Thread is archived'),
  invalidWebhookToken: () => new DiscordError(401, 50027, 'Invalid Webhook Token'),
  emptyMessage: () => new DiscordError(400, 50006, 'Cannot send an empty message'),
  /** 50035 with Discord's nested `errors` shape, one entry per `a.b.0.c` path. */
  invalidForm: (problems: Record<string, string>) => {
    const tree: JsonObject = {};
    for (const [path, message] of Object.entries(problems)) {
      let node = tree;
      for (const key of path.split('.')) {
        const next = (node[key] as JsonObject | undefined) ?? {};
        node[key] = next;
        node = next;
      }
      node._errors = [{ code: 'BASE_TYPE_BAD_LENGTH', message }];
    }
    return new DiscordError(400, 50035, 'Invalid Form Body', tree);
  },
};

export interface ParsedBody {
  body: unknown;
  files: RecordedFile[];
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** JSON bodies are parsed; multipart bodies (discord.js file uploads) yield `payload_json` + files. */
export async function parseBody(req: IncomingMessage): Promise<ParsedBody> {
  const raw = await readRaw(req);
  if (raw.length === 0) return { body: null, files: [] };
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    let body: unknown = null;
    const files: RecordedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value) as unknown;
        continue;
      }
      const data = Buffer.from(await value.arrayBuffer());
      files.push({ field, filename: value.name, contentType: value.type, data, text: data.toString('utf8') });
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  if (contentType.startsWith('application/json')) {
    try {
      return { body: JSON.parse(text) as unknown, files: [] };
    } catch {
      throw new DiscordError(400, 50109, 'The request body contains invalid JSON.');
    }
  }
  return { body: text, files: [] };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (status === 204) {
    res.writeHead(204, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
    .end(text);
}

export function asObject(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asObjects(value: unknown): JsonObject[] {
  return asArray(value).filter((v): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v));
}
