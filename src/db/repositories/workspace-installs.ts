import type { Db } from '../connection.ts';
import type { Platform } from '../../core/types.ts';

// Installation rows of OAuth mode: the sealed record only (see src/db/workspace-vault.ts for the sealing).

export interface WorkspaceInstallRow {
  platform: Platform;
  teamRef: string;
  teamName: string | null;
  sealed: string;
  installedAt: number;
  updatedAt: number;
}

interface Row {
  platform: Platform;
  team_ref: string;
  team_name: string | null;
  sealed: string;
  installed_at: number;
  updated_at: number;
}

const toRow = (r: Row): WorkspaceInstallRow => ({
  platform: r.platform,
  teamRef: r.team_ref,
  teamName: r.team_name,
  sealed: r.sealed,
  installedAt: r.installed_at,
  updatedAt: r.updated_at,
});

export class WorkspaceInstallRepository {
  private readonly upsert;
  private readonly one;
  private readonly every;
  private readonly remove;

  constructor(db: Db) {
    this.upsert = db.prepare<[string, string, string | null, string, number, number]>(
      `INSERT INTO workspace_installs (platform, team_ref, team_name, sealed, installed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (platform, team_ref) DO UPDATE SET team_name = excluded.team_name, sealed = excluded.sealed, updated_at = excluded.updated_at`,
    );
    this.one = db.prepare<[string, string], Row>('SELECT * FROM workspace_installs WHERE platform = ? AND team_ref = ?');
    this.every = db.prepare<[string], Row>('SELECT * FROM workspace_installs WHERE platform = ? ORDER BY installed_at, team_ref');
    this.remove = db.prepare<[string, string]>('DELETE FROM workspace_installs WHERE platform = ? AND team_ref = ?');
  }

  save(row: { platform: Platform; teamRef: string; teamName?: string; sealed: string }, now: number): void {
    this.upsert.run(row.platform, row.teamRef, row.teamName ?? null, row.sealed, now, now);
  }

  find(platform: Platform, teamRef: string): WorkspaceInstallRow | undefined {
    const row = this.one.get(platform, teamRef);
    return row && toRow(row);
  }

  all(platform: Platform): WorkspaceInstallRow[] {
    return this.every.all(platform).map(toRow);
  }

  delete(platform: Platform, teamRef: string): boolean {
    return this.remove.run(platform, teamRef).changes > 0;
  }
}
