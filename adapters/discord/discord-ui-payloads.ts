import { z } from 'zod';
import { discordMemberSchema, discordUserSchema } from './discord-payloads.js';

/**
 * INTERACTION_CREATE payloads for clicks (MESSAGE_COMPONENT, type 3) and submitted forms (MODAL_SUBMIT,
 * type 5), as Discord's "Interaction Structure", "Message Component Data Structure" and "Modal Submit Data
 * Structure" describe them. Only the fields the adapter reads are checked; the rest pass through.
 */

const snowflake = z.string().regex(/^\d{1,20}$/);

const interactionBase = {
  id: snowflake,
  application_id: snowflake,
  token: z.string().min(1),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  channel: z.object({ id: snowflake, type: z.number().int(), parent_id: snowflake.nullish() }).optional(),
  member: discordMemberSchema.extend({ user: discordUserSchema }).optional(),
  // The message a clicked component (or the button that opened a modal) sits on.
  message: z.object({ id: snowflake, flags: z.number().int().optional() }).passthrough().optional(),
};

/** A click on a button or a choice in a select menu. */
export const discordComponentInteractionSchema = z.object({
  ...interactionBase,
  type: z.literal(3),
  data: z.object({
    custom_id: z.string().min(1).max(100),
    // 2 = button, 3 = string select.
    component_type: z.number().int(),
    values: z.array(z.string()).optional(),
  }),
});

/** A validated component interaction. */
export type DiscordComponentInteraction = z.infer<typeof discordComponentInteractionSchema>;

const submittedTextInput = z.object({ type: z.literal(4), custom_id: z.string(), value: z.string().default('') });

// A text input comes back inside an action row (type 1, what Emcee sends) or a label (type 18, Discord's newer layout).
const submittedRow = z.union([
  z.object({ type: z.literal(1), components: z.array(submittedTextInput) }),
  z.object({ type: z.literal(18), component: submittedTextInput }),
]);

/** A submitted modal. */
export const discordModalSubmitSchema = z.object({
  ...interactionBase,
  type: z.literal(5),
  data: z.object({
    custom_id: z.string().min(1).max(100),
    components: z.array(submittedRow),
  }),
});

/** A validated modal submission. */
export type DiscordModalSubmit = z.infer<typeof discordModalSubmitSchema>;

/** The text inputs of a submission, in the order the modal showed them: custom_id → value. */
export function submittedInputs(submit: DiscordModalSubmit): { customId: string; value: string }[] {
  return submit.data.components.flatMap((row) =>
    (row.type === 1 ? row.components : [row.component]).map((input) => ({
      customId: input.custom_id,
      value: input.value,
    })),
  );
}
