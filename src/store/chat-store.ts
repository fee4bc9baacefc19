import { ControlRepo } from './control-repo.js';
import { EpisodesRepo } from './episodes-repo.js';
import { LeasesRepo } from './leases-repo.js';
import { WriteQueue } from './write-queue.js';
import { MessagesRepo } from './messages-repo.js';
import { openDatabase, openDatabaseReadOnly, type Db } from './open-database.js';
import { ParticipantsRepo } from './participants-repo.js';
import { PostsRepo } from './posts-repo.js';
import { PublishedRepo } from './published-repo.js';
import { QuietRepo } from './quiet-repo.js';
import { ScheduleRepo } from './schedule-repo.js';
import { SessionsRepo } from './sessions-repo.js';
import { ThanksRepo } from './thanks-repo.js';
import { WebAccessRepo } from './web-access-repo.js';

/** Everything Emcee keeps, behind one handle: the repositories share one SQLite connection. */
export class ChatStore {
  /** Sessions and their timelines. */
  readonly sessions: SessionsRepo;
  /** What the bot posted. */
  readonly posts: PostsRepo;
  /** Participants' and hosts' messages. */
  readonly messages: MessagesRepo;
  /** People known per community. */
  readonly participants: ParticipantsRepo;
  /** Thank-yous sent. */
  readonly thanks: ThanksRepo;
  /** Planned runs and reminders. */
  readonly schedule: ScheduleRepo;
  /** Host controls queued from the command line. */
  readonly controls: ControlRepo;
  /** Which process runs each channel's chat. */
  readonly leases: LeasesRepo;
  /** Each date of a series, as its hosts planned it. */
  readonly episodes: EpisodesRepo;
  /** People who asked to be quiet. */
  readonly quiet: QuietRepo;
  /** Series published on the website. */
  readonly published: PublishedRepo;
  /** The website's sign-in links and signed-in sessions. */
  readonly webAccess: WebAccessRepo;
  /** Writes that wait, in order, while the database is busy or full, instead of failing. */
  readonly writes = new WriteQueue();

  constructor(readonly db: Db) {
    this.sessions = new SessionsRepo(db);
    this.posts = new PostsRepo(db);
    this.messages = new MessagesRepo(db);
    this.participants = new ParticipantsRepo(db);
    this.thanks = new ThanksRepo(db);
    this.schedule = new ScheduleRepo(db);
    this.controls = new ControlRepo(db);
    this.leases = new LeasesRepo(db);
    this.episodes = new EpisodesRepo(db);
    this.quiet = new QuietRepo(db);
    this.published = new PublishedRepo(db);
    this.webAccess = new WebAccessRepo(db);
  }

  /** Opens the database file (or ":memory:"), creating it if needed, and migrates it. */
  static open(path: string): ChatStore {
    return new ChatStore(openDatabase(path));
  }

  /**
   * Opens an existing database file for commands that only read (sessions, recap, status): nothing is
   * written to it; a missing file throws a UserError that says to run a chat first.
   */
  static openReadOnly(path: string): ChatStore {
    return new ChatStore(openDatabaseReadOnly(path));
  }

  /** Runs `fn` in one transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Closes the connection. */
  close(): void {
    this.db.close();
  }
}
