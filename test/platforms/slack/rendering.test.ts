// Block Kit rendering, mention reading and escaping, the manifest, and the small pure parts of the adapter.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { commands } from '../../../commands/index.ts';
import type { Card } from '../../../src/core/types.ts';
import { MAX_BLOCKS, MAX_SECTION_TEXT, renderMessage } from '../../../src/platforms/slack/blocks.ts';
import { CoopChannels } from '../../../src/platforms/slack/channels.ts';
import { httpManifest, MANIFEST_PATH, manifestJson, slackManifest } from '../../../src/platforms/slack/manifest.ts';
import { deliveryFailure } from '../../../src/platforms/slack/messenger.ts';
import { clip, escapeMrkdwn, readSlackMention, splitText } from '../../../src/platforms/slack/mrkdwn.ts';
import { isFresh } from '../../../src/platforms/slack/receivers.ts';
import { blockProblems } from '../../standins/slack/blocks.ts';

const card = (n: number): Card => ({
  title: `#${n} · Ana needs a sitter`,
  text: 'two sleepy toddlers',
  fields: [{ label: 'When', value: 'Sat 19:00–23:00' }, { label: 'Kids', value: '2' }],
  buttons: [{ label: 'Volunteer', style: 'primary', action: { command: 'swap', sub: 'volunteer', options: { id: n } } }],
});

describe('Block Kit rendering', () => {
  it('pages a long list into messages of ≤ 50 blocks, never splitting a card', () => {
    const pages = renderMessage({ text: 'Open in this co-op:', cards: Array.from({ length: 40 }, (_, i) => card(i + 1)) });
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
      expect(blockProblems(page.blocks, MAX_BLOCKS)).toEqual([]);
      expect(page.blocks[0]?.type === 'divider' || page.blocks[0]?.type === 'section').toBe(true);
      expect(page.blocks.at(-1)?.type).toBe('actions'); // each page ends with a whole card
    }
    const ids = pages.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : [])));
    expect(ids).toHaveLength(40);
    expect(ids[0]).toBe('swap.volunteer?id=1');
  });

  it('keeps at most N messages and says how much was left out', () => {
    const pages = renderMessage({ text: 'Open:', cards: Array.from({ length: 60 }, (_, i) => card(i + 1)) }, { maxMessages: 2 });
    expect(pages).toHaveLength(2);
    expect(JSON.stringify(pages[1]?.blocks.at(-1))).toMatch(/\d+ more not shown/);
    expect(pages[1]?.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
  });

  it('splits long text into sections of ≤ 3000 characters at word boundaries', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`);
    const [page] = renderMessage({ text: words.join(' ') });
    const texts = (page?.blocks ?? []).map((b) => (b.type === 'section' ? (b.text?.text ?? '') : ''));
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    expect(texts.join(' ').split(' ')).toEqual(words);
    expect(splitText('a'.repeat(7000), 3000).map((p) => p.length)).toEqual([3000, 3000, 1000]);
  });

  it('maps styles and keeps labels within 75 characters', () => {
    const [page] = renderMessage({
      text: '',
      cards: [{ title: 'x', buttons: [{ label: 'L'.repeat(90), style: 'success', action: { command: 'swap', sub: 'done', options: { id: 1 } } }] }],
    });
    const actions = page?.blocks.find((b) => b.type === 'actions');
    expect(JSON.stringify(actions)).toMatch(/"style":"primary"/);
    expect(blockProblems(page?.blocks, MAX_BLOCKS)).toEqual([]);
  });
});

describe('mrkdwn', () => {
  it('reads Slack mentions and refuses bare names', () => {
    expect(readSlackMention('<@U012AB|ana.costa>')).toEqual({ ref: 'U012AB', name: 'ana.costa' });
    expect(readSlackMention('<@W012AB>')).toEqual({ ref: 'W012AB', name: '<@W012AB>' });
    expect(readSlackMention('@ana')).toBeUndefined();
    expect(readSlackMention('<#C012AB|general>')).toBeUndefined();
  });

  it('escapes user text, keeping live only the mentions named on purpose, so a note cannot ping anyone', () => {
    // Someone else's mention reads as words (or as typed, without a label); a broadcast word never pings.
    expect(escapeMrkdwn('cats & dogs <!channel> <@U1|ana> <#C1> <#C2|general> a<b @here <!subteam^S1|@team>')).toBe(
      'cats &amp; dogs @\u200bchannel @ana &lt;#C1&gt; #general a&lt;b @\u200bhere &lt;!subteam^S1|@team&gt;',
    );
    expect(escapeMrkdwn('cats & dogs <!channel> <@U1|ana> <#C1> <@U2> a<b', new Set(['U1', 'C1', 'channel']))).toBe(
      'cats &amp; dogs @\u200bchannel <@U1|ana> <#C1> &lt;@U2&gt; a&lt;b',
    );
  });

  it('clips at a word boundary', () => {
    expect(clip('one two three four', 12)).toBe('one two…');
    expect(clip('short', 12)).toBe('short');
  });
});

describe('small parts', () => {
  it('judges request timestamps 5 minutes either way', () => {
    const now = 1_800_000_000_000;
    const s = now / 1000;
    expect([s, s - 300, s + 300].map((t) => isFresh(String(t), now))).toEqual([true, true, true]);
    expect([s - 301, s + 301, 'abc', undefined].map((t) => isFresh(t === undefined ? undefined : String(t), now))).toEqual([false, false, false, false]);
  });

  it('maps Web API failures to delivery results', () => {
    const platform = (error: string) => Object.assign(new Error(error), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });
    expect(deliveryFailure(Object.assign(new Error('slow down'), { code: webApi.ErrorCode.RateLimitedError, retryAfter: 30 }))).toEqual({
      ok: false,
      permanent: false,
      retryAfterMs: 30_000,
      error: 'ratelimited',
    });
    expect(deliveryFailure(platform('channel_not_found'))).toMatchObject({ permanent: true, error: 'channel_not_found' });
    expect(deliveryFailure(platform('internal_error'))).toMatchObject({ permanent: false });
    expect(deliveryFailure(new Error('socket hang up'))).toMatchObject({ permanent: false });
  });

  it('falls back to the last shared channel a co-op was used in, never a DM', () => {
    const channels = new CoopChannels();
    channels.noteUse('T1', 'C1', 'general');
    channels.noteUse('T1', 'D1', 'directmessage');
    channels.noteUse('T1', 'G1', 'mpdm-ana--ben-1');
    expect(channels.fallback('T1')).toBe('C1');
    expect(channels.fallback('T2')).toBeUndefined();
  });
});

describe('the app manifest', () => {
  it('is generated from the command list and checked in unchanged', () => {
    expect(readFileSync(MANIFEST_PATH, 'utf8')).toBe(manifestJson(commands));
    const manifest = slackManifest(commands);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    for (const command of manifest.features.slash_commands) {
      expect(command.should_escape).toBe(true);
      expect(command.usage_hint.length).toBeLessThanOrEqual(100);
    }
  });

  it('has an HTTP and OAuth variant with every request URL at the public address', () => {
    const manifest = httpManifest(commands, 'https://breather.example.org/');
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions).toMatchObject({ request_url: 'https://breather.example.org/slack/events', bot_events: expect.arrayContaining(['app_uninstalled', 'tokens_revoked']) });
    expect(manifest.settings.interactivity.request_url).toBe('https://breather.example.org/slack/events');
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://breather.example.org/slack/oauth_redirect']);
    expect(new Set(manifest.features.slash_commands.map((c) => c.url))).toEqual(new Set(['https://breather.example.org/slack/events']));
  });
});

