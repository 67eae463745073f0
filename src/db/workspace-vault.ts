import type { Clock, Platform } from '../core/types.ts';
import type { CoopActivity, Deactivation, WorkspaceInstall, WorkspaceInstalls } from '../core/workspaces.ts';
import { keyFrom, open, seal, SecretBoxError } from './secret-box.ts';
import type { Store } from './store.ts';

// Where OAuth mode keeps each workspace's installation: sealed (AES-256-GCM, BREATHER_SECRET_KEY) in
// workspace_installs, bound to its workspace. Saving makes the co-op active again; an uninstall or revoked tokens
// delete the record and mark the co-op inactive, keeping everything else.

/** What this needs of a logger (the db floor does not import the logger). */
export interface VaultLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Single-token mode: no records to keep, only the co-op's activity. */
export class CoopActivitySwitch implements CoopActivity {
  constructor(
    protected readonly store: Store,
    protected readonly clock: Clock,
    protected readonly log: VaultLog,
  ) {}

  activate(platform: Platform, teamRef: string): void {
    const stale = this.store.transaction(() => this.store.coopActivity.markActive(platform, teamRef, this.clock.now()));
    if (stale > 0) this.log.info({ platform, coop: teamRef, stale }, 'workspace active again: messages held too long were given up');
  }

  deactivate(platform: Platform, teamRef: string, reason: Deactivation): void {
    const marked = this.store.transaction(() => {
      this.store.workspaceInstalls.delete(platform, teamRef);
      return this.store.coopActivity.markInactive(platform, teamRef, reason, this.clock.now());
    });
    this.log.info({ platform, coop: teamRef, reason, hadCoop: marked }, 'workspace removed Breather: its co-op is kept, marked inactive');
  }
}

export class WorkspaceVault extends CoopActivitySwitch implements WorkspaceInstalls {
  private readonly key: Buffer;

  constructor(store: Store, secretKey: string, clock: Clock, log: VaultLog) {
    super(store, clock, log);
    this.key = keyFrom(secretKey);
  }

  save(install: WorkspaceInstall): void {
    const sealed = seal(this.key, install.record, bindingOf(install.platform, install.teamRef));
    const stale = this.store.transaction(() => {
      this.store.workspaceInstalls.save({ platform: install.platform, teamRef: install.teamRef, sealed, ...(install.teamName ? { teamName: install.teamName } : {}) }, this.clock.now());
      return this.store.coopActivity.markActive(install.platform, install.teamRef, this.clock.now());
    });
    // stale: messages held longer than a week while it had removed Breather, given up rather than sent at once
    this.log.info({ platform: install.platform, coop: install.teamRef, stale }, 'workspace installed');
  }

  find(platform: Platform, teamRef: string): string | undefined {
    const row = this.store.workspaceInstalls.find(platform, teamRef);
    if (!row) return undefined;
    try {
      return open(this.key, row.sealed, bindingOf(platform, teamRef));
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      this.log.warn({ platform, coop: teamRef }, `a stored installation cannot be read: ${error.message}`);
      return undefined;
    }
  }
}

const bindingOf = (platform: Platform, teamRef: string) => `workspace_installs:${platform}:${teamRef}`;
