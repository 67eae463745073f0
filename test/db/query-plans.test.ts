import { describe, expect, it } from 'vitest';
import { explain, storePlans, storeStatements, tableScans } from '../support/query-plans.ts';

// Every statement a command or a tick can run is prepared once, by the Store. Each one's query plan must find its
// rows through an index: a SCAN of a table reads every row of it, and most tables grow with members and with
// history, so a scan would make a command slower every week. EXPLAIN QUERY PLAN shows the plan without running it.

describe('query plans', () => {
  const plans = storePlans();

  it('covers every statement the Store prepares', () => {
    expect(plans.length).toBeGreaterThan(90);
  });

  it('has no statement that scans a whole table', () => {
    expect(plans.filter((p) => p.scans.length > 0)).toEqual([]);
  });

  it('catches a planted scan, and lets a search by index through', () => {
    const { db } = storeStatements();
    const planted = 'SELECT id FROM transfers t WHERE t.memo = ?';
    expect(tableScans(db, planted, explain(db, planted))).toEqual([expect.stringMatching(/^SCAN t/)]);
    const indexed = 'SELECT id FROM transfers WHERE coop_id = ? ORDER BY id DESC LIMIT 5';
    expect(tableScans(db, indexed, explain(db, indexed))).toEqual([]);
    db.close();
  });
});
