import { z } from "zod";
import { dateInput } from "~/utils/date-schema";
import { YEAR_GROUPS } from "~/safeguarding/safeguarding";
import {
  ASSESSMENT_STAGES,
  ASSESSMENT_VOICES,
  CLOSURE_REASONS,
  CONSENT_GIVERS,
  CONSENT_HOW,
  CONSENT_PURPOSES,
  CONTACT_OUTCOMES,
  CONTACT_PLACES,
  MISSED_REASONS,
  NRM_STATUSES,
  ONWARD_OUTCOMES,
  ONWARD_SERVICES,
  RISK_CHANGES,
  RISK_INDICATORS,
  RISK_LEVELS,
  RISK_SOURCES,
  valuesOf,
} from "./rules";

// The casework forms, one strict schema each (unknown fields are refused).

const choice = <T extends readonly { value: string }[]>(list: T, message: string) =>
  z.enum(list.map((c) => c.value) as [string, ...string[]], { error: message });
const yesNo = (message: string) =>
  z.enum(["yes", "no"], { error: message }).transform((v) => v === "yes");
const manyOf = (values: readonly string[]) =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.enum(values as [string, ...string[]], { error: "Choose from the list" }))
      .max(values.length),
  );
const name = z
  .string({ error: "Enter the young person's full name" })
  .trim()
  .min(2, "Enter the young person's full name")
  .max(120, "The name must be 120 characters or fewer");

export const ReferralSchema = z
  .object({
    programmeId: z.string({ error: "Choose a programme" }).max(64),
    schoolId: z.string().max(64).optional(),
    name,
    dateOfBirth: dateInput("the date of birth"),
    yearGroup: z.enum(YEAR_GROUPS.map((y) => y.value) as [string, ...string[]], {
      error: "Choose a year group",
    }),
    reason: z
      .string({ error: "Enter why you are referring the young person" })
      .trim()
      .min(1, "Enter why you are referring the young person")
      .max(2000, "Keep the reason to 2,000 characters or fewer"),
    riskIndicators: manyOf(valuesOf(RISK_INDICATORS)),
    maceKnown: yesNo("Choose whether the MACE panel knows about the young person"),
    parentAware: yesNo("Choose whether a parent or carer knows about the referral"),
    // Sent by "Send the referral anyway" after the eligibility warnings were shown.
    confirmWarnings: z.literal("yes").optional(),
  })
  .strict();

export const TriageSchema = z
  .object({
    decision: z.enum(["accept", "decline", "signpost"], {
      error: "Choose what to do with the referral",
    }),
    caseworkerId: z.string().max(64).optional(),
    reason: z.string().trim().max(500, "Keep the reason to 500 characters or fewer").optional(),
  })
  .strict();

export const DetailsSchema = z
  .object({ intent: z.literal("details"), name, dateOfBirth: dateInput("the date of birth") })
  .strict();
export const ReallocateSchema = z
  .object({
    intent: z.literal("reallocate"),
    caseworkerId: z.string({ error: "Choose a caseworker" }).max(64),
  })
  .strict();
export const PlanSchema = z
  .object({
    intent: z.literal("plan"),
    plan: z
      .string({ error: "Enter the support plan's goals" })
      .trim()
      .min(1, "Enter the support plan's goals")
      .max(4000, "Keep the plan to 4,000 characters or fewer"),
  })
  .strict();

export const ConsentSchema = z
  .object({
    intent: z.literal("record"),
    purpose: choice(CONSENT_PURPOSES, "Choose what the consent is for"),
    givenBy: choice(CONSENT_GIVERS, "Choose who gave consent"),
    givenOn: dateInput("the date consent was given"),
    how: choice(CONSENT_HOW, "Choose how consent was given"),
    present: z.string().trim().max(200, "Keep this to 200 characters or fewer").optional(),
  })
  .strict();
export const WithdrawSchema = z
  .object({ intent: z.literal("withdraw"), consentId: z.string().max(64) })
  .strict();

export const ContactSchema = z
  .object({
    contactOn: dateInput("the date of the contact"),
    minutes: z
      .number({ error: "Enter how long the contact lasted, in minutes" })
      .int("Enter whole minutes")
      .min(0, "Minutes cannot be negative")
      .max(600, "Enter 600 minutes or fewer"),
    place: choice(CONTACT_PLACES, "Choose where the contact was"),
    outcome: choice(CONTACT_OUTCOMES, "Choose whether the young person attended"),
    missedReason: choice(MISSED_REASONS, "Choose why there was no contact").optional(),
    note: z.string().trim().max(1000, "Keep the note to 1,000 characters or fewer").optional(),
  })
  .strict()
  .refine((v) => v.outcome === "attended" || v.missedReason, {
    path: ["missedReason"],
    message: "Choose why there was no contact",
  });

