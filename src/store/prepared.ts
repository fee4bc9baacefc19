import type { Statement } from 'better-sqlite3';
import type { Db } from './open-database.js';

const statements = new WeakMap<Db, Map<string, Statement>>();

/**
 * The statement for `sql` on this connection, prepared once (preparing costs more than running): for read models
 * outside the repositories that run on the answer path, such as a participant's past on their first message.
 */
export function prepared(db: Db, sql: string): Statement {
  let cached = statements.get(db);
  if (!cached) {
    cached = new Map();
    statements.set(db, cached);
  }
  let statement = cached.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cached.set(sql, statement);
  }
  return statement;
}
