import { choice, defineCommand, integer, member, subcommand, text } from '../src/app/command.ts';
import { book } from '../src/services/swaps/booking.ts';
import { cancel } from '../src/services/swaps/cancelling.ts';
import { sitterChildCard } from '../src/services/swaps/child-card.ts';
import { done } from '../src/services/swaps/completing.ts';
import { dispute } from '../src/services/swaps/disputing.ts';
import { swapReminders } from '../src/services/swaps/follow-up.ts';
import { UPDATE_MAX } from '../src/domain/sit-updates.ts';
import { answerLength, lengthChoices } from '../src/services/swaps/lengths.ts';
import { listSwaps } from '../src/services/swaps/listing.ts';
import { postSwap, quoteOnly } from '../src/services/swaps/posting.ts';
import { sendUpdate, sitUpdatesFor } from '../src/services/swaps/sit-updates.ts';
import { choose, volunteer } from '../src/services/swaps/volunteering.ts';

const when = text('when it is, like "sat 19:00-23:00" or "tomorrow 6pm for 3h"', {
  required: true,
  maxLength: 100,
  example: '"sat 19:00-23:00"',
  free: 'when',
  autocomplete: 'when',
});
const id = integer('the swap number, like 12', { required: true, min: 1, max: 1_000_000, autocomplete: 'swap', example: '12' });
const note = text('a short note for the other families', { maxLength: 300, example: '"two sleepy toddlers"' });
// What a question's buttons carry when the `when:` typed was unclear: the kids and the note that went with it.
const draft = integer('kept by a question about the time (its buttons fill it in)', { min: 1, max: 2_000_000_000, example: '1', buttonsOnly: true });

export const swapCommand = defineCommand({
  name: 'swap',
  description: 'Trade babysitting with other families',
  subcommands: {
    request: subcommand({
      description: 'Ask for a sitter; shows the price',
      options: { when, kids: integer('how many children', { min: 1, max: 12, example: '2' }), note, draft, sitter: member('a neighbour to ask first, privately') },
      form: { title: 'Ask for a sitter', trigger: 'when', fields: ['when', 'kids', 'note'] },
      run: (ctx, args) => postSwap(ctx, 'request', args),
    }),
    offer: subcommand({
      description: 'Offer to sit',
      options: { when, kids: integer('most children you can take', { min: 1, max: 12, example: '3' }), note, draft },
      form: { title: 'Offer to sit', trigger: 'when', fields: ['when', 'kids', 'note'] },
      run: (ctx, args) => postSwap(ctx, 'offer', args),
    }),
    session: subcommand({
      description: 'Host a drop-off session for several families',
      options: { when, capacity: integer('how many children in all', { required: true, min: 1, max: 30, example: '6', units: ['kids', 'children', 'seats', 'places'] }), note, draft },
      form: { title: 'Host a drop-off session', trigger: 'when', fields: ['when', 'capacity', 'note'] },
      run: (ctx, args) => postSwap(ctx, 'session', { when: args.when, kids: args.capacity, note: args.note, draft: args.draft }),
    }),
    list: subcommand({
      readOnly: true,
      description: 'Open requests, offers and sessions, or yours',
      options: { show: choice('what to show', ['open', 'mine'] as const) },
      run: (ctx, args) => listSwaps(ctx, args.show ?? 'open'),
    }),
    volunteer: subcommand({
      description: 'Volunteer to sit for a request',
      options: { id },
      run: (ctx, args) => volunteer(ctx, args.id),
    }),
    choose: subcommand({
      description: 'Choose who sits for your request',
      options: { id, member: member('the volunteer you choose', { required: true }) },
      run: (ctx, args) => choose(ctx, args.id, args.member),
    }),
    book: subcommand({
      description: 'Book an offer or a seat in a session',
      options: { id, kids: integer('how many children', { min: 1, max: 12, example: '1' }) },
      run: (ctx, args) => book(ctx, args.id, args.kids),
    }),
    cancel: subcommand({
      description: 'Cancel your request, offer, booking or volunteering',
      options: { id, reason: text('why, for the others (optional)', { maxLength: 200 }) },
      run: (ctx, args) => cancel(ctx, args.id, args.reason),
    }),
    done: subcommand({
      description: 'Confirm a finished sit; credits move',
      options: { id, hours: text('the real length if different, like 3.5', { maxLength: 10, example: '3.5', free: 'amount' }) },
      run: (ctx, args) => done(ctx, args.id, args.hours),
    }),
    dispute: subcommand({
      description: "Say a sit didn't happen as planned: an admin decides, and nothing moves until then",
      options: { id, reason: text('what happened (optional)', { maxLength: 200 }) },
      run: (ctx, args) => dispute(ctx, args.id, args.reason),
    }),
    length: subcommand({
      // Showing the choices changes nothing; an answer does.
      readOnly: (args) => args.answer === undefined,
      description: 'A sit that ran longer or shorter: say how long, or answer the other side',
      options: { id, answer: choice("agree or disagree with the other side's length", ['agree', 'disagree'] as const) },
      run: (ctx, args) => (args.answer ? answerLength(ctx, args.id, args.answer) : lengthChoices(ctx, args.id)),
    }),
    remind: subcommand({
      description: 'Reminders for one swap on or off',
      options: { id, set: choice('on or off', ['on', 'off'] as const, { required: true }) },
      run: (ctx, args) => swapReminders(ctx, args.id, args.set),
    }),
    card: subcommand({
      description: "The family's child card, for the sitter of a sit (from 24 h before until 2 h after)",
      options: { id },
      run: (ctx, args) => sitterChildCard(ctx, args.id),
    }),
    update: subcommand({
      description: "Sitting now? Send the parents a one-line all's-well update",
      options: { id, message: text('one line for the parents, like "both asleep by 8"', { required: true, maxLength: UPDATE_MAX, example: '"both asleep by 8"', free: 'rest' }) },
      // The halfway invitation's "Write a line…" opens it; its quick replies fill `message` in and send at once.
      form: { title: 'A line for the parents', trigger: 'message', fields: ['message'], opens: 'button', submit: 'Send' },
      run: (ctx, args) => sendUpdate(ctx, args.id, args.message),
    }),
    updates: subcommand({
      description: "Your sitter's all's-well updates for one sit, on or off",
      options: { id, set: choice('on or off', ['on', 'off'] as const, { required: true }) },
      run: (ctx, args) => sitUpdatesFor(ctx, args.id, args.set),
    }),
    quote: subcommand({
      readOnly: true,
      description: 'What a sit would cost, without posting',
      options: { when, kids: integer('how many children', { min: 1, max: 12, example: '2' }) },
      run: (ctx, args) => quoteOnly(ctx, args),
    }),
  },
});
