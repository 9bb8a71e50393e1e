import { z } from "zod";
import { audienceLabel } from "~/sessions/audiences";

// The zod schemas of the learning forms (shared by routes; pure, so safe in the browser bundle).

export function isHttpsUrl(u: string) {
  return /^https:\/\/[^\s\\]+$/i.test(u);
}

export const ContactSchema = z
  .object({
    intent: z.enum(["save", "add", "delete"]),
    id: z.string().max(64).optional(),
    name: z
      .string({ error: "Enter the name of the service" })
      .trim()
      .min(1, "Enter the name of the service")
      .max(120),
    description: z
      .string({ error: "Enter what the service does" })
      .trim()
      .min(1, "Enter what the service does")
      .max(400),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[0-9 +()]*$/, "Enter a phone number using numbers and spaces only")
      .optional(),
    url: z
      .string()
      .trim()
      .max(300)
      .refine((u) => isHttpsUrl(u), "Enter a website address starting with https://")
      .optional(),
  })
  .strict();

export const DeleteSchema = z
  .object({ intent: z.literal("delete"), id: z.string().max(64) })
  .strict();

// Who a module is for: the delivery audiences keep their one name (app/sessions/audiences.ts).
export const AUDIENCES = [
  audienceLabel("vcse_staff"),
  "Managers and safeguarding leads in VCSE organisations",
  audienceLabel("teachers"),
  "Anyone working with young people",
];

export const DetailsSchema = z
  .object({
    title: z
      .string({ error: "Enter a title" })
      .trim()
      .min(1, "Enter a title")
      .max(120, "Title must be 120 characters or fewer"),
    summary: z
      .string({ error: "Enter a summary" })
      .trim()
      .min(1, "Enter a summary")
      .max(600, "Summary must be 600 characters or fewer"),
    audience: z
      .string({ error: "Enter who the module is for" })
      .trim()
      .min(1, "Enter who the module is for")
      .max(120),
    estimatedMinutes: z
      .number({ error: "Enter the time needed in minutes, as a whole number" })
      .int("Enter the time needed in minutes, as a whole number")
      .min(1, "The time needed must be at least 1 minute")
      .max(600, "The time needed must be 600 minutes or fewer"),
    passMark: z
      .number({ error: "Enter the pass mark as a percentage, for example 80" })
      .int("Enter the pass mark as a whole number")
      .min(1, "The pass mark must be between 1 and 100")
      .max(100, "The pass mark must be between 1 and 100"),
    contentNote: z
      .string()
      .trim()
      .max(400, "The content note must be 400 characters or fewer")
      .optional(),
  })
  .strict();

export const LessonSchema = z
  .object({
    intent: z.literal("save").optional(),
    title: z
      .string({ error: "Enter a lesson title" })
      .trim()
      .min(1, "Enter a lesson title")
      .max(120, "Title must be 120 characters or fewer"),
    contentNote: z
      .string()
      .trim()
      .max(400, "The content note must be 400 characters or fewer")
      .optional(),
    bodyMarkdown: z
      .string({ error: "Enter the lesson text" })
      .min(1, "Enter the lesson text")
      .max(50_000, "The lesson text must be 50,000 characters or fewer"),
  })
  .strict();

/**
 * "Preview" on the change-lesson form (and the editor's fetcher, which sends only the text): what
 * was typed comes back with its preview, so nothing here is required. The text's length is the
 * capability's to judge (previewLessonText), as it is the save's.
 */
export const LessonPreviewSchema = z
  .object({
    intent: z.literal("preview"),
    title: z.string().optional(),
    contentNote: z.string().optional(),
    bodyMarkdown: z.string().optional(),
  })
  .strict();

export const OPTION_SLOTS = [1, 2, 3, 4, 5, 6] as const;

const optionFields = Object.fromEntries(
  OPTION_SLOTS.flatMap((n) => [
    [
      `option${n}`,
      z.string().trim().max(300, `Answer ${n} must be 300 characters or fewer`).optional(),
    ],
    [
      `feedback${n}`,
      z.string().trim().max(600, `Feedback ${n} must be 600 characters or fewer`).optional(),
    ],
  ]),
) as Record<string, z.ZodOptional<z.ZodString>>;

export const QuestionSchema = z
  .object({
    intent: z.literal("save").optional(),
    prompt: z
      .string({ error: "Enter the question" })
      .trim()
      .min(1, "Enter the question")
      .max(400, "The question must be 400 characters or fewer"),
    kind: z.enum(["single", "multiple"], {
      error: "Select whether learners choose one answer or several",
    }),
    correct: z.array(z.enum(["1", "2", "3", "4", "5", "6"])).optional(),
    ...optionFields,
  })
  .strict()
  .superRefine((v, ctx) => {
    const rec = v as Record<string, unknown>;
    const filled = OPTION_SLOTS.filter((n) => rec[`option${n}`]);
    const correct = (v.correct ?? []).map(Number);
    if (filled.length < 2)
      ctx.addIssue({ code: "custom", path: ["option1"], message: "Enter at least two answers" });
    for (const n of correct) {
      if (!rec[`option${n}`])
        ctx.addIssue({
          code: "custom",
          path: [`option${n}`],
          message: `Answer ${n} is marked correct: enter its text`,
        });
    }
    for (const n of filled) {
      if (!rec[`feedback${n}`])
        ctx.addIssue({
          code: "custom",
          path: [`feedback${n}`],
          message: `Enter feedback for answer ${n}`,
        });
    }
    if (correct.length === 0)
      ctx.addIssue({ code: "custom", path: ["correct"], message: "Select the correct answer" });
    if (v.kind === "single" && correct.length > 1)
      ctx.addIssue({
        code: "custom",
        path: ["correct"],
        message: "A single-choice question has exactly one correct answer",
      });
  });

export function questionInput(v: z.infer<typeof QuestionSchema>) {
  const rec = v as Record<string, unknown>;
  const correct = new Set((v.correct ?? []).map(Number));
  return {
    prompt: v.prompt,
    kind: v.kind,
    options: OPTION_SLOTS.filter((n) => rec[`option${n}`]).map((n) => ({
      text: String(rec[`option${n}`]),
      isCorrect: correct.has(n),
      feedback: String(rec[`feedback${n}`] ?? ""),
    })),
  };
}
