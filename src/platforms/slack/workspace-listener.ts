import type { App } from '@slack/bolt';
import type { CoopActivity } from '../../core/workspaces.ts';
import type { Logger } from '../../logger.ts';

// A workspace removing Breather: app_uninstalled, or tokens_revoked naming the bot's token. Its co-op is kept and
// marked inactive (nothing is sent to it; the outbox keeps its rows). Bolt delivers both events without looking up
// an installation, which may already be gone.

export function listenForRemoval(app: App, activity: Pick<CoopActivity, 'deactivate'> | undefined, log: Logger, singleToken: boolean): void {
  const removed = (teamId: string | undefined, reason: 'uninstalled' | 'tokens_revoked') => {
    if (!teamId) return;
    activity?.deactivate('slack', teamId, reason);
    const again = singleToken ? ' Install it again and put the new token in SLACK_BOT_TOKEN to bring it back.' : ' Installing it again brings it back.';
    log.warn({ coop: teamId, reason }, `Slack says Breather was removed from a workspace (${reason}); its co-op is kept and gets nothing sent.${again}`);
  };
  app.event('app_uninstalled', async ({ body }) => {
    removed(body.team_id, 'uninstalled');
  });
  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot's own token matters: Breather asks for no user tokens.
    if ((event.tokens.bot ?? []).length > 0) removed(body.team_id, 'tokens_revoked');
  });
}
