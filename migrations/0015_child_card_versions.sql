-- The versions of a family's child card: who wrote each one, and when, known by a fingerprint of its text (never the
-- text itself). The card's row holds only the current text, rewritten in place (secure_delete zeroes the old one), so
-- an earlier version lives on only in the copies made of it: a sitter's reminder, an answer remembered for
-- re-deliveries. When a parent asks to be forgotten, the fingerprints are how /privacy forget recognises the copies
-- of the versions they wrote (and only they wrote), to take them out; their rows go with them.
-- A card written before this migration is fingerprinted when it is next rewritten or removed.
CREATE TABLE child_card_versions (
  household_id INTEGER NOT NULL REFERENCES households (id),
  text_hash    TEXT    NOT NULL,
  -- in UTF-16 units, as JavaScript counts: only a string of this length is hashed to be compared
  text_length  INTEGER NOT NULL,
  written_by   INTEGER NOT NULL REFERENCES members (id),
  written_at   INTEGER NOT NULL,
  PRIMARY KEY (household_id, text_hash, written_by)
) STRICT, WITHOUT ROWID;
CREATE INDEX child_card_versions_by_writer ON child_card_versions (written_by);
