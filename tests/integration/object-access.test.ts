import { PNG } from "pngjs";
import { succeeded } from "../support/outcome";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf as rawTextOf, type TestServer } from "../support/server";
import { londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

// React separates adjacent text with <!-- --> comments; a reader sees one run of text.
const textOf = (html: string) => rawTextOf(html.replace(/<!-- -->/g, ""));

// Object-level access through the real server: a learner changing an id in the URL reaches no
// other learner's progress, attempts or certificates; an organisation manager is held to their own
// organisation; lesson images go only to people who may see their module. Also: parallel quiz
// submissions count once each. (Coordinator A against B: tests/integration/sessions.test.ts.)
let server: TestServer;
const PARALLEL = 20;
let ids: Record<string, string> = {};
const clients: Record<string, Client> = {};

const SPEC = (title: string, lessons: string[]) => ({
  details: {
    title,
    summary: "A test module.",
    audience: "VCSE staff and volunteers",
    estimatedMinutes: 20,
    passMark: 50,
    contentNote: null,
  },
  lessons: lessons.map((body, i) => ({ title: `${title} lesson ${i + 1}`, body })),
  questions: [
    {
      prompt: "Which colour is the sky on a clear day?",
      kind: "single" as const,
      options: [
        { text: "Blue", correct: true, feedback: "Right." },
        { text: "Green", correct: false, feedback: "Not quite." },
      ],
    },
  ],
});

async function db() {
  const { getDb } = await import("~/db/db.server");
  return getDb();
}

function png(shade: number) {
  const p = new PNG({ width: 2, height: 2 });
  p.data.fill(shade);
  return new Uint8Array(PNG.sync.write(p));
}

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

beforeAll(async () => {
  server = await startTestServer();
  const d = await db();
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { saveImage } = await import("~/learning/images.server");
  const { insertModule } = await import("~/learning/seed.server");
  const momentum = await insertOrganisation(d, { kind: "delivery_partner", name: "Momentum" });
  const orgA = await insertOrganisation(d, {
    kind: "vcse",
    name: "Norwich Youth Harbour",
    districtId: "E07000148",
  });
  const orgB = await insertOrganisation(d, {
    kind: "vcse",
    name: "Lynn Street Pastors",
    districtId: "E07000146",
  });
  const user = (
    email: string,
    name: string,
    organisationId: string,
    role: "learner" | "organisation_manager" | "content_author" | "programme_lead" | "trainer",
  ) => insertUser(d, { email, name, password: PASSWORD, memberships: [{ organisationId, role }] });
  ids = {
    orgA,
    orgB,
    author: await user("author@example.org", "Sam Lowe", momentum, "content_author"),
    lead: await user("lead@example.org", "Priya Shah", momentum, "programme_lead"),
    trainer: await user("trainer@example.org", "Dan Okafor", momentum, "trainer"),
    learnerA1: await user("a1@example.org", "Aisha Begum", orgA, "learner"),
    learnerA2: await user("a2@example.org", "Ben Carter", orgA, "learner"),
    learnerB: await user("b1@example.org", "Grace Ojo", orgB, "learner"),
    managerA: await user("manager.a@example.org", "Tom Reeve", orgA, "organisation_manager"),
    managerB: await user("manager.b@example.org", "Ruth Dale", orgB, "organisation_manager"),
  };
  // Three images: one shown by a published lesson, one only by a draft's lesson, one by none.
  const published = succeeded(
    await saveImage(d, ids.author, { name: "published.png", bytes: png(10) }),
  );
  const draftOnly = succeeded(
    await saveImage(d, ids.author, { name: "draft.png", bytes: png(120) }),
  );
  const unused = succeeded(await saveImage(d, ids.author, { name: "unused.png", bytes: png(240) }));
  const { moduleId } = await insertModule(
    d,
    ids.author,
    SPEC("Published", [`See ![a map](/learning/images/${published.id})`, "Second lesson."]),
  );
  const draft = await insertModule(
    d,
    ids.author,
    SPEC("Draft", [`Coming soon: ![a chart](/learning/images/${draftOnly.id})`]),
    { publish: false },
  );
  Object.assign(ids, {
    module: moduleId,
    draftModule: draft.moduleId,
    imagePublished: published.id,
    imageDraft: draftOnly.id,
    imageUnused: unused.id,
  });
  for (const [k, email] of Object.entries({
    a1: "a1@example.org",
    a2: "a2@example.org",
    b1: "b1@example.org",
    managerA: "manager.a@example.org",
    managerB: "manager.b@example.org",
    author: "author@example.org",
    trainer: "trainer@example.org",
  })) {
    clients[k] = await signedIn(email);
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** Enrols through the pages, reads every lesson, and returns the quiz page's answers and token. */
async function readyForQuiz(c: Client, moduleId: string) {
  expect((await c.post(`/learning/modules/${moduleId}`, { intent: "enrol" })).status).toBe(302);
  for (let p = 1; p <= 2; p++) {
    const r = await c.post(`/learning/modules/${moduleId}/lessons/${p}`, { intent: "read" });
    if (r.status !== 302) throw new Error(`read ${p}: ${r.status}`);
  }
  return quizPage(c, moduleId);
}

async function quizPage(c: Client, moduleId: string) {
  const html = await (await c.get(`/learning/modules/${moduleId}/quiz`)).text();
  const token = /name="submission" value="([0-9a-f-]{36})"/.exec(html)?.[1];
  expect(token, "the quiz page carries a one-time submission token").toBeTruthy();
  const d = await db();
  const right = await d
    .selectFrom("learning_options as o")
    .innerJoin("learning_questions as q", "q.id", "o.question_id")
    .innerJoin("learning_module_versions as v", "v.id", "q.version_id")
    .select(["o.id", "o.question_id"])
    .where("v.module_id", "=", moduleId)
    .where("v.status", "=", "published")
    .where("o.is_correct", "=", 1)
    .execute();
  const answers: Record<string, string> = {};
  for (const o of right) answers[`q-${o.question_id}`] = o.id;
  return { token: token!, answers };
}

describe("a learner reaches only their own records", () => {
  let attemptPath = "";
  let certificateId = "";

  it("learner A1 passes the quiz and holds a certificate", async () => {
    const { token, answers } = await readyForQuiz(clients.a1, ids.module);
    const res = await clients.a1.post(`/learning/modules/${ids.module}/quiz`, {
      ...answers,
      submission: token,
    });
    expect(res.status).toBe(302);
    attemptPath = res.headers.get("location")!;
    expect(attemptPath).toMatch(/\/quiz\/[0-9a-f-]{36}$/);
    expect((await clients.a1.get(attemptPath)).status).toBe(200);
    const { issueCertificate } = await import("~/certificates/certificates.server");
    const { certificate } = await issueCertificate(await db(), {
      sourceKey: `object-access:${ids.learnerA1}`,
      holder: { userId: ids.learnerA1, name: "Aisha Begum", email: "a1@example.org" },
      achievement: {
        kind: "module",
        moduleTitle: "Published",
        moduleVersion: 1,
        description: null,
      },
      achievedOn: londonDay(-16),
      issuerName: "Momentum",
      programmeName: "Third Sector Capacity Building",
      baseUrl: server.url,
    });
    certificateId = certificate.id;
    expect((await clients.a1.get(`/certificates/${certificateId}`)).status).toBe(200);
  });

  it("learner A2 (same organisation) gets 404 for A1's attempt, certificate page and PDF, and sees none of A1's progress", async () => {
    const a2 = clients.a2;
    const attempt = await a2.get(attemptPath);
    expect(attempt.status).toBe(404);
    expect(await attempt.text()).not.toContain("Aisha");
    expect((await a2.get(`/certificates/${certificateId}`)).status).toBe(404);
    expect((await a2.get(`/certificates/${certificateId}/pdf`)).status).toBe(404);
    const list = textOf(await (await a2.get("/certificates")).text());
    expect(list).not.toContain("Aisha");
    // A2's own pages show A2's state only: not enrolled, no attempts, no score.
    const mine = textOf(await (await a2.get("/learning/my")).text());
    expect(mine).not.toContain("Published");
    const modulePage = textOf(await (await a2.get(`/learning/modules/${ids.module}`)).text());
    expect(modulePage).not.toMatch(/attempt 1|100%|Completed/i);
    // An attempt id from A1 under A2's own enrolment is still not found.
    await a2.post(`/learning/modules/${ids.module}`, { intent: "enrol" });
    expect((await a2.get(attemptPath)).status).toBe(404);
    // Another organisation's learner too.
    expect((await clients.b1.get(attemptPath)).status).toBe(404);
    expect((await clients.b1.get(`/certificates/${certificateId}/pdf`)).status).toBe(404);
  });

  it("a learner cannot open an organisation's staff progress, export or certificates", async () => {
    for (const path of [
      `/learning/organisations/${ids.orgA}`,
      `/learning/organisations/${ids.orgA}/export.csv`,
      "/certificates/staff",
      `/admin/people/${ids.learnerA1}`,
    ]) {
      const res = await clients.a2.get(path);
      expect([403, 404], path).toContain(res.status);
      expect(await res.text(), path).not.toContain("a1@example.org");
    }
  });

  it("manager A sees A1's certificate; manager B gets 404 for it and 403 for organisation A's staff progress", async () => {
    expect((await clients.managerA.get(`/certificates/${certificateId}`)).status).toBe(200);
    expect(textOf(await (await clients.managerA.get("/certificates/staff")).text())).toContain(
      "Aisha Begum",
    );
    const b = clients.managerB;
    expect((await b.get(`/certificates/${certificateId}`)).status).toBe(404);
    expect((await b.get(`/certificates/${certificateId}/pdf`)).status).toBe(404);
    expect(textOf(await (await b.get("/certificates/staff")).text())).not.toContain("Aisha Begum");
    for (const path of [
      `/learning/organisations/${ids.orgA}`,
      `/learning/organisations/${ids.orgA}/export.csv`,
    ]) {
      const res = await b.get(path);
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).not.toContain("Aisha");
    }
  });
});

describe("an organisation manager is held to their own organisation", () => {
  it("cannot open, list or change people of another organisation by id", async () => {
    const a = clients.managerA;
    const other = await a.get(`/admin/people/${ids.learnerB}`);
    expect([403, 404]).toContain(other.status);
    expect(await other.text()).not.toContain("b1@example.org");
    expect((await a.get(`/admin/people/${ids.learnerA1}`)).status).toBe(200);
    for (const q of ["", `?organisation=${ids.orgB}`, "?q=Grace"]) {
      const list = textOf(await (await a.get(`/admin/people${q}`)).text());
      expect(list, q).not.toContain("Grace Ojo");
    }
    // Inviting into organisation B, or as a lead, is refused and stores nothing.
    const d = await db();
    const before = (
      await d
        .selectFrom("invitations")
        .select(d.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
    for (const body of [
      { email: "new@example.org", organisationId: ids.orgB, role: "learner" },
      { email: "new@example.org", organisationId: ids.orgA, role: "programme_lead" },
    ]) {
      const res = await a.post("/admin/people/invite", body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(
      (
        await d
          .selectFrom("invitations")
          .select(d.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(before);
    // Membership changes are for leads only, whatever organisation.
    const membership = await d
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", ids.learnerA1)
      .executeTakeFirstOrThrow();
    expect(
      (
        await a.post(`/admin/people/${ids.learnerA1}/memberships/${membership.id}`, {
          intent: "change-role",
          role: "programme_lead",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await d
          .selectFrom("memberships")
          .select("role")
          .where("id", "=", membership.id)
          .executeTakeFirstOrThrow()
      ).role,
    ).toBe("learner");
  });

  it("sees only their own organisation in the learning oversight and reports", async () => {
    expect((await clients.managerA.get("/learning/organisations")).headers.get("location")).toBe(
      `/learning/organisations/${ids.orgA}`,
    );
    expect((await clients.managerA.get("/learning/oversight")).status).toBe(403);
    const { insertProgramme } = await import("~/seed/factories/sessions.server");
    await insertProgramme(await db(), { name: "SOS+ Norfolk" });
    const reports = textOf(await (await clients.managerA.get("/reports")).text());
    expect(reports).toContain("Your organisation: Norwich Youth Harbour");
    expect(reports).not.toContain("Lynn Street Pastors");
    expect((await clients.managerA.get("/reports/return")).status).toBe(403);
  });
});

describe("lesson images go only to those who may see their module", () => {
  it("serves a published lesson's image to learners and managers, a draft's or an unused one only to authors", async () => {
    const cases: [string, string, number][] = [
      ["a1", ids.imagePublished, 200],
      ["b1", ids.imagePublished, 200],
      ["managerA", ids.imagePublished, 200],
      ["author", ids.imagePublished, 200],
      ["a1", ids.imageDraft, 404],
      ["managerB", ids.imageDraft, 404],
      ["author", ids.imageDraft, 200],
      ["a1", ids.imageUnused, 404],
      ["author", ids.imageUnused, 200],
      ["trainer", ids.imagePublished, 403],
      ["a1", "00000000-0000-0000-0000-000000000000", 404],
    ];
    for (const [who, id, status] of cases) {
      const res = await clients[who].get(`/learning/images/${id}`);
      expect(res.status, `${who} → image ${id}`).toBe(status);
      const body = new Uint8Array(await res.arrayBuffer());
      if (status === 200) expect(res.headers.get("content-type")).toBe("image/png");
      else expect(body.slice(0, 4)).not.toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    }
    expect(
      (await new Client(server.url).get(`/learning/images/${ids.imagePublished}`)).status,
    ).toBe(302);
  });

  it("once the draft is published, its image reaches learners", async () => {
    const { publishDraft } = await import("~/learning/authoring.server");
    await publishDraft(await db(), ids.draftModule);
    expect((await clients.a1.get(`/learning/images/${ids.imageDraft}`)).status).toBe(200);
  });
});

describe("parallel quiz submissions count once each", () => {
  it(`the same quiz page sent ${PARALLEL} times at once records one attempt`, async () => {
    const a2 = clients.a2;
    const { token, answers } = await readyForQuiz(a2, ids.module);
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        a2.post(`/learning/modules/${ids.module}/quiz`, { ...answers, submission: token }),
      ),
    );
    const locations = new Set(results.map((r) => `${r.status} ${r.headers.get("location")}`));
    expect([...locations]).toHaveLength(1);
    expect([...locations][0]).toMatch(/^302 \/learning\/modules\/.+\/quiz\/[0-9a-f-]{36}$/);
    const d = await db();
    const attempts = await d
      .selectFrom("learning_quiz_attempts as a")
      .innerJoin("learning_enrolments as e", "e.id", "a.enrolment_id")
      .select(["a.attempt_number", "a.submission_token", "e.completed_at"])
      .where("e.user_id", "=", ids.learnerA2)
      .execute();
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ attempt_number: 1, submission_token: token });
    expect(attempts[0].completed_at).toBeTruthy();
  });

  it(`${PARALLEL} different quiz pages of one learner sent at once record ${PARALLEL} attempts numbered 1…${PARALLEL} without gaps or repeats`, async () => {
    const b1 = clients.b1;
    await readyForQuiz(b1, ids.module);
    const pages = await Promise.all(
      Array.from({ length: PARALLEL }, () => quizPage(b1, ids.module)),
    );
    const results = await Promise.all(
      pages.map((p) =>
        b1.post(`/learning/modules/${ids.module}/quiz`, { ...p.answers, submission: p.token }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(PARALLEL).fill(302));
    const d = await db();
    const attempts = await d
      .selectFrom("learning_quiz_attempts as a")
      .innerJoin("learning_enrolments as e", "e.id", "a.enrolment_id")
      .select(["a.attempt_number"])
      .where("e.user_id", "=", ids.learnerB)
      .orderBy("a.attempt_number")
      .execute();
    expect(attempts.map((a) => a.attempt_number)).toEqual(
      Array.from({ length: PARALLEL }, (_, i) => i + 1),
    );
    const enrolments = await d
      .selectFrom("learning_enrolments")
      .select("completed_at")
      .where("user_id", "=", ids.learnerB)
      .execute();
    expect(enrolments).toHaveLength(1);
  });

  it(`${PARALLEL} learners submitting at the same moment each get exactly one attempt and one completion`, async () => {
    const d = await db();
    const { insertUser } = await import("~/seed/foundation.server");
    const crowd: {
      id: string;
      client: Client;
      page: { token: string; answers: Record<string, string> };
    }[] = [];
    for (let i = 0; i < PARALLEL; i++) {
      const id = await insertUser(d, {
        email: `crowd${i}@example.org`,
        name: `Crowd ${i}`,
        password: PASSWORD,
        memberships: [{ organisationId: ids.orgA, role: "learner" }],
      });
      const client = await signedIn(`crowd${i}@example.org`);
      crowd.push({ id, client, page: await readyForQuiz(client, ids.module) });
    }
    // Statistics as a live database keeps them: on PostgreSQL the planner then reads this small
    // attempts table by a sequential scan, and two racing submissions of one page clash on the
    // unique attempt number (23505) rather than as a serialization failure (40001). Without
    // the retry of that clash in writeTransaction, some of these answers were 500s.
    const { sql } = await import("kysely");
    await sql`analyze`.execute(d);
    // Each sends its page twice at once (a double click), all at the same moment.
    const results = await Promise.all(
      crowd.flatMap((c) =>
        [0, 1].map(() =>
          c.client.post(`/learning/modules/${ids.module}/quiz`, {
            ...c.page.answers,
            submission: c.page.token,
          }),
        ),
      ),
    );
    expect(results.every((r) => r.status === 302)).toBe(true);
    const rows = await d
      .selectFrom("learning_quiz_attempts as a")
      .innerJoin("learning_enrolments as e", "e.id", "a.enrolment_id")
      .select(["e.user_id", "a.attempt_number", "e.completed_at"])
      .where(
        "e.user_id",
        "in",
        crowd.map((c) => c.id),
      )
      .execute();
    expect(rows).toHaveLength(PARALLEL);
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(PARALLEL);
    expect(rows.every((r) => r.attempt_number === 1 && r.completed_at)).toBe(true);
  }, 120_000);
});
