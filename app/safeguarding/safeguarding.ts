import { z } from "zod";

// The safeguarding log's vocabulary and form. Minimum data: initials and year group, never names.
export const CATEGORIES = [
  { value: "criminal_exploitation", label: "Criminal exploitation, including county lines" },
  { value: "sexual_exploitation", label: "Sexual exploitation" },
  { value: "peer_abuse", label: "Child-on-child abuse, including bullying" },
  { value: "online_harm", label: "Online harm" },
  { value: "violence_weapons", label: "Violence or weapons" },
  { value: "domestic_abuse", label: "Domestic abuse" },
  { value: "going_missing", label: "Going missing" },
  { value: "neglect", label: "Neglect" },
  { value: "mental_health", label: "Mental health or self-harm" },
  { value: "other", label: "Other" },
] as const;

export const DESTINATIONS = [
  { value: "sos_121", label: "SOS+ 1-2-1 support" },
  { value: "school_dsl", label: "School's designated safeguarding lead" },
  { value: "mash", label: "MASH (Multi-Agency Safeguarding Hub)" },
  { value: "mace", label: "MACE (Multi-Agency Child Exploitation panel)" },
] as const;

export const CONSENT = [
  { value: "given", label: "Yes, consent was given" },
  { value: "not_given", label: "No, shared without consent because of risk of harm" },
  { value: "not_applicable", label: "Not applicable" },
] as const;

export const YEAR_GROUPS = [
  { value: "R", label: "Reception" },
  ...Array.from({ length: 13 }, (_, i) => ({ value: String(i + 1), label: `Year ${i + 1}` })),
  { value: "adult", label: "Adult" },
  { value: "unknown", label: "Not known" },
];

export function labelOf(
  list: readonly { value: string; label: string }[],
  value: string | null | undefined,
) {
  return list.find((x) => x.value === value)?.label ?? value ?? "";
}

export const SafeguardingRecordSchema = z
  .object({
    kind: z.enum(["concern", "referral"], {
      error: "Choose whether this is a concern or a referral",
    }),
    category: z.enum(CATEGORIES.map((c) => c.value) as [string, ...string[]], {
      error: "Choose a category",
    }),
    destination: z.enum(["none", ...DESTINATIONS.map((d) => d.value)] as [string, ...string[]], {
      error: "Choose who it was passed to",
    }),
    initials: z
      .string({ error: "Enter the young person's initials" })
      .trim()
      .transform((s) => s.toUpperCase().replace(/[\s.]/g, ""))
      .pipe(z.string().regex(/^[A-Z]{1,3}$/, "Enter initials only: 1 to 3 letters, like JB")),
    yearGroup: z.enum(YEAR_GROUPS.map((y) => y.value) as [string, ...string[]], {
      error: "Choose a year group",
    }),
    consent: z.enum(["given", "not_given", "not_applicable"], {
      error: "Choose whether consent was given",
    }),
    notes: z.string().trim().max(500, "Notes must be 500 characters or fewer").optional(),
  })
  .strict()
  .refine((v) => v.kind !== "referral" || v.destination !== "none", {
    path: ["destination"],
    message: "Choose who the referral was made to",
  });
