import { z } from "zod";
import { POSTCODE, tidyPostcode } from "./format";
import { AUDIENCE_NAMES } from "./audiences";
import { dateInput, optionalDateInput } from "~/utils/date-schema";

// The forms of the scheduling pages, one schema each. Conform turns empty fields into undefined
// and numbers from text before zod sees them.

const clock = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Enter ${label} as a 24-hour time, for example 09:30`);
const optionalText = (max: number) =>
  z.string().trim().max(max, `Keep this under ${max} characters`).optional();
const count = (label: string, max: number) =>
  z
    .number({ error: `Enter ${label} as a whole number` })
    .int(`Enter ${label} as a whole number`)
    .min(0, `${label} cannot be negative`)
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} or fewer`);
const many = (message: string) =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string()).min(1, message),
  );
const manyOptional = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string()),
);

export { AUDIENCE_NAMES };
export const FORMAT_NAMES = [
  "assembly",
  "classroom_workshop",
  "group_work",
  "twilight_cpd",
  "community_session",
  "online",
] as const;

export const ProgrammeSchema = z
  .object({
    name: z
      .string({ error: "Enter the programme's name" })
      .trim()
      .min(1, "Enter the programme's name")
      .max(120),
    description: optionalText(2000),
    deliveryPartnerId: z.string().optional(),
    startsOn: dateInput("the start date"),
    endsOn: dateInput("the end date"),
    ...Object.fromEntries(
      AUDIENCE_NAMES.flatMap((a) => [
        [`sessions_${a}`, count("The sessions target", 100000).optional()],
        [`people_${a}`, count("The people target", 10000000).optional()],
      ]),
    ),
  })
  .strict()
  .refine((v) => v.endsOn > v.startsOn, {
    path: ["endsOn"],
    message: "The end date must be after the start date",
  });

export const OfferingSchema = z
  .object({
    intent: z.literal("save").optional(),
    programmeId: z.string({ error: "Choose the programme" }),
    title: z.string({ error: "Enter a title" }).trim().min(1, "Enter a title").max(120),
    description: optionalText(2000),
    audience: z.enum(AUDIENCE_NAMES, { error: "Choose who it is for" }),
    format: z.enum(FORMAT_NAMES, { error: "Choose the format" }),
    durationMinutes: z
      .number({ error: "Enter the length in minutes" })
      .int("Enter the length in whole minutes")
      .min(10, "A session is at least 10 minutes")
      .max(480, "A session is at most 8 hours"),
    capacity: z
      .number({ error: "Enter the capacity" })
      .int("Enter the capacity as a whole number")
      .min(1, "The capacity must be at least 1")
      .max(2000, "The capacity must be 2,000 or fewer"),
    questionnaireId: z.string().optional(),
    seriesLength: z
      .number({ error: "Enter how many meetings" })
      .int()
      .min(1, "At least 1 meeting")
      .max(12, "At most 12 meetings")
      .default(1),
    seriesIntervalDays: z
      .number({ error: "Enter the days between meetings" })
      .int()
      .min(1)
      .max(28, "At most 28 days apart")
      .default(7),
    openToPublic: z.literal("yes").optional(),
    schoolPhase: z.enum(["any", "primary", "secondary"]).default("any"),
  })
  .strict();

export const ClassSchema = z
  .object({
    intent: z.literal("save").optional(),
    settingId: z.string().optional(),
    yearGroup: z.enum(["R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"], {
      error: "Choose the year group",
    }),
    name: z
      .string({ error: "Enter the class name" })
      .trim()
      .min(1, "Enter the class name")
      .max(60, "Keep the class name under 60 characters"),
    pupilCount: z
      .number({ error: "Enter the number of pupils" })
      .int("Enter the number of pupils as a whole number")
      .min(1, "A class has at least 1 pupil")
      .max(400, "Enter 400 pupils or fewer"),
    accessNeeds: optionalText(1000),
  })
  .strict();

/** The most sessions one request form takes; its class lists are `classes0` … `classes19`. */
export const PACKAGE_MAX = 20;

