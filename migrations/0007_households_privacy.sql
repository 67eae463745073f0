-- Households two parents share, and a member's right to be forgotten.
-- Times are UTC epoch milliseconds, like everywhere else.

-- 1. Invitations to join a household: asked by one member, answered by the other within a week.
CREATE TABLE household_invitations (
  id                INTEGER PRIMARY KEY,
  coop_id           INTEGER NOT NULL REFERENCES coops (id),
  -- the household the invited member would join (the inviter's, when they asked)
  household_id      INTEGER NOT NULL REFERENCES households (id),
  inviter_member_id INTEGER NOT NULL REFERENCES members (id),
  invitee_member_id INTEGER NOT NULL REFERENCES members (id),
  status            TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
  expires_at        INTEGER NOT NULL,
  created_at        INTEGER NOT NULL,
  answered_at       INTEGER,
  CHECK (inviter_member_id <> invitee_member_id),
  CHECK ((status = 'pending') = (answered_at IS NULL))
) STRICT;
CREATE UNIQUE INDEX one_pending_invitation ON household_invitations (household_id, invitee_member_id) WHERE status = 'pending';
CREATE INDEX invitations_by_invitee ON household_invitations (invitee_member_id, status);

-- 2. Who was in which household when: a member's export holds their household's entries only while they were in it.
CREATE TABLE household_memberships (
  id           INTEGER PRIMARY KEY,
  member_id    INTEGER NOT NULL REFERENCES members (id),
  household_id INTEGER NOT NULL REFERENCES households (id),
  joined_at    INTEGER NOT NULL,
  left_at      INTEGER,
  CHECK (left_at IS NULL OR left_at >= joined_at)
) STRICT;
CREATE UNIQUE INDEX one_current_household ON household_memberships (member_id) WHERE left_at IS NULL;
CREATE INDEX memberships_by_household ON household_memberships (household_id);
INSERT INTO household_memberships (member_id, household_id, joined_at) SELECT id, household_id, created_at FROM members;

-- 3. One-way fingerprints (sha256 of co-op id and platform user id) of members who asked to be forgotten, and nothing
--    else: no member id, no time. A forgotten member who comes back is recognised by it, so they start fresh without a
--    second start of credits. The fingerprint is the only trace of them that can be matched to a platform id.
CREATE TABLE forgotten_refs (
  coop_id  INTEGER NOT NULL REFERENCES coops (id),
  ref_hash TEXT    NOT NULL,
  PRIMARY KEY (coop_id, ref_hash)
) STRICT, WITHOUT ROWID;

-- 4. A household's name is its own ('' = not named: shown as its members' names). Until now it was a copy of the
--    first member's display name, which would outlive that member's /privacy forget.
UPDATE households SET name = '';

-- 5. Ledger memos never hold a name: a gift or an adjustment names its members as {member:ID}, shown with their
--    current name (so a forgotten member reads "a former member"). Older memos are rewritten once, here; transfers
--    stay append-only for everything else.
DROP TRIGGER transfers_append_only_update;
UPDATE transfers SET memo = 'gift from {member:' || actor_member_id || '}'
  WHERE kind = 'gift' AND actor_member_id IS NOT NULL AND memo LIKE 'gift from %';
UPDATE transfers SET memo = 'adjustment by {member:' || actor_member_id || '}'
  WHERE kind = 'adjustment' AND actor_member_id IS NOT NULL AND memo LIKE 'adjustment by %';
CREATE TRIGGER transfers_append_only_update BEFORE UPDATE ON transfers
BEGIN
  SELECT RAISE(ABORT, 'transfers are append-only');
END;

-- 6. A resolved swap stays resolved, but /privacy forget may still blank what its poster wrote on it (note, the
--    reason it was cancelled, the timezone it was posted from). Every other column stays as it was.
DROP TRIGGER swaps_resolve_once;
CREATE TRIGGER swaps_resolve_once BEFORE UPDATE ON swaps
WHEN OLD.resolved_at IS NOT NULL AND (
  NEW.id IS NOT OLD.id OR NEW.coop_id IS NOT OLD.coop_id OR NEW.number IS NOT OLD.number OR NEW.kind IS NOT OLD.kind
  OR NEW.status IS NOT OLD.status OR NEW.owner_member_id IS NOT OLD.owner_member_id OR NEW.starts_at IS NOT OLD.starts_at
  OR NEW.ends_at IS NOT OLD.ends_at OR NEW.kids IS NOT OLD.kids OR NEW.rate IS NOT OLD.rate
  OR NEW.extra_child_rate IS NOT OLD.extra_child_rate OR NEW.sitter_done_at IS NOT OLD.sitter_done_at
  OR NEW.resolved_at IS NOT OLD.resolved_at OR NEW.created_at IS NOT OLD.created_at)
BEGIN
  SELECT RAISE(ABORT, 'swap already resolved');
END;
