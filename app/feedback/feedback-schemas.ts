import { z } from "zod";

// The public feedback form's schema is built from the questionnaire's items: a required 1–5 answer
// per scale question, optional free text. Field names are `q_<item id>`.
export function fieldName(itemId: string) {
  return `q_${itemId}`;
}

export function answersSchema(items: { id: string; kind: string; text: string }[]) {
  const shape: Record<string, z.ZodType> = {
    stage: z.enum(["before", "after"]),
    code: z.string().max(64).optional(),
  };
  for (const item of items) {
    shape[fieldName(item.id)] =
      item.kind === "free_text"
        ? z.string().trim().max(2000, "Your answer must be 2,000 characters or fewer").optional()
        : z.enum(["1", "2", "3", "4", "5"], { error: `Choose an answer for “${item.text}”` });
  }
  return z.object(shape).strict();
}

const count = z.coerce
  .number({ error: "Enter a whole number" })
  .int("Enter a whole number")
  .min(0, "Enter 0 or more")
  .max(10000, "Enter a number of 10,000 or fewer");

/** Paper tallies: `t_<item id>_<stage>_<score>` counts, blank meaning 0. */
export function talliesSchema(items: { id: string; kind: string }[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const item of items) {
    if (item.kind === "free_text") continue;
    for (const stage of item.kind === "before_after" ? ["before", "after"] : ["after"]) {
      for (const score of [1, 2, 3, 4, 5])
        shape[`t_${item.id}_${stage}_${score}`] = count.optional();
    }
  }
  return z.object({ intent: z.literal("tallies"), ...shape }).strict();
}
