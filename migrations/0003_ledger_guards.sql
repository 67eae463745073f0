-- breather: foreign_keys=off
-- The schema keeps the ledger's promises itself, not only the code: a transfer whose postings do not sum to zero
-- (or that has fewer than two) cannot be committed, an account may be posted to once per transfer, a cached balance
-- changes only through a new posting to it, and households can move credits between them (kind 'household').
-- Runs with foreign keys off, as SQLite's table rebuild procedure asks; migrate() checks them before committing.

-- 1. transfers gains the kind 'household' (moves when households join or part): SQLite rebuilds a table to change a
--    CHECK. The triggers that name transfers are dropped first and made again after.
DROP TRIGGER transfers_append_only_update;
DROP TRIGGER transfers_append_only_delete;
DROP TRIGGER postings_stay_in_coop;

CREATE TABLE transfers_next (
  id              INTEGER PRIMARY KEY,
  coop_id         INTEGER NOT NULL REFERENCES coops (id),
  kind            TEXT    NOT NULL CHECK (kind IN ('starting', 'swap', 'gift', 'adjustment', 'late_cancel', 'reversal', 'household')),
  swap_id         INTEGER REFERENCES swaps (id),
  reverses_id     INTEGER UNIQUE REFERENCES transfers (id),
  memo            TEXT    NOT NULL DEFAULT '',
  actor_member_id INTEGER REFERENCES members (id),
  idempotency_key TEXT    UNIQUE,
  created_at      INTEGER NOT NULL,
  CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
) STRICT;
INSERT INTO transfers_next (id, coop_id, kind, swap_id, reverses_id, memo, actor_member_id, idempotency_key, created_at)
  SELECT id, coop_id, kind, swap_id, reverses_id, memo, actor_member_id, idempotency_key, created_at FROM transfers;
DROP TABLE transfers;
ALTER TABLE transfers_next RENAME TO transfers;
CREATE INDEX transfers_by_coop ON transfers (coop_id, id);
CREATE UNIQUE INDEX one_settlement_per_swap ON transfers (swap_id) WHERE kind = 'swap';

CREATE TRIGGER transfers_append_only_update BEFORE UPDATE ON transfers
BEGIN
  SELECT RAISE(ABORT, 'transfers are append-only');
END;
CREATE TRIGGER transfers_append_only_delete BEFORE DELETE ON transfers
BEGIN
  SELECT RAISE(ABORT, 'transfers are append-only');
END;
CREATE TRIGGER postings_stay_in_coop BEFORE INSERT ON postings
WHEN (SELECT coop_id FROM accounts WHERE id = NEW.account_id)
     IS NOT (SELECT coop_id FROM transfers WHERE id = NEW.transfer_id)
BEGIN
  SELECT RAISE(ABORT, 'a posting must stay inside its co-op');
END;

-- 2. One posting per account per transfer.
CREATE UNIQUE INDEX one_posting_per_account ON postings (transfer_id, account_id);

-- 3. Every transfer must balance by the time its transaction commits. Each transfer has a row here whose balanced_id
--    is its own id only while its postings sum to zero over at least two legs; the row's own id must be found among
--    the balanced ids, a foreign key checked at COMMIT (deferred). So an unbalanced or one-legged transfer makes the
--    whole transaction fail, whatever code wrote it.
CREATE TABLE transfer_balances (
  transfer_id INTEGER PRIMARY KEY,
  balanced_id INTEGER UNIQUE,
  FOREIGN KEY (transfer_id) REFERENCES transfer_balances (balanced_id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
INSERT INTO transfer_balances (transfer_id, balanced_id)
  SELECT t.id, CASE WHEN (SELECT sum(p.amount) = 0 AND count(*) >= 2 FROM postings p WHERE p.transfer_id = t.id) THEN t.id END
  FROM transfers t;

CREATE TRIGGER transfers_open_balance AFTER INSERT ON transfers
BEGIN
  INSERT INTO transfer_balances (transfer_id) VALUES (NEW.id);
END;
CREATE TRIGGER postings_close_balance AFTER INSERT ON postings
BEGIN
  UPDATE transfer_balances
  SET balanced_id = CASE WHEN (SELECT sum(amount) = 0 AND count(*) >= 2 FROM postings WHERE transfer_id = NEW.transfer_id) THEN transfer_id END
  WHERE transfer_id = NEW.transfer_id;
END;
-- The row can only ever say what the postings say, is made only open, and is never deleted.
CREATE TRIGGER transfer_balances_truthful BEFORE UPDATE ON transfer_balances
WHEN NEW.transfer_id IS NOT OLD.transfer_id
  OR NEW.balanced_id IS NOT (CASE WHEN (SELECT sum(amount) = 0 AND count(*) >= 2 FROM postings WHERE transfer_id = NEW.transfer_id) THEN NEW.transfer_id END)
BEGIN
  SELECT RAISE(ABORT, 'a transfer is balanced only when its postings sum to zero');
END;
CREATE TRIGGER transfer_balances_open_only BEFORE INSERT ON transfer_balances
WHEN NEW.balanced_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a transfer starts unbalanced until its postings arrive');
END;
CREATE TRIGGER transfer_balances_kept BEFORE DELETE ON transfer_balances
BEGIN
  SELECT RAISE(ABORT, 'transfer balances are append-only');
END;

-- 4. A cached balance changes only through the posting trigger: each change must apply the newest posting, to this
--    account, exactly once, and add exactly its amount. New accounts start at zero.
ALTER TABLE accounts ADD COLUMN last_posting_id INTEGER;
UPDATE accounts SET last_posting_id = (SELECT max(id) FROM postings WHERE account_id = accounts.id);

DROP TRIGGER postings_keep_balance;
CREATE TRIGGER postings_keep_balance AFTER INSERT ON postings
BEGIN
  UPDATE accounts SET balance = balance + NEW.amount, last_posting_id = NEW.id WHERE id = NEW.account_id;
END;
CREATE TRIGGER accounts_balance_only_by_postings BEFORE UPDATE OF balance, last_posting_id ON accounts
WHEN NEW.last_posting_id IS NOT (SELECT max(id) FROM postings)
  OR coalesce(NEW.last_posting_id <= OLD.last_posting_id, 0)
  OR (SELECT account_id FROM postings WHERE id = NEW.last_posting_id) IS NOT NEW.id
  OR NEW.balance IS NOT OLD.balance + (SELECT amount FROM postings WHERE id = NEW.last_posting_id)
BEGIN
  SELECT RAISE(ABORT, 'a balance changes only through a posting');
END;
CREATE TRIGGER accounts_start_at_zero BEFORE INSERT ON accounts
WHEN NEW.balance <> 0 OR NEW.last_posting_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a new account starts at zero');
END;
