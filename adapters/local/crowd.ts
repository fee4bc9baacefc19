import type { InboundAuthor, MessageAddress } from '../../src/port.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { planTimeline, questionWindow } from '../../src/script/timeline.js';
import type { Clock, TimerHandle } from '../../src/time/clock.js';
import { ANSWERS, CHATTER, CROWD_NAMES, GOODBYES, GREETINGS } from './crowd-lines.js';
import type { LocalRoom, RoomPost } from './local-room.js';
import { SeededRandom } from './seeded-random.js';

/** Simulated participants who answer the way people do: prefixes of every style, threads, late answers. */
export class Crowd {
  private readonly random: SeededRandom;
  private readonly people: InboundAuthor[];
  private readonly timers: TimerHandle[] = [];
  private readonly recentAnswers: { address: MessageAddress; author: string }[] = [];
  private readonly window: (question: number) => number;

  constructor(
    private readonly room: LocalRoom,
    private readonly clock: Clock,
    script: ChatScript,
    size: number,
    seed = 2026,
  ) {
    this.random = new SeededRandom(seed);
    this.people = CROWD_NAMES.slice(0, Math.min(size, CROWD_NAMES.length)).map((name) => ({
      id: `local:${name}`,
      displayName: name,
      isBot: false,
      isHost: false,
    }));
    const timeline = planTimeline(script);
    this.window = (question) => questionWindow(timeline, question - 1);
    this.hashtag = script.hashtag;
    room.onPost((post) => this.react(post));
  }

  private readonly hashtag: string;

  /** Cancels everything the crowd still meant to say. */
  stop(): void {
    for (const timer of this.timers) timer.cancel();
  }

  private react(post: RoomPost): void {
    const { kind, question } = post.message;
    if (kind === 'intro') this.greet();
    if (kind === 'question' && question) this.answer(question.number, post.address);
    if (kind === 'closing') this.sayGoodbye();
  }

  private greet(): void {
    for (const person of this.people) {
      if (this.random.chance(0.6))
        this.later(this.random.between(1_000, 12_000), () => this.room.say(person, this.random.pick(GREETINGS)));
    }
  }

  private answer(number: number, questionAddress: MessageAddress): void {
    const window = this.window(number);
    for (const person of this.people) {
      if (!this.random.chance(0.8)) continue;
      const at = this.random.between(0.08, 0.75) * window;
      const roll = this.random.next();
      if (roll < 0.12) {
        // Multi-part answer: A1a then A1b.
        this.later(at, () => this.room.say(person, `A${number}a: ${this.random.pick(ANSWERS)}`));
        this.later(at + 0.1 * window, () => this.room.say(person, `A${number}b) ${this.random.pick(ANSWERS)}`));
      } else if (roll < 0.24) {
        // A reply in the question's thread, without a prefix.
        this.later(at, () => this.room.say(person, this.random.pick(ANSWERS), questionAddress));
      } else {
        this.later(at, async () => {
          const address = await this.room.say(person, this.prefixed(number));
          this.recentAnswers.push({ address, author: person.displayName });
        });
      }
      if (number > 1 && this.random.chance(0.08)) {
        this.later(at + 0.05 * window, () =>
          this.room.say(person, `A${number - 1}: ${this.random.pick(ANSWERS)} (catching up!)`),
        );
      }
      if (this.random.chance(0.1)) this.later(0.85 * window, () => this.chat(person));
    }
  }

  private prefixed(number: number): string {
    const styles = [
      `A${number}: `,
      `a${number}) `,
      `A${number} - `,
      `${this.hashtag} A${number}: `,
      `A${number}) `,
      `a${number}: `,
    ];
    const tag = this.random.chance(0.4) ? ` ${this.hashtag}` : '';
    return `${this.random.pick(styles)}${this.random.pick(ANSWERS)}${tag}`;
  }

  private async chat(person: InboundAuthor): Promise<void> {
    const other = this.recentAnswers.filter((a) => a.author !== person.displayName).at(-1);
    if (other) await this.room.say(person, `${this.random.pick(CHATTER)} @${other.author}`, other.address);
  }

  private sayGoodbye(): void {
    for (const person of this.people) {
      if (this.random.chance(0.3))
        this.later(this.random.between(500, 3_000), () => this.room.say(person, this.random.pick(GOODBYES)));
    }
  }

  private later(delay: number, fn: () => Promise<unknown>): void {
    this.timers.push(this.clock.at(this.clock.now() + delay, () => void fn().catch(() => undefined)));
  }
}
