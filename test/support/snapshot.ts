import type { Db } from '../../src/db/connection.ts';

/** Every row of every table, as one string: a refused command must leave it exactly as it was. */
export function dbSnapshot(db: Db): string {
  const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
  return tables.map((table) => `${table}: ${JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all())}`).join('\n');
}
