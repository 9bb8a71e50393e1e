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

// A link may still carry `from=YYYY-MM-DD` (the form sends day, month and year, read by the route):
// the same words as the date input's when it is not a real day.
const linkDay = (label: string) =>
  z
    .string()
    .refine((d) => {
      const t = /^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.parse(`${d}T12:00:00Z`) : NaN;
      // 31 February parses in some engines as 3 March: the day must come back as typed.
      return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
    }, `${label} must be a real date`)
    .optional();

/** The list's filters, read from the URL; a value that does not parse is reported and ignored. */
export const OpenSessionFiltersSchema = z.object({
  district: z.string().max(100).optional(),
  audience: z.enum(["parents", "teachers", "vcse_staff"]).optional(),
  from: linkDay("The ‘from’ date"),
  to: linkDay("The ‘to’ date"),
});
