import { describe, expect, it } from 'vitest';
import { createWorld, isReminder, type World } from './world.ts';

// Reminders and the completion prompt go to every parent of a family's household, and stop for one who leaves it.

async function household(w: World) {
  await w.say('Alice', '/coop setup timezone:Europe/London');
  for (const who of ['Alice', 'Bob', 'Carol']) await w.say(who, `/profile timezone:Europe/London quiet:off`);
  await w.say('Alice', '/household invite member:@Bob');
  await w.say('Bob', '/household accept id:1');
  await w.say('Alice', '/swap request when:"sat 19:00-23:00" kids:2');
  await w.say('Carol', '/swap volunteer id:1');
  await w.say('Alice', '/swap choose id:1 member:@Carol');
  w.sent.length = 0;
}

const prompts = (w: World, name: string) => w.dmsTo(name).filter((n) => n.message.text.startsWith('How did #1'));

describe('reminders for a household', () => {
  it('reach both parents, and either can confirm from the completion prompt', async () => {
    const w = createWorld();
    await household(w);
    await w.advanceUntil('2027-03-06T23:30:00Z');
    for (const parent of ['Alice', 'Bob']) {
      expect(w.dmsTo(parent).filter(isReminder).map((n) => n.message.text.split(' — ')[0]), parent).toEqual([
        'Tomorrow: Carol is looking after your kids',
        'In 2 hours: Carol is looking after your kids',
      ]);
      expect(prompts(w, parent), parent).toHaveLength(1);
    }
    expect(w.dmsTo('Carol').filter(isReminder)).toHaveLength(2);
    expect(prompts(w, 'Carol')).toHaveLength(0);
    // Bob taps "It happened" on his prompt: the household pays once.
    expect(w.run('Bob', '/swap done id:1').text).toBe(
      '#1 is settled: 6 h of credit went from your family to Carol. You now have -1 h of credit. I hope you enjoyed the time for yourself.',
    );
    expect(w.run('Alice', '/swap done id:1').text).toMatch(/already completed/);
    expect([w.balanceOf('Alice'), w.balanceOf('Carol')]).toEqual([-60, 660]);
  });

  it('stop for a parent who leaves the household before the sit', async () => {
    const w = createWorld();
    await household(w);
    await w.say('Bob', '/household leave confirm:yes');
    await w.advanceUntil('2027-03-06T23:30:00Z');
    expect(w.dmsTo('Bob').filter(isReminder)).toHaveLength(0);
    expect(prompts(w, 'Bob')).toHaveLength(0);
    expect(w.dmsTo('Alice').filter(isReminder)).toHaveLength(2);
    expect(prompts(w, 'Alice')).toHaveLength(1);
  });

  it('start for a parent who joins the household after the sit was arranged', async () => {
    const w = createWorld();
    await w.say('Alice', '/coop setup timezone:Europe/London');
    for (const who of ['Alice', 'Bob', 'Carol']) await w.say(who, `/profile timezone:Europe/London quiet:off`);
    await w.say('Alice', '/swap request when:"sat 19:00-23:00"');
    await w.say('Carol', '/swap volunteer id:1');
    await w.say('Alice', '/swap choose id:1 member:@Carol');
    await w.say('Alice', '/household invite member:@Bob');
    await w.say('Bob', '/household accept id:1');
    await w.advanceUntil('2027-03-06T23:30:00Z');
    expect(w.dmsTo('Bob').filter(isReminder)).toHaveLength(2);
    expect(prompts(w, 'Bob')).toHaveLength(1);
  });
});
