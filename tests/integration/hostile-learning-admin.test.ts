import fc from "fast-check";
import { succeeded } from "../support/outcome";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BulkFormSchema,
  IssueFormSchema,
  ReissueFormSchema,
  RevokeFormSchema,
} from "~/certificates/schemas";
import { ContactSchema, DetailsSchema, LessonSchema, QuestionSchema } from "~/learning/schemas";
import { CommissionerSchema, VcseSchema } from "~/organisations/schemas";
import { AddMembershipSchema, InviteSchema, MembershipChangeSchema } from "~/people/schemas";
import {
  assertSurvivesHostileInput as survive,
  dateFieldSpecs,
  schemaAccepts,
  type Body,
  type HostileOptions,
  type HostileReport,
} from "../support/hostile";
import { Client, startTestServer, type TestServer } from "../support/server";
import { londonDay } from "../support/time";

// Learning (authoring, help contacts, the learner's enrol/read/quiz buttons), certificates (issue,
// bulk, revoke/re-issue), organisations and people forms under ≥200 hostile bodies each. (Query
// strings of list and report pages: tests/integration/hostile-queries.test.ts.)
let server: TestServer;
const RUNS = 200;
const TIMEOUT = 180_000;
const reports: Record<string, HostileReport> = {};
const clients: Record<string, Client> = {};
let f: Record<string, string> = {};

async function db() {
  const { getDb } = await import("~/db/db.server");
  return getDb();
}

const words = fc.constantFrom(
  "Spotting grooming",
  "<b>bold</b>",
  "O'Neil",
  "Sam Lowe",
  "**Markdown** [link](https://example.org)",
);
// Mostly values a person would enter, sometimes near misses (so the capability is reached often).
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: bad });
const numbers = mostly(
  fc.integer({ min: 1, max: 100 }),
  fc.oneof(
    fc.integer({ min: -5, max: 0 }),
    fc.integer({ min: 601, max: 5000 }),
    fc.constantFrom(1e9, 2 ** 53),
  ),
).map(String);
const emails = fc.constantFrom(
  "new.person@example.org",
  "learner@example.org",
  "Someone@Example.ORG",
  "no-at-sign",
);
// Signed-in clients' sessions are touched (last seen) as they go: that table may change on a refusal.
const assertSurvivesHostileInput = (opts: HostileOptions) =>
  survive({
    plausibleShare: 0.3,
    ...opts,
    volatileTables: ["sessions", ...(opts.volatileTables ?? [])],
  });
const first = (body: Body, name: string) => body.find(([k]) => k === name)?.[1];

beforeAll(async () => {
  server = await startTestServer();
  const d = await db();
  const { seedDemo } = await import("~/seed/seed.server");
  const { DEMO_PASSWORD } = await import("~/seed/foundation.server");
  await seedDemo(d);
  for (const [k, email] of Object.entries({
    lead: "lead@example.org",
    author: "author@example.org",
    learner: "learner@example.org",
    manager: "manager@example.org",
  })) {
    clients[k] = new Client(server.url);
    await clients[k].signIn(email, DEMO_PASSWORD);
  }
  // A draft module of the author's with a lesson and a question; a published one for the learner.
  const draft = await d
    .selectFrom("learning_module_versions as v")
    .innerJoin("learning_lessons as l", "l.version_id", "v.id")
    .innerJoin("learning_questions as q", "q.version_id", "v.id")
    .select(["v.module_id", "l.id as lesson", "q.id as question"])
    .where("v.status", "=", "published")
    .executeTakeFirstOrThrow();
  // Authors change drafts: start version 2 of it (learners keep the published version 1).
  const { startNewVersion } = await import("~/learning/authoring.server");
  const author = await d
    .selectFrom("users")
    .select("id")
    .where("email", "=", "author@example.org")
    .executeTakeFirstOrThrow();
  await startNewVersion(d, draft.module_id, author.id);
  const draftParts = await d
    .selectFrom("learning_module_versions as v")
    .innerJoin("learning_lessons as l", "l.version_id", "v.id")
    .innerJoin("learning_questions as q", "q.version_id", "v.id")
    .select(["l.id as lesson", "q.id as question"])
    .where("v.module_id", "=", draft.module_id)
    .where("v.status", "=", "draft")
    .executeTakeFirstOrThrow();
  const learner = await d
    .selectFrom("users")
    .select("id")
    .where("email", "=", "learner@example.org")
    .executeTakeFirstOrThrow();
  const person = await d
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "m.id as membership"])
    .where("u.email", "=", "trainer2@example.org")
    .executeTakeFirstOrThrow();
  f = {
    module: draft.module_id,
    lesson: draftParts.lesson,
    question: draftParts.question,
    learner: learner.id,
    person: person.id,
    membership: person.membership,
    harbour: (
      await d
        .selectFrom("organisations")
        .select("id")
        .where("name", "=", "Norwich Youth Harbour")
        .executeTakeFirstOrThrow()
    ).id,
    commissioner: (
      await d
        .selectFrom("organisations")
        .select("id")
        .where("kind", "=", "commissioner")
        .executeTakeFirstOrThrow()
    ).id,
    certificate: (
      await d
        .selectFrom("certificates")
        .select("id")
        .where("status", "=", "valid")
        .executeTakeFirstOrThrow()
    ).id,
    contact: (await d.selectFrom("learning_help_contacts").select("id").executeTakeFirstOrThrow())
      .id,
    programme: (await d.selectFrom("programmes").select("id").executeTakeFirstOrThrow()).id,
  };
}, 120_000);

