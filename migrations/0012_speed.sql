-- Speed (issue 13): every query a command or a tick runs looks up what it needs instead of reading a table whose
-- size grows with history, the scheduler plans on change instead of rescanning every member, and the outbox keeps
-- what exactly-once delivery needs. Indexes only grow the file a little; the tables they serve stay as they were.

-- 1. Plan on change. A change that moves someone's weekly check-in (a new member, a timezone, a day or time, on or
--    off, a co-op's set-up) queues what must be planned again, in the same transaction as the change; the tick
--    drains the queue, so an empty tick costs the same at 50 members as at 50,000. A full sweep still runs once at
--    start, for anything that changed outside these triggers. (Not INSERT OR IGNORE: inside a trigger the outer
--    statement's conflict handling overrides it, so an upsert of settings would fail on a queued member.)
CREATE TABLE plan_queue (
  -- 'checkin': one member's check-in; 'coop_checkins': every member's of a co-op; 'coop_weekly': its digest and
  -- round of balance nudges
  kind   TEXT    NOT NULL CHECK (kind IN ('checkin', 'coop_checkins', 'coop_weekly')),
  target INTEGER NOT NULL,
  PRIMARY KEY (kind, target)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER plan_new_member AFTER INSERT ON members
BEGIN
  INSERT INTO plan_queue (kind, target) SELECT 'checkin', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM plan_queue WHERE kind = 'checkin' AND target = NEW.id);
  INSERT INTO plan_queue (kind, target) SELECT 'coop_weekly', NEW.coop_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_queue WHERE kind = 'coop_weekly' AND target = NEW.coop_id);
END;
CREATE TRIGGER plan_member_change AFTER UPDATE OF timezone, profile_timezone, forgotten_at ON members
WHEN NEW.timezone IS NOT OLD.timezone OR NEW.profile_timezone IS NOT OLD.profile_timezone
  OR NEW.forgotten_at IS NOT OLD.forgotten_at
BEGIN
  INSERT INTO plan_queue (kind, target) SELECT 'checkin', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM plan_queue WHERE kind = 'checkin' AND target = NEW.id);
END;
CREATE TRIGGER plan_new_checkin_settings AFTER INSERT ON checkin_settings
BEGIN
  INSERT INTO plan_queue (kind, target) SELECT 'checkin', NEW.member_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_queue WHERE kind = 'checkin' AND target = NEW.member_id);
END;
CREATE TRIGGER plan_checkin_settings_change AFTER UPDATE OF weekday, minute, off ON checkin_settings
WHEN NEW.weekday IS NOT OLD.weekday OR NEW.minute IS NOT OLD.minute OR NEW.off IS NOT OLD.off
BEGIN
  INSERT INTO plan_queue (kind, target) SELECT 'checkin', NEW.member_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_queue WHERE kind = 'checkin' AND target = NEW.member_id);
END;
CREATE TRIGGER plan_dropped_checkin_settings AFTER DELETE ON checkin_settings
BEGIN
  INSERT INTO plan_queue (kind, target) SELECT 'checkin', OLD.member_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_queue WHERE kind = 'checkin' AND target = OLD.member_id);
END;
CREATE TRIGGER plan_coop_change AFTER UPDATE OF timezone, checkin_weekday, checkin_minute ON coops
WHEN NEW.timezone IS NOT OLD.timezone OR NEW.checkin_weekday IS NOT OLD.checkin_weekday
  OR NEW.checkin_minute IS NOT OLD.checkin_minute
BEGIN
  INSERT INTO plan_queue (kind, target) SELECT 'coop_checkins', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM plan_queue WHERE kind = 'coop_checkins' AND target = NEW.id);
  INSERT INTO plan_queue (kind, target) SELECT 'coop_weekly', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM plan_queue WHERE kind = 'coop_weekly' AND target = NEW.id);
END;

-- 2. Partial indexes on what is open or pending, and on the recent end of what grows, so commands and ticks read
--    what they need, not every swap, transfer or job of the co-op's history.
CREATE INDEX swaps_live ON swaps (coop_id, starts_at) WHERE status IN ('open', 'accepted', 'disputed');
CREATE INDEX swaps_live_ids ON swaps (id) WHERE status IN ('open', 'accepted', 'disputed');
CREATE INDEX swaps_completed ON swaps (coop_id, resolved_at) WHERE status = 'completed';
CREATE INDEX transfers_of_swaps ON transfers (coop_id, created_at) WHERE kind = 'swap';
CREATE INDEX households_by_coop ON households (coop_id);
CREATE INDEX accounts_by_coop ON accounts (coop_id);

-- The scheduler's and the relay's queues: only pending rows, in the order they are taken.
DROP INDEX jobs_due;
CREATE INDEX jobs_pending ON jobs (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX jobs_pending_by_kind ON jobs (kind, next_attempt_at) WHERE status = 'pending';
DROP INDEX outbox_due;
CREATE INDEX outbox_pending ON outbox (platform, next_attempt_at, id) WHERE status = 'pending';

-- 3. Retention: what the daily prune job deletes by age (src/jobs/handlers/prune.ts).
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE status <> 'pending';
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE status = 'sent';
CREATE INDEX outbox_failed ON outbox (created_at) WHERE status = 'failed';
CREATE INDEX invocations_by_age ON invocations (created_at);
CREATE INDEX unprompted_by_age ON unprompted_messages (sent_at);

-- 4. Exactly-once delivery. A send that started and has no known outcome yet (the process died, or the platform
--    never answered) keeps the time it started here, so the next attempt first asks the platform whether it
--    arrived (Slack: the message's metadata in the channel's recent history; Discord: the nonce does it).
ALTER TABLE outbox ADD COLUMN sending_since INTEGER;

-- DM channels, once opened, are kept: a first DM costs two requests (open the channel, then send), every later one
-- costs one, also after a restart.
CREATE TABLE dm_channels (
  platform   TEXT    NOT NULL,
  coop_ref   TEXT    NOT NULL,
  member_ref TEXT    NOT NULL,
  channel_id TEXT    NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (platform, coop_ref, member_ref)
) STRICT, WITHOUT ROWID;

-- 5. What the features built beside this one look up, through an index too: a family's memberships and
--    invitations, the co-ops a workspace removed Breather from (the outbox leaves their rows waiting), and what
--    /privacy forget and /privacy export gather of one member (notes they wrote, disputes they opened or resolved,
--    swaps they own, a child card they wrote, the co-op's outbox).
CREATE INDEX memberships_by_member ON household_memberships (member_id);
CREATE INDEX invitations_by_inviter ON household_invitations (inviter_member_id);
CREATE INDEX coops_inactive ON coops (inactive_since) WHERE inactive_since IS NOT NULL;
CREATE INDEX transfers_by_actor ON transfers (actor_member_id);
CREATE INDEX disputes_by_opener ON disputes (opened_by);
CREATE INDEX disputes_by_resolver ON disputes (resolved_by) WHERE resolved_by IS NOT NULL;
CREATE INDEX swaps_by_owner ON swaps (owner_member_id);
CREATE INDEX child_cards_by_writer ON child_cards (updated_by);
CREATE INDEX outbox_by_coop ON outbox (coop_id);
