import type { Db } from '../connection.ts';
import type { Platform } from '../../core/types.ts';

/** DM channels opened for members, kept so each later DM is one request instead of two, also after a restart. */
export class DmChannelRepository {
  private readonly one;
  private readonly save;
  private readonly drop;

  constructor(db: Db) {
    this.one = db.prepare<[string, string, string], { channel_id: string }>(
      'SELECT channel_id FROM dm_channels WHERE platform = ? AND coop_ref = ? AND member_ref = ?',
    );
    this.save = db.prepare<[string, string, string, string, number]>(
      `INSERT INTO dm_channels (platform, coop_ref, member_ref, channel_id, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (platform, coop_ref, member_ref) DO UPDATE SET channel_id = excluded.channel_id, updated_at = excluded.updated_at
       WHERE dm_channels.channel_id IS NOT excluded.channel_id`,
    );
    this.drop = db.prepare<[string, string, string]>('DELETE FROM dm_channels WHERE platform = ? AND coop_ref = ? AND member_ref = ?');
  }

  find(platform: Platform, coopRef: string, memberRef: string): string | undefined {
    return this.one.get(platform, coopRef, memberRef)?.channel_id;
  }

  remember(platform: Platform, coopRef: string, memberRef: string, channelId: string, at: number): void {
    this.save.run(platform, coopRef, memberRef, channelId, at);
  }

  forget(platform: Platform, coopRef: string, memberRef: string): void {
    this.drop.run(platform, coopRef, memberRef);
  }
}