afterAll(async () => {
  await server?.close();
  console.log(JSON.stringify(reports));
});

describe("hostile input on the learning forms", () => {
  it("/author/modules/new and /author/modules/:id/details", { timeout: TIMEOUT }, async () => {
    const fields = [
      { name: "title", valid: words },
      { name: "summary", valid: words },
      { name: "audience", valid: words },
      { name: "estimatedMinutes", valid: numbers },
      { name: "passMark", valid: numbers },
      { name: "contentNote", valid: words },
    ];
    reports.moduleNew = await assertSurvivesHostileInput({
      client: () => clients.author,
      path: "/author/modules/new",
      schema: DetailsSchema,
      fields,
      numRuns: RUNS,
    });
    reports.moduleDetails = await assertSurvivesHostileInput({
      client: () => clients.author,
      path: `/author/modules/${f.module}/details`,
      schema: DetailsSchema,
      fields,
      numRuns: RUNS,
    });
  });

  it("lessons and questions, new and changed", { timeout: TIMEOUT }, async () => {
    const lessonFields = [
      { name: "intent", valid: fc.constantFrom("save") },
      { name: "title", valid: words },
      { name: "contentNote", valid: words },
      { name: "bodyMarkdown", valid: words },
    ];
    // A "delete" button posts to the same URL (and is taken before the form): never sent here.
    const notDelete = (schema: z.ZodType) => (body: Body) =>
      first(body, "intent") !== "delete" && schemaAccepts(schema, body);
    reports.lessonNew = await assertSurvivesHostileInput({
      client: () => clients.author,
      path: `/author/modules/${f.module}/lessons/new`,
      schema: LessonSchema,
      fields: lessonFields,
      numRuns: RUNS,
    });
    reports.lessonEdit = await assertSurvivesHostileInput({
      client: () => clients.author,
      path: `/author/modules/${f.module}/lessons/${f.lesson}`,
      schema: LessonSchema,
      fields: lessonFields,
      numRuns: RUNS,
      accepts: notDelete(LessonSchema),
    });
    const questionFields = [
      { name: "prompt", valid: words },
      { name: "kind", valid: mostly(fc.constantFrom("single", "multiple"), fc.constant("essay")) },
      { name: "correct", valid: mostly(fc.constantFrom("1", "2"), fc.constant("7")) },
      { name: "option1", valid: words },
      { name: "feedback1", valid: words },
      { name: "option2", valid: words },
      { name: "feedback2", valid: words },
    ];
    reports.questionNew = await assertSurvivesHostileInput({
      client: () => clients.author,
      path: `/author/modules/${f.module}/questions/new`,
      schema: QuestionSchema,
      fields: questionFields,
      numRuns: RUNS,
    });
    reports.questionEdit = await assertSurvivesHostileInput({
      client: () => clients.author,
      path: `/author/modules/${f.module}/questions/${f.question}`,
      schema: QuestionSchema,
      fields: questionFields,
      numRuns: RUNS,
      accepts: notDelete(QuestionSchema),
    });
  });

  it(
    "/author/modules/:id (publish, move, archive buttons) and /learning/help",
    { timeout: TIMEOUT },
    async () => {
      reports.moduleButtons = await assertSurvivesHostileInput({
        client: () => clients.author,
        path: `/author/modules/${f.module}`,
        schema: z.discriminatedUnion("intent", [
          z
            .object({
              intent: z.enum(["lesson-up", "lesson-down", "question-up", "question-down"]),
              id: z.string().max(64),
            })
            .strict(),
          z.object({ intent: z.enum(["publish", "new-version", "archive", "discard"]) }).strict(),
        ]),
        // Moves only: publishing or archiving the demo module would change what the rest tests.
        fields: [
          {
            name: "intent",
            valid: fc.constantFrom("lesson-up", "question-down", "lesson-sideways"),
          },
          { name: "id", valid: fc.constantFrom(f.lesson, f.question, "../x") },
        ],
        numRuns: RUNS,
      });
      const contactFields = [
        { name: "intent", valid: fc.constantFrom("save", "add") },
        { name: "name", valid: words },
        { name: "description", valid: words },
        { name: "phone", valid: fc.constantFrom("0800 1111", "+44 (0)1603 000000", "call me") },
        {
          name: "url",
          valid: fc.constantFrom(
            "https://example.org",
            "javascript:alert(1)",
            "http://example.org",
          ),
        },
      ];
      reports.helpNew = await assertSurvivesHostileInput({
        client: () => clients.author,
        path: "/learning/help",
        schema: ContactSchema,
        fields: contactFields,
        numRuns: RUNS,
      });
      reports.helpEdit = await assertSurvivesHostileInput({
        client: () => clients.author,
        path: `/learning/help/${f.contact}`,
        schema: ContactSchema,
        fields: contactFields,
        numRuns: RUNS,
        accepts: (body) => first(body, "intent") !== "delete" && schemaAccepts(ContactSchema, body),
      });
      // Nothing stored may carry a link that is not https.
      const d = await db();
      for (const c of await d.selectFrom("learning_help_contacts").select("url").execute())
        if (c.url) expect(c.url).toMatch(/^https:\/\//);
    },
  );

  it("the learner's enrol, lesson-read and quiz forms", { timeout: TIMEOUT }, async () => {
    reports.enrol = await assertSurvivesHostileInput({
      client: () => clients.learner,
      path: `/learning/modules/${f.module}`,
      schema: z.object({ intent: z.literal("enrol") }).strict(),
      fields: [{ name: "intent", valid: fc.constantFrom("enrol") }],
      numRuns: RUNS,
    });
    reports.read = await assertSurvivesHostileInput({
      client: () => clients.learner,
      path: `/learning/modules/${f.module}/lessons/1`,
      schema: z.object({ intent: z.literal("read") }).strict(),
      fields: [{ name: "intent", valid: fc.constantFrom("read") }],
      numRuns: RUNS,
    });
    const d = await db();
    const questions = await d
      .selectFrom("learning_enrolments as e")
      .innerJoin("learning_questions as q", "q.version_id", "e.version_id")
      .select("q.id")
      .where("e.user_id", "=", f.learner)
      .where("e.module_id", "=", f.module)
      .execute();
    const options = await d
      .selectFrom("learning_options")
      .select("id")
      .where(
        "question_id",
        "in",
        questions.map((q) => q.id),
      )
      .execute();
    const tokens = fc.constantFrom("2b0c3f0e-6a4d-4c53-9d2e-1f6f4b7e9a10", "not-a-token");
    reports.quiz = await assertSurvivesHostileInput({
      client: () => clients.learner,
      path: `/learning/modules/${f.module}/quiz`,
      schema: z.object({}),
      fields: [
        ...questions.map((q) => ({
          name: `q-${q.id}`,
          valid: fc.constantFrom(...options.map((o) => o.id), "no-such-option"),
        })),
        { name: "submission", valid: tokens },
        { name: "q-__proto__", valid: fc.constant("x") },
      ],
      numRuns: RUNS,
      // Answers are `q-<question>` fields and one optional one-time token; anything else is refused.
      accepts: (body) => {
        const tokensSent = body.filter(([k]) => k === "submission");
        return (
          body.every(
            ([k]) =>
              k === "submission" || (/^q-[A-Za-z0-9-]{1,64}$/.test(k) && !k.includes("__proto__")),
          ) &&
          tokensSent.length <= 1 &&
          tokensSent.every(([, v]) => /^[0-9a-f-]{36}$/.test(v))
        );
      },
    });
    // However many were sent, each attempt number of the enrolment appears once.
    const attempts = await d
      .selectFrom("learning_quiz_attempts as a")
      .innerJoin("learning_enrolments as e", "e.id", "a.enrolment_id")
      .select("a.attempt_number")
      .where("e.user_id", "=", f.learner)
      .execute();
    expect(new Set(attempts.map((a) => a.attempt_number)).size).toBe(attempts.length);
  });
});

describe("hostile input on the certificate forms (a programme lead)", () => {
  const achievement = [
    { name: "kind", valid: mostly(fc.constant("module"), fc.constantFrom("session", "award")) },
    { name: "title", valid: words },
    { name: "moduleVersion", valid: mostly(fc.constant("1"), fc.constant("v2")) },
    // A session's certificate needs its date: day, month and year fields, with near misses.
    ...dateFieldSpecs(
      "sessionDate",
      mostly(fc.constant(londonDay(-61)), fc.constant(`${londonDay(-61).slice(0, 4)}-02-30`)),
    ),
    ...dateFieldSpecs(
      "achievedOn",
      mostly(fc.constant(londonDay(-60)), fc.constant(`${londonDay(-60).slice(0, 4)}-13-01`)),
    ),
    { name: "issuerName", valid: words },
    { name: "programmeName", valid: fc.constantFrom("SOS+", "Momentum") },
    { name: "requestId", valid: fc.uuid().map(String) },
  ];
  it("/admin/certificates/new and /admin/certificates/bulk", { timeout: TIMEOUT }, async () => {
    reports.certificateNew = await assertSurvivesHostileInput({
      client: () => clients.lead,
      path: "/admin/certificates/new",
      schema: IssueFormSchema,
      fields: [
        { name: "holderName", valid: words },
        { name: "holderEmail", valid: emails },
        ...achievement,
      ],
      numRuns: RUNS,
    });
    reports.certificateBulk = await assertSurvivesHostileInput({
      client: () => clients.lead,
      path: "/admin/certificates/bulk",
      schema: BulkFormSchema,
      fields: [
        {
          name: "holders",
          valid: fc.constantFrom(
            "Ann Lee, ann@example.org\nBo Chan",
            "Ann Lee, not-an-email",
            "a,b,c,d",
          ),
        },
        ...achievement,
      ],
      numRuns: RUNS,
    });
  });

  it("/admin/certificates/:id (re-issue, then revoke)", { timeout: TIMEOUT }, async () => {
    // The button pressed picks the schema.
    const bySchema = (body: Body) => {
      const intent = first(body, "intent");
      return intent === "revoke"
        ? schemaAccepts(RevokeFormSchema, body)
        : intent === "reissue"
          ? schemaAccepts(ReissueFormSchema, body)
          : false;
    };
    reports.certificateReissue = await assertSurvivesHostileInput({
      client: () => clients.lead,
      path: `/admin/certificates/${f.certificate}`,
      schema: ReissueFormSchema,
      fields: [
        { name: "intent", valid: mostly(fc.constant("reissue"), fc.constant("revoke")) },
        { name: "reissueReason", valid: words },
        { name: "holderName", valid: words },
        { name: "holderEmail", valid: emails },
      ],
      numRuns: RUNS,
      accepts: bySchema,
    });
    reports.certificateChange = await assertSurvivesHostileInput({
      client: () => clients.lead,
      path: `/admin/certificates/${f.certificate}`,
      schema: RevokeFormSchema,
      fields: [
        { name: "intent", valid: mostly(fc.constant("revoke"), fc.constant("reissue")) },
        { name: "revokeReason", valid: words },
      ],
      numRuns: RUNS,
      accepts: bySchema,
    });
  });
});

describe("hostile input on the organisation and people forms (a programme lead)", () => {
  it(
    "/admin/organisations/new?kind=… and /admin/organisations/:id/edit, archive",
    { timeout: TIMEOUT },
    async () => {
      const vcse = [
        { name: "name", valid: words },
        { name: "charityNumber", valid: fc.constantFrom("1190001", "12", "") },
        { name: "companyNumber", valid: fc.constantFrom("12000003", "SC123456", "x") },
        { name: "districtId", valid: fc.constantFrom("E07000148", "nowhere") },
      ];
      reports.organisationNew = await assertSurvivesHostileInput({
        client: () => clients.lead,
        path: "/admin/organisations/new?kind=vcse",
        schema: VcseSchema,
        fields: vcse,
        numRuns: RUNS,
      });
      reports.organisationEdit = await assertSurvivesHostileInput({
        client: () => clients.lead,
        path: `/admin/organisations/${f.commissioner}/edit`,
        schema: CommissionerSchema,
        fields: [{ name: "name", valid: words }],
        numRuns: RUNS,
      });
      reports.organisationArchive = await assertSurvivesHostileInput({
        client: () => clients.lead,
        path: `/admin/organisations/${f.commissioner}`,
        schema: z.object({ intent: z.enum(["archive", "unarchive"]) }).strict(),
        fields: [{ name: "intent", valid: fc.constantFrom("archive", "unarchive") }],
        numRuns: RUNS,
      });
    },
  );

  it(
    "/admin/organisations/import (upload) and /admin/organisations/import/:id (apply or discard); /author/images (upload)",
    { timeout: TIMEOUT },
    async () => {
      const fs = await import("node:fs");
      const { decodeGias, parseGias, createImport } = await import("~/organisations/gias.server");
      const { ImportUploadSchema } = await import("~/organisations/schemas");
      const d = await db();
      const lead = await d
        .selectFrom("users")
        .select("id")
        .where("email", "=", "lead@example.org")
        .executeTakeFirstOrThrow();
      const parsed = succeeded(
        parseGias(
          decodeGias(new Uint8Array(fs.readFileSync("tests/fixtures/gias-sample.csv"))),
          "926",
        ),
      );
      const importId = await createImport(d, {
        fileName: "edubasealldata.csv",
        parsed,
        userId: lead.id,
      });
      // A form post without the file: the schema's fields, but the route still asks for the file.
      reports.importUpload = await assertSurvivesHostileInput({
        client: () => clients.lead,
        path: "/admin/organisations/import",
        schema: ImportUploadSchema,
        fields: [
          { name: "laCode", valid: fc.constantFrom("926", "92", "abc") },
          { name: "file", valid: words },
        ],
        numRuns: RUNS,
      });
      reports.importApply = await assertSurvivesHostileInput({
        client: () => clients.lead,
        path: `/admin/organisations/import/${importId}`,
        schema: z.object({ intent: z.enum(["apply", "discard"]) }).strict(),
        fields: [{ name: "intent", valid: fc.constantFrom("apply", "discard") }],
        numRuns: RUNS,
      });
      // Without a file part no body can be an image: every one is refused.
      reports.imageUpload = await assertSurvivesHostileInput({
        client: () => clients.author,
        path: "/author/images",
        schema: z.never(),
        fields: [{ name: "image", valid: words }],
        numRuns: RUNS,
        accepts: () => false,
      });
    },
  );

  it(
    "/admin/people/invite, /admin/people/:id, memberships, invitations",
    { timeout: TIMEOUT },
    async () => {
      const roles = fc.constantFrom("learner", "programme_lead", "superuser");
      reports.invite = await assertSurvivesHostileInput({
        client: () => clients.manager,
        path: "/admin/people/invite",
        schema: InviteSchema,
        fields: [
          { name: "email", valid: emails },
          { name: "organisationId", valid: fc.constantFrom(f.harbour, f.commissioner) },
          { name: "role", valid: roles },
        ],
        numRuns: RUNS,
      });
      // A manager may invite only to their own organisation, and never a lead.
      const d = await db();
      const invited = await d
        .selectFrom("invitations")
        .select(["organisation_id", "role", "invited_by"])
        .execute();
      const manager = await d
        .selectFrom("users")
        .select("id")
        .where("email", "=", "manager@example.org")
        .executeTakeFirstOrThrow();
      for (const i of invited.filter((x) => x.invited_by === manager.id)) {
        expect(i.organisation_id).toBe(f.harbour);
        expect(i.role).not.toBe("programme_lead");
      }
      reports.addMembership = await assertSurvivesHostileInput({
        client: () => clients.lead,
        path: `/admin/people/${f.person}`,
        schema: AddMembershipSchema,
        fields: [
          { name: "intent", valid: fc.constantFrom("add-role") },
          { name: "organisationId", valid: fc.constantFrom(f.harbour, "nope") },
          { name: "role", valid: roles },
        ],
        numRuns: RUNS,
      });
      reports.membership = await assertSurvivesHostileInput({
        client: () => clients.lead,
        path: `/admin/people/${f.person}/memberships/${f.membership}`,
        schema: MembershipChangeSchema,
        fields: [
          { name: "intent", valid: fc.constantFrom("change-role", "clearance") },
          { name: "role", valid: roles },
          { name: "cleared", valid: fc.constantFrom("yes", "no", "maybe") },
        ],
        numRuns: RUNS,
      });
      reports.invitations = await assertSurvivesHostileInput({
        client: () => clients.lead,
        path: "/admin/people/invitations",
        schema: z
          .object({ intent: z.enum(["resend", "revoke"]), invitationId: z.string().max(64) })
          .strict(),
        fields: [
          { name: "intent", valid: fc.constantFrom("resend", "revoke") },
          { name: "invitationId", valid: fc.constantFrom("nope", "") },
        ],
        numRuns: RUNS,
      });
    },
  );
});
