// Request body decoding: what @slack/web-api and Bolt send (form, JSON, multipart for file uploads).
import type { IncomingMessage } from 'node:http';
import type { Json } from './types.ts';

/** Form fields @slack/web-api JSON-encodes; the stand-in records them decoded. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata', 'user_auth_blocks']);

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

function maybeJson(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export function decodeForm(text: string): Json {
  const body: Json = {};
  for (const [key, value] of new URLSearchParams(text)) body[key] = maybeJson(key, value);
  return body;
}

/** Minimal multipart/form-data reader: every part becomes a string field (file parts included). */
export function decodeMultipart(raw: Buffer, contentType: string): Json {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return {};
  const body: Json = {};
  for (const part of raw.toString('latin1').split(`--${marker}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, headerEnd))?.[1];
    if (name === undefined) continue;
    const value = Buffer.from(part.slice(headerEnd + 4).replace(/\r\n$/, ''), 'latin1').toString('utf8');
    body[name] = maybeJson(name, value);
  }
  return body;
}

export function decodeBody(raw: Buffer, contentType: string | undefined): Json {
  const type = (contentType ?? '').toLowerCase();
  const text = raw.toString('utf8');
  if (type.includes('application/json')) {
    if (text.trim() === '') return {};
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Json) : { value: parsed };
  }
  if (type.includes('multipart/form-data')) return decodeMultipart(raw, contentType ?? '');
  if (type.includes('application/x-www-form-urlencoded') || text.includes('=')) return decodeForm(text);
  return text === '' ? {} : { raw: text };
}

/** Bearer token from the Authorization header, else the legacy `token` body field (removed from the body). */
export function takeToken(req: IncomingMessage, body: Json): string | undefined {
  const fromBody = typeof body.token === 'string' ? body.token : undefined;
  delete body.token;
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1] ?? fromBody;
}
