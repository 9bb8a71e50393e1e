import { z } from "zod";
import { MAX_RETENTION_MONTHS, MIN_RETENTION_MONTHS } from "./retention-limits";

// Forms on the data-protection pages. Strict: an unexpected field is refused.
const email = z
  .string({ error: "Enter the person's email address" })
  .trim()
  .max(320)
  .email("Enter an email address in the correct format, like name@example.org");

export const PrivacyPageSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("find"), email }).strict(),
    z
      .object({
        intent: z.literal("set-retention"),
        months: z.coerce
          .number({ error: "Enter a number of months" })
          .int("Enter a whole number of months")
          .min(
            MIN_RETENTION_MONTHS,
            `Enter a number of months from ${MIN_RETENTION_MONTHS} to ${MAX_RETENTION_MONTHS}`,
          )
          .max(
            MAX_RETENTION_MONTHS,
            `Enter a number of months from ${MIN_RETENTION_MONTHS} to ${MAX_RETENTION_MONTHS}`,
          ),
      })
      .strict(),
    z.object({ intent: z.literal("run-retention") }).strict(),
  ],
  { error: "Choose what to do" },
);

export const PrivacyExportSchema = z.object({ email }).strict();

export const PrivacyEraseSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("review"), email }).strict(),
    z
      .object({
        intent: z.literal("erase"),
        email,
        confirm: z.literal("yes", { error: "Confirm that you want to erase this person" }),
      })
      .strict(),
  ],
  { error: "Choose what to do" },
);
