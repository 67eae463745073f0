import type { Db } from './connection.ts';
import type { WriteGate } from './write-gate.ts';
import { BackupRunRepository } from './repositories/backup-runs.ts';
import { BreakRepository } from './repositories/breaks.ts';
import { CheckinSettingsRepository } from './repositories/checkin-settings.ts';
import { ChildCardRepository } from './repositories/child-cards.ts';
import { CoopActivityRepository } from './repositories/coop-activity.ts';
import { CoopRepository } from './repositories/coops.ts';
import { DigestQueries } from './repositories/digest-queries.ts';
import { DisputeRepository } from './repositories/disputes.ts';
import { DmChannelRepository } from './repositories/dm-channels.ts';
import { DraftRepository } from './repositories/drafts.ts';
import { HeldMessageRepository } from './repositories/held-messages.ts';
import { FirstAskQueries } from './repositories/first-asks.ts';
import { HouseholdRepository } from './repositories/households.ts';
import { InstallationRepository } from './repositories/installation.ts';
import { InvocationRepository } from './repositories/invocations.ts';
import { JobRepository } from './repositories/jobs.ts';
import { LedgerRepository } from './repositories/ledger.ts';
import { MemberRepository } from './repositories/members.ts';
import { OutboxRepository } from './repositories/outbox.ts';
import { PlanningQueries } from './repositories/planning-queries.ts';
import { PrivacyExportQueries } from './repositories/privacy-export.ts';
import { PrivacyRepository } from './repositories/privacy.ts';
import { QueueDepthQueries } from './repositories/queue-depths.ts';
import { ReportQueries } from './repositories/report-queries.ts';
import { RetentionRepository } from './repositories/retention.ts';
import { SitThreadRepository } from './repositories/sit-threads.ts';
import { SitUpdateRepository } from './repositories/sit-updates.ts';
import { SwapRepository } from './repositories/swaps.ts';
import { UnpromptedRepository } from './repositories/unprompted.ts';
import { WelcomeRepository } from './repositories/welcomes.ts';
import { WorkspaceInstallRepository } from './repositories/workspace-installs.ts';

/** Where a write was made: on this connection, or by the scheduler's thread on its own. */
export type WrittenWhere = 'here' | 'elsewhere';

/** Every repository over one connection; statements are prepared once, here. */
export class Store {
  readonly coops: CoopRepository;
  readonly members: MemberRepository;
  readonly ledger: LedgerRepository;
  readonly swaps: SwapRepository;
  readonly outbox: OutboxRepository;
  readonly invocations: InvocationRepository;
  readonly jobs: JobRepository;
  readonly checkins: CheckinSettingsRepository;
  readonly breaks: BreakRepository;
  readonly unprompted: UnpromptedRepository;
  readonly planning: PlanningQueries;
  readonly digest: DigestQueries;
  readonly disputes: DisputeRepository;
  readonly installation: InstallationRepository;
  readonly drafts: DraftRepository;
  readonly reports: ReportQueries;
  readonly backupRuns: BackupRunRepository;
  readonly households: HouseholdRepository;
  readonly privacy: PrivacyRepository;
  readonly privacyExport: PrivacyExportQueries;
  readonly threads: SitThreadRepository;
  readonly held: HeldMessageRepository;
  readonly childCards: ChildCardRepository;
  readonly welcomes: WelcomeRepository;
  readonly firstAsks: FirstAskQueries;
  readonly sitUpdates: SitUpdateRepository;
  readonly coopActivity: CoopActivityRepository;
  readonly workspaceInstalls: WorkspaceInstallRepository;
  readonly queues: QueueDepthQueries;
  readonly retention: RetentionRepository;
  readonly dmChannels: DmChannelRepository;

  private readonly tx;
  private readonly synchronous;
  private readonly changesSoFar;
  private unsynced = false;
  private elsewhere = 0;
  /** Hands the write lock over between this connection and the scheduler's thread's (src/jobs/tick-thread.ts). */
  private gate: WriteGate | undefined;
  private writeWatcher: ((where: WrittenWhere) => void) | undefined;

