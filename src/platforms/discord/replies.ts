import { MessageFlags, type InteractionReplyOptions, type RepliableInteraction } from 'discord.js';
import type { Reply } from '../../core/types.ts';
import { renderMessage, type DiscordPage, type RenderOptions } from './render.ts';

// Answering an interaction with a Reply: private answers are ephemeral; the first page answers the interaction
// (or fills in its deferred "thinking…" message), further pages follow up.

function payload(page: DiscordPage) {
  return {
    content: page.content || undefined,
    embeds: page.embeds,
    components: page.components,
    files: page.files.map((f) => ({ attachment: f.data, name: f.name })),
    allowedMentions: { parse: [], users: page.mentionUsers },
  } satisfies InteractionReplyOptions;
}

export async function answer(interaction: RepliableInteraction, reply: Reply, options: RenderOptions = {}): Promise<void> {
  const flags = reply.visibility === 'private' ? MessageFlags.Ephemeral : undefined;
  const [first, ...rest] = renderMessage(reply, options);
  if (!first) return;
  if (interaction.deferred) await interaction.editReply(payload(first));
  else await interaction.reply({ ...payload(first), ...(flags ? { flags } : {}) });
  for (const page of rest) await interaction.followUp({ ...payload(page), ...(flags ? { flags } : {}) });
}

/** A short private line, answering or filling in a deferred reply. */
export async function say(interaction: RepliableInteraction, text: string): Promise<void> {
  await answer(interaction, { visibility: 'private', text });
}