export const RequestSchema = z
  .object({
    settingId: z.string().optional(),
    offeringIds: many("Choose at least one session to book").pipe(
      z.array(z.string()).max(PACKAGE_MAX, `Choose at most ${PACKAGE_MAX} sessions`),
    ),
    // Each session's own classes (issue 17, item 5), by its place in offeringIds.
    ...(Object.fromEntries(
      Array.from({ length: PACKAGE_MAX }, (_, i) => [`classes${i}`, manyOptional]),
    ) as Record<`classes${number}`, typeof manyOptional>),
    date1: dateInput("your first preferred date"),
    time1: clock("the time").optional(),
    date2: optionalDateInput("your second preferred date"),
    time2: clock("the time").optional(),
    date3: optionalDateInput("your third preferred date"),
    time3: clock("the time").optional(),
    notes: optionalText(2000),
  })
  .strict();

export const CancelSchema = z
  .object({
    intent: z.literal("cancel"),
    reason: z
      .string({ error: "Enter the reason for cancelling" })
      .trim()
      .min(1, "Enter the reason for cancelling")
      .max(1000),
  })
  .strict();

export const ScheduleSchema = z
  .object({
    date: dateInput("the date"),
    time: clock("the start time"),
    durationMinutes: z
      .number({ error: "Enter the length in minutes" })
      .int()
      .min(10, "A session is at least 10 minutes")
      .max(480, "A session is at most 8 hours"),
    venue: z.string({ error: "Enter the venue" }).trim().min(1, "Enter the venue").max(200),
    room: optionalText(120),
    trainerIds: many("Choose at least one trainer"),
    overrideReason: optionalText(1000),
    /** Set when the warnings and the reason box were on the page the lead submitted. */
    overrideAsked: z.literal("yes").optional(),
  })
  .strict();

/**
 * "Check who is free" on the scheduling form (issue 17, item 4): only the date, time and length are
 * read, as the schedule form reads them. The button sits in that form, so its other fields come
 * along; they are named here and not read, and anything else is refused like any form's.
 */
export const FreeCheckSchema = z
  .object({
    intent: z.literal("check-free"),
    date: ScheduleSchema.shape.date,
    time: ScheduleSchema.shape.time,
    durationMinutes: ScheduleSchema.shape.durationMinutes,
    venue: z.string().trim().max(200).optional(),
    room: z.unknown().optional(),
    trainerIds: z.unknown().optional(),
    overrideReason: z.unknown().optional(),
    overrideAsked: z.unknown().optional(),
  })
  .strict();

export const ChangeSessionSchema = z.discriminatedUnion("intent", [
  ScheduleSchema.extend({
    intent: z.literal("reschedule"),
    reason: z
      .string({ error: "Enter the reason for the change" })
      .trim()
      .min(1, "Enter the reason for the change")
      .max(1000),
  }).strict(),
  z
    .object({
      intent: z.literal("postpone"),
      postponeReason: z
        .string({ error: "Enter the reason for postponing" })
        .trim()
        .min(1, "Enter the reason for postponing")
        .max(1000),
    })
    .strict(),
  z
    .object({
      intent: z.literal("cancel"),
      cancelReason: z
        .string({ error: "Enter the reason for cancelling" })
        .trim()
        .min(1, "Enter the reason for cancelling")
        .max(1000),
    })
    .strict(),
]);

export const ComplianceSchema = z
  .object({
    dbsCheckedOn: optionalDateInput("the date of the DBS check"),
    dbsExpiresOn: optionalDateInput("the date the DBS check runs out"),
    safeguardingTrainedOn: optionalDateInput("the date of the safeguarding training"),
    safeguardingExpiresOn: optionalDateInput("the date the safeguarding training runs out"),
    /** Where the trainer is based, for "who is free and near" when scheduling (issue 17, item 4). */
    baseDistrictId: z.string().max(50).optional(),
  })
  .strict()
  .refine((v) => !v.dbsCheckedOn || !v.dbsExpiresOn || v.dbsExpiresOn > v.dbsCheckedOn, {
    path: ["dbsExpiresOn"],
    message: "The DBS check must run out after it was done",
  })
  .refine(
    (v) =>
      !v.safeguardingTrainedOn ||
      !v.safeguardingExpiresOn ||
      v.safeguardingExpiresOn > v.safeguardingTrainedOn,
    {
      path: ["safeguardingExpiresOn"],
      message: "The training must run out after it was done",
    },
  );

