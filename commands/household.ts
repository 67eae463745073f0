import { choice, defineCommand, integer, member, subcommand, text } from '../src/app/command.ts';
import { CHILD_CARD_MAX, CHILD_CARD_TEMPLATE } from '../src/domain/child-cards.ts';
import { MAX_HOUSEHOLD_NAME } from '../src/domain/households.ts';
import { childCard } from '../src/services/households/card.ts';
import { acceptInvitation, declineInvitation } from '../src/services/households/answer.ts';
import { invite } from '../src/services/households/invite.ts';
import { leave } from '../src/services/households/leave.ts';
import { nameHousehold, showHousehold } from '../src/services/households/show.ts';

const invitation = integer('the invitation number, like 3', { required: true, min: 1, max: 1_000_000_000, example: '3' });

export const householdCommand = defineCommand({
  name: 'household',
  description: 'Share one balance with a partner',
  subcommands: {
    show: subcommand({ description: "Who is in your household, and what's waiting", options: {}, run: (ctx) => showHousehold(ctx) }),
    invite: subcommand({
      description: 'Ask someone to share your household (one balance)',
      options: { member: member('who to invite', { required: true }) },
      run: (ctx, args) => invite(ctx, args.member),
    }),
    // What the invitation's buttons run.
    accept: subcommand({ description: 'Accept an invitation to share a household', options: { id: invitation }, run: (ctx, args) => acceptInvitation(ctx, args.id) }),
    decline: subcommand({ description: 'Decline an invitation to share a household', options: { id: invitation }, run: (ctx, args) => declineInvitation(ctx, args.id) }),
    leave: subcommand({
      description: 'Leave your household (its balance stays with it)',
      options: { confirm: choice('yes, once you have read what happens', ['yes'] as const) },
      run: (ctx, args) => leave(ctx, args.confirm),
    }),
    card: subcommand({
      description: 'Your child card (allergies, routines, emergency contacts): only your sitter sees it, around the sit',
      options: { text: text('the card, or "delete" to remove it', { maxLength: CHILD_CARD_MAX, example: '"Mia, 4: no nuts. Bed at 19:30."' }) },
      form: { title: 'Your child card', trigger: 'text', fields: ['text'], template: { text: CHILD_CARD_TEMPLATE }, opens: 'button', submit: 'Save' },
      run: (ctx, args) => childCard(ctx, args.text),
    }),
    name: subcommand({
      description: "Name your household, like \"The Okafors\"",
      options: { name: text('the name the co-op sees', { required: true, maxLength: MAX_HOUSEHOLD_NAME, example: '"The Okafors"' }) },
      run: (ctx, args) => nameHousehold(ctx, args.name),
    }),
  },
});
