import type { Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { readTimezone } from '../../domain/timezone-names.ts';
import { formatWeeklyTime, parseWeeklyTime } from '../../domain/weekly-time.ts';
import type { CommandContext } from '../context.ts';

export function setup(ctx: CommandContext, timezoneText: string, channelRef: string | undefined, checkinText: string | undefined): Reply {
  const reading = readTimezone(timezoneText);
  if (!reading.ok) throw new UserError(reading.message, { option: 'timezone', code: 'bad_option' });
  const timezone = reading.zone;
  const channel = channelRef ?? ctx.coop.channelRef ?? ctx.invocation.channelRef ?? null;
  const checkin = checkinText ? parseWeeklyTime(checkinText) : ctx.coop.checkin;
  ctx.store.coops.setUp(ctx.coop.id, { timezone, channelRef: channel, checkin }, ctx.now);
  const where = channel ? ` Announcements go to ${channelMention(channel)}.` : '';
  return {
    visibility: 'private',
    text: `All set: this co-op runs on ${timezone} time${reading.alias ? ` ("${reading.alias}" is another name for it)` : ''}.${where} Weekly check-ins: ${formatWeeklyTime(checkin)}, each member's own time. \`/coop rules\` shows the rules.`,
  };
}

/** Discord and Slack channel ids render as mentions; the console's channel names as #name. */
function channelMention(ref: string): string {
  return /^[A-Z0-9]+$/.test(ref) ? `<#${ref}>` : `#${ref.replace(/^#/, '')}`;
}
