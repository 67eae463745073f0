-- One writer per database: the process serving the bot holds this one row (src/db/writer-claim.ts). It is taken
-- at start after migrating, refreshed by a heartbeat, deleted on a clean shutdown. A second process on the same
-- file refuses to start while the holder is alive; a holder that died is taken over.
CREATE TABLE writer_claim (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  -- a random id per process run: a process that finds another instance here has lost its claim
  instance     TEXT    NOT NULL,
  pid          INTEGER NOT NULL,
  host         TEXT    NOT NULL,
  claimed_at   INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
) STRICT;
