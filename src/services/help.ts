import type { Reply } from '../core/types.ts';
import { UserError } from '../domain/errors.ts';
import type { CommandContext } from './context.ts';

export function help(ctx: CommandContext, topic: string | undefined): Reply {
  const name = topic?.replace(/^\//, '').split(/\s+/)[0]?.toLowerCase();
  if (name) {
    const command = ctx.catalog.find((c) => c.name === name);
    if (!command) throw new UserError(`I don't know \`/${name}\`. \`/help\` lists everything.`, { code: 'unknown_command' });
    const lines = command.subcommands.map((s) => `\`${s.usage}\` — ${s.description}${s.adminOnly ? ' (admins)' : ''}`);
    return { visibility: 'private', text: `/${command.name}: ${command.description}\n${lines.join('\n')}` };
  }
  const lines = ctx.catalog.map((c) => `\`/${c.name}\` — ${c.description}`);
  return {
    visibility: 'private',
    text:
      'Breather helps your group trade babysitting fairly and take real breaks.\n' +
      `${lines.join('\n')}\n` +
      '`/help <command>` shows the details. Start with `/swap request when:"sat 19:00-23:00"` or `/swap list`.',
  };
}
