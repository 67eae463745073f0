import { describe, expect, it } from 'vitest';
import { dbSnapshot } from '../../support/snapshot.ts';
import { BENS_NOTE, livedIn, NOTES, ZOE, zoeWorld } from './zoe.ts';

interface Export {
  exportedAt: string;
  profile: { displayName: string; platformUserId: string; timezone: string; quietHours: string; quietHoursSet: boolean };
  checkinSettings: { time: { weekday: number; minute: number } | null };
  household: {
    current: { name: string; members: string[] };
    memberships: { household: number; joinedAt: string; leftAt: string | null; entries: { kind: string; what: string; note: string | null; hours: number }[] }[];
    invitations: { from: string; to: string; status: string }[];
  };
  swaps: { number: number; kind: string; status: string; postedByYou: boolean; note?: string; cancelReason?: string | null; yourParts: { role: string }[] }[];
  checkinAnswers: { week: string; note: string | null }[];
  breakLog: { note: string | null }[];
  scheduledJobs: { kind: string; status: string }[];
  messages: { message: { text: string; attachments?: unknown[] }; status: string }[];
  unpromptedMessages: { kind: string }[];
  waitingMessages: { text: string; heldSince: string; why: string }[];
}

describe('/privacy export', () => {
  it('replies privately with a readable summary and a JSON file holding every kind of record kept about the member', async () => {
    const w = zoeWorld();
    await livedIn(w);
    const reply = w.as('Zoe', '/privacy export');
    expect(reply.visibility).toBe('private');
    expect(reply.text).toMatch(
      /^Here is everything Breather holds about you in this co-op: your profile and settings, the families you shared a balance with \(2 times\), your family's child card \(shown \d+ times?\), 5 swaps, \d+ ledger entries, 1 check-in answer, 1 logged break, \d+ scheduled messages?, \d+ messages sent to you\. Your family's balance is -?[\d.]+ h\.$/,
    );
    const file = reply.attachments?.[0];
    expect(file?.filename).toBe('breather-export-2027-03-06.json');
    expect(file?.contentType).toBe('application/json');
    const data = JSON.parse(file?.content ?? '') as Export;

    expect(data.profile).toMatchObject({ displayName: ZOE.name, platformUserId: ZOE.ref, timezone: 'Pacific/Auckland', quietHours: '22:00-07:00', quietHoursSet: true });
    expect(data.checkinSettings.time).toEqual({ weekday: 6, minute: 540 });

    // Her household of one, then Ana's: each with its ledger entries while she was in it.
    expect(data.household.current).toEqual({ name: 'Ana & Zoe Quillfeather', members: ['Ana', 'Zoe Quillfeather'] });
    const [own, shared] = data.household.memberships;
    expect(own?.leftAt).not.toBeNull();
    expect(shared?.leftAt).toBeNull();
    expect(own?.entries.map((e) => e.kind)).toEqual(['starting', 'household']);
    const kinds = new Set(shared?.entries.map((e) => e.kind));
    for (const kind of ['gift', 'adjustment', 'swap']) expect(kinds, kind).toContain(kind);
    expect(shared?.entries).toContainEqual(expect.objectContaining({ kind: 'gift', what: 'gift from Zoe Quillfeather to Ben', note: NOTES.gift, hours: -1 }));
    expect(shared?.entries).toContainEqual(expect.objectContaining({ kind: 'gift', what: 'gift from Ben to Zoe Quillfeather', note: BENS_NOTE, hours: 0.5 }));
    // Ana's starting credits came before Zoe joined: not Zoe's to see. (Zoe brought 0 h: her merge touched only her own account.)
    expect(shared?.entries.map((e) => e.kind)).not.toContain('starting');
    expect(data.household.invitations).toEqual([expect.objectContaining({ from: 'Ana', to: ZOE.name, status: 'accepted' })]);

    const swaps = new Map(data.swaps.map((s) => [s.number, s]));
    expect([...swaps.keys()]).toEqual([1, 2, 3, 4, 5]);
    expect(swaps.get(1)).toMatchObject({ kind: 'request', status: 'completed', postedByYou: true, note: NOTES.request });
    expect(swaps.get(2)).toMatchObject({ kind: 'offer', postedByYou: false, yourParts: [{ role: 'family' }] });
    expect(swaps.get(2)).not.toHaveProperty('note');
    expect(swaps.get(3)?.yourParts).toEqual([expect.objectContaining({ role: 'volunteer' })]);
    expect(swaps.get(4)).toMatchObject({ kind: 'offer', status: 'accepted', note: NOTES.offer });
    expect(swaps.get(5)).toMatchObject({ status: 'cancelled', cancelReason: NOTES.cancel });

    expect(data.checkinAnswers).toEqual([expect.objectContaining({ week: '2027-03-01', note: NOTES.checkin })]);
    expect(data.breakLog).toEqual([expect.objectContaining({ note: NOTES.breakLog })]);
    expect(data.scheduledJobs.map((j) => j.kind)).toEqual(expect.arrayContaining(['checkin', 'reminder', 'completion_prompt']));
    expect(data.scheduledJobs.some((j) => j.status === 'pending')).toBe(true);
    const texts = data.messages.map((m) => m.message.text);
    expect(texts).toEqual(expect.arrayContaining([expect.stringContaining('Ana would like to share one balance with you'), expect.stringContaining('did you take a break this week?')]));
    expect(texts.some((t) => /^(Tomorrow|In \d+ hours):/.test(t))).toBe(true);
    expect(data.messages.every((m) => m.status === 'sent')).toBe(true);
    // Every unprompted message is on record with its kind, and whatever still waits to be gathered is in the file.
    expect(data.unpromptedMessages.map((u) => u.kind)).toEqual(['message', 'checkin']);
    expect(data.waitingMessages).toEqual(w.store.held.heldFor(w.store.members.find(w.store.coops.find('console', 'console')!.id, ZOE.ref)!.id).map((h) => expect.objectContaining({ text: h.message.text, why: h.reason })));

    // Nothing of anyone else's private life: Ben's and Cat's own data are not in it.
    const ben = w.store.members.find(w.store.coops.find('console', 'console')!.id, 'ben')!;
    expect(file?.content).not.toContain(`"platformUserId": "${ben.externalRef}"`);
    expect(data.messages.every((m) => !m.message.text.includes('you can sit'))).toBe(true);
  });

  it('is refused for a forgotten member, without bringing them back', async () => {
    const w = zoeWorld();
    await livedIn(w);
    w.as('Zoe', '/privacy forget confirm:yes');
    const before = dbSnapshot(w.store.db);
    const reply = w.as('Zoe', '/privacy export');
    expect(reply.text).toBe('Breather has already forgotten you in this co-op, so it holds nothing of yours to export.');
    expect(reply.attachments).toBeUndefined();
    expect(dbSnapshot(w.store.db)).toBe(before);
  });
});