/** Built from the programme's current characteristics: one score_<itemId> field each, 1 to 5. */
export function assessmentSchema(items: { id: string; label: string }[]) {
  const scores = Object.fromEntries(
    items.map((i) => [
      `score_${i.id}`,
      z
        .number({ error: `Choose a score for ${i.label.toLowerCase()}` })
        .int()
        .min(1, `Choose a score for ${i.label.toLowerCase()}`)
        .max(5, `Choose a score for ${i.label.toLowerCase()}`),
    ]),
  );
  return z
    .object({
      stage: choice(ASSESSMENT_STAGES, "Choose when this assessment was taken"),
      voice: choice(ASSESSMENT_VOICES, "Choose whose scores these are"),
      takenOn: dateInput("the date of the assessment"),
      ...scores,
    })
    .strict();
}

export const RiskSchema = z
  .object({
    recordedOn: dateInput("the date"),
    level: choice(RISK_LEVELS, "Choose the risk level"),
    source: choice(RISK_SOURCES, "Choose whose assessment of risk this is"),
    reason: z
      .string({ error: "Enter the reason for this risk level" })
      .trim()
      .min(1, "Enter the reason for this risk level")
      .max(1000, "Keep the reason to 1,000 characters or fewer"),
    maceInvolved: yesNo("Choose whether the MACE panel is involved"),
    missingEpisodes: z
      .number({ error: "Enter the number of missing episodes" })
      .int("Enter a whole number")
      .min(0, "Cannot be negative")
      .max(999, "Enter 999 or fewer"),
    policeContacts: z
      .number({ error: "Enter the number of police contacts" })
      .int("Enter a whole number")
      .min(0, "Cannot be negative")
      .max(999, "Enter 999 or fewer"),
    nrmStatus: choice(NRM_STATUSES, "Choose the National Referral Mechanism status"),
  })
  .strict();

export const OnwardSchema = z
  .object({
    intent: z.literal("add"),
    service: choice(ONWARD_SERVICES, "Choose the service"),
    madeOn: dateInput("the date of the referral"),
    outcome: choice(ONWARD_OUTCOMES, "Choose the outcome"),
  })
  .strict();
export const OnwardOutcomeSchema = z
  .object({
    intent: z.literal("outcome"),
    onwardId: z.string().max(64),
    outcome: choice(ONWARD_OUTCOMES, "Choose the outcome"),
  })
  .strict();

export const CloseSchema = z
  .object({
    reason: choice(CLOSURE_REASONS, "Choose why the case is closing"),
    ending: z.enum(["planned", "unplanned"], { error: "Choose whether the ending was planned" }),
    eet: yesNo("Choose whether the young person is in education, employment or training"),
    risk: choice(RISK_CHANGES, "Choose how risk compares with the start"),
    exited: yesNo("Choose whether the young person has exited exploitation"),
  })
  .strict();

export const YoungPersonExportSchema = z
  .object({ name, dateOfBirth: dateInput("the date of birth") })
  .strict();

export const YoungPersonEraseSchema = z
  .object({
    name,
    dateOfBirth: dateInput("the date of birth"),
    confirm: z.literal("yes", {
      error: "Confirm that every record about this young person should be deleted",
    }),
  })
  .strict();

// The case pages whose forms carry several intents, each one strict schema.
export const CaseIntentSchema = z.discriminatedUnion("intent", [
  DetailsSchema,
  ReallocateSchema,
  PlanSchema,
]);
export const ConsentIntentSchema = z.discriminatedUnion("intent", [ConsentSchema, WithdrawSchema]);
export const OnwardIntentSchema = z.discriminatedUnion("intent", [
  OnwardSchema,
  OnwardOutcomeSchema,
]);

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${label} as a whole number` })
    .int(`Enter ${label} as a whole number`)
    .min(min, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${min} or more`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max} or fewer`);

export const ProgrammeSettingsSchema = z
  .object({
    intent: z.literal("settings"),
    assessmentIntervalWeeks: whole("the weeks between assessments", 1, 26),
    quietWeeks: whole("the weeks before a case is quiet", 1, 52),
    missedContactDays: whole("the days of missed contact before escalating", 1, 90),
    parentConsentUnderAge: whole("the age below which a parent consents", 0, 18).optional(),
    retainUntilAge: whole("the age files are kept until", 18, 40),
    targetYoungPeople: whole("the target number of young people", 0, 10_000).optional(),
    targetExitedPercent: whole("the target share exited", 0, 100).optional(),
    targetLowerRiskPercent: whole("the target share with lower risk", 0, 100).optional(),
    targetEetPercent: whole(
      "the target share in education, employment or training",
      0,
      100,
    ).optional(),
  })
  .strict();
export const AddCharacteristicSchema = z
  .object({
    intent: z.literal("add"),
    label: z
      .string({ error: "Enter the characteristic" })
      .trim()
      .min(2, "Enter the characteristic")
      .max(80, "Keep it to 80 characters or fewer"),
    hint: z.string().trim().max(200, "Keep the hint to 200 characters or fewer").optional(),
  })
  .strict();
export const RetireCharacteristicSchema = z
  .object({ intent: z.literal("retire"), itemId: z.string().max(64) })
  .strict();
export const ProgrammeIntentSchema = z.discriminatedUnion("intent", [
  ProgrammeSettingsSchema,
  AddCharacteristicSchema,
  RetireCharacteristicSchema,
]);
