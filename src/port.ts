/**
 * The boundary between the platform-agnostic core and the adapters (Slack, Discord, the local room).
 *
 * Outbound: the core calls a `Platform`. Inbound: an adapter calls the narrow `ChatInbound` handle the
 * core gives it. Every id that crosses the boundary is an opaque string that only the adapter builds and
 * parses (for example `slack:T1:C2:1712345678.000100` or `discord:G1:C2:M3`); the core stores and compares
 * them, never takes them apart.
 */

/** Opaque address of a channel (or conversation) a chat runs in. */
export type ChannelAddress = string;
/** Opaque, globally unique address of one message; redelivered events carry the same address. */
export type MessageAddress = string;
/** Opaque, globally unique address of one person on one platform. */
export type UserAddress = string;

/** A reaction the core asks for: the unicode emoji (Discord, terminal) and its shortcode (Slack). */
export interface Reaction {
  /** The emoji itself, e.g. "👏". */
  unicode: string;
  /** Its common shortcode without colons, e.g. "clap". */
  shortcode: string;
  /**
   * What to post instead when the platform's limits force several acknowledgements into one message;
   * `{names}` stands for the authors' mentions. Fallback: the adapter keeps pacing reactions.
   */
  applause?: string;
  /**
   * Set when the answer's author asked to be quiet: an applause standing in for this reaction names them with
   * this plain text instead of a mention.
   */
  quietName?: string;
}

/** What the platform allows in one message; the core packs its output to fit. */
export interface PlatformLimits {
  /** Longest message text, in characters. */
  messageLength: number;
  /**
   * Most user mentions that one message may carry (Discord's allowed_mentions takes 100); `Infinity` where the
   * platform sets no cap (Slack), so only the text's length bounds a message.
   */
  mentionsPerMessage: number;
}

/**
 * Why the bot posts a message: lets an adapter render it natively and prioritise its delivery. `opening` is the
 * chat's welcome to everyone; `first-timer` is the personal welcome of someone new.
 */
export type PostKind =
  | 'opening'
  | 'intro'
  | 'question'
  | 'first-timer'
  | 'thanks'
  | 'closing'
  | 'recap'
  | 'reminder'
  | 'notice';

/** Extra structure an adapter may use to render a question richly (Block Kit, an embed). */
export interface QuestionDetails {
  /** 1-based question number. */
  number: number;
  /** The question as the script words it, without the "Qn:" prefix. */
  text: string;
  /** The chat's hashtag, e.g. "#CommunityChat". */
  hashtag: string;
  /** How to answer, already filled in, e.g. "Answer with A1: … and add #CommunityChat". */
  hint: string;
  /** Whether the adapter should open a thread for this question where it can (a script setting). */
  openThread: boolean;
}

/** One message the core wants posted. `text` is always a complete plain-text rendering. */
export interface OutboundMessage {
  /** Why it is posted. */
  kind: PostKind;
  /** The full text, with mentions already formatted by `Platform.mention`. */
  text: string;
  /** Users this message is meant to ping; nobody else may be pinged (Discord allowed_mentions). */
  mentions?: UserAddress[];
  /** Present when `kind` is 'question'. */
  question?: QuestionDetails;
}

/** Where a message went: enough for the core to store and later reply to it. */
export interface PostedMessage {
  /** The posted message's own address. */
  address: MessageAddress;
}

/**
 * The outbound port every adapter implements. Implementations queue and retry as their platform needs;
 * a promise resolves once the platform accepted the call.
 */
export interface Platform {
  /** Short platform name, used in logs and stored with the community: "local", "slack", "discord". */
  readonly name: string;
  /** Message size and mention limits. */
  readonly limits: PlatformLimits;
  /** Posts a message in a channel. */
  post(channel: ChannelAddress, message: OutboundMessage): Promise<PostedMessage>;
  /** Replies to a message: in its thread where the platform has threads, else as a reply reference. */
  reply(to: MessageAddress, message: OutboundMessage): Promise<PostedMessage>;
  /**
   * Adds a reaction to a message. Low priority: an adapter may pace or coalesce these, but must never let
   * them delay a post.
   */
  react(to: MessageAddress, reaction: Reaction): Promise<void>;
  /** Formats a mention that pings the user, e.g. `<@U123>`. */
  mention(user: UserAddress, displayName: string): string;
  /** Makes participant text safe to quote: it must not ping anyone (`@everyone`, `<!channel>`…). */
  quote(text: string): string;

