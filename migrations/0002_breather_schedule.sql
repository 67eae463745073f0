-- The breather half: the durable job schedule, check-in settings, the break log and the record of unprompted
-- messages (at most two a member a week). Times are UTC epoch milliseconds, like everywhere else.

-- Due work. node-cron only wakes the scheduler; the schedule itself lives here, so a restart loses nothing.
-- A job runs in one transaction with the outbox rows it writes and the next occurrence it plans.
CREATE TABLE jobs (
  id              INTEGER PRIMARY KEY,
  kind            TEXT    NOT NULL,
  -- what the job is about, for people reading the table: 'member:12', 'swap:5', 'coop:1'
  subject         TEXT    NOT NULL,
  coop_id         INTEGER NOT NULL REFERENCES coops (id),
  member_id       INTEGER REFERENCES members (id),
  swap_id         INTEGER REFERENCES swaps (id),
  -- when it should happen; quiet hours may move it later
  due_at          INTEGER NOT NULL,
  -- when the scheduler next looks at it: due_at, or later after a failure (back-off)
  next_attempt_at INTEGER NOT NULL,
  -- how late it may still run after due_at; NULL = whenever (state changes such as expiry)
  grace_ms        INTEGER CHECK (grace_ms IS NULL OR grace_ms >= 0),
  idempotency_key TEXT    NOT NULL UNIQUE,
  status          TEXT    NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'done', 'skipped', 'cancelled', 'failed', 'opted_out')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  -- what it was planned from (a weekly time and a timezone); a change re-plans it
  signature       TEXT,
  payload         TEXT    NOT NULL DEFAULT '{}',
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER
) STRICT;
CREATE INDEX jobs_due ON jobs (status, next_attempt_at);
CREATE INDEX jobs_by_swap ON jobs (swap_id, status) WHERE swap_id IS NOT NULL;
CREATE INDEX jobs_by_member ON jobs (member_id, kind, status) WHERE member_id IS NOT NULL;
CREATE INDEX jobs_by_coop ON jobs (coop_id, kind, status);

-- A member's own check-in settings; no row = the co-op's day and time, on, not paused.
CREATE TABLE checkin_settings (
  member_id    INTEGER PRIMARY KEY REFERENCES members (id),
  -- a personal day and time instead of the co-op's (both or neither)
  weekday      INTEGER CHECK (weekday BETWEEN 0 AND 6),
  minute       INTEGER CHECK (minute BETWEEN 0 AND 1439),
  paused_until INTEGER,
  off          INTEGER NOT NULL DEFAULT 0 CHECK (off IN (0, 1)),
  nudges_off   INTEGER NOT NULL DEFAULT 0 CHECK (nudges_off IN (0, 1)),
  updated_at   INTEGER NOT NULL,
  CHECK ((weekday IS NULL) = (minute IS NULL))
) STRICT;

-- Breaks a member took: logged with /break log, or a "Yes" to the weekly check-in. Sits where the member was
-- the one sat for count too, but are read from the swaps, not copied here. Private to the member.
CREATE TABLE breaks (
  id         INTEGER PRIMARY KEY,
  coop_id    INTEGER NOT NULL REFERENCES coops (id),
  member_id  INTEGER NOT NULL REFERENCES members (id),
  -- the Monday (YYYY-MM-DD) of the member's local week it belongs to
  week       TEXT    NOT NULL,
  source     TEXT    NOT NULL CHECK (source IN ('log', 'checkin')),
  note       TEXT,
  taken_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX breaks_by_member ON breaks (member_id, week);
CREATE INDEX breaks_by_coop ON breaks (coop_id, taken_at);
CREATE UNIQUE INDEX one_checkin_yes_a_week ON breaks (member_id, week) WHERE source = 'checkin';

-- Messages a member did not ask for (check-ins, balance nudges): no more than two a local week.
CREATE TABLE unprompted_messages (
  id        INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members (id),
  kind      TEXT    NOT NULL,
  -- the Monday (YYYY-MM-DD) of the member's local week
  week      TEXT    NOT NULL,
  sent_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX unprompted_by_member ON unprompted_messages (member_id, week);
CREATE INDEX unprompted_by_kind ON unprompted_messages (member_id, kind, sent_at);
