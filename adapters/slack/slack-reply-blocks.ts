import type { CommandReply, ReplyAction } from '../../src/port.js';
import { escapeOutbound, truncateSlack } from './slack-text.js';

// Slack refuses a message of more than 50 blocks: the text, two blocks per line, and one saying how many more.
const MAX_ITEMS = 24;
const SECTION_MAX = 3000;
const BUTTON_LABEL_MAX = 75;
const BUTTONS_PER_BLOCK = 25;

/** A reply as a Slack message: its `text` (the notification and fallback) and, with items, Block Kit. */
export function replyMessage(reply: CommandReply, channelId: string): { text: string; blocks?: object[] } {
  const items = reply.items ?? [];
  // `text` as the /emcee replies always had it: unescaped, since an ephemeral message pings nobody.
  if (!items.length) return { text: reply.text };
  const lines = items.map((item) => `• ${item.text}`);
  const blocks: object[] = reply.text ? [section(reply.text)] : [];
  for (const item of items.slice(0, MAX_ITEMS)) {
    blocks.push(section(item.text || '…'));
    const buttons = item.actions.slice(0, BUTTONS_PER_BLOCK).map((action) => button(action, channelId));
    if (buttons.length) blocks.push({ type: 'actions', elements: buttons });
  }
  if (items.length > MAX_ITEMS) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${items.length - MAX_ITEMS} more.` }] });
  }
  return { text: [reply.text, ...lines].filter(Boolean).join('\n'), blocks };
}

function section(text: string): object {
  return { type: 'section', text: { type: 'mrkdwn', text: truncateSlack(escapeOutbound(text), SECTION_MAX) } };
}

// The button's value is the channel: a click on an ephemeral message names no channel Emcee can trust more.
function button(action: ReplyAction, channelId: string): object {
  return {
    type: 'button',
    action_id: action.id,
    text: { type: 'plain_text', text: truncateSlack(action.label, BUTTON_LABEL_MAX), emoji: true },
    value: channelId,
    ...(action.style ? { style: action.style } : {}),
  };
}
