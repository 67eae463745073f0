-- Quiet, rare and kind (issue 11): one delivery policy for every private message, a pause for everything, the
-- sitter's all's-well updates, and a digest admins can turn off.

-- 1. `/profile pause:<date>`: until then only messages about the member's own sits reach them. NULL: not paused.
ALTER TABLE members ADD COLUMN paused_until INTEGER;

-- 2. The sitter's all's-well updates, as the parent wants them: 'on' (outside quiet hours), 'anytime' (through
--    them too: a parent on a night out may like to hear at 23:00), 'off'.
ALTER TABLE members ADD COLUMN sit_updates TEXT NOT NULL DEFAULT 'on' CHECK (sit_updates IN ('on', 'anytime', 'off'));

-- 3. The weekly digest in the co-op's channel; an admin can turn it off.
ALTER TABLE coops ADD COLUMN digest_on INTEGER NOT NULL DEFAULT 1 CHECK (digest_on IN (0, 1));

-- 4. Private messages held back (quiet hours, a burst, the weekly two, a pause), to be gathered into one "While you
--    were away" message when the member can be written to again. One row per message; they leave together.
CREATE TABLE held_messages (
  -- never reused, so "held since" is a plain id comparison even after earlier ones were gathered and deleted
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  coop_id    INTEGER NOT NULL REFERENCES coops (id),
  member_id  INTEGER NOT NULL REFERENCES members (id),
  message    TEXT    NOT NULL,
  -- counts against the member's two unprompted messages a week (an all's-well update held by quiet hours does not)
  counted    INTEGER NOT NULL CHECK (counted IN (0, 1)),
  reason     TEXT    NOT NULL CHECK (reason IN ('quiet', 'burst', 'weekly', 'paused')),
  -- past this it is old news and is dropped, not delivered (a volunteer for a sit that has started)
  expires_at INTEGER,
  -- news about a swap in one state (a volunteer for an open request) is dropped once the swap has moved on
  swap_id      INTEGER REFERENCES swaps (id),
  while_status TEXT,
  dedupe_key TEXT    UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX held_messages_by_member ON held_messages (member_id, id);

-- 5. What a sitter said during a sit ("both asleep by 8"), for the parents of that sit only.
CREATE TABLE sit_updates (
  id         INTEGER PRIMARY KEY,
  coop_id    INTEGER NOT NULL REFERENCES coops (id),
  swap_id    INTEGER NOT NULL REFERENCES swaps (id),
  sitter_id  INTEGER NOT NULL REFERENCES members (id),
  text       TEXT    NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sit_updates_by_swap ON sit_updates (swap_id, id);
CREATE INDEX sit_updates_by_sitter ON sit_updates (sitter_id);
CREATE INDEX sit_updates_by_coop ON sit_updates (coop_id, id);

-- 6. A parent who turned updates off for one sit.
CREATE TABLE sit_update_optouts (
  swap_id   INTEGER NOT NULL REFERENCES swaps (id),
  member_id INTEGER NOT NULL REFERENCES members (id),
  at        INTEGER NOT NULL,
  PRIMARY KEY (swap_id, member_id)
) STRICT;
CREATE INDEX sit_update_optouts_by_member ON sit_update_optouts (member_id, at);
