-- Trust between families: the child card (one per household) and every time a sitter was shown it, the welcome a
-- member gets the first time they use Breather in a co-op, and the admins' daily line about new families.
-- Times are UTC epoch milliseconds, like everywhere else.

-- 1. The child card: allergies, routines, emergency contacts. Only the confirmed sitter of one of the household's
--    sits sees it, around the sit. `updated_by` is who wrote the text now held: /privacy forget removes a card its
--    writer asked to be forgotten (it is their note), and takes their name out of one a partner wrote.
CREATE TABLE child_cards (
  household_id INTEGER PRIMARY KEY REFERENCES households (id),
  text         TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 1500),
  updated_by   INTEGER NOT NULL REFERENCES members (id),
  updated_at   INTEGER NOT NULL
) STRICT;

-- 2. Every showing of a card: whose card, to which sitter, for which sit, when, and how (with a reminder, or the
--    "Child card" button). The parents read it in /household card. A card's showings go with it.
CREATE TABLE child_card_showings (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households (id),
  member_id    INTEGER NOT NULL REFERENCES members (id),
  swap_id      INTEGER NOT NULL REFERENCES swaps (id),
  via          TEXT    NOT NULL CHECK (via IN ('reminder', 'button', 'accepted')),
  shown_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX showings_by_household ON child_card_showings (household_id, shown_at);
CREATE INDEX showings_by_member ON child_card_showings (member_id);

-- 3. A household without a card is asked for one once, kindly, when one of its sits is first accepted.
ALTER TABLE households ADD COLUMN card_asked_at INTEGER;

-- 4. The welcome: sent once per member per co-op, the first time they use Breather there; the admins hear about new
--    families once a day. Everyone already here has been using Breather: nobody is welcomed or announced twice.
ALTER TABLE members ADD COLUMN welcomed_at INTEGER;
ALTER TABLE members ADD COLUMN announced_at INTEGER;
UPDATE members SET welcomed_at = created_at, announced_at = created_at;