  // ---- Optional capabilities. The core has a fallback for each, noted beside it. ----

  /**
   * Shows an instant so each reader sees it in their own timezone (Discord `<t:…:F>`, Slack `<!date^…>`).
   * Fallback: the core writes the time in the chat's timezone.
   */
  formatTime?(at: number, fallback: string): string;
  /**
   * Messages in a channel (and its threads) written at or after `since`, oldest first, for catching up
   * on what arrived while the bot was down. Bot messages may be included; the core skips them.
   * Fallback: nothing is backfilled, and the recovery report says so. `threads` names messages (the
   * session's questions) whose threads and replies are read too, even when the message predates `since`.
   */
  fetchHistory?(channel: ChannelAddress, since: number, threads?: MessageAddress[]): Promise<HistoryResult>;
  /**
   * Finds a message the bot itself posted in `channel` at or after `since` whose text starts with `text`,
   * so a post whose confirmation was lost in a crash is not sent twice. Fallback: the post is sent again.
   */
  findOwnPost?(channel: ChannelAddress, since: number, text: string): Promise<MessageAddress | undefined>;
  /**
   * Posts a notice with files in a channel (the full recap, when a series delivers it there). Fallback: the files
   * go to the hosts (`notifyHosts`).
   */
  shareFiles?(channel: ChannelAddress, notice: HostNotice): Promise<void>;
  /**
   * Opens (or finds) a direct-message conversation with a person, where the bot can post and hear replies, for a
   * rehearsal. Fallback: the host names a channel to rehearse in.
   */
  openDirectChannel?(user: UserAddress): Promise<ChannelAddress>;
  /** A person's display name (a guest picked in a form). Fallback: the core shows the address's last part. */
  displayNameOf?(user: UserAddress): Promise<string>;
  /** Turns a channel id as a host writes it in config ("C0123", "123456789") into an address. */
  resolveChannel?(id: string): ChannelAddress;
  /**
   * Announces a scheduled chat where members can follow it (a Discord Scheduled Event); returns the
   * platform's id for it. Fallback: reminders only.
   */
  announceRun?(run: RunAnnouncement): Promise<string>;
  /**
   * Withdraws (deletes) an announcement when its run is cancelled. Fallback: the announcement stays.
   */
  withdrawAnnouncement?(id: string): Promise<void>;
  /**
   * Changes an announcement in place: moves it to a run's new fields (members keep their "Interested"
   * marks) and/or sets its status as the chat goes (active when it starts, completed when it ends,
   * canceled when its start was missed). Fallback: a moved run's announcement is withdrawn and the run
   * announced again; a missed run's is withdrawn; status changes are left to the platform.
   */
  updateAnnouncement?(id: string, change: AnnouncementChange): Promise<void>;
  /**
   * Finds the bot's own announcement for a run (same channel and start), so one whose id was lost in a
   * crash while the call was in flight is not made twice. Fallback: the run is announced again.
   */
  findAnnouncement?(run: RunAnnouncement): Promise<string | undefined>;
  /**
   * Tells the community's hosts something privately (a direct message to each, files attached), e.g. a
   * script skipped at start-up or a missed chat. Resolves with who was reached; never rejects for one
   * host's failure. Fallback: the core writes the notice to the log only.
   */
  notifyHosts?(notice: HostNotice): Promise<HostNoticeResult>;
  /**
   * Whether a person hosts this community at this moment, asked afresh (no cache), so a host removed on the
   * platform loses the website's console at once. False for an address this adapter did not make; rejects
   * when the platform cannot be asked. Fallback: only CLI sign-ins keep the console.
   */
  isHost?(user: UserAddress): Promise<boolean>;
}

/** A private message for the hosts, with optional files (a recap, a follow-up list). */
export interface HostNotice {
  /** The message, plain text; it may be longer than `limits.messageLength` (the adapter splits it). */
  text: string;
  /** Files to attach, each whole. */
  files?: HostNoticeFile[];
}

