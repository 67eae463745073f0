import { expect } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { parseCommandLine } from '../../../src/app/command-line.ts';
import type { MemberRef, Reply } from '../../../src/core/types.ts';
import { APOLOGY } from '../../../src/messages/errors.ts';
import { readMention } from '../../../src/platforms/console/console-chat.ts';
import { createWorld } from '../../jobs/world.ts';

// A few weeks of co-op life for Zoe, leaving a record of every kind Breather keeps about a member: a profile and
// settings, a household, swaps she posted, booked and volunteered for, gifts with notes both ways, a settled sit,
// a check-in answer, a break log, reminders and other messages to her. Zoe's platform id is not her name, as on
// Slack and Discord, so a test can look for each on its own.

export const ZOE: MemberRef = { ref: 'U0ZOE7QX', name: 'Zoe Quillfeather' };
export const NOTES = {
  request: 'Milo naps at two sharp',
  offer: 'bring wellies for the garden',
  gift: 'for the marvellous lasagne',
  checkin: 'swam forty lengths at dawn',
  breakLog: 'read a whole novel in the bath',
  cancel: 'our boiler exploded',
  card: 'Milo sleeps with the blue dinosaur',
};
/** What Ben wrote about her: not hers to delete, but her name is taken out of it. */
export const BENS_NOTE = 'thanks Zoe Quillfeather for Tuesday';

export function zoeWorld(options: { path?: string } = {}) {
  const w = createWorld(options);
  let counter = 0;
  const mention = (token: string): MemberRef | undefined => (token.replace(/^@/, '').toLowerCase() === 'zoe' ? ZOE : readMention(token));
  /** Runs a typed line as a member (Zoe has her own platform id); never the generic apology. */
  const as = (who: string, line: string): Reply => {
    counter += 1;
    const member = who === 'Zoe' ? ZOE : { ref: who.toLowerCase(), name: who };
    const reply = w.dispatcher.dispatch({
      platform: 'console',
      coopRef: 'console',
      member,
      isPlatformAdmin: false,
      idempotencyKey: `zoe-world:${counter}`,
      ...parseCommandLine(line, commands, mention),
    });
    expect(reply.text, `${who}: ${line}`).not.toBe(APOLOGY);
    return reply;
  };
  const say = async (who: string, line: string) => {
    const reply = as(who, line);
    await w.deliver();
    return reply;
  };
  return { ...w, as, say };
}

export type ZoeWorld = ReturnType<typeof zoeWorld>;

/** Wednesday 3 March 2027 to Saturday night: everything below happens, then the clock stands at 23:30 London. */
export async function livedIn(w: ZoeWorld): Promise<void> {
  await w.say('Ana', '/coop setup timezone:Europe/London');
  for (const who of ['Ben', 'Cat', 'Zoe']) await w.say(who, '/help');
  w.clock.advance(60_000);
  await w.say('Ana', '/household invite member:@zoe');
  await w.say('Zoe', '/household accept id:1');
  // Her swaps, read in London time (she sets her own timezone after).
  await w.say('Zoe', `/household card text:"${NOTES.card}"`); // the household's child card: Ben sees it on his reminders for #1
  await w.say('Zoe', `/swap request when:"2027-03-06 19:00 4h" kids:2 note:"${NOTES.request}"`); // #1: Ben sits, she confirms
  await w.say('Ben', '/swap volunteer id:1');
  await w.say('Zoe', '/swap choose id:1 member:@Ben');
  await w.say('Cat', '/swap offer when:"2027-03-06 20:00 2h"'); // #2: she books it; over by the time she goes
  await w.say('Zoe', '/swap book id:2');
  await w.say('Ben', '/swap request when:"2027-03-20 19:00 2h"'); // #3: she volunteers
  await w.say('Zoe', '/swap volunteer id:3');
  await w.say('Zoe', `/swap offer when:"2027-03-21 10:00 3h" note:"${NOTES.offer}"`); // #4: Cat books it
  await w.say('Cat', '/swap book id:4');
  await w.say('Zoe', '/swap request when:"2027-03-27 10:00 2h"'); // #5: she cancels it, with a reason
  await w.say('Zoe', `/swap cancel id:5 reason:"${NOTES.cancel}"`);
  // Gifts come from earned credit: an admin records what each of them earned first.
  await w.say('Ana', '/credits adjust member:@zoe amount:+1 reason:"sat for Cat"');
  await w.say('Ana', '/credits adjust member:@ben amount:+0.5 reason:"sat for Cat"');
  await w.say('Zoe', `/credits give member:@Ben amount:1 note:"${NOTES.gift}"`);
  await w.say('Ben', `/credits give member:@zoe amount:0.5 note:"${BENS_NOTE}"`);
  await w.say('Ana', '/credits adjust member:@zoe amount:+0.25 reason:"welcome, Zoe Quillfeather"');
  await w.say('Zoe', '/profile timezone:pacific/auckland quiet:"22:00-07:00"');
  await w.say('Zoe', '/checkin time when:"sat 09:00"');
  await w.advanceUntil('2027-03-05T21:00:00Z'); // Saturday 09:00 in Auckland: her check-in
  await w.say('Zoe', '/checkin answer reply:yes');
  await w.say('Zoe', `/break log note:"${NOTES.checkin}"`);
  await w.say('Zoe', `/break log note:"${NOTES.breakLog}"`);
  await w.advanceUntil('2027-03-06T23:30:00Z'); // reminders, then the completion prompt for #1
  await w.say('Zoe', '/swap done id:1');
}
