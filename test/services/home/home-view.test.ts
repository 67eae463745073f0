import { describe, expect, it } from 'vitest';
import { buildHome } from '../../../src/services/home/home-view.ts';
import { createHarness } from '../../support/harness.ts';

// The home view (Slack's App Home) from the store alone: what each member sees, and nothing for a stranger.

describe('the home view', () => {
  const world = () => {
    const h = createHarness();
    const home = (who: string) => buildHome(h.store, { platform: 'console', coopRef: 'console', memberRef: who.toLowerCase(), now: h.clock.now() });
    return { ...h, home };
  };

  it('is a newcomer page for someone the co-op has not met', () => {
    const { home } = world();
    expect(home('Ana')).toEqual({ kind: 'newcomer' });
  });

  it("shows the member's credit, their sits, their own open posts, others' open posts and the check-in", () => {
    const { run, home } = world();
    run('Ana', '/swap request sat 7-11pm 2 kids');
    run('Ben', '/swap offer fri 6-10pm up to 3');
    run('Cleo', '/swap request sun 10:00-12:00');
    run('Ben', '/swap volunteer 1');
    run('Ana', '/swap choose 1 @Ben');
    const ana = home('Ana');
    if (ana.kind !== 'member') throw new Error('Ana is a member');
    expect(ana.credit).toBe('You have *5 h of credit*; the co-op lets you go down to -10 h and bank up to 40 h.');
    const sections = Object.fromEntries(ana.sections.map((s) => [s.title, s]));
    expect(sections['Coming up']?.cards.map((c) => c.title)).toEqual(['#1 · Ana needs a sitter']);
    expect(sections['Your open requests and offers']).toBeUndefined();
    // Others' open posts carry only what Ana may do: volunteer or book, never their owner's Cancel.
    expect(sections['Open in the co-op']?.cards.map((c) => [c.title, c.buttons?.map((b) => b.label)])).toEqual([
      ['#2 · Ben can sit', ['Book']],
      ['#3 · Cleo needs a sitter', ['Volunteer']],
    ]);
    expect(sections['Weekly check-in']?.cards[0]?.buttons?.map((b) => b.action)).toEqual([
      { command: 'checkin', sub: 'pause', options: { until: '2026-11-29' } },
      { command: 'checkin', sub: 'off', options: {} },
    ]);
    const ben = home('Ben');
    if (ben.kind !== 'member') throw new Error('Ben is a member');
    expect(ben.sections.find((s) => s.title === 'Your open requests and offers')?.cards.map((c) => c.title)).toEqual(['#2 · Ben can sit']);
    expect(ben.sections.find((s) => s.title === 'Coming up')?.cards.map((c) => c.title)).toEqual(['#1 · Ana needs a sitter']);
  });

  it('says when check-ins are paused or off, with the button that undoes it', () => {
    const { run, home } = world();
    run('Ana', '/checkin pause 2026-12-10');
    const paused = home('Ana');
    const card = paused.kind === 'member' ? paused.sections.at(-1)?.cards[0] : undefined;
    expect(card?.title).toBe('Paused until Thu 10 Dec.');
    expect(card?.buttons?.map((b) => b.label)).toEqual(['Resume now', 'Turn off']);
    run('Ana', '/checkin off');
    const off = home('Ana');
    expect(off.kind === 'member' ? off.sections.at(-1)?.cards[0] : undefined).toMatchObject({ title: 'Check-ins are off.', buttons: [{ label: 'Turn on' }] });
  });
});
