import type { Statement } from 'better-sqlite3';
import type { Db } from './open-database.js';

/** Base of every repository: prepares each SQL statement once, since preparing costs more than running. */
export abstract class Repo {
  private readonly statements = new Map<string, Statement>();

  constructor(protected readonly db: Db) {}

  /** The prepared statement for `sql`, prepared on first use. */
  protected statement(sql: string): Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }
}
