-- Many Slack workspaces on one install (OAuth mode), and co-ops whose workspace removed Breather.

-- A co-op is kept when its workspace uninstalls Breather or revokes its tokens (its ledger and history matter), but
-- marked inactive: nothing is sent to it, and the outbox keeps its rows. Installing again makes it active again.
ALTER TABLE coops ADD COLUMN inactive_since INTEGER;
ALTER TABLE coops ADD COLUMN inactive_reason TEXT;

-- Each workspace's installation as Slack's install flow handed it over (its bot token inside), sealed with
-- AES-256-GCM under BREATHER_SECRET_KEY: the file alone never gives a token away. Deleted on uninstall.
CREATE TABLE workspace_installs (
  platform     TEXT    NOT NULL CHECK (platform IN ('slack')),
  -- the Slack team id (or the enterprise id of an org-wide install)
  team_ref     TEXT    NOT NULL,
  team_name    TEXT,
  sealed       TEXT    NOT NULL,
  installed_at INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (platform, team_ref)
) STRICT;
