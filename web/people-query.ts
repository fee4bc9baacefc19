import type { ChatStore } from '../src/store/chat-store.js';

/** The communities that have had chats or people (one per Slack workspace, Discord server, or the local room). */
export function communitiesWithPeople(store: ChatStore): string[] {
  const rows = store.db
    .prepare(
      `SELECT community_id AS id FROM sessions WHERE rehearsal = 0
        UNION SELECT community_id FROM participants ORDER BY 1`,
    )
    .all() as { id: string }[];
  return rows.map((row) => row.id);
}

/** The time zone of a community's latest chat (its dates read in it), or UTC when it has none. */
export function communityZone(store: ChatStore, communityId: string): string {
  const row = store.db
    .prepare(
      `SELECT COALESCE(json_extract(script_json, '$.schedule.timezone'),
                       json_extract(script_json, '$.timezone')) AS zone
         FROM sessions WHERE community_id = ? AND rehearsal = 0 ORDER BY started_at DESC LIMIT 1`,
    )
    .get(communityId) as { zone: string | null } | undefined;
  return row?.zone ?? 'UTC';
}
