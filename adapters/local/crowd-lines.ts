/** What simulated participants say: varied enough that a demo reads like a real chat. */

/** Handles of simulated participants, from many places. */
export const CROWD_NAMES = [
  'ana_ruiz',
  'li_wei',
  'giulia.r',
  'kwame',
  'priya.n',
  'tomk',
  'fatima',
  'omar_f',
  'zoe_x',
  'carlos',
  'mika_t',
  'noor',
  'hank.m',
  'lena',
  'ivan',
  'dee_codes',
  'sam_o',
  'beth_md',
  'chen.yu',
  'rob_b',
  'yuki',
  'amara',
  'jonas',
  'sofia_p',
  'raj',
  'elif',
  'marta',
  'ben_k',
  'aisha',
  'pedro',
];

/** Hellos during the opening. */
export const GREETINGS = [
  'Hello from Milan! 👋',
  'Hi all! Joining from Ohio',
  'Hey #CommunityChat fam',
  'Lurking today but here 🙂',
  '大家好！',
  'Ciao a tutti!',
  'Morning from Lagos ☀️',
  'First coffee, first chat. Hi!',
  'Hi from Berlin',
  'Excited for this one!',
  'Hola desde Madrid',
  'Hi everyone, happy to be here',
];

/** Answers any question could draw; the crowd adds the prefix. */
export const ANSWERS = [
  'Listen first, then talk. Relationships start with curiosity.',
  'Reply to every comment you can, people notice.',
  'A handwritten card after a great chat goes a long way.',
  'Consistency. Show up every week.',
  'Move to DMs, then a call, then coffee.',
  'Give without an agenda and the business follows.',
  'Track who replies and who converts, not just follower counts.',
  'Thank people publicly and specifically.',
  'Share other people’s content 3x more than your own.',
  'Video replies! They feel so much more human.',
  'Personalize: mention something they said last time.',
  'Empathy — read between the lines, 280 chars lose a lot of context.',
  'Ask questions, then actually read the answers.',
  'I use lists and saved searches to follow the people who matter.',
  'Within the hour if possible, but a thoughtful reply beats a fast canned one.',
  'Ascoltare prima di parlare, sempre.',
  '像磁铁而不是扩音器。',
  '每一条评论都值得回复。',
  'Dare senza un’agenda: il resto arriva.',
  'Be a magnet, not a megaphone.',
];

/** Reactions to someone else's answer. */
export const CHATTER = [
  'Great point!',
  'This! 100%',
  'Totally agree, A+ answer',
  'Love this!',
  'So true 👏',
  'Stealing this idea',
];

/** Goodbyes after the closing. */
export const GOODBYES = ['Grazie a tutti!', 'Great chat, see you next week', '谢谢！', 'Thanks all, this was fun 🙌'];
