import type { Reply } from '../core/types.ts';
import { UserError } from '../domain/errors.ts';
import { closest } from '../domain/near-names.ts';
import type { CommandContext } from './context.ts';

export function help(ctx: CommandContext, topic: string | undefined): Reply {
  const name = topic?.replace(/^\//, '').split(/\s+/)[0]?.toLowerCase();
  if (name) {
    const command = ctx.catalog.find((c) => c.name === name);
    if (!command) {
      const near = closest(name, ctx.catalog.map((c) => c.name));
      throw new UserError(`I don't know \`/${name}\`.${near ? ` Did you mean \`/help ${near}\`?` : ' `/help` lists everything.'}`, { code: 'unknown_command' });
    }
    const lines = command.subcommands.map((s) => `\`${s.example}\` — ${s.description}${s.adminOnly ? ' (admins)' : ''}; precisely: \`${s.usage}\``);
    return { visibility: 'private', text: `/${command.name}: ${command.description}\n${lines.join('\n')}\nType it as you'd say it, in any order; \`name:value\` is the precise form.` };
  }
  const lines = ctx.catalog.map((c) => `\`/${c.name}\` — ${c.description}`);
  return {
    visibility: 'private',
    text:
      'Breather helps your group trade babysitting fairly and take real breaks.\n' +
      `${lines.join('\n')}\n` +
      '`/help <command>` shows the details. Start with `/swap request sat 7-11pm 2 kids` or `/swap list`.',
  };
}
