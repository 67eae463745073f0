import { inTransaction, type Db } from './connection.ts';
import { BackupRunRepository } from './repositories/backup-runs.ts';
import { BreakRepository } from './repositories/breaks.ts';
import { CheckinSettingsRepository } from './repositories/checkin-settings.ts';
import { ChildCardRepository } from './repositories/child-cards.ts';
import { CoopActivityRepository } from './repositories/coop-activity.ts';
import { CoopRepository } from './repositories/coops.ts';
import { DigestQueries } from './repositories/digest-queries.ts';
import { DisputeRepository } from './repositories/disputes.ts';
import { DraftRepository } from './repositories/drafts.ts';
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
import { SitThreadRepository } from './repositories/sit-threads.ts';
import { SwapRepository } from './repositories/swaps.ts';
import { UnpromptedRepository } from './repositories/unprompted.ts';
import { WelcomeRepository } from './repositories/welcomes.ts';
import { WorkspaceInstallRepository } from './repositories/workspace-installs.ts';

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
  readonly childCards: ChildCardRepository;
  readonly welcomes: WelcomeRepository;
  readonly firstAsks: FirstAskQueries;
  readonly coopActivity: CoopActivityRepository;
  readonly workspaceInstalls: WorkspaceInstallRepository;
  readonly queues: QueueDepthQueries;

  constructor(readonly db: Db) {
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
    this.childCards = new ChildCardRepository(db);
    this.welcomes = new WelcomeRepository(db);
    this.firstAsks = new FirstAskQueries(db);
    this.coopActivity = new CoopActivityRepository(db);
    this.workspaceInstalls = new WorkspaceInstallRepository(db);
    this.queues = new QueueDepthQueries(db);
  }

  transaction<T>(work: () => T): T {
    return inTransaction(this.db, work);
  }
}
