import type { App, types } from '@slack/bolt';
import type { Dispatcher, HomeView } from '../../app/dispatcher.ts';
import type { Logger } from '../../logger.ts';
import { NEWCOMER_TEXT } from '../../messages/home.ts';
import { cardBlocks } from './blocks.ts';
import { clip, escapeMrkdwn } from './mrkdwn.ts';
import { safeError } from './safe-error.ts';
import type { TeamClients } from './team-clients.ts';

// The App Home tab: each member's credit, sits, open requests and offers (with their buttons) and check-in, built by
// the dispatcher's read-only home() and drawn here. Published when the member opens the tab, and again whenever
// something changes for them while they may be looking: after anything they do, and after each DM they get.

export const MAX_HOME_BLOCKS = 100;

const header = (text: string): types.HeaderBlock => ({ type: 'header', text: { type: 'plain_text', text: clip(text, 150), emoji: true } });
const section = (text: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } });

/** The home view as Block Kit, within Slack's 100 blocks; what does not fit is pointed to. */
export function homeBlocks(view: HomeView): types.KnownBlock[] {
  if (view.kind === 'newcomer') return [header('Breather'), section(NEWCOMER_TEXT)];
  const blocks: types.KnownBlock[] = [header(view.title), section(view.credit)];
  let left = false;
  for (const part of view.sections) {
    const head: types.KnownBlock[] = [{ type: 'divider' }, header(part.title), ...(part.text ? [section(escapeMrkdwn(part.text))] : [])];
    if (blocks.length + head.length > MAX_HOME_BLOCKS - 1) {
      left = true;
      break;
    }
    blocks.push(...head);
    for (const card of part.cards) {
      const drawn = cardBlocks(card);
      if (blocks.length + drawn.length > MAX_HOME_BLOCKS - 1) {
        left = true;
        break;
      }
      blocks.push(...drawn);
    }
  }
  if (left) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'There is more than fits here: `/swap list` shows it all.' }] });
  return blocks;
}

export class HomeTab {
  /** Members who opened the tab since the start: the ones a refresh is for (an open brings it up to date anyway). */
  private readonly seen = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly clients: TeamClients,
    private readonly log: Logger,
  ) {}

  /** app_home_opened on the Home tab. */
  opened(teamId: string, userId: string): Promise<void> {
    this.seen.add(`${teamId}:${userId}`);
    return this.publish(teamId, userId);
  }

  /** Something changed for this member: redraw their tab if they have one open. */
  refresh(teamId: string, userId: string): Promise<void> {
    return this.seen.has(`${teamId}:${userId}`) ? this.publish(teamId, userId) : Promise.resolve();
  }

  /** One publish at a time per member; changes during one fold into one more. */
  private publish(teamId: string, userId: string): Promise<void> {
    const key = `${teamId}:${userId}`;
    const running = this.running.get(key);
    if (running) {
      this.again.add(key);
      return running;
    }
    const work = (async () => {
      try {
        do {
          this.again.delete(key);
          await this.publishOnce(teamId, userId);
        } while (this.again.has(key));
      } finally {
        this.running.delete(key);
      }
    })();
    this.running.set(key, work);
    return work;
  }

  private async publishOnce(teamId: string, userId: string): Promise<void> {
    const view = this.dispatcher.home({ platform: 'slack', coopRef: teamId, memberRef: userId });
    const client = this.clients.api(teamId);
    if (!view || !client) return;
    try {
      await client.views.publish({ user_id: userId, view: { type: 'home', blocks: homeBlocks(view) } });
    } catch (error) {
      this.log.warn({ coop: teamId, error: safeError(error) }, 'could not publish the Home tab');
    }
  }
}

/** The Home tab opened: draw it fresh. (The Messages tab opening needs nothing.) */
export function listenForHome(app: App, home: HomeTab): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await home.opened(body.team_id, event.user);
  });
}
