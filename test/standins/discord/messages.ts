import { asObject, asObjects } from './http-util.ts';
import type { JsonObject, RecordedFile, StoredAttachment, StoredMessage } from './types.ts';
import { validateMessage } from './validate.ts';
import type { World } from './world.ts';

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
/** Flags a sender may set on a new message: suppress embeds, ephemeral, suppress notifications, components v2. */
const SETTABLE_FLAGS = (1 << 2) | EPHEMERAL | (1 << 12) | (1 << 15);

export { EPHEMERAL, LOADING };

/** Uploaded files referenced by `attachments[].id` (= the `files[n]` index) become attachments. */
function resolveAttachments(
  world: World,
  body: JsonObject,
  files: RecordedFile[],
  existing: StoredAttachment[],
): StoredAttachment[] {
  const upload = (file: RecordedFile, entry: JsonObject = {}): StoredAttachment =>
    world.addAttachment(
      typeof entry.filename === 'string' ? entry.filename : file.filename,
      file.data,
      file.contentType || null,
      typeof entry.description === 'string' ? entry.description : null,
    );
  if (!('attachments' in body)) return [...existing, ...files.map((f) => upload(f))];
  const used = new Set<RecordedFile>();
  const result: StoredAttachment[] = [];
  for (const entry of asObjects(body.attachments)) {
    const id = String(entry.id);
    const file = files.find((f) => f.field === `files[${id}]`);
    if (file) {
      used.add(file);
      result.push(upload(file, entry));
      continue;
    }
    const kept = existing.find((a) => a.id === id);
    if (kept) result.push(kept);
  }
  for (const file of files) if (!used.has(file)) result.push(upload(file));
  return result;
}

export interface NewMessage {
  channelId: string;
  guildId: string | null;
  authorId: string;
  body: unknown;
  files: RecordedFile[];
  type?: number;
  webhookId?: string | null;
  interactionId?: string | null;
  extraFlags?: number;
  /** Loading placeholders (deferred replies) may be empty. */
  allowEmpty?: boolean;
}

export function createMessage(world: World, input: NewMessage): StoredMessage {
  if (!input.allowEmpty) validateMessage(input.body, input.files.length, true);
  const body = asObject(input.body);
  const flags = typeof body.flags === 'number' ? body.flags & SETTABLE_FLAGS : 0;
  return world.addMessage({
    channelId: input.channelId,
    guildId: input.guildId,
    authorId: input.authorId,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: asObjects(body.embeds),
    components: asObjects(body.components),
    attachments: resolveAttachments(world, body, input.files, []),
    flags: flags | (input.extraFlags ?? 0),
    type: input.type ?? (asObject(body.message_reference).message_id ? 19 : 0),
    webhookId: input.webhookId ?? null,
    interactionId: input.interactionId ?? null,
    ...(typeof body.nonce === 'string' || typeof body.nonce === 'number' ? { nonce: String(body.nonce) } : {}),
  });
}

/** Applies an edit: only fields present in the body change; the loading flag clears. */
export function editMessage(world: World, message: StoredMessage, rawBody: unknown, files: RecordedFile[]): void {
  validateMessage(rawBody, files.length, false);
  const body = asObject(rawBody);
  if ('content' in body) message.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) message.embeds = asObjects(body.embeds);
  if ('components' in body) message.components = asObjects(body.components);
  if ('attachments' in body || files.length > 0) {
    message.attachments = resolveAttachments(world, body, files, message.attachments);
  }
  message.flags &= ~LOADING;
  message.editedAt = new Date().toISOString();
}

export function snapshot(message: StoredMessage): StoredMessage {
  return {
    ...message,
    embeds: [...message.embeds],
    components: [...message.components],
    attachments: [...message.attachments],
  };
}
