-- Reading a time the way the parent meant it, and calendars that follow changes (issue 10).

-- 1. How the co-op writes dates (12/5 = 12 May, or December 5). NULL: from its timezone (America/* mostly mdy).
ALTER TABLE coops ADD COLUMN date_order TEXT CHECK (date_order IN ('dmy', 'mdy'));

-- 2. This installation's own id: calendar events are named by it, so two Breathers never share an event UID.
CREATE TABLE installation (
  id         TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  singleton  INTEGER NOT NULL DEFAULT 1 PRIMARY KEY CHECK (singleton = 1)
) STRICT;
INSERT INTO installation (id, created_at) VALUES (lower(hex(randomblob(16))), CAST(unixepoch('subsec') * 1000 AS INTEGER));

-- 3. A swap's calendar event is updated in place: each change a phone should pick up (a new sitter, a cancellation)
--    raises its SEQUENCE, and a calendar file is always sent with the current one.
ALTER TABLE swaps ADD COLUMN calendar_sequence INTEGER NOT NULL DEFAULT 0;

-- 4. What a question about an unclear `when:` must remember to post the chosen reading: the kids and the note, which
--    do not fit in a button. Its buttons name the draft; the draft belongs to the member who typed it.
CREATE TABLE swap_drafts (
  id         INTEGER PRIMARY KEY,
  coop_id    INTEGER NOT NULL REFERENCES coops (id),
  member_id  INTEGER NOT NULL REFERENCES members (id),
  kind       TEXT    NOT NULL CHECK (kind IN ('request', 'offer', 'session', 'quote')),
  kids       INTEGER CHECK (kids BETWEEN 1 AND 30),
  note       TEXT,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX swap_drafts_by_member ON swap_drafts (member_id);
