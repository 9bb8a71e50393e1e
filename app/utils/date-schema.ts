import { z } from "zod";
import { dateToParts, parseDateParts } from "./date-input";

// The zod side of the GOV.UK date input (app/utils/date-input.ts): parseForm nests
// `${name}-day/-month/-year` into one object, and these turn it into YYYY-MM-DD or the field's
// message. Kept apart from date-input.ts so the page's bundle does not carry zod for it.

/**
 * What arrived for a date: the three fields, nested by parseForm; or one YYYY-MM-DD value, as an
 * older link, a script or a test posts it (read as its parts, never dropped: a date sent as one
 * value used to be read as no date, which cleared a trainer's checks); anything else is not a date.
 */
function readParts(v: unknown) {
  if (v && typeof v === "object") return v;
  if (typeof v !== "string" || v.trim() === "") return {};
  const iso = v.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return dateToParts(iso);
  return { day: "?", month: "?", year: "?" };
}

const partsSchema = z.preprocess(
  readParts,
  z
    .object({
      day: z.string().optional(),
      month: z.string().optional(),
      year: z.string().optional(),
    })
    .strict(),
);

/** A required GOV.UK date input, giving YYYY-MM-DD. */
export function dateInput(label: string) {
  return partsSchema.transform((parts, ctx): string => {
    const r = parseDateParts(parts, label);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
    else if (r.date === null) ctx.addIssue({ code: "custom", message: `Enter ${label}` });
    else return r.date;
    return z.NEVER;
  });
}

/** An optional GOV.UK date input: YYYY-MM-DD, or undefined when all three fields are empty. */
export function optionalDateInput(label: string) {
  return partsSchema.optional().transform((parts, ctx): string | undefined => {
    const r = parseDateParts(parts ?? {}, label);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.date ?? undefined;
  });
}
