import type { OutboundMessage } from '../../src/port.js';
import type { PostPriority } from './priority-poster.js';

/** How urgent each kind of post is: the chat's spine first, courtesies after. */
export const POST_PRIORITY: Record<OutboundMessage['kind'], PostPriority> = {
  question: 'high',
  thanks: 'high',
  closing: 'high',
  opening: 'high',
  intro: 'high',
  notice: 'high',
  recap: 'normal',
  reminder: 'normal',
  'first-timer': 'normal',
  'welcome-back': 'normal',
};
