import { describe, expect, it } from 'vitest';
import type { ThreadDestination } from '../../../src/core/types.ts';
import { createHarness } from '../../support/harness.ts';

// Each accepted sit asks for its private thread in the outbox, with the channel's news of it riding along; every
// acceptance gets its own, so a sitter chosen after another stepped back is not left without one.

describe('a sit thread per acceptance', () => {
  it('asks for one when a request is taken and when an offer is booked, and again for a new sitter', async () => {
    const h = createHarness();
    h.run('Ana', '/swap request sat 7-11pm');
    h.run('Ben', '/swap volunteer 1');
    h.run('Ana', '/swap choose 1 @Ben');
    h.run('Ben', '/swap cancel 1');
    h.run('Cleo', '/swap volunteer 1');
    expect(h.run('Ana', '/swap choose 1 @Cleo').text).toContain('Cleo is sitting #1');
    h.run('Dan', '/swap offer fri 6-10pm up to 3');
    h.run('Eve', '/swap book 2 2 kids');
    await h.deliver();

    const threads = h.sent.map((n) => n.destination).filter((d): d is ThreadDestination => d.kind === 'thread');
    expect(threads.map((t) => t.members.map((m) => m.memberName))).toEqual([
      ['Ana', 'Ben'],
      ['Ana', 'Cleo'],
      ['Eve', 'Dan'],
    ]);
    expect(new Set(threads.map((t) => t.subject)).size).toBe(3);
    // A taken request's news goes everywhere; a booked offer's only leads into its thread.
    expect(threads.map((t) => [t.channelPost?.everywhere, t.channelPost?.message.text])).toEqual([
      [true, '#1 is taken — Ben is sitting for Ana.'],
      [true, '#1 is taken — Cleo is sitting for Ana.'],
      [false, '#2 is booked — Dan is sitting for Eve. They have a private thread for the details.'],
    ]);
    const hello = h.sent.find((n) => n.destination.kind === 'thread')?.message.text;
    expect(hello).toContain('Hello Ana and Ben! This is your private thread for #1: Sat 28 Nov, 19:00–23:00, 1 kid.');
    const swap = h.store.swaps.findByNumber(1, 1);
    expect(h.store.threads.ofSwap(swap?.id ?? 0).map((t) => t.status)).toEqual(['asked', 'asked']);
  });
});
