import { z } from "zod";
import {
  KINDS,
  normalisePostcode,
  CHARITY_NUMBER_PATTERN,
  COMPANY_NUMBER_PATTERN,
  PHASES,
  URN_PATTERN,
} from "./reference";
import { SETTING_TYPES } from "~/reports/setting-types";

// zod schemas for the organisation forms. Strict: an unexpected field is refused, not ignored.
const name = z
  .string({ error: "Enter the organisation's name" })
  .trim()
  .min(1, "Enter the organisation's name")
  .max(200, "Name must be 200 characters or fewer");

const districtId = z.string({ error: "Choose the district" }).max(50);

const charityNumber = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s+/g, "").toUpperCase())
  .pipe(
    z
      .string()
      .regex(CHARITY_NUMBER_PATTERN, "Enter a charity number of 6 or 7 digits, like 1190001"),
  )
  .optional();

const companyNumber = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s+/g, "").toUpperCase())
  .pipe(
    z
      .string()
      .regex(
        COMPANY_NUMBER_PATTERN,
        "Enter a company number of 8 characters, like 12000003 or SC123456",
      ),
  )
  .optional();

const postcode = z
  .string({ error: "Enter the postcode" })
  .trim()
  .max(10, "Enter a real postcode, like NR2 4AA")
  .transform((s, ctx) => {
    const p = normalisePostcode(s);
    if (!p) {
      ctx.addIssue({ code: "custom", message: "Enter a real postcode, like NR2 4AA" });
      return z.NEVER;
    }
    return p;
  });

// For the trainer's run-sheet (issue 17, item 8): how to get there and whom to ring on the day.
const address = z
  .string()
  .trim()
  .max(300, "Address must be 300 characters or fewer")
  .optional()
  .transform((s) => s || null);

const contactPhone = z
  .string()
  .trim()
  .max(30, "Enter a phone number of 30 characters or fewer")
  .regex(/^[0-9+() -]*$/, "Enter a phone number using digits, like 01603 123456")
  .optional()
  .transform((s) => s || null);

export const SettingSchema = z
  .object({
    name,
    urn: z
      .string({ error: "Enter the URN" })
      .trim()
      .regex(URN_PATTERN, "Enter the URN as 6 digits, like 121234"),
    phase: z.enum(PHASES as [string, ...string[]], { error: "Choose the phase of education" }),
    establishmentType: z
      .string({ error: "Choose the type of establishment" })
      .trim()
      .min(1)
      .max(100),
    // Blank: the register's answer (decision 136).
    settingType: z
      .enum(["", ...SETTING_TYPES.map((t) => t.key)] as [string, ...string[]], {
        error: "Choose a type of setting",
      })
      .optional()
      .transform((v) => v || null),
    districtId,
    postcode,
    address,
    contactPhone,
  })
  .strict();

/**
 * A school's details for trainers' visits, as its coordinator keeps them (issue 17, item 8). The
 * postcode stays required, as on the lead's form: every school on the register has one, and the
 * run-sheet's map link is made from it.
 */
export const VisitDetailsSchema = z
  .object({
    settingId: z.string({ error: "Choose the school" }).max(64),
    postcode,
    address,
    contactPhone,
  })
  .strict();

export const VcseSchema = z.object({ name, charityNumber, companyNumber, districtId }).strict();

export const PartnerSchema = z.object({ name, charityNumber, companyNumber }).strict();

export const CommissionerSchema = z.object({ name }).strict();

export const KindSchema = z.enum(KINDS as [string, ...string[]]);

export const ListFilterSchema = z.object({
  kind: z
    .enum(KINDS as [string, ...string[]])
    .optional()
    .catch(undefined),
  district: z.string().max(50).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  archived: z.enum(["include", "only"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
});

export const ImportUploadSchema = z
  .object({
    laCode: z
      .string({ error: "Enter the local authority code" })
      .trim()
      .regex(/^[0-9]{3}$/, "Enter the local authority code as 3 digits, like 926 for Norfolk"),
    file: z.any().optional(),
  })
  .strict();
