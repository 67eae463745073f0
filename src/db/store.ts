import { inTransaction, type Db } from './connection.ts';
import { CoopRepository } from './repositories/coops.ts';
import { InvocationRepository } from './repositories/invocations.ts';
import { LedgerRepository } from './repositories/ledger.ts';
import { MemberRepository } from './repositories/members.ts';
import { OutboxRepository } from './repositories/outbox.ts';
import { SwapRepository } from './repositories/swaps.ts';

/** Every repository over one connection; statements are prepared once, here. */
export class Store {
  readonly coops: CoopRepository;
  readonly members: MemberRepository;
  readonly ledger: LedgerRepository;
  readonly swaps: SwapRepository;
  readonly outbox: OutboxRepository;
  readonly invocations: InvocationRepository;

  constructor(readonly db: Db) {
    this.coops = new CoopRepository(db);
    this.members = new MemberRepository(db);
    this.ledger = new LedgerRepository(db);
    this.swaps = new SwapRepository(db);
    this.outbox = new OutboxRepository(db);
    this.invocations = new InvocationRepository(db);
  }

  transaction<T>(work: () => T): T {
    return inTransaction(this.db, work);
  }
}
