// Every text and card the messages room can build, with representative views: one entry per export of
// src/messages/, each rendering one or more samples. Database ids are odd numbers that must never be shown.
import type { Message } from '../../src/core/types.ts';
import type { Member } from '../../src/domain/members.ts';
import { DEFAULT_RULES } from '../../src/domain/rules.ts';
import type { Swap } from '../../src/domain/swaps.ts';
import { parseWeeklyTime } from '../../src/domain/weekly-time.ts';
import * as askFirst from '../../src/messages/ask-first.ts';
import * as asks from '../../src/messages/asks.ts';
import * as checkins from '../../src/messages/checkins.ts';
import * as childCard from '../../src/messages/child-card.ts';
import * as credits from '../../src/messages/credits.ts';
import * as errors from '../../src/messages/errors.ts';
import * as gathered from '../../src/messages/gathered.ts';
import * as home from '../../src/messages/home.ts';
import * as households from '../../src/messages/households.ts';
import * as people from '../../src/messages/people.ts';
import * as privacy from '../../src/messages/privacy.ts';
import * as reminders from '../../src/messages/reminders.ts';
import * as settling from '../../src/messages/settling.ts';
import * as swapCards from '../../src/messages/swap-cards.ts';
import * as threads from '../../src/messages/threads.ts';
import * as times from '../../src/messages/times.ts';
import * as welcome from '../../src/messages/welcome.ts';

export const MODULES = { askFirst, asks, checkins, childCard, credits, errors, gathered, home, households, people, privacy, reminders, settling, swapCards, threads, times, welcome };

/** Who reads it: members (the voice rules hold), admins only (their co-op words allowed), or a refusal (one line). */
export type Audience = 'member' | 'admin' | 'refusal';

export interface Sample {
  audience: Audience;
  message: Message;
}

/** The database ids behind the views: none may ever appear in a text. */
export const DB_IDS = [80231, 7021, 90417, 90418, 60311, 60312, 50973];

const H = 60;
const NOW = Date.parse('2026-11-27T12:00:00Z');
const START = Date.parse('2026-11-28T19:00:00Z');
const rules = DEFAULT_RULES;
const limits = { floor: rules.floor, cap: rules.cap };
const feeRules = { ...rules, late_cancel_fee: 2 * H };

const member = (id: number, householdId: number, name: string): Member => ({
  id, coopId: 7021, householdId, externalRef: name.toLowerCase(), displayName: name, isAdmin: false, timezone: null, profileTimezone: null,
  quietStart: null, quietEnd: null, forgottenAt: null, createdAt: NOW, pausedUntil: null, sitUpdates: 'on', welcomedAt: NOW,
});
const ana = member(90417, 60311, 'Ana');
const ben = member(90418, 60312, 'Ben');

const swap = (kind: Swap['kind'], status: Swap['status'] = 'open'): Swap => ({
  id: 80231, coopId: 7021, number: 4, kind, status, ownerMemberId: ana.id, startsAt: START, endsAt: START + 4 * 3_600_000, kids: kind === 'request' ? 2 : 3,
  note: 'two sleepy toddlers', timezone: 'Europe/London', rate: 60, extraChildRate: 30, sitterDoneAt: null, resolvedAt: null, createdAt: NOW, calendarSequence: 0,
});

const view = { timezone: 'Europe/Paris', coopTimezone: 'Europe/London', dateOrder: 'dmy' as const };
const when = times.whenText(START, START + 4 * 3_600_000, view);
const askView = { swapNumber: 4, family: 'The Okafors', when, kids: 2, earns: 6 * H, note: 'bath at 7' };
const cards = [{ family: 'Ana', text: 'Mia, 4: nut allergy, EpiPen in the blue bag. Bed at 19:30.' }];
const swapView = (s: Swap, sitter: Member | undefined = ben): reminders.SwapView => ({ swap: s, sitter, families: [ana], timezone: 'Europe/Paris', coopTimezone: 'Europe/London', dateOrder: 'dmy', installationId: 'inst-1' });
const bookedBy = (kids: number) => ({ owner: ana, sitter: ben, families: [{ party: { kids } }] });
const merge = { startReturned: 5 * H, moved: 2 * H };
const digest = { parentsWithBreak: 2, sitsDone: 4, creditsTraded: 14 * H, openOffers: 1 };
const hows: settling.SettledHow[] = ['confirmed', 'agreed', 'silence', 'deadline', 'sitter_word', 'host', 'admin'];

