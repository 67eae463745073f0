import type { Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { formatRuleValue, isRuleName, parseRuleValue, RULE_NAMES, RULES } from '../../domain/rules.ts';
import type { CommandContext } from '../context.ts';

export function rules(ctx: CommandContext, name: string | undefined, value: string | undefined): Reply {
  if (name === undefined && value === undefined) {
    const lines = RULE_NAMES.map((rule) => `• ${capitalised(RULES[rule].description)}: ${formatRuleValue(rule, ctx.rules[rule])} (\`${rule}\`)`);
    return { visibility: 'private', text: `The co-op's rules:\n${lines.join('\n')}\nAdmins change one with \`/coop rules name:<rule> value:<v>\`.` };
  }
  if (!name || value === undefined) throw new UserError('To change a rule give both, like `/coop rules name:cap value:30`.');
  if (!ctx.isAdmin) throw new UserError('Only co-op admins can change the rules. `/coop rules` shows them.');
  if (!isRuleName(name)) throw new UserError(`There is no rule "${name}". The rules are: ${RULE_NAMES.join(', ')}.`);
  const parsed = parseRuleValue(name, value, ctx.rules);
  ctx.store.coops.setRule(ctx.coop.id, name, parsed);
  ctx.post({ text: `${ctx.member.displayName} changed a co-op rule: ${RULES[name].description} is now ${formatRuleValue(name, parsed)}.` });
  return { visibility: 'private', text: `\`${name}\` is now ${formatRuleValue(name, parsed)}. Swaps already posted keep their price.` };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
