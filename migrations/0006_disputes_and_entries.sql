-- Credits people can trust (issue 9): disputes that end, lengths one side proposes and the other confirms, entries
-- members can point at, and settlements that name the family they pay for.

-- 1. Each settlement names the family party it pays, so a session pays each family on its own (and a family whose
--    seat was disputed later); one settlement per family party replaces one per swap.
ALTER TABLE transfers ADD COLUMN party_id INTEGER REFERENCES swap_parties (id);
DROP INDEX one_settlement_per_swap;
CREATE UNIQUE INDEX one_settlement_per_party ON transfers (party_id) WHERE kind = 'swap';
CREATE TRIGGER settlements_name_their_family BEFORE INSERT ON transfers
WHEN NEW.kind = 'swap' AND (NEW.party_id IS NULL OR NEW.swap_id IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'a settlement names its swap and the family it pays for');
END;

-- 2. Entries are numbered per co-op (what /credits history shows and /credits reverse takes), like swaps are.
ALTER TABLE transfers ADD COLUMN number INTEGER;
ALTER TABLE coops ADD COLUMN next_entry_number INTEGER NOT NULL DEFAULT 1;
DROP TRIGGER transfers_append_only_update;
UPDATE transfers SET number = (SELECT count(*) FROM transfers t WHERE t.coop_id = transfers.coop_id AND t.id <= transfers.id);
CREATE TRIGGER transfers_append_only_update BEFORE UPDATE ON transfers
BEGIN
  SELECT RAISE(ABORT, 'transfers are append-only');
END;
UPDATE coops SET next_entry_number = 1 + coalesce((SELECT max(number) FROM transfers WHERE coop_id = coops.id), 0);
CREATE UNIQUE INDEX transfers_by_number ON transfers (coop_id, number);
CREATE TRIGGER transfers_are_numbered BEFORE INSERT ON transfers
WHEN NEW.number IS NULL
BEGIN
  SELECT RAISE(ABORT, 'a transfer needs its entry number');
END;

-- 3. A dispute freezes one family's sit until an admin resolves it: pay as booked, pay some hours, or nothing.
CREATE TABLE disputes (
  id              INTEGER PRIMARY KEY,
  coop_id         INTEGER NOT NULL REFERENCES coops (id),
  swap_id         INTEGER NOT NULL REFERENCES swaps (id),
  -- the family whose sit is in question (a session has one per family)
  party_id        INTEGER NOT NULL REFERENCES swap_parties (id),
  reason          TEXT    NOT NULL CHECK (reason IN ('didnt_happen', 'length')),
  opened_by       INTEGER NOT NULL REFERENCES members (id),
  -- what they said, in their words
  note            TEXT,
  -- a length disagreement: the length one side proposed and the other refused, in minutes
  claimed_minutes INTEGER,
  opened_at       INTEGER NOT NULL,
  resolved_at     INTEGER,
  resolved_by     INTEGER REFERENCES members (id),
  outcome         TEXT    CHECK (outcome IN ('booked', 'hours', 'none')),
  -- credit-minutes the resolution paid
  paid            INTEGER,
  resolution_note TEXT,
  CHECK ((resolved_at IS NULL) = (outcome IS NULL))
) STRICT;
CREATE UNIQUE INDEX one_open_dispute_per_family ON disputes (party_id) WHERE resolved_at IS NULL;
CREATE INDEX open_disputes_by_coop ON disputes (coop_id, opened_at) WHERE resolved_at IS NULL;
CREATE INDEX disputes_by_swap ON disputes (swap_id);

-- 4. A length different from the booking: one side proposes, the other confirms (or it goes to the admins); silence
--    for 48 hours accepts it.
CREATE TABLE length_proposals (
  id          INTEGER PRIMARY KEY,
  swap_id     INTEGER NOT NULL REFERENCES swaps (id),
  party_id    INTEGER NOT NULL REFERENCES swap_parties (id),
  proposed_by INTEGER NOT NULL REFERENCES members (id),
  minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 1440),
  proposed_at INTEGER NOT NULL,
  status      TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'disputed', 'withdrawn')),
  decided_at  INTEGER,
  -- who answered; NULL when 48 hours of silence accepted it
  decided_by  INTEGER REFERENCES members (id)
) STRICT;
CREATE UNIQUE INDEX one_pending_length_per_family ON length_proposals (party_id) WHERE status = 'pending';
CREATE INDEX length_proposals_by_swap ON length_proposals (swap_id);
