import type { APIAllowedMentions, APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { OutboundMessage, QuestionDetails, UserAddress } from '../../src/port.js';
import { discordUserId } from './discord-addresses.js';

/** Discord's own limits: message text, embed parts, thread names and allowed_mentions.users. */
export const DISCORD_LIMITS = {
  messageLength: 2000,
  mentionsPerMessage: 100,
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  threadName: 100,
} as const;

const QUESTION_COLOUR = 0x3b5bdb;

/**
 * Exactly the users a message means to ping and nobody else: `parse: []` switches off @everyone, @here,
 * role and user parsing from the text, and `replied_user: false` keeps replies from pinging their author.
 */
export function allowedMentions(mentions: readonly UserAddress[] | undefined): APIAllowedMentions {
  const users = [...new Set((mentions ?? []).map(discordUserId))].slice(0, DISCORD_LIMITS.mentionsPerMessage);
  return { parse: [], users, replied_user: false };
}

/** The embed a question is shown in: the question prominent, the hashtag in the title, the hint below. */
export function questionEmbed(question: QuestionDetails): APIEmbed {
  return {
    title: `Q${question.number} · ${question.hashtag}`.slice(0, DISCORD_LIMITS.embedTitle),
    description: `**${question.text}**`.slice(0, DISCORD_LIMITS.embedDescription),
    footer: { text: question.hint.slice(0, DISCORD_LIMITS.embedFooter) },
    color: QUESTION_COLOUR,
  };
}

/**
 * The body of POST /channels/:id/messages for one outbound message. A question keeps its first line
 * ("Q1: … #Chat") as plain content, for notifications and clients that hide embeds.
 */
export function messageBody(message: OutboundMessage, replyTo?: string): RESTPostAPIChannelMessageJSONBody {
  const content = message.question ? message.text.split('\n')[0]! : message.text;
  return {
    content: content.slice(0, DISCORD_LIMITS.messageLength),
    allowed_mentions: allowedMentions(message.mentions),
    ...(message.question ? { embeds: [questionEmbed(message.question)] } : {}),
    // fail_if_not_exists: false posts anyway when the message replied to was deleted meanwhile.
    ...(replyTo ? { message_reference: { message_id: replyTo, fail_if_not_exists: false } } : {}),
  };
}

/** The name of a question's thread, within Discord's 100 characters. */
export function threadName(question: QuestionDetails): string {
  const name = `Q${question.number}: ${question.text}`;
  return name.length <= DISCORD_LIMITS.threadName ? name : `${name.slice(0, DISCORD_LIMITS.threadName - 1)}…`;
}
