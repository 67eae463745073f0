-- Daily backups are a job like everything else. A backup belongs to the whole install, not to one co-op, so
-- jobs.coop_id becomes nullable: SQLite cannot drop a NOT NULL, hence the usual rebuild (new table, copy, swap).
-- Nothing references jobs, so the rebuild is safe with foreign keys on.
CREATE TABLE jobs_new (
  id              INTEGER PRIMARY KEY,
  kind            TEXT    NOT NULL,
  -- what the job is about, for people reading the table: 'member:12', 'swap:5', 'coop:1', 'install'
  subject         TEXT    NOT NULL,
  -- NULL only for a job of the whole install (the daily backup)
  coop_id         INTEGER REFERENCES coops (id),
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
  finished_at     INTEGER,
  CHECK (coop_id IS NOT NULL OR subject = 'install')
) STRICT;
INSERT INTO jobs_new SELECT id, kind, subject, coop_id, member_id, swap_id, due_at, next_attempt_at, grace_ms,
  idempotency_key, status, attempts, last_error, signature, payload, created_at, finished_at FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;
CREATE INDEX jobs_due ON jobs (status, next_attempt_at);
CREATE INDEX jobs_by_swap ON jobs (swap_id, status) WHERE swap_id IS NOT NULL;
CREATE INDEX jobs_by_member ON jobs (member_id, kind, status) WHERE member_id IS NOT NULL;
CREATE INDEX jobs_by_coop ON jobs (coop_id, kind, status);

-- A backup the daily job asked for. The job only writes this row, inside the scheduler's transaction; the tick
-- takes the backup after its transactions (file I/O never runs inside one) and records how it went here.
CREATE TABLE backup_runs (
  id              INTEGER PRIMARY KEY,
  job_id          INTEGER NOT NULL UNIQUE,
  requested_at    INTEGER NOT NULL,
  status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed', 'skipped')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  -- the backup file written, its size and how long it took
  file            TEXT,
  bytes           INTEGER,
  took_ms         INTEGER,
  last_error      TEXT,
  finished_at     INTEGER
) STRICT;
CREATE INDEX backup_runs_due ON backup_runs (status, next_attempt_at);
