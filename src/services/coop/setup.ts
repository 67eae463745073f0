import type { Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { readTimezone } from '../../domain/timezone-names.ts';
import { formatWeeklyTime, parseWeeklyTime } from '../../domain/weekly-time.ts';
import { defaultDateOrder, type DateOrder } from '../../domain/when.ts';
import type { CommandContext } from '../context.ts';

export function setup(
  ctx: CommandContext,
  timezoneText: string,
  channelRef: string | undefined,
  checkinText: string | undefined,
  dates: DateOrder | undefined,
  digest?: 'on' | 'off',
): Reply {
  const reading = readTimezone(timezoneText);
  if (!reading.ok) throw new UserError(reading.message, { option: 'timezone', code: 'bad_option' });
  const timezone = reading.zone;
  const channel = channelRef ?? ctx.coop.channelRef ?? ctx.invocation.channelRef ?? null;
  const checkin = checkinText ? parseWeeklyTime(checkinText) : ctx.coop.checkin;
  // An order chosen before stays; otherwise dates follow the (new) timezone's custom.
  const chosen = dates ?? (ctx.coop.dateOrderChosen ? ctx.coop.dateOrder : null);
  ctx.store.coops.setUp(ctx.coop.id, { timezone, channelRef: channel, checkin, dateOrder: chosen }, ctx.now);
  if (digest) ctx.store.coops.setDigest(ctx.coop.id, digest === 'on');
  const digestOn = digest ? digest === 'on' : ctx.coop.digestOn;
  const digestLine = ` The weekly summary in the channel is ${digestOn ? 'on' : 'off'}${digest ? '' : ' (`digest:off` turns it off)'}.`;
  const order = chosen ?? defaultDateOrder(timezone);
  const where = channel ? ` Announcements go to ${channelMention(channel)}.` : '';
  const datesLine = ` Dates read ${order === 'mdy' ? 'month/day (12/5 is December 5)' : 'day/month (12/5 is 12 May)'}${chosen ? '' : ', as is usual there'}.`;
  return {
    visibility: 'private',
    text: `All set: this co-op runs on ${timezone} time${reading.alias ? ` ("${reading.alias}" is another name for it)` : ''}.${where} Weekly check-ins: ${formatWeeklyTime(checkin)}, each member's own time.${datesLine}${digestLine} \`/coop rules\` shows the rules.`,
    ...(channel && isPlatformRef(channel) ? { mentions: [channel] } : {}),
  };
}

/** Discord and Slack channel ids render as mentions; the console's channel names as #name. */
function channelMention(ref: string): string {
  return isPlatformRef(ref) ? `<#${ref}>` : `#${ref.replace(/^#/, '')}`;
}

const isPlatformRef = (ref: string) => /^[A-Z0-9]+$/.test(ref);
