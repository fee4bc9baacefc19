import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CoreConfig } from '../config/core-config.js';
import type { Logger } from '../log.js';
import { fillTemplate } from '../script/fill-template.js';
import { type NameOf, peopleDirectory, readableMentions } from './readable-mentions.js';
import type { RecapInput } from './recap-input.js';
import type { RenderExtras } from './render-recap.js';

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().min(1) }) })).min(1),
});

// Keeps one prompt within a small model's context even for a question with hundreds of answers.
const MAX_ANSWER_CHARS = 12_000;

/**
 * Asks an OpenAI-compatible endpoint for a short synthesis of each question's answers. Without
 * EMCEE_LLM_URL nothing touches the network. Any failure (time-out, HTTP error, odd reply) drops every
 * summary and says so, so the recap is never half AI and half not.
 */
export async function summarizeQuestions(
  input: RecapInput,
  config: Pick<
    CoreConfig,
    'EMCEE_LLM_URL' | 'EMCEE_LLM_MODEL' | 'EMCEE_LLM_API_KEY' | 'EMCEE_LLM_TIMEOUT_MS' | 'EMCEE_PROMPTS_DIR'
  >,
  log: Logger,
): Promise<RenderExtras> {
  if (!config.EMCEE_LLM_URL || !config.EMCEE_LLM_MODEL) return {};
  const template = readFileSync(join(config.EMCEE_PROMPTS_DIR, 'recap-summary.md'), 'utf8');
  const summaries = new Map<number, string>();
  const nameOf = peopleDirectory(input);
  try {
    for (const question of input.questions) {
      const answers = answersOf(input, question.number, nameOf);
      if (!answers) continue;
      const prompt = fillTemplate(template, {
        title: input.title,
        hashtag: input.hashtag,
        question: question.text,
        answers,
      });
      summaries.set(question.number, await complete(prompt, config));
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.warn('The AI summary failed; the recap is extractive only', { reason });
    return { notice: `AI summary unavailable (${reason}); this recap is extractive.` };
  }
  return { summaries };
}

async function complete(
  prompt: string,
  config: Pick<CoreConfig, 'EMCEE_LLM_URL' | 'EMCEE_LLM_MODEL' | 'EMCEE_LLM_API_KEY' | 'EMCEE_LLM_TIMEOUT_MS'>,
): Promise<string> {
  const response = await fetch(config.EMCEE_LLM_URL!, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(config.EMCEE_LLM_API_KEY ? { authorization: `Bearer ${config.EMCEE_LLM_API_KEY}` } : {}),
    },
    body: JSON.stringify({
      model: config.EMCEE_LLM_MODEL,
      messages: [{ role: 'user', content: prompt }],
      max_tokens: 220,
      temperature: 0.3,
    }),
    signal: AbortSignal.timeout(config.EMCEE_LLM_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`the endpoint answered HTTP ${response.status}`);
  const parsed = completionSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new Error('the endpoint answered something other than a chat completion');
  return parsed.data.choices[0]!.message.content.trim().replace(/\s+/g, ' ');
}

// Gathered only up to the limit: joining every answer first could outgrow the longest string a huge chat allows.
// Mentions go as names, so the summary cannot repeat platform markup (or ids) back into the recap.
function answersOf(input: RecapInput, question: number, nameOf: NameOf): string {
  let answers = '';
  for (const m of input.messages) {
    if (m.deleted || m.attribution.question !== question) continue;
    answers += `${answers ? '\n' : ''}- ${readableMentions(m.text, nameOf).text}`;
    if (answers.length >= MAX_ANSWER_CHARS) break;
  }
  return answers.slice(0, MAX_ANSWER_CHARS);
}
