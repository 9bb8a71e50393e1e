import { z } from "zod";

// Leads' forms for questionnaire templates.
const name = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(200, "Name must be 200 characters or fewer");
const style = z.enum(["standard", "pupil"], { error: "Choose who answers it" });
const text = z
  .string({ error: "Enter the wording" })
  .trim()
  .min(1, "Enter the wording")
  .max(300, "Wording must be 300 characters or fewer");

export const NewQuestionnaireSchema = z
  .object({ name, style, copyFrom: z.string().max(100).optional() })
  .strict();

export const QuestionnaireEditSchema = z.discriminatedUnion("intent", [
  z
    .object({ intent: z.literal("details"), name, style, archived: z.literal("on").optional() })
    .strict(),
  z
    .object({
      intent: z.literal("add-item"),
      kind: z.enum(["before_after", "satisfaction", "free_text"], {
        error: "Choose the type of question",
      }),
      text,
    })
    .strict(),
  z.object({ intent: z.literal("edit-item"), itemId: z.string().max(100), text }).strict(),
  z
    .object({
      intent: z.enum(["move-up", "move-down", "remove-item"]),
      itemId: z.string().max(100),
    })
    .strict(),
]);