/** One file attached to a host notice. */
export interface HostNoticeFile {
  /** The file name the hosts see, e.g. "recap-2026-03-05.md". */
  name: string;
  /** Its content: text (sent as UTF-8) or bytes. */
  content: string | Uint8Array;
  /** Its media type, e.g. "text/markdown"; the platform guesses when absent. */
  mimeType?: string;
}

/** Whom a host notice reached. */
export interface HostNoticeResult {
  /** Hosts who got the text and every file. */
  reached: number;
  /** One line per host it did not reach, in plain words ("U0456: channel_not_found"); empty when none. */
  failed: string[];
  /** Set when there was nobody to tell: what to configure, in plain words. */
  noHosts?: string;
}

/** What changes in an announcement: new fields, a new status, or both. */
export interface AnnouncementChange {
  /** The run's fields as they are now (title, times, place). */
  run?: RunAnnouncement;
  /** Where the chat stands: started (active), ended (completed) or missed (canceled). */
  status?: 'active' | 'completed' | 'canceled';
}

/** A scheduled chat as members should see it in advance. */
export interface RunAnnouncement {
  /** The chat's title. */
  title: string;
  /** What it is about. */
  description: string;
  /** Planned start, epoch ms. */
  start: number;
  /** Planned end, epoch ms. */
  end: number;
  /** Where it is held. */
  channel: ChannelAddress;
}

/** What a history fetch found, and what it could not fetch (Slack limits history calls for some apps). */
export interface HistoryResult {
  /** Messages found, oldest first. */
  messages: InboundMessage[];
  /** Set when the fetch stopped early (rate limit, permissions): what is missing, in plain words. */
  incomplete?: string;
}

/** The author of an inbound message, as the adapter knows them. */
export interface InboundAuthor {
  /** Opaque user address. */
  id: UserAddress;
  /** The name to show and thank people by. */
  displayName: string;
  /** A bot (including Emcee itself): never an answer, never a participant. */
  isBot: boolean;
  /** A host of this community (configured ids, admins, a role): never an answer; may control chats. */
  isHost: boolean;
}

/** A message an adapter saw in a channel or a thread. */
export interface InboundMessage {
  /** The message's own address; the same on redelivery. */
  id: MessageAddress;
  /** The channel the chat runs in (for a thread reply: the thread's parent channel). */
  channel: ChannelAddress;
  /** The community (workspace, guild) the channel belongs to. */
  community: string;
  /** Who wrote it. */
  author: InboundAuthor;
  /** The text as written; adapters keep mentions in their platform form. */
  text: string;
  /** When it was written, in epoch milliseconds. */
  ts: number;
  /** The message this one replies to or sits in the thread of, if any. */
  replyTo?: MessageAddress;
}

/** A message whose text changed. */
export interface InboundEdit {
  /** The edited message's address. */
  id: MessageAddress;
  /** Its new text. */
  text: string;
  /** When it was edited, in epoch milliseconds. */
  editedAt: number;
}

/** A host control or query, from a slash command, the terminal or the CLI. */
export interface InboundCommand {
  /** The channel the command was given in. */
  channel: ChannelAddress;
  /** The community the channel belongs to. */
  community: string;
  /** Who gave it. */
  by: InboundAuthor;
  /** The subcommand: start, pause, resume, skip, extend, end, status, help, … */
  name: string;
  /** Words after the subcommand. */
  args: string[];
}

/** What the core answers to a command; adapters show it to the caller only (ephemeral where possible). */
export interface CommandReply {
  /** Whether the command did what was asked. */
  ok: boolean;
  /** Plain words for the person who asked. */
  text: string;
  /**
   * A form to open for the person (a Slack modal, a Discord modal); its submission comes back through
   * `ChatInbound.handleFormSubmit`. Fallback where forms cannot open: `text` says what to type instead.
   */
  form?: CommandForm;
  /**
   * Lines shown under `text`, each with buttons (Block Kit, Discord components); a click comes back through
   * `ChatInbound.handleAction`. Fallback: the lines as text, each action as a command to type.
   */
  items?: ReplyItem[];
}

