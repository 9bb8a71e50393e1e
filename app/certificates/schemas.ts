import { z } from "zod";
import { optionalDateInput } from "~/utils/date-schema";

// The certificate forms' schemas (shared by routes and their tests). Strict: unknown fields are refused.
const required = (message: string, max = 200) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Enter ${max} characters or fewer`);
const optional = (max = 200) =>
  z.string().trim().max(max, `Enter ${max} characters or fewer`).optional();

export const VerifyFormSchema = z
  .object({ code: required("Enter the verification code printed on the certificate", 200) })
  .strict();

const achievementFields = {
  kind: z.enum(["module", "session"], { error: "Select what the certificate is for" }),
  title: required("Enter the name of the module or session"),
  moduleVersion: optional(40),
  sessionDate: optionalDateInput("the date of the session"),
  audience: optional(80),
  format: optional(80),
  description: optional(400),
  achievedOn: optionalDateInput("the date it was achieved"),
  issuerName: required("Select who issues the certificate", 120),
  programmeName: required("Enter the programme", 120),
  requestId: z.string().uuid(),
};

function checkKind(
  v: { kind: string; moduleVersion?: string; sessionDate?: string },
  ctx: z.RefinementCtx,
) {
  if (v.kind === "module" && !v.moduleVersion)
    ctx.addIssue({
      code: "custom",
      path: ["moduleVersion"],
      message: "Enter the module's version",
    });
  if (v.kind === "session" && !/^\d{4}-\d{2}-\d{2}$/.test(v.sessionDate ?? ""))
    ctx.addIssue({
      code: "custom",
      path: ["sessionDate"],
      message: "Enter the date of the session",
    });
}

export const IssueFormSchema = z
  .object({
    holderName: required("Enter the holder's full name", 120),
    holderEmail: z
      .email("Enter an email address in the correct format, like name@example.org")
      .optional(),
    ...achievementFields,
  })
  .strict()
  .superRefine(checkKind);

export const BulkFormSchema = z
  .object({
    holders: required(
      "Enter at least one person: a name, then a comma and their email address",
      200_000,
    ),
    ...achievementFields,
  })
  .strict()
  .superRefine(checkKind);

export const RevokeFormSchema = z
  .object({
    intent: z.literal("revoke"),
    revokeReason: required("Enter why the certificate is being revoked", 500),
  })
  .strict();
export const ReissueFormSchema = z
  .object({
    intent: z.literal("reissue"),
    reissueReason: required("Enter why the certificate is being re-issued", 500),
    holderName: required("Enter the holder's full name", 120),
    holderEmail: z
      .email("Enter an email address in the correct format, like name@example.org")
      .optional(),
  })
  .strict();

export interface HolderLine {
  name: string;
  email: string | null;
}

/** "Name, email" per line (email optional; tabs from a spreadsheet work as commas). */
export function parseHolderLines(textValue: string): { holders: HolderLine[]; errors: string[] } {
  const holders: HolderLine[] = [];
  const errors: string[] = [];
  const lines = textValue.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const [name, email, ...rest] = line.split(/\t|,|;/).map((p) => p.trim());
    if (!name || rest.some(Boolean))
      return errors.push(`Line ${i + 1}: enter a name, then a comma and an email address`);
    if (email && !z.email().safeParse(email).success)
      return errors.push(`Line ${i + 1}: "${email}" is not an email address`);
    holders.push({ name, email: email ? email.toLowerCase() : null });
  });
  if (holders.length > 1000) errors.push("Enter 1,000 people or fewer in one batch");
  return { holders, errors };
}
