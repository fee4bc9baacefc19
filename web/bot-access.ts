import type { ChatRouter } from '../src/chat-router.js';
import type { CommandReply } from '../src/port.js';
import type { ChatService, ServedPlatform } from '../src/service/chat-service.js';
import type { SessionRunner } from '../src/session/session-runner.js';
import type { BotAccess, RunningChat } from './web-deps.js';

/**
 * What the website may ask of a running ChatService: its chats, their live feed, the chat commands a host gives
 * from the console (as the author the console's gate vouched for), and the services the other console pages'
 * commands run on.
 */
export function createBotAccess(service: ChatService): BotAccess {
  return {
    runningChats: () => service.platforms.reduce((sum, served) => sum + served.router.runningChannels().length, 0),
    liveChats: () =>
      service.platforms.flatMap((served) =>
        served.router.runningChannels().flatMap((channel) => {
          const runner = served.router.runnerFor(channel);
          return runner && !runner.rehearsal ? [runningChatOf(served, runner)] : [];
        }),
      ),
    subscribeLive: (listener) => service.live.subscribe(listener),
    command: async (channel, by, name, args): Promise<CommandReply> => {
      const served = platformOf(service, channel);
      if (!served) return { ok: false, text: 'No chat is running in this channel.' };
      return served.router.handleCommand({ channel, community: served.adapter.community, by, name, args });
    },
    // The first platform's router: the plan, archive and people pages act through it (see webCommandServices).
    commandServices: () => service.platforms[0]?.router,
    nextChats: () =>
      service.platforms.flatMap((served) =>
        served.scheduler ? served.scheduler.describeNext().split('\n').filter(isNextRun) : [],
      ),
  };
}

function runningChatOf(served: ServedPlatform, runner: SessionRunner): RunningChat {
  const status = runner.status();
  return {
    channel: runner.channel,
    platform: served.adapter.name,
    sessionId: runner.id,
    series: runner.script.id,
    title: runner.script.title,
    timezone: runner.script.timezone,
    state: status.state,
    openQuestion: status.openQuestion,
    questionCount: status.questionCount,
    questions: runner.script.questions.map((question) => question.text),
    ...(status.timeLeftMs === undefined ? {} : { timeLeftMs: status.timeLeftMs }),
    clockSpeed: clockSpeedOf(served.router, runner.id),
  };
}

function clockSpeedOf(router: ChatRouter, sessionId: number): number {
  return router.store.sessions.get(sessionId)?.clock_speed ?? 1;
}

// The platform running a chat in `channel`; else the one whose default channel it is (its chat just ended).
function platformOf(service: ChatService, channel: string): ServedPlatform | undefined {
  return (
    service.platforms.find((served) => served.router.runnerFor(channel)) ??
    service.platforms.find((served) => served.adapter.defaultChannel === channel)
  );
}

// The scheduler's "Next: …" lines, without its notes about missed starts.
function isNextRun(line: string): boolean {
  return line.startsWith('Next: ');
}
