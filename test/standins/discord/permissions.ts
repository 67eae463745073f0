/** Discord permission bits (same values as discord.js `PermissionFlagsBits`). */
export const Perm = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ChangeNickname: 1n << 26n,
  ManageRoles: 1n << 28n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** What a plain member of a fresh guild can do. */
export const MEMBER_PERMISSIONS =
  Perm.CreateInstantInvite |
  Perm.AddReactions |
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.EmbedLinks |
  Perm.AttachFiles |
  Perm.ReadMessageHistory |
  Perm.UseExternalEmojis |
  Perm.ChangeNickname |
  Perm.UseApplicationCommands |
  Perm.CreatePublicThreads |
  Perm.CreatePrivateThreads |
  Perm.SendMessagesInThreads;

/** Every permission bit Discord defines today (what an owner or Administrator gets). */
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

/** Accepts discord.js-style bigints, decimal strings or numbers. */
export function toPermissionBits(value: bigint | string | number): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

/** Owners and administrators hold every permission, as Discord computes it. */
export function effectivePermissions(bits: bigint, isOwner: boolean): bigint {
  return isOwner || (bits & Perm.Administrator) !== 0n ? ALL_PERMISSIONS : bits;
}

/** The bot's permissions in a channel: its member's bits with the channel's overwrites applied, as Discord does. */
export function permissionsIn(
  guild: { id: string; ownerId: string },
  member: { userId: string; roleIds: string[]; permissions: bigint },
  overwrites: readonly { id: string; type: 0 | 1; allow: bigint; deny: bigint }[],
): bigint {
  let bits = member.permissions;
  if (bits === ALL_PERMISSIONS) return bits;
  const everyone = overwrites.find((o) => o.type === 0 && o.id === guild.id);
  if (everyone) bits = (bits & ~everyone.deny) | everyone.allow;
  const roles = overwrites.filter((o) => o.type === 0 && member.roleIds.includes(o.id));
  const deny = roles.reduce((a, o) => a | o.deny, 0n);
  const allow = roles.reduce((a, o) => a | o.allow, 0n);
  bits = (bits & ~deny) | allow;
  const own = overwrites.find((o) => o.type === 1 && o.id === member.userId);
  if (own) bits = (bits & ~own.deny) | own.allow;
  return bits;
}
