import { ChannelType, PermissionFlagsBits, type Client, type GuildBasedChannel } from 'discord.js';

// Where a co-op's channel posts go when it has no channel of its own, or when its channel refuses the bot (deleted,
// or the bot may not post there): the channel the co-op last used the bot in, else the server's system channel,
// else its first text channel the bot may post in. The "last used" hint lives in memory only; `/coop setup`
// stores a channel for good in the DB.

const MAX_GUILDS = 10_000;

export class CoopChannels {
  private readonly lastUsed = new Map<string, string>();

  constructor(private readonly client: Client) {}

  noteUse(guildId: string, channelId: string | null): void {
    if (!channelId) return;
    this.lastUsed.delete(guildId);
    this.lastUsed.set(guildId, channelId);
    if (this.lastUsed.size > MAX_GUILDS) {
      const oldest = this.lastUsed.keys().next().value;
      if (oldest !== undefined) this.lastUsed.delete(oldest);
    }
  }

  /** A channel to post in for this co-op, other than `avoid` (a channel that just refused the bot). */
  fallback(guildId: string, avoid?: string): string | undefined {
    const guild = this.client.guilds.cache.get(guildId);
    const used = this.lastUsed.get(guildId);
    if (!guild) return used !== avoid ? used : undefined;
    const me = guild.members.me;
    const canPost = (channel: GuildBasedChannel | null | undefined): channel is GuildBasedChannel => {
      if (!channel || channel.id === avoid) return false;
      if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) return false;
      return !me || channel.permissionsFor(me).has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages]);
    };
    const candidates = [used ? guild.channels.cache.get(used) : undefined, guild.systemChannel];
    const first = candidates.find(canPost);
    if (first) return first.id;
    const text = [...guild.channels.cache.values()].filter(canPost).sort((a, b) => ('position' in a && 'position' in b ? a.position - b.position : 0));
    return text[0]?.id;
  }
}