/** A form the core asks an adapter to show the person who gave a command. */
export interface CommandForm {
  /** What the submission is for, echoed back on submit, e.g. "plan:weekly-chat:2026-12-03". At most 100 characters. */
  id: string;
  /** The form's title, at most 24 characters (Slack's limit). */
  title: string;
  /** The submit button's label, at most 24 characters. */
  submitLabel: string;
  /** Its fields, in order: at most 5 (Discord's limit). */
  fields: FormField[];
}

/** One field of a form. Every value comes back as text (see each kind). */
export interface FormField {
  /** Its key in the submitted values and in field errors. */
  id: string;
  /** Its label, at most 45 characters (Discord's limit). */
  label: string;
  /**
   * `short` and `paragraph`: free text. `datetime`: "YYYY-MM-DD HH:MM" in the chat's timezone (Slack shows a
   * date and a time picker, Discord one text box). `users`: people, comma-separated user addresses (Slack
   * shows a people picker; Discord takes mentions or ids, which the adapter turns into addresses).
   */
  kind: 'short' | 'paragraph' | 'datetime' | 'users';
  /** Whether it must be filled in. */
  required: boolean;
  /** What the field holds when the form opens (users: comma-separated addresses). */
  initial?: string;
  /** Grey example text in an empty field. */
  placeholder?: string;
}

/** A line of a reply with its buttons. */
export interface ReplyItem {
  /** The line, e.g. "Thu 3 Dec, 1:00 PM — Building trust (guest: Ana)". */
  text: string;
  /** Its buttons. */
  actions: ReplyAction[];
}

/** A button under a reply line. */
export interface ReplyAction {
  /** Echoed back on click, e.g. "episode:skip:weekly-chat:2026-12-03". At most 100 characters. */
  id: string;
  /** The button's label. */
  label: string;
  /** `danger` for destructive actions (asks nothing more; the core confirms in its answer). */
  style?: 'primary' | 'danger';
}

/** A submitted form. */
export interface InboundFormSubmit {
  /** The form's id, as the core gave it. */
  formId: string;
  /** The channel the form was opened from. */
  channel: ChannelAddress;
  /** The community the channel belongs to. */
  community: string;
  /** Who submitted it. */
  by: InboundAuthor;
  /** Each field's value by field id, as text (see FormField.kind); a field left empty is "". */
  values: Record<string, string>;
}

/**
 * What the core answers to a form: done, or errors by field id that the adapter shows on the fields (Slack's
 * `response_action: errors`; on Discord, an ephemeral message offering the form again filled with the values).
 * The key "" holds an error about the whole form (out of date, not a host): shown on the first field.
 */
export type FormOutcome = { ok: true; text: string } | { ok: false; errors: Record<string, string> };

/** A click on a reply's button. */
export interface InboundAction {
  /** The action's id, as the core gave it. */
  actionId: string;
  /** The channel the reply was in. */
  channel: ChannelAddress;
  /** The community the channel belongs to. */
  community: string;
  /** Who clicked. */
  by: InboundAuthor;
}

/** The narrow inbound handle the core gives each adapter. */
export interface ChatInbound {
  /** A new message in a channel or thread. Safe to call again for the same id. */
  handleMessage(message: InboundMessage): Promise<void>;
  /** A message was edited: it is attributed again. */
  handleEdit(edit: InboundEdit): Promise<void>;
  /** A message was deleted: it leaves the recap but stays in the store marked deleted. */
  handleDelete(id: MessageAddress): Promise<void>;
  /** A host control or query. */
  handleCommand(command: InboundCommand): Promise<CommandReply>;
  /** A submitted form (see CommandReply.form). Absent on handles that open no forms (test doubles). */
  handleFormSubmit?(submit: InboundFormSubmit): Promise<FormOutcome>;
  /** A click on a reply's button (see CommandReply.items); the reply may open a form. */
  handleAction?(action: InboundAction): Promise<CommandReply>;
}

/** An adapter as the entry point sees it: the outbound port plus a lifecycle. */
export interface PlatformAdapter extends Platform {
  /** The community (workspace, guild, "local") this adapter serves. */
  readonly community: string;
  /** The channel chats run in unless a command names another. */
  readonly defaultChannel: ChannelAddress;
  /** Connects to the platform and starts delivering inbound events to `inbound`. */
  start(inbound: ChatInbound): Promise<void>;
  /** Disconnects; resolves when no more events will be delivered. */
  stop(): Promise<void>;
}
