import type { Message } from '../core/types.ts';

// What /privacy says before it forgets someone: everything that will happen, then one button.

/** `wroteTheCard`: the family's child card is theirs (they wrote it last), so it goes too. */
export function forgetPrompt(sharesHousehold: boolean, wroteTheCard = false): Message {
  const card = sharesHousehold && wroteTheCard ? " The child card you wrote for your family goes too; they can write a new one." : '';
  const household = sharesHousehold ? ` You stop sharing your family's balance; it stays with the others.${card}` : '';
  return {
    text:
      'This removes you from Breather in this co-op: your name becomes "a former member" everywhere, and your notes, ' +
      'check-in answers and break log, settings (quiet hours, timezone), scheduled messages and message history are deleted. ' +
      `Open swaps you posted are cancelled, and you step out of the ones you joined; everyone in them is told.${household} ` +
      "Ledger entries stay, without your name, so the co-op's balances still add up. This can't be undone. " +
      '`/privacy export` first if you would like a copy.',
    cards: [
      {
        title: 'Forget me here?',
        buttons: [{ label: 'Forget me', style: 'danger', action: { command: 'privacy', sub: 'forget', options: { confirm: 'yes' } } }],
      },
    ],
  };
}
