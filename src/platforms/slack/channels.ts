// Where a co-op's channel posts go when it has no channel of its own yet (never set up with /coop setup): the last
// shared channel it was used in. Kept in memory; `/coop setup` stores a channel for good. DMs never count.

export function isSharedChannel(channelId: string | undefined, channelName?: string): channelId is string {
  if (!channelId || !/^[CG][A-Z0-9]+$/.test(channelId)) return false;
  return !(channelName === 'directmessage' || channelName?.startsWith('mpdm-'));
}

export class CoopChannels {
  private readonly lastUsed = new Map<string, string>();

  noteUse(teamId: string, channelId: string | undefined, channelName?: string): void {
    if (isSharedChannel(channelId, channelName)) this.lastUsed.set(teamId, channelId);
  }

  fallback(teamId: string): string | undefined {
    return this.lastUsed.get(teamId);
  }
}
