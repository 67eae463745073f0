import type { Db } from '../../src/db/connection.ts';

// What an observer outside the bot sees of its private messages, logged as it happens: every message held back
// (it may be gathered and deleted within the same step) and every message sent (retention deletes delivered ones
// after 30 days). Temporary triggers on the test's own connection; nothing in the schema changes.

export interface LoggedSend {
  destination: string;
  message: string;
  sentAt: number;
}

export interface LoggedHold {
  id: number;
  memberId: number;
  message: string;
  expiresAt: number | null;
  heldAt: number;
}

export function logDeliveries(db: Db): { sentDms: () => LoggedSend[]; held: () => LoggedHold[] } {
  db.exec(`CREATE TEMP TABLE held_log (id INTEGER, member_id INTEGER, message TEXT, expires_at INTEGER, created_at INTEGER);
    CREATE TEMP TRIGGER held_seen AFTER INSERT ON held_messages BEGIN
      INSERT INTO held_log VALUES (NEW.id, NEW.member_id, NEW.message, NEW.expires_at, NEW.created_at);
    END;
    CREATE TEMP TABLE sent_log (id INTEGER, destination TEXT, message TEXT, sent_at INTEGER);
    CREATE TEMP TRIGGER sent_seen AFTER UPDATE OF status ON outbox WHEN NEW.status = 'sent' BEGIN
      INSERT INTO sent_log VALUES (NEW.id, NEW.destination, NEW.message, NEW.sent_at);
    END;`);
  return {
    sentDms: () =>
      db
        .prepare<[], LoggedSend>("SELECT destination, message, sent_at AS sentAt FROM sent_log WHERE json_extract(destination, '$.kind') = 'dm' ORDER BY sent_at, id")
        .all(),
    held: () =>
      db
        .prepare<[], LoggedHold>('SELECT id, member_id AS memberId, message, expires_at AS expiresAt, created_at AS heldAt FROM held_log ORDER BY id')
        .all(),
  };
}
