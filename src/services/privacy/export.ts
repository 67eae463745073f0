import type { Message, Reply } from '../../core/types.ts';
import { householdLabel } from '../../domain/households.ts';
import { quietHoursOf } from '../../domain/members.ts';
import { renderMemo } from '../../domain/memos.ts';
import { formatCredits } from '../../domain/money.ts';
import { formatQuietHours } from '../../domain/quiet-hours.ts';
import type { CommandContext } from '../context.ts';
import { childCardExport } from './child-card-export.ts';
import { sitUpdatesExport } from './sit-updates-export.ts';

// `/privacy export`: everything Breather holds about the member in this co-op, as a JSON file in a private reply,
// with a readable summary line. Only their own data: their household's ledger only while they were in it, and of the
// other people in their swaps nothing but the names the bot showed them anyway.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function exportMyData(ctx: CommandContext): Reply {
  const { store, member, coop } = ctx;
  const q = store.privacyExport;
  const nameOf = (id: number) => store.members.get(id).displayName;

  const memberships = store.households.memberships(member.id).map((m) => {
    const household = store.households.get(m.householdId);
    const accountId = store.ledger.accountOfHousehold(m.householdId);
    const entries = q.entries(accountId, m.joinedAt, m.leftAt ?? ctx.now).map((e) => ({
      entry: e.transferId,
      kind: e.kind,
      what: renderMemo(e.memo, nameOf),
      note: e.note,
      hours: e.amount / 60,
      swap: e.swapNumber,
      at: iso(e.createdAt),
    }));
    return { household: m.householdId, name: household.name, joinedAt: iso(m.joinedAt), leftAt: iso(m.leftAt), entries };
  });
  const current = store.members.inHousehold(member.householdId).filter((m) => m.forgottenAt === null);
  const parts = q.parts(member.id);
  const swaps = q.swaps(coop.id, member.id).map((s) => ({
    number: s.number,
    kind: s.kind,
    status: s.status,
    postedByYou: s.posted === 1,
    startsAt: iso(s.startsAt),
    endsAt: iso(s.endsAt),
    kids: s.kids,
    ...(s.posted === 1 ? { note: s.note, timezone: s.timezone, cancelReason: s.resolutionNote } : {}),
    yourParts: parts.filter((p) => p.swapId === s.id).map((p) => ({ role: p.role, status: p.status, kids: p.kids, priceHours: p.price === null ? null : p.price / 60, at: iso(p.createdAt) })),
    postedAt: iso(s.createdAt),
    resolvedAt: iso(s.resolvedAt),
  }));
  const breaks = store.breaks.all(member.id).map((b) => ({ week: b.week, note: b.note, at: iso(b.takenAt), source: b.source }));
  const settings = store.checkins.get(member.id);
  const messages = q.messages(member, coop.platform).map((m) => ({
    message: JSON.parse(m.message) as Message,
    status: m.status,
    localTime: m.localTime,
    queuedAt: iso(m.createdAt),
    sentAt: iso(m.sentAt),
  }));
  const jobs = q.jobs(member.id).map((j) => ({ kind: j.kind, swap: j.swapId, dueAt: iso(j.dueAt), status: j.status, plannedAt: iso(j.createdAt), finishedAt: iso(j.finishedAt) }));

  const held = store.held.heldFor(member.id);
  const data = {
    exportedAt: iso(ctx.now),
    coop: { name: coop.name, platform: coop.platform },
    profile: {
      displayName: member.displayName,
      platformUserId: member.externalRef,
      coopAdmin: member.isAdmin,
      timezone: member.timezone,
      profileTimezone: member.profileTimezone,
      quietHours: formatQuietHours(quietHoursOf(member)),
      quietHoursSet: member.quietStart !== null,
      pausedUntil: iso(member.pausedUntil),
      sitUpdates: member.sitUpdates,
      joinedAt: iso(member.createdAt),
    },
    checkinSettings: settings,
    household: {
      current: { name: householdLabel(store.households.get(member.householdId).name, current.map((m) => m.displayName)), members: current.map((m) => m.displayName) },
      memberships,
      invitations: q.invitations(member.id).map((i) => ({
        id: i.id,
        from: nameOf(i.inviterMemberId),
        to: nameOf(i.inviteeMemberId),
        status: i.status,
        expiresAt: iso(i.expiresAt),
        at: iso(i.createdAt),
        answeredAt: iso(i.answeredAt),
      })),
    },
    swaps,
    childCard: childCardExport(store, member),
    sitUpdates: sitUpdatesExport(store, member),
    checkinAnswers: breaks.filter((b) => b.source === 'checkin').map(({ source: _, ...b }) => b),
    breakLog: breaks.filter((b) => b.source === 'log').map(({ source: _, ...b }) => b),
    scheduledJobs: jobs,
    messages,
    unpromptedMessages: q.unprompted(member.id).map((u) => ({ kind: u.kind, week: u.week, at: iso(u.sentAt) })),
    // held back by quiet hours, a pause or the week's two, to be gathered into one message
    waitingMessages: held.map((h) => ({ text: h.message.text, heldSince: iso(h.createdAt), why: h.reason })),
  };
  const entries = memberships.reduce((n, m) => n + m.entries.length, 0);
  const summary = [
    'your profile and settings',
    `the families you shared a balance with (${plural(memberships.length, 'time')})`,
    ...(data.childCard.yourFamilysCard ? [`your family's child card (shown ${plural(data.childCard.yourFamilysCard.shownTo.length, 'time')})`] : []),
    plural(swaps.length, 'swap'),
    ...sitUpdatesSummary(data.sitUpdates),
    plural(entries, 'ledger entry', 'ledger entries'),
    plural(data.checkinAnswers.length, 'check-in answer'),
    plural(data.breakLog.length, 'logged break'),
    plural(jobs.filter((j) => j.status === 'pending').length, 'scheduled message'),
    plural(messages.length, 'message') + ' sent to you',
    ...(held.length > 0 ? [`${plural(held.length, 'message')} waiting to be sent`] : []),
  ];
  const date = new Date(ctx.now).toISOString().slice(0, 10);
  return {
    visibility: 'private',
    text: `Here is everything Breather holds about you in this co-op: ${summary.join(', ')}. Your family's balance is ${formatCredits(store.ledger.balance(store.ledger.accountOfHousehold(member.householdId)))}.`,
    attachments: [{ filename: `breather-export-${date}.json`, contentType: 'application/json', content: `${JSON.stringify(data, null, 2)}\n` }],
  };
}

/** "2 all's-well updates you sent, 1 for your family": only when there are some. */
function sitUpdatesSummary(updates: ReturnType<typeof sitUpdatesExport>): string[] {
  const { writtenByYou: written, forYourFamily: received } = updates;
  if (written.length + received.length === 0) return [];
  const parts = [...(written.length ? [`${written.length} you sent`] : []), ...(received.length ? [`${received.length} for your family`] : [])];
  return [`all's-well updates (${parts.join(', ')})`];
}