const m = (message: Message | string, audience: Audience = 'member'): Sample => ({ audience, message: typeof message === 'string' ? { text: message } : message });
const buttons = (b: Message['cards']) => ({ text: '', cards: b ?? [] });

/** Every export of src/messages/: its samples, or why it builds no text (a number, a time view). */
export const SAMPLES: Record<string, () => Sample[] | string> = {
  askFirstMessage: () => [m(askFirst.askFirstMessage(swap('request'), 'Ana', view))],
  askAgain: () => [m(asks.askAgain(askView))],
  firstAsk: () => [m(asks.firstAsk(askView)), m(asks.firstAsk({ ...askView, note: '' }))],
  reopenedForParent: () => [m(asks.reopenedForParent('Ben', 4, when, ' (they are unwell)', 2)), m(asks.reopenedForParent('Ben', 4, when, '', 0))],
  droppedOutText: () => [m(asks.droppedOutText(4, 'Ana'), 'refusal')],
  DIGEST_FEWEST_SHOWN: () => 'a number',
  checkinButtons: () => [m(buttons([{ title: 'Check-in', buttons: checkins.checkinButtons('2026-11-23', '2026-12-07') }]))],
  checkinMessage: () => [
    m(checkins.checkinMessage({ member: ana, week: '2026-11-23', sits: [], timezone: 'Europe/London', pauseUntil: '2026-12-07' })),
    m(checkins.checkinMessage({ member: ana, week: '2026-11-23', sits: [{ number: 4, startsAt: START, sitterName: 'Ben' }], timezone: 'Europe/London', pauseUntil: '2026-12-07' })),
  ],
  digestMessage: () => [m(checkins.digestMessage(digest, checkins.digestOffButton('Europe/London'))), m(checkins.digestMessage({ parentsWithBreak: 0, sitsDone: 0, creditsTraded: 0, openOffers: 0 }, checkins.digestOffButton('Europe/London')))],
  digestOffButton: () => [m(buttons([{ title: 'For admins', buttons: [checkins.digestOffButton('Europe/London')] }]), 'admin')],
  highBalanceNudge: () => [m(checkins.highBalanceNudge(14 * H))],
  lowBalanceNudge: () => [m(checkins.lowBalanceNudge(-7 * H))],
  CARD_REMOVED: () => [m(childCard.CARD_REMOVED)],
  NO_CARD_TO_REMOVE: () => [m(childCard.NO_CARD_TO_REMOVE, 'refusal')],
  cardAsk: () => [m(childCard.cardAsk('Ben', 4)), m(childCard.cardAsk(undefined, 4))],
  cardOnAcceptance: () => [m(childCard.cardOnAcceptance(4, cards))],
  cardRefusalText: () => (['not_sitter', 'not_on', 'too_early', 'too_late'] as const).map((why) => m(childCard.cardRefusalText(why, 4, START - 24 * 3_600_000, 'Europe/London'), 'refusal')),
  cardSavedText: () => [m(childCard.cardSavedText(120))],
  cardsShownText: () => [m(childCard.cardsShownText(4, ['Ana', 'Ben']))],
  childCardButton: () => [m(buttons([{ title: 'Card', buttons: [childCard.childCardButton(4)] }]))],
  noCardText: () => [m(childCard.noCardText(4, ['Ana'])), m(childCard.noCardText(4, []))],
  ownCard: () => [
    m(childCard.ownCard(undefined, [], 'Europe/London')),
    m(childCard.ownCard({ text: cards[0]!.text, writer: 'Ana', updatedAt: NOW }, [{ sitter: 'Ben', swapNumber: 4, shownAt: NOW, via: 'reminder' }], 'Europe/London')),
  ],
  sitterCards: () => [m({ text: '', cards: childCard.sitterCards(4, cards) })],
  withChildCards: () => [m(childCard.withChildCards({ text: 'Tomorrow: you are sitting for Ana.' }, 4, cards))],
  writeCardButton: () => [m(buttons([{ title: 'Card', buttons: [childCard.writeCardButton()] }]))],
  balanceLine: () => [m(credits.balanceLine(-H, limits)), m(credits.balanceLine(12 * H, limits, "Ana's family has"), 'admin')],
  balanceTail: () => [m(credits.balanceTail(-11 * H, limits)), m(credits.balanceTail(41 * H, limits)), m(credits.balanceTail(3 * H, limits))],
  creditTexts: () => [
    m(credits.creditTexts.sitterPaid(4, 6 * H, 'Ana')), m(credits.creditTexts.sitterPaid(4, 6 * H, null)), m(credits.creditTexts.familyPaid(4, 6 * H, 'Ben', ' as booked')),
    m(credits.creditTexts.lateFeePaid(4, 2 * H, 'Ben')), m(credits.creditTexts.lateFeeReceived(4, 2 * H, 'Ana')), m(credits.creditTexts.giftSent(2 * H, 'Ben')),
    m(credits.creditTexts.giftReceived(2 * H, 'Ana', 'thanks!')), m(credits.creditTexts.adjusted(-H, 'Ana', 'sat twice')), m(credits.creditTexts.reversed(12, 'a gift', -H, 'Ana', 'typo')),
    m(credits.creditTexts.resolvedPaid(4, 6 * H, 'Ana', true)), m(credits.creditTexts.resolvedPaid(4, 6 * H, 'Ana', false)),
  ],
  ofCredit: () => [m(credits.ofCredit(6 * H))],
  sitPrice: () => [m(credits.sitPrice(240, 2, 6 * H))],
  tooHighText: () => [m(credits.tooHighText(38 * H, limits.cap), 'refusal')],
  tooLowText: () => [m(credits.tooLowText(6 * H, -7 * H, limits.floor), 'refusal')],
  APOLOGY: () => [m(errors.APOLOGY, 'refusal')],
  GATHERED_SHOWN: () => 'a number',
  QUIET_FOR_A_WEEK: () => [m(buttons([{ title: 'Too many messages?', buttons: [gathered.QUIET_FOR_A_WEEK] }]))],
  withQuietControl: () => [m(gathered.withQuietControl({ text: 'Ben booked #4.' }))],
  gatheredMessage: () => [m(gathered.gatheredMessage(Array.from({ length: 11 }, (_, i) => ({ text: `News ${i + 1}: Ben booked #${i + 1}.` }))))],
  withGathered: () => [m(gathered.withGathered({ text: 'Tomorrow: Ben is looking after your kids.' }, [{ text: 'Ben booked #4.' }]))],
  HOME_TITLE: () => [m(home.HOME_TITLE)],
  NEWCOMER_TEXT: () => [m(home.NEWCOMER_TEXT)],
  SECTION: () => Object.values(home.SECTION).map((t) => m(t)),
  creditText: () => [m(home.creditText(-H, rules))],
  checkinCard: () => [
    m({ text: '', cards: [home.checkinCard({ time: null, pausedUntil: null, off: false }, parseWeeklyTime('sun 19:00'), 'Europe/London', NOW, '2026-12-04')] }),
    m({ text: '', cards: [home.checkinCard({ time: null, pausedUntil: NOW + 7 * 86_400_000, off: false }, parseWeeklyTime('sun 19:00'), 'Europe/London', NOW, '2026-12-04')] }),
    m({ text: '', cards: [home.checkinCard({ time: null, pausedUntil: null, off: true }, parseWeeklyTime('sun 19:00'), 'Europe/London', NOW, '2026-12-04')] }),
  ],
  joinEffect: () => [m(households.joinEffect(merge)), m(households.joinEffect({ startReturned: 0, moved: -3 * H }, 'their'))],
  invitationMessage: () => [m(households.invitationMessage('Ana', merge, 50973, '2026-12-04 12:00'))],
  invitedText: () => [m(households.invitedText('Ben', 5 * H, '2026-12-04 12:00'))],
  joinedText: () => [m(households.joinedText('The Okafors', merge, 7 * H)), m(households.joinedText("Ana's family", { startReturned: 0, moved: 0 }, 7 * H))],
  partnerJoinedText: () => [m(households.partnerJoinedText('Ben', 7 * H))],
  leavePrompt: () => [m(households.leavePrompt('Ana', 7 * H))],
  partnerLeftText: () => [m(households.partnerLeftText('Ben', 7 * H))],
  nameOfRef: () => [m(people.nameOfRef({ ref: 'U0BEN', name: '<@U0BEN>' })), m(people.nameOfRef({ ref: 'U0BEN', name: 'ben' }))],
  forgetPrompt: () => [m(privacy.forgetPrompt(true)), m(privacy.forgetPrompt(true, true)), m(privacy.forgetPrompt(false))],
  swapCalendarFile: () => {
    const file = reminders.swapCalendarFile(swapView(swap('request', 'accepted')), NOW);
    return [m({ text: file.filename, attachments: [file] })];
  },
  reminderMessage: () => [
    m(reminders.reminderMessage(swapView(swap('request', 'accepted')), ana, NOW)),
    m(reminders.reminderMessage(swapView(swap('request', 'accepted')), ben, START - 2 * 3_600_000)),
    m(reminders.reminderMessage(swapView(swap('session', 'accepted')), ben, NOW)),
  ],
  completionPromptMessage: () => [
    m(reminders.completionPromptMessage(swapView(swap('request', 'accepted')), ana)),
    m(reminders.completionPromptMessage(swapView(swap('request', 'accepted')), ben)),
    m(reminders.completionPromptMessage(swapView(swap('session', 'accepted')), ben)),
  ],
  calendarCancelled: () => [m(reminders.calendarCancelled(swapView(swap('request', 'cancelled')), 'Ana called off #4.', NOW))],
  familySettled: () => hows.map((how) => m(settling.familySettled(4, 6 * H, 'Ben', how, 'Ana', 'she was ill'))),
  sitterSettled: () => hows.map((how) => m(settling.sitterSettled(4, 6 * H, how, 'Ana', 'she was ill'))),
  lengthProposed: () => [m(settling.lengthProposed(4, 'Ben', 180, 240, 4.5 * H))],
  lengthAsked: () => [m(settling.lengthAsked(4, 'Ana', 180, 4.5 * H))],
  answerPendingLength: () => [m(settling.answerPendingLength(4, 'Ben', 180))],
  disputeCase: () => [
    m(settling.disputeCase({ number: 4, openedBy: 'Ana', family: 'Ana', sitter: 'Ben', what: "says it didn't happen", note: 'nobody came', bookedPrice: 6 * H }), 'admin'),
    m(settling.disputeCase({ number: 4, openedBy: 'Ben', family: 'Ana', sitter: 'Ben', what: 'says it ran 3 h, not 4 h', note: null, bookedPrice: 6 * H, claimed: { minutes: 180, price: 4.5 * H }, familyRef: 'ana' }), 'admin'),
  ],
  kidsText: () => [m(swapCards.kidsText(1)), m(swapCards.kidsText(3))],
  kindText: () => (['request', 'offer', 'session'] as const).map((k) => m(swapCards.kindText(k))),
  swapCard: () => [
    ...(['request', 'offer', 'session'] as const).flatMap((kind) =>
      (['open', 'accepted', 'completed', 'cancelled', 'expired', 'disputed'] as const).map((status) => m({ text: '', cards: [swapCards.swapCard(swap(kind, status), bookedBy(1), view)] })),
    ),
    m({ text: '', cards: [swapCards.swapCard(swap('session'), bookedBy(3), view)] }),
    m({ text: '', cards: [swapCards.swapCard(swap('request'), { owner: ana, ownerHousehold: 'The Okafors', sitter: undefined, families: [] }, times.channelView({ timezone: 'Europe/London', dateOrder: 'dmy' }))] }),
  ],
  threadName: () => [m(threads.threadName(swap('request', 'accepted'), 'Ana', 'Ben', 'Europe/London'))],
  threadHello: () => [m(threads.threadHello(swap('request', 'accepted'), 'Ana', 'Ben', 2, view))],
  threadBooked: () => [m(threads.threadBooked(swap('offer', 'accepted'), 'Ana', 'Ben'))],
  threadGoodbye: () => [m(threads.threadGoodbye(swap('request', 'completed')))],
  whenText: () => [m(times.whenText(START, START + 4 * 3_600_000, view))],
  whenField: () => [m({ text: '', cards: [{ title: 'When', fields: [times.whenField(START, START + 3_600_000, view)] }] })],
  zoneName: () => [m(times.zoneName('America/Argentina/Buenos_Aires'))],
  zoneSuffix: () => [m(`10:00${times.zoneSuffix(view)}`)],
  channelView: () => 'a time view, no text',
  memberView: () => 'a time view, no text',
  welcomeMessage: () => [m(welcome.welcomeMessage('Ana', 'Maple Street', rules)), m(welcome.welcomeMessage('Ana', '', { ...feeRules, starting_credits: 0 }))],
  newFamiliesMessage: () => [m(welcome.newFamiliesMessage(['Ana']), 'admin'), m(welcome.newFamiliesMessage(['Ana', 'Ben', 'Cat']), 'admin')],
};
