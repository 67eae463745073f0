import type { Platform } from './types.ts';

// The port between a platform that installs into many workspaces (Slack in OAuth mode) and where installations are
// kept. The adapter hands over the platform's own installation record (JSON, tokens inside) and asks for it back;
// the keeper seals it at rest and marks the workspace's co-op active or inactive. Nothing here knows Slack or SQL.

export type Deactivation = 'uninstalled' | 'tokens_revoked';

export interface WorkspaceInstall {
  platform: Platform;
  /** Slack team id (or the enterprise id of an org-wide install): the co-op's ref. */
  teamRef: string;
  teamName?: string;
  /** The platform's installation record as JSON; it holds the tokens, so it is only ever stored sealed. */
  record: string;
}

export interface WorkspaceInstalls {
  /** Keeps (or replaces) an installation and makes its co-op active again. */
  save(install: WorkspaceInstall): void;
  /** The installation record of an installed workspace, or undefined (never installed, removed, or unreadable). */
  find(platform: Platform, teamRef: string): string | undefined;
  /** The workspace removed the app or its tokens: the record goes, the co-op is kept but marked inactive. */
  deactivate(platform: Platform, teamRef: string, reason: Deactivation): void;
}

/** Marks a workspace's co-op active or inactive, for single-token mode (no stored installation). */
export type CoopActivity = Pick<WorkspaceInstalls, 'deactivate'> & { activate(platform: Platform, teamRef: string): void };
