import type { CommandContext } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import type { MemberRef, Reply } from '../../core/types.ts';
import { formatRuleValue, isRuleName, parseRuleValue, RULE_NAMES, RULES } from '../../domain/rules.ts';
import { isValidTimezone } from '../../domain/timezone.ts';
import { formatWeeklyTime, parseWeeklyTime } from '../../domain/weekly-time.ts';

export function setup(ctx: CommandContext, timezone: string, channelRef: string | undefined, checkinText: string | undefined): Reply {
  if (!isValidTimezone(timezone)) {
    throw new UserError(`I don't know the timezone "${timezone}". Use an IANA name like \`Europe/London\` or \`America/New_York\`.`);
  }
  const channel = channelRef ?? ctx.coop.channelRef ?? ctx.invocation.channelRef ?? null;
  const checkin = checkinText ? parseWeeklyTime(checkinText) : ctx.coop.checkin;
  ctx.store.coops.setUp(ctx.coop.id, { timezone, channelRef: channel, checkin }, ctx.now);
  const where = channel ? ` Announcements go to ${channelMention(channel)}.` : '';
  return {
    visibility: 'private',
    text: `All set: this co-op runs on ${timezone} time.${where} Weekly check-ins: ${formatWeeklyTime(checkin)}, each member's own time. \`/coop rules\` shows the rules.`,
  };
}

export function rules(ctx: CommandContext, name: string | undefined, value: string | undefined): Reply {
  if (name === undefined && value === undefined) {
    const lines = RULE_NAMES.map((rule) => `${rule}: ${formatRuleValue(rule, ctx.rules[rule])} — ${RULES[rule].description}`);
    return { visibility: 'private', text: `Co-op rules:\n${lines.join('\n')}\nAdmins change one with \`/coop rules name:<rule> value:<v>\`.` };
  }
  if (!name || value === undefined) throw new UserError('To change a rule give both, like `/coop rules name:cap value:30`.');
  if (!ctx.isAdmin) throw new UserError('Only co-op admins can change the rules. `/coop rules` shows them.');
  if (!isRuleName(name)) throw new UserError(`There is no rule "${name}". The rules are: ${RULE_NAMES.join(', ')}.`);
  const parsed = parseRuleValue(name, value, ctx.rules);
  ctx.store.coops.setRule(ctx.coop.id, name, parsed);
  ctx.post({ text: `${ctx.member.displayName} changed the co-op's ${name} to ${formatRuleValue(name, parsed)}.` });
  return { visibility: 'private', text: `${name} is now ${formatRuleValue(name, parsed)}. Swaps already posted keep their price.` };
}

export function setAdmin(ctx: CommandContext, who: MemberRef, isAdmin: boolean): Reply {
  const member = ctx.findMember(who);
  if (!isAdmin && member.isAdmin && ctx.store.members.coopAdmins(ctx.coop.id).length === 1 && !ctx.invocation.isPlatformAdmin) {
    throw new UserError(`${member.displayName} is the last co-op admin. Add another admin first.`);
  }
  ctx.store.members.setAdmin(member.id, isAdmin);
  if (member.id !== ctx.member.id) {
    ctx.dm(member, { text: isAdmin ? `${ctx.member.displayName} made you a co-op admin. Thank you for helping run things!` : `${ctx.member.displayName} removed you as a co-op admin.` });
  }
  return { visibility: 'private', text: isAdmin ? `${member.displayName} is now a co-op admin.` : `${member.displayName} is no longer a co-op admin.` };
}

/** Discord and Slack channel ids render as mentions; the console's channel names as #name. */
function channelMention(ref: string): string {
  return /^[A-Z0-9]+$/.test(ref) ? `<#${ref}>` : `#${ref.replace(/^#/, '')}`;
}
