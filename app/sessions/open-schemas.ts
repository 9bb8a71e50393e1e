import { z } from "zod";

// Forms of the public open-sessions pages. Strict: an unexpected field is refused, not ignored.
export const BookPlaceSchema = z
  .object({
    name: z
      .string({ error: "Enter your full name" })
      .trim()
      .min(1, "Enter your full name")
      .max(200, "Name must be 200 characters or fewer"),
    email: z
      .string({ error: "Enter your email address" })
      .trim()
      .max(320)
      .email("Enter an email address in the correct format, like name@example.org"),
    organisation: z
      .string()
      .trim()
      .max(200, "School or organisation must be 200 characters or fewer")
      .optional(),
    accessNeeds: z
      .string()
      .trim()
      .max(1000, "Access needs must be 1,000 characters or fewer")
      .optional(),
    /** A field people never see and bots fill in (issue 11, finding 7). */
    website: z.string().max(1000).optional(),
  })
  .strict();

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The list's filters, read from the URL; a value that does not parse is reported and ignored. */
export const OpenSessionFiltersSchema = z.object({
  district: z.string().max(100).optional(),
  audience: z.enum(["parents", "teachers", "vcse_staff"]).optional(),
  from: z
    .string()
    .regex(isoDay, "Enter the ‘from’ date as a real date")
    .refine((d) => !Number.isNaN(Date.parse(d)), "Enter the ‘from’ date as a real date")
    .optional(),
  to: z
    .string()
    .regex(isoDay, "Enter the ‘to’ date as a real date")
    .refine((d) => !Number.isNaN(Date.parse(d)), "Enter the ‘to’ date as a real date")
    .optional(),
});
