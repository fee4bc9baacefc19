/** A session as stored. */
export interface SessionRow {
  id: number;
  community_id: string;
  channel: string;
  script_id: string;
  script_json: string;
  state: 'running' | 'paused' | 'ended';
  /** 0 opening, 1..n question n open, n+1 closing. */
  step: number;
  step_started_at: number | null;
  step_deadline: number | null;
  paused_remaining_ms: number | null;
  started_at: number;
  ended_at: number | null;
  end_reason: string | null;
  /** How much faster than real time the session's clock runs (demos); 1 for real chats. */
  clock_speed: number;
  /** The real instant at which the session's clock and real time agreed; lets a restart keep its clock. */
  clock_origin: number | null;
  /** Factor on the remaining questions' windows after a compressing catch-up. */
  window_scale: number;
  /** 1 for a rehearsal: run for the host to see, never counted (no first-timers, statistics or archive). */
  rehearsal: number;
  /** The scheduled run that started this session, if any. */
  planned_run_id: number | null;
}

/** A message from a participant or host, as stored. */
export interface MessageRow {
  address: string;
  session_id: number;
  author_id: string;
  author_name: string;
  text: string;
  ts: number;
  reply_to: string | null;
  from_host: number;
  first_time: number;
  open_question: number;
  asked_questions: number;
  question_number: number | null;
  part: string | null;
  late: number;
  via: string | null;
  reason: string | null;
  edited_at: number | null;
  deleted_at: number | null;
  /** When the answer was acknowledged on the platform; null while one is owed. */
  acked_at: number | null;
  received_at: number;
}

/** Something the bot posted (or is about to: recorded before sending, confirmed after). */
export interface BotPostRow {
  id: number;
  session_id: number;
  purpose: string;
  kind: string;
  question_number: number | null;
  address: string | null;
  state: 'pending' | 'sent';
  created_at: number;
  sent_at: number | null;
  /** The first characters of the text, to find the post in the platform's history after a crash. */
  text_start: string | null;
}
