import type { Message } from '../core/types.ts';
import type { DmOptions } from '../domain/delivery.ts';
import type { Member } from '../domain/members.ts';

/**
 * How a caller queues a private message: a command's context writes it to the outbox after commit, a job adds its
 * local send time and waits for quiet hours. The accounting decides who is told what; the teller, how.
 */
export interface Teller {
  dm(member: Member, message: Message, how?: DmOptions): void;
}