  constructor(readonly db: Db) {
    this.tx = db.transaction((work: () => unknown) => work());
    this.synchronous = {
      read: db.prepare('PRAGMA synchronous').pluck(),
      normal: db.prepare('PRAGMA synchronous = NORMAL'),
      full: db.prepare('PRAGMA synchronous = FULL'),
      extra: db.prepare('PRAGMA synchronous = EXTRA'),
    };
    this.changesSoFar = db.prepare<[], number>('SELECT total_changes()').pluck();
    this.coops = new CoopRepository(db);
    this.members = new MemberRepository(db);
    this.ledger = new LedgerRepository(db);
    this.swaps = new SwapRepository(db);
    this.outbox = new OutboxRepository(db);
    this.invocations = new InvocationRepository(db);
    this.jobs = new JobRepository(db);
    this.checkins = new CheckinSettingsRepository(db);
    this.breaks = new BreakRepository(db);
    this.unprompted = new UnpromptedRepository(db);
    this.planning = new PlanningQueries(db);
    this.digest = new DigestQueries(db);
    this.disputes = new DisputeRepository(db);
    this.installation = new InstallationRepository(db);
    this.drafts = new DraftRepository(db);
    this.reports = new ReportQueries(db);
    this.backupRuns = new BackupRunRepository(db);
    this.households = new HouseholdRepository(db);
    this.privacy = new PrivacyRepository(db);
    this.privacyExport = new PrivacyExportQueries(db);
    this.threads = new SitThreadRepository(db);
    this.held = new HeldMessageRepository(db);
    this.childCards = new ChildCardRepository(db);
    this.welcomes = new WelcomeRepository(db);
    this.firstAsks = new FirstAskQueries(db);
    this.sitUpdates = new SitUpdateRepository(db);
    this.coopActivity = new CoopActivityRepository(db);
    this.workspaceInstalls = new WorkspaceInstallRepository(db);
    this.queues = new QueueDepthQueries(db);
    this.retention = new RetentionRepository(db);
    this.dmChannels = new DmChannelRepository(db);
  }

  /** A write transaction whose commit waits for the disk. */
  transaction<T>(work: () => T): T {
    if (this.db.inTransaction) return this.tx.immediate(work) as T;
    const result = this.gated(() => this.tx.immediate(work) as T);
    this.unsynced = false; // this commit made everything before it durable too
    return result;
  }

  /** Told of each write transaction committed here, and of each tick the scheduler's thread starts (the checkpointer). */
  watchWrites(watcher: ((where: WrittenWhere) => void) | undefined): void {
    this.writeWatcher = watcher;
  }

  /** From now on this connection's writes take turns with the other side's through the gate (see WriteGate). */
  shareWritesWith(gate: WriteGate): void {
    this.gate = gate;
  }

  /**
   * The scheduler's thread commits batches without waiting for the disk (see batchTransaction) from `begin` until
   * `end`: meanwhile, and after until this connection's next synced commit, a sync is pending.
   */
  readonly batchesElsewhere = {
    begin: () => {
      this.elsewhere += 1;
      this.writeWatcher?.('elsewhere');
    },
    end: () => {
      this.elsewhere -= 1;
      this.unsynced = true;
    },
  };

  /** Every write transaction of this connection (not nested) passes here: it takes its turn at the gate, then the watcher hears of it. */
  private gated<T>(work: () => T): T {
    const result = this.gate ? this.gate.around(work) : work();
    this.writeWatcher?.('here');
    return result;
  }

  /** A scheduler batch committed without waiting for the disk, and no commit since has waited for it. */
  get syncPending(): boolean {
    return this.unsynced || this.elsewhere > 0;
  }

  /**
   * A read transaction: one snapshot for a command that changes nothing, and no commit to wait for. A write inside
   * throws once the work is done, so the command fails and the transaction rolls back, leaving nothing written.
   * Not PRAGMA query_only: setting a flag pragma expires every prepared statement of the connection, so each read-only
   * command made the next ~100 statements compile again (a /swap request after it took 1.9 ms instead of 1.5).
   */
  read<T>(work: () => T): T {
    return this.tx.deferred(() => {
      const before = this.changesSoFar.get();
      const result = work();
      if (this.changesSoFar.get() !== before) throw new Error('a read-only command wrote to the database; nothing it wrote is kept');
      return result;
    }) as T;
  }

  /**
   * A batch of the scheduler's, whose commit does not wait for the disk (synchronous=NORMAL for this one commit).
   * Nothing it writes leaves the process before a later, synced commit does (the outbox relay notes a row as being
   * sent in a synced transaction before sending it, unless the platform recognises a resend and no batch is owed
   * one: see syncPending; and every command's commit is synced), which makes everything before it durable too. So a
   * power cut can only undo batches nobody has seen; their jobs, still pending on disk, then simply run again.
   */
  batchTransaction<T>(work: () => T): T {
    const nested = this.db.inTransaction;
    const result = this.unsyncedTransaction(work);
    if (!nested) this.unsynced = true;
    return result;
  }

  /** Marks after a send (sent, retry): not waiting for the disk, since losing one only repeats a send the platform recognises. */
  markTransaction<T>(work: () => T): T {
    return this.unsyncedTransaction(work);
  }

  /** A transaction committed at synchronous=NORMAL; statements prepared once, as a tick runs hundreds of batches. */
  private unsyncedTransaction<T>(work: () => T): T {
    if (this.db.inTransaction) return this.tx(work) as T;
    const level = this.synchronous.read.get() as number;
    if (level <= 1) return this.gated(() => this.tx.immediate(work) as T);
    this.synchronous.normal.run();
    try {
      return this.gated(() => this.tx.immediate(work) as T);
    } finally {
      (level >= 3 ? this.synchronous.extra : this.synchronous.full).run();
    }
  }
}