export const TermDateSchema = z
  .object({
    intent: z.enum(["add", "save"]),
    academicYear: z
      .string({ error: "Enter the academic year" })
      .trim()
      .regex(/^\d{4}-\d{2}$/, "Enter the academic year like 2026-27"),
    name: z
      .string({ error: "Enter the term's name" })
      .trim()
      .min(1, "Enter the term's name")
      .max(60),
    startsOn: dateInput("the first day"),
    endsOn: dateInput("the last day"),
  })
  .strict()
  .refine((v) => v.endsOn >= v.startsOn, {
    path: ["endsOn"],
    message: "The last day must be on or after the first day",
  });

const postcode = z
  .string()
  .trim()
  .transform((v) => tidyPostcode(v))
  .refine((v) => POSTCODE.test(v), "Enter a real postcode, like NR2 4SQ")
  .optional();

/** A lead's new session from an offering: a place (or a joining link), a time, trainers and places. */
export const NewSessionSchema = z
  .object({
    offeringId: z.string({ error: "Choose the offering" }).min(1, "Choose the offering"),
    date: dateInput("the date"),
    time: clock("the start time"),
    durationMinutes: z
      .number({ error: "Enter the length in minutes" })
      .int("Enter the length in whole minutes")
      .min(10, "A session is at least 10 minutes")
      .max(480, "A session is at most 8 hours"),
    venue: optionalText(200),
    address: optionalText(300),
    postcode,
    room: optionalText(120),
    joiningLink: z
      .string()
      .trim()
      .max(500, "Keep the link under 500 characters")
      .refine(
        (v) => /^https:\/\/[^\s<>"]+$/.test(v),
        "Enter the joining link as a web address starting https://",
      )
      .optional(),
    districtId: z.string().optional(),
    capacity: z
      .number({ error: "Enter the number of places" })
      .int("Enter the number of places as a whole number")
      .min(1, "A session has at least 1 place")
      .max(2000, "Enter 2,000 places or fewer"),
    trainerIds: many("Choose at least one trainer"),
    publish: z.literal("yes").optional(),
    overrideReason: optionalText(1000),
    overrideAsked: z.literal("yes").optional(),
  })
  .strict();

const reason = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(1000, "Keep this under 1,000 characters");

/** The forms of an open session's bookers page, one per button. */
export const BookersActionSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("places"),
      capacity: z
        .number({ error: "Enter the number of places" })
        .int("Enter the number of places as a whole number")
        .min(1, "A session has at least 1 place")
        .max(2000, "Enter 2,000 places or fewer"),
      publish: z.literal("yes").optional(),
    })
    .strict(),
  z
    .object({
      intent: z.literal("cancelBooking"),
      registrationId: z.string().min(1),
      cancelReason: reason("why the booking is cancelled"),
    })
    .strict(),
  z
    .object({
      intent: z.literal("moveUp"),
      registrationId: z.string().min(1),
      moveReason: reason("why they are given a place out of turn"),
    })
    .strict(),
  z
    .object({
      intent: z.literal("email"),
      subject: z
        .string({ error: "Enter a subject" })
        .trim()
        .min(1, "Enter a subject")
        .max(120, "Keep the subject under 120 characters"),
      message: z
        .string({ error: "Enter your message" })
        .trim()
        .min(1, "Enter your message")
        .max(5000, "Keep the message under 5,000 characters"),
      includeWaiting: z.literal("yes").optional(),
    })
    .strict(),
]);

export const DeclineSchema = z
  .object({ intent: z.literal("decline"), declineReason: reason("why the request is declined") })
  .strict();

/** A lead's other dates for a request (issue 17, item 3): one to three, each with an optional time. */
export const ProposeSchema = z
  .object({
    intent: z.literal("propose"),
    proposed1: dateInput("the first date you can offer"),
    proposedTime1: clock("the time").optional(),
    proposed2: optionalDateInput("the second date you can offer"),
    proposedTime2: clock("the time").optional(),
    proposed3: optionalDateInput("the third date you can offer"),
    proposedTime3: clock("the time").optional(),
    proposalNote: optionalText(1000),
  })
  .strict();

/** The coordinator's answer to proposed dates: accept one, or refuse with their words. */
export const ProposalAnswerSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("accept"),
      proposal: z
        .number({ error: "Choose the date that suits you" })
        .int()
        .min(0, "Choose the date that suits you")
        .max(2, "Choose the date that suits you"),
    })
    .strict(),
  z
    .object({ intent: z.literal("refuse"), refuseReason: reason("why none of the dates suits") })
    .strict(),
]);
