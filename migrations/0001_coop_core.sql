-- The co-op core: co-ops, households and members, the double-entry ledger, swaps, the outbox and idempotency.
-- Times are UTC epoch milliseconds. Credits are INTEGER credit-minutes (60 = one hour of sitting = "1 h").

CREATE TABLE coops (
  id               INTEGER PRIMARY KEY,
  platform         TEXT    NOT NULL CHECK (platform IN ('console', 'discord', 'slack')),
  external_ref     TEXT    NOT NULL,
  name             TEXT    NOT NULL DEFAULT '',
  timezone         TEXT    NOT NULL,
  channel_ref      TEXT,
  -- the weekly check-in, in each member's own timezone: weekday 0 = Sunday, minutes after local midnight
  checkin_weekday  INTEGER NOT NULL DEFAULT 0 CHECK (checkin_weekday BETWEEN 0 AND 6),
  checkin_minute   INTEGER NOT NULL DEFAULT 1140 CHECK (checkin_minute BETWEEN 0 AND 1439),
  set_up_at        INTEGER,
  next_swap_number INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  UNIQUE (platform, external_ref)
) STRICT;

-- Only rules an admin changed are stored; the rest are the defaults in src/domain/rules.ts.
CREATE TABLE coop_rules (
  coop_id INTEGER NOT NULL REFERENCES coops (id),
  name    TEXT    NOT NULL,
  value   INTEGER NOT NULL,
  PRIMARY KEY (coop_id, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE households (
  id         INTEGER PRIMARY KEY,
  coop_id    INTEGER NOT NULL REFERENCES coops (id),
  name       TEXT    NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE members (
  id           INTEGER PRIMARY KEY,
  coop_id      INTEGER NOT NULL REFERENCES coops (id),
  household_id INTEGER NOT NULL REFERENCES households (id),
  external_ref TEXT    NOT NULL,
  display_name TEXT    NOT NULL,
  is_admin     INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  timezone     TEXT,
  -- the timezone of their platform profile (Slack), used while they have not set one with /profile
  profile_timezone TEXT,
  -- quiet hours as minutes after local midnight; NULL = the co-op default
  quiet_start  INTEGER CHECK (quiet_start BETWEEN 0 AND 1439),
  quiet_end    INTEGER CHECK (quiet_end BETWEEN 0 AND 1439),
  forgotten_at INTEGER,
  created_at   INTEGER NOT NULL,
  UNIQUE (coop_id, external_ref)
) STRICT;
CREATE INDEX members_by_household ON members (household_id);

CREATE TABLE accounts (
  id           INTEGER PRIMARY KEY,
  coop_id      INTEGER NOT NULL REFERENCES coops (id),
  kind         TEXT    NOT NULL CHECK (kind IN ('issuance', 'household')),
  household_id INTEGER UNIQUE REFERENCES households (id),
  -- a cache of SUM(postings.amount), kept by the trigger below and checked by the tests
  balance      INTEGER NOT NULL DEFAULT 0,
  CHECK ((kind = 'issuance') = (household_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX one_issuance_account_per_coop ON accounts (coop_id) WHERE kind = 'issuance';

CREATE TABLE swaps (
  id              INTEGER PRIMARY KEY,
  coop_id         INTEGER NOT NULL REFERENCES coops (id),
  number          INTEGER NOT NULL,
  kind            TEXT    NOT NULL CHECK (kind IN ('request', 'offer', 'session')),
  status          TEXT    NOT NULL CHECK (status IN ('open', 'accepted', 'completed', 'cancelled', 'expired', 'disputed')),
  owner_member_id INTEGER NOT NULL REFERENCES members (id),
  starts_at       INTEGER NOT NULL,
  ends_at         INTEGER NOT NULL,
  -- request: children to sit; offer: most children the sitter takes; session: capacity in children
  kids            INTEGER NOT NULL CHECK (kids BETWEEN 1 AND 30),
  note            TEXT    NOT NULL DEFAULT '',
  timezone        TEXT    NOT NULL,
  -- the pricing rules in force when it was posted: the quote is frozen with the swap
  rate            INTEGER NOT NULL,
  extra_child_rate INTEGER NOT NULL,
  sitter_done_at  INTEGER,
  resolved_at     INTEGER,
  resolution_note TEXT,
  created_at      INTEGER NOT NULL,
  UNIQUE (coop_id, number),
  CHECK (ends_at > starts_at),
  CHECK ((status IN ('open', 'accepted', 'disputed')) = (resolved_at IS NULL))
) STRICT;
CREATE INDEX swaps_by_coop_status ON swaps (coop_id, status, starts_at);

-- A swap resolves (completes, cancels, expires) at most once.
CREATE TRIGGER swaps_resolve_once BEFORE UPDATE ON swaps
WHEN OLD.resolved_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'swap already resolved');
END;

-- Who is in a swap: the sitter and the families sat for (several for a session), and volunteers for a request.
CREATE TABLE swap_parties (
  id         INTEGER PRIMARY KEY,
  swap_id    INTEGER NOT NULL REFERENCES swaps (id),
  member_id  INTEGER NOT NULL REFERENCES members (id),
  role       TEXT    NOT NULL CHECK (role IN ('sitter', 'family', 'volunteer')),
  kids       INTEGER CHECK (kids BETWEEN 1 AND 30),
  price      INTEGER,
  status     TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn', 'not_chosen')),
  created_at INTEGER NOT NULL,
  CHECK ((role = 'family') = (kids IS NOT NULL AND price IS NOT NULL))
) STRICT;
CREATE INDEX swap_parties_by_swap ON swap_parties (swap_id, role, status);
CREATE INDEX swap_parties_by_member ON swap_parties (member_id);
CREATE UNIQUE INDEX one_active_role_per_member ON swap_parties (swap_id, member_id, role) WHERE status = 'active';

CREATE TABLE transfers (
  id              INTEGER PRIMARY KEY,
  coop_id         INTEGER NOT NULL REFERENCES coops (id),
  kind            TEXT    NOT NULL CHECK (kind IN ('starting', 'swap', 'gift', 'adjustment', 'late_cancel', 'reversal')),
  swap_id         INTEGER REFERENCES swaps (id),
  reverses_id     INTEGER UNIQUE REFERENCES transfers (id),
  memo            TEXT    NOT NULL DEFAULT '',
  actor_member_id INTEGER REFERENCES members (id),
  idempotency_key TEXT    UNIQUE,
  created_at      INTEGER NOT NULL,
  CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
) STRICT;
CREATE INDEX transfers_by_coop ON transfers (coop_id, id);
CREATE UNIQUE INDEX one_settlement_per_swap ON transfers (swap_id) WHERE kind = 'swap';

CREATE TABLE postings (
  id          INTEGER PRIMARY KEY,
  transfer_id INTEGER NOT NULL REFERENCES transfers (id),
  account_id  INTEGER NOT NULL REFERENCES accounts (id),
  amount      INTEGER NOT NULL CHECK (amount <> 0)
) STRICT;
CREATE INDEX postings_by_transfer ON postings (transfer_id);
CREATE INDEX postings_by_account ON postings (account_id, transfer_id);

-- Free-text notes live beside the ledger, not in it, so /privacy forget can blank them without editing entries.
CREATE TABLE transfer_notes (
  transfer_id INTEGER PRIMARY KEY REFERENCES transfers (id),
  note        TEXT    NOT NULL
) STRICT;

-- The ledger is append-only: corrections are reversals, never edits.
CREATE TRIGGER transfers_append_only_update BEFORE UPDATE ON transfers
BEGIN
  SELECT RAISE(ABORT, 'transfers are append-only');
END;
CREATE TRIGGER transfers_append_only_delete BEFORE DELETE ON transfers
BEGIN
  SELECT RAISE(ABORT, 'transfers are append-only');
END;
CREATE TRIGGER postings_append_only_update BEFORE UPDATE ON postings
BEGIN
  SELECT RAISE(ABORT, 'postings are append-only');
END;
CREATE TRIGGER postings_append_only_delete BEFORE DELETE ON postings
BEGIN
  SELECT RAISE(ABORT, 'postings are append-only');
END;

CREATE TRIGGER postings_stay_in_coop BEFORE INSERT ON postings
WHEN (SELECT coop_id FROM accounts WHERE id = NEW.account_id)
     IS NOT (SELECT coop_id FROM transfers WHERE id = NEW.transfer_id)
BEGIN
  SELECT RAISE(ABORT, 'a posting must stay inside its co-op');
END;

CREATE TRIGGER postings_keep_balance AFTER INSERT ON postings
BEGIN
  UPDATE accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id;
END;

-- One row per handled invocation: a re-delivery returns the first answer and changes nothing.
CREATE TABLE invocations (
  idempotency_key TEXT    PRIMARY KEY,
  fingerprint     TEXT    NOT NULL,
  reply           TEXT    NOT NULL,
  created_at      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Notifications written in the same transaction as the change that caused them, delivered after commit.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  coop_id         INTEGER NOT NULL REFERENCES coops (id),
  platform        TEXT    NOT NULL,
  destination     TEXT    NOT NULL,
  message         TEXT    NOT NULL,
  local_time      TEXT,
  dedupe_key      TEXT    UNIQUE,
  status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
) STRICT;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
