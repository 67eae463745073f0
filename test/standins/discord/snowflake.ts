import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1_420_070_400_000n;
let lastId = 0n;
let increment = 0n;

/** A realistic, strictly increasing Discord snowflake (19 digits for current dates). */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  // worker 1, process 1, like a real id minted by Discord
  let id = ((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | (1n << 12n) | increment;
  if (id <= lastId) id = lastId + 1n;
  lastId = id;
  return id.toString();
}

/** The millisecond timestamp encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Interaction tokens look like base64 of `interaction:<id>:<random>`. */
export function interactionToken(interactionId: string): string {
  const secret = randomBytes(48).toString('base64url');
  return Buffer.from(`interaction:${interactionId}:${secret}`).toString('base64url');
}

export function sessionId(): string {
  return randomBytes(16).toString('hex');
}
