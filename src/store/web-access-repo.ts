import { Repo } from './repo.js';

/** Who a sign-in link or a session belongs to. */
export interface WebIdentity {
  /** The host's platform identity, e.g. "slack:T1:U2" or "cli:alice@server". */
  identity: string;
  /** Their name, as the platform shows it. */
  name: string;
}

/** A sign-in link as stored: only the token's hash is kept. */
export interface SignInLinkRow {
  token_hash: string;
  identity: string;
  display_name: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A signed-in session as stored: only the session id's hash is kept. */
export interface WebSessionRow {
  id_hash: string;
  identity: string;
  display_name: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  signed_out_at: number | null;
}

/** One-time sign-in links and the sessions they open (migration 10). Tokens and session ids arrive hashed. */
export class WebAccessRepo extends Repo {
  /** Keeps a new link. */
  saveLink(tokenHash: string, who: WebIdentity, now: number, expiresAt: number): void {
    this.statement(
      `INSERT INTO web_signin_links (token_hash, identity, display_name, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?)`,
    ).run(tokenHash, who.identity, who.name, now, expiresAt);
  }

  /** A link by its token's hash, used or not. */
  link(tokenHash: string): SignInLinkRow | undefined {
    return this.statement('SELECT * FROM web_signin_links WHERE token_hash = ?').get(tokenHash) as
      | SignInLinkRow
      | undefined;
  }

  /**
   * Marks a link used if it is unused and unexpired, in one statement, so two requests racing with the same
   * link cannot both win; returns whether this call used it.
   */
  useLink(tokenHash: string, now: number): boolean {
    return (
      this.statement(
        'UPDATE web_signin_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
      ).run(now, tokenHash, now).changes > 0
    );
  }

  /** Keeps a new session. */
  saveSession(idHash: string, who: WebIdentity, csrf: string, now: number, expiresAt: number): void {
    this.statement(
      `INSERT INTO web_sessions (id_hash, identity, display_name, csrf_token, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(idHash, who.identity, who.name, csrf, now, expiresAt);
  }

  /** A session that is neither expired nor signed out. */
  liveSession(idHash: string, now: number): WebSessionRow | undefined {
    return this.statement(
      'SELECT * FROM web_sessions WHERE id_hash = ? AND expires_at > ? AND signed_out_at IS NULL',
    ).get(idHash, now) as WebSessionRow | undefined;
  }

  /** Ends one session; returns whether it was live. */
  endSession(idHash: string, now: number): boolean {
    return (
      this.statement('UPDATE web_sessions SET signed_out_at = ? WHERE id_hash = ? AND signed_out_at IS NULL').run(
        now,
        idHash,
      ).changes > 0
    );
  }

  /** Ends every session of an identity (its host rights were removed); returns how many were live. */
  endSessionsOf(identity: string, now: number): number {
    return this.statement('UPDATE web_sessions SET signed_out_at = ? WHERE identity = ? AND signed_out_at IS NULL').run(
      now,
      identity,
    ).changes;
  }

  /** Forgets links and sessions that ended before `before`: they can never be used again. */
  prune(before: number): void {
    this.statement('DELETE FROM web_signin_links WHERE expires_at < ?').run(before);
    this.statement('DELETE FROM web_sessions WHERE expires_at < ? OR signed_out_at < ?').run(before, before);
  }
}
