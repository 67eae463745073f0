-- Surfaces: the private thread each accepted sit gets (Discord), and the neighbour a request asks first.

-- A private conversation for the people of one sit, by what it is about ('swap:12:party:31', the acceptance): one
-- per acceptance, so a sitter chosen after another stepped back gets a thread of their own. The row is written
-- with the sit; the platform's thread id arrives with the delivery receipt, so the channel card can link to it and
-- a job can archive it after the sit. 'not_opened': the platform has no such threads, or could not open one here
-- (the members were written to privately instead).
CREATE TABLE sit_threads (
  id          INTEGER PRIMARY KEY,
  coop_id     INTEGER NOT NULL REFERENCES coops (id),
  swap_id     INTEGER NOT NULL REFERENCES swaps (id),
  subject     TEXT    NOT NULL,
  status      TEXT    NOT NULL DEFAULT 'asked' CHECK (status IN ('asked', 'open', 'not_opened', 'archived')),
  thread_ref  TEXT,
  note        TEXT,
  created_at  INTEGER NOT NULL,
  opened_at   INTEGER,
  archived_at INTEGER,
  UNIQUE (coop_id, subject),
  CHECK ((status IN ('open', 'archived')) = (thread_ref IS NOT NULL))
) STRICT;
CREATE INDEX sit_threads_by_swap ON sit_threads (swap_id);

-- A request can name one neighbour to ask first, privately (Discord's "Ask to sit", or `/swap request … @who`).
CREATE TABLE swap_preferred_sitters (
  swap_id   INTEGER PRIMARY KEY REFERENCES swaps (id),
  member_id INTEGER NOT NULL REFERENCES members (id),
  asked_at  INTEGER NOT NULL
) STRICT;
