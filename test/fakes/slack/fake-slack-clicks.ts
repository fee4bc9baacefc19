import type { FakeEphemeral, FakeSlackUser } from './fake-slack-methods.js';

type Block = { type?: string; block_id?: string; elements?: Record<string, unknown>[] };

/**
 * The block_actions payload Slack sends when `user` clicks the button `actionId` of an ephemeral message
 * (docs.slack.dev/reference/interaction-payloads/block_actions-payload): the container names the message
 * and says it is ephemeral, `response_url` can replace it, `trigger_id` can open a modal.
 */
export function blockActionsPayload(fields: {
  team: string;
  user: FakeSlackUser | { id: string; name: string };
  message: FakeEphemeral;
  actionId: string;
  responseUrl: string;
  triggerId: string;
}): Record<string, unknown> {
  const { team, user, message, actionId } = fields;
  const blocks = (message.blocks ?? []) as Block[];
  const index = blocks.findIndex((b) => b.type === 'actions' && b.elements?.some((e) => e.action_id === actionId));
  if (index < 0) throw new Error(`no button ${actionId} in the message`);
  const block = blocks[index]!;
  const button = block.elements!.find((e) => e.action_id === actionId)!;
  return {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: team },
    api_app_id: 'A0001',
    token: 'verification-token',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: true },
    trigger_id: fields.triggerId,
    team: { id: team, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: message.channel, name: 'chat' },
    state: { values: {} },
    response_url: fields.responseUrl,
    actions: [
      {
        action_id: actionId,
        // Slack makes up a block_id where the app set none, and keeps it with the message.
        block_id: block.block_id ?? `b${index}`,
        text: button.text,
        value: button.value,
        ...(button.style ? { style: button.style } : {}),
        type: 'button',
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
}

/**
 * What a body posted to a click's response_url does to the ephemeral message clicked: `replace_original`
 * replaces its text and blocks, `delete_original` removes it, anything else is a new ephemeral message.
 */
export function applyResponse(
  ephemerals: FakeEphemeral[],
  clicked: FakeEphemeral,
  body: Record<string, unknown>,
  nextTs: () => string,
): void {
  const text = String(body.text ?? '');
  const blocks = body.blocks;
  if (body.delete_original === true || body.delete_original === 'true') {
    ephemerals.splice(ephemerals.indexOf(clicked), 1);
    return;
  }
  if (body.replace_original === true || body.replace_original === 'true') {
    clicked.text = text;
    if (blocks) clicked.blocks = blocks;
    else delete clicked.blocks;
    return;
  }
  const message: FakeEphemeral = { channel: clicked.channel, user: clicked.user, text };
  ephemerals.push(blocks ? { ...message, blocks, ts: nextTs() } : message);
}
