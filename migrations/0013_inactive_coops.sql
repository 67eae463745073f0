-- A co-op whose workspace removed Breather gets no weekly jobs planned (the planning queries pass it over), so when
-- it comes back (installed again) its members' check-ins, its digest and its round of nudges are queued for
-- planning, like after a change of its check-in time. Going inactive queues them too: nothing is planned then, and
-- the jobs already pending are skipped by the scheduler.
CREATE TRIGGER plan_coop_activity AFTER UPDATE OF inactive_since ON coops
WHEN (NEW.inactive_since IS NULL) <> (OLD.inactive_since IS NULL)
BEGIN
  INSERT INTO plan_queue (kind, target) SELECT 'coop_checkins', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM plan_queue WHERE kind = 'coop_checkins' AND target = NEW.id);
  INSERT INTO plan_queue (kind, target) SELECT 'coop_weekly', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM plan_queue WHERE kind = 'coop_weekly' AND target = NEW.id);
END;
