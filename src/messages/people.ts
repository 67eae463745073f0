import type { MemberRef } from '../core/types.ts';

// How the bot names someone it only knows by the platform's reference (a member option for someone who has not used
// Breather yet). Slack gives `<@U123>` when it has no label: written out, that would be a mention, and the bot
// writes mentions only on purpose (Message.mentions), so such a person is "that member".

export function nameOfRef(ref: MemberRef): string {
  const name = ref.name.trim();
  return name && !name.startsWith('<@') ? name : 'That member';
}
