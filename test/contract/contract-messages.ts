import type { OutboundMessage } from '../../src/port.js';

/** The reaction the core sends for an answer, with the applause template a chat may set. */
export const CLAP = { unicode: '👏', shortcode: 'clap', applause: '👏 Great answers, {names}!' };

/** A question as the core posts it, asking for a thread. */
export function question(n: number): OutboundMessage {
  const hint = `Answer with A${n}: … and add #ContractChat`;
  const text = `What makes a community feel like home, take ${n}?`;
  return {
    kind: 'question',
    text: `Q${n}: ${text} #ContractChat\n${hint}`,
    question: { number: n, text, hashtag: '#ContractChat', hint, openThread: true },
  };
}

/** A plain notice. */
export const notice = (text: string): OutboundMessage => ({ kind: 'notice', text });
