import path from "node:path";
import { succeeded } from "../support/outcome";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EXPRESS_ROUTES,
  LAYOUT_ROUTES,
  ROUTE_ACCESS,
  type RouteAccess,
  type Who,
  EVERYONE,
} from "~/auth/route-access";
import { Client, startTestServer, type TestServer } from "../support/server";

// The authorisation matrix: every route of the server build against app/auth/route-access.ts,
// as nobody and as one demo account per role, for GET and POST.
let server: TestServer;
const clients = new Map<Who, Client>();
let fixtures: Record<string, string> = {};

const DEMO_ACCOUNTS: Record<Exclude<Who, "anonymous">, string> = {
  programme_lead: "lead@example.org",
  trainer: "trainer@example.org",
  school_coordinator: "school@example.org",
  organisation_manager: "manager@example.org",
  learner: "learner@example.org",
  content_author: "author@example.org",
  caseworker: "mentor@example.org",
};

function fullPath(build: ServerBuild, id: string): string {
  const parts: string[] = [];
  for (
    let r = build.routes[id];
    r;
    r = r.parentId ? build.routes[r.parentId] : (undefined as never)
  ) {
    if (r.path) parts.unshift(r.path);
  }
  return "/" + parts.join("/").replace(/^\/+/, "");
}

async function signIn(who: Who) {
  const c = new Client(server.url);
  if (who !== "anonymous") {
    const { DEMO_PASSWORD } = await import("~/seed/foundation.server");
    await c.signIn(DEMO_ACCOUNTS[who], DEMO_PASSWORD);
  }
  clients.set(who, c);
}

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { seedDemo } = await import("~/seed/seed.server");
  const { createInvitation } = await import("~/auth/accounts.server");
  const db = getDb();
  const ctx = await seedDemo(db);
  const invitation = await createInvitation(db, {
    email: "new.person@example.org",
    organisationId: ctx.foundation.organisations["Norwich Youth Harbour"],
    role: "learner",
    invitedBy: ctx.foundation.users.lead,
    baseUrl: server.url,
  });
  const outbox = await db.selectFrom("outbox").select("id").executeTakeFirstOrThrow();
  // Real rows the demo accounts may reach: a session trainer@ delivers, school@'s class and
  // request, learner@'s membership, a published module author@ wrote, a valid certificate.
  const u = ctx.foundation.users;
  const nowIso = new Date().toISOString();
  const trainerSession = await db
    .selectFrom("delivery_sessions as s")
    .innerJoin("session_trainers as t", "t.session_id", "s.id")
    .select("s.id")
    .where("t.trainer_id", "=", u.trainer)
    .orderBy("s.starts_at", "desc")
    .executeTakeFirstOrThrow();
  const schoolId = (
    await db
      .selectFrom("memberships")
      .select("organisation_id")
      .where("user_id", "=", u.school)
      .executeTakeFirstOrThrow()
  ).organisation_id;
  const certificate = await db
    .selectFrom("certificates")
    .select(["id", "code"])
    .where("status", "=", "valid")
    .executeTakeFirstOrThrow();
  const capability = {
    programme: (await db.selectFrom("programmes").select("id").executeTakeFirstOrThrow()).id,
    offering: (await db.selectFrom("offerings").select("id").executeTakeFirstOrThrow()).id,
    questionnaire: (await db.selectFrom("questionnaires").select("id").executeTakeFirstOrThrow())
      .id,
    class: (
      await db
        .selectFrom("classes")
        .select("id")
        .where("setting_id", "=", schoolId)
        .executeTakeFirstOrThrow()
    ).id,
    bookingRequest: (
      await db
        .selectFrom("booking_requests")
        .select("id")
        .where("setting_id", "=", schoolId)
        .where("status", "=", "requested")
        .executeTakeFirstOrThrow()
    ).id,
    trainerSession: trainerSession.id,
    futureSession: (
      await db
        .selectFrom("delivery_sessions")
        .select("id")
        .where("status", "=", "scheduled")
        .where("starts_at", ">", nowIso)
        .executeTakeFirstOrThrow()
    ).id,
    openSession: (
      await db
        .selectFrom("delivery_sessions")
        .select("id")
        .where("is_open", "=", 1)
        .where("status", "=", "scheduled")
        .where("starts_at", ">", nowIso)
        .executeTakeFirstOrThrow()
    ).id,
    feedbackToken: (
      await db
        .selectFrom("delivery_sessions")
        .select("feedback_token")
        .where("feedback_token", "is not", null)
        .executeTakeFirstOrThrow()
    ).feedback_token!,
    learnerMembership: (
      await db
        .selectFrom("memberships")
        .select("id")
        .where("user_id", "=", u.learner)
        .executeTakeFirstOrThrow()
    ).id,
    module: (
      await db
        .selectFrom("learning_module_versions")
        .select("module_id")
        .where("status", "=", "published")
        .where("created_by", "=", u.author)
        .executeTakeFirstOrThrow()
    ).module_id,
    helpContact: (
      await db.selectFrom("learning_help_contacts").select("id").executeTakeFirstOrThrow()
    ).id,
    certificate: certificate.id,
    certificateCode: certificate.code,
  };
  // Token links as their emails carry them; an import, a draft, an image a published lesson shows.
  const fs = await import("node:fs");
  const { requestPasswordReset } = await import("~/auth/accounts.server");
  const { resetFeedToken } = await import("~/sessions/feeds.server");
  const { bookOpenSession } = await import("~/sessions/open.server");
  const { decodeGias, parseGias, createImport } = await import("~/organisations/gias.server");
  const { insertModule } = await import("~/learning/seed.server");
  const { saveImage } = await import("~/learning/images.server");
  await requestPasswordReset(db, {
    email: "trainer2@example.org",
    baseUrl: server.url,
    ip: "127.0.0.1",
  });
  const resetMail = await db
    .selectFrom("outbox")
    .select("text_body")
    .where("to_address", "=", "trainer2@example.org")
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const routeCheck = await bookOpenSession(db, {
    sessionId: capability.openSession,
    name: "Route Check",
    email: "route.check@example.org",
    baseUrl: server.url,
  });
  if (!routeCheck.ok) throw new Error("the route check booking was refused");
  const cancelMail = await db
    .selectFrom("outbox")
    .select("text_body")
    .where("to_address", "=", "route.check@example.org")
    .executeTakeFirstOrThrow();
  const { PNG } = await import("pngjs");
  const picture = new PNG({ width: 2, height: 2 });
  picture.data.fill(90);
  const png = new Uint8Array(PNG.sync.write(picture));
  const image = succeeded(await saveImage(db, u.author, { name: "map.png", bytes: png }));
  const imageModule = await insertModule(db, u.author, {
    details: {
      title: "Route check",
      summary: "For the access test.",
      audience: "VCSE staff and volunteers",
      estimatedMinutes: 5,
      passMark: 50,
      contentNote: null,
    },
    lessons: [{ title: "One", body: `![a map](/learning/images/${image.id})` }],
    questions: [
      {
        prompt: "Yes?",
        kind: "single",
        options: [
          { text: "Yes", correct: true, feedback: "Right." },
          { text: "No", correct: false, feedback: "No." },
        ],
      },
    ],
  });
  const draft = await insertModule(
    db,
    u.author,
    {
      details: {
        title: "Draft check",
        summary: "A draft.",
        audience: "VCSE staff and volunteers",
        estimatedMinutes: 5,
        passMark: 50,
        contentNote: null,
      },
      lessons: [{ title: "One", body: "Text." }],
      questions: [
        {
          prompt: "Yes?",
          kind: "single",
          options: [
            { text: "Yes", correct: true, feedback: "Right." },
            { text: "No", correct: false, feedback: "No." },
          ],
        },
      ],
    },
    { publish: false },
  );
  void imageModule;
  const learnerAttempt = await db
    .selectFrom("learning_quiz_attempts as a")
    .innerJoin("learning_enrolments as e", "e.id", "a.enrolment_id")
    .select(["a.id", "e.module_id"])
    .where("e.user_id", "=", u.learner)
    .executeTakeFirstOrThrow();
  Object.assign(capability, {
    resetToken: /\/reset-password\/([a-z2-7]{32})/.exec(resetMail.text_body)![1],
    cancelToken: /\/sessions\/open\/cancel\/([A-Za-z0-9_-]+)/.exec(cancelMail.text_body)![1],
    feedToken: await resetFeedToken(db, u.trainer),
    importId: await createImport(db, {
      fileName: "edubasealldata.csv",
      parsed: succeeded(
        parseGias(
          decodeGias(new Uint8Array(fs.readFileSync("tests/fixtures/gias-sample.csv"))),
          "926",
        ),
      ),
      userId: u.lead,
    }),
    image: image.id,
    draftModule: draft.moduleId,
    draftLesson: (
      await db
        .selectFrom("learning_lessons")
        .select("id")
        .where("version_id", "=", draft.versionId)
        .executeTakeFirstOrThrow()
    ).id,
    draftQuestion: (
      await db
        .selectFrom("learning_questions")
        .select("id")
        .where("version_id", "=", draft.versionId)
        .executeTakeFirstOrThrow()
    ).id,
    openRegistration: routeCheck.registrationId,
    learnerModule: learnerAttempt.module_id,
    learnerAttempt: learnerAttempt.id,
    learnerCertificate: (
      await db
        .selectFrom("certificates")
        .select("id")
        .where("holder_user_id", "=", u.learner)
        .where("status", "=", "valid")
        .executeTakeFirstOrThrow()
    ).id,
  });
  // Casework: an open case allocated to mentor@, and a referral waiting for triage.
  Object.assign(capability, {
    caseworkCase: (
      await db
        .selectFrom("casework_cases")
        .select("id")
        .where("caseworker_id", "=", u.mentor!)
        .where("status", "=", "open")
        .executeTakeFirstOrThrow()
    ).id,
    caseworkProgramme: (
      await db.selectFrom("casework_programmes").select("id").executeTakeFirstOrThrow()
    ).id,
    caseworkReferral: (
      await db
        .selectFrom("casework_referrals")
        .select("id")
        .where("status", "=", "pending")
        .executeTakeFirstOrThrow()
    ).id,
  });
  // Real rows for {placeholders} in ROUTE_ACCESS samples. Capabilities add theirs here.
  fixtures = {
    ...capability,
    outboxId: outbox.id,
    invitationToken: invitation.link.split("/").pop()!,
    ...Object.fromEntries(Object.entries(ctx.foundation.users).map(([k, v]) => [`user.${k}`, v])),
    ...Object.fromEntries(
      Object.entries(ctx.foundation.organisations).map(([k, v]) => [`org.${k}`, v]),
    ),
  };
  for (const who of EVERYONE) await signIn(who);
});

afterAll(async () => {
  await server?.close();
});

function urlFor(row: RouteAccess): string {
  if (row.sample) {
    return row.sample.replace(/\{([^}]+)\}/g, (_, key: string) => {
      if (!(key in fixtures))
        throw new Error(
          `No fixture "${key}" for ${row.id}: add it to the fixtures in route-access.test.ts`,
        );
      return fixtures[key];
    });
  }
  // A made-up value in the shape of a token: a 404 (or an "expired link" page) is then fine.
  return row.path.replace(/:[A-Za-z]+\??/g, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
}

const isSignInRedirect = (res: Response) =>
  res.status >= 300 &&
  res.status < 400 &&
  /^\/sign-in(\?redirectTo=|$)/.test(res.headers.get("location") ?? "");

function describeAnswer(res: Response) {
  const loc = res.headers.get("location");
  return `${res.status}${loc ? ` → ${loc}` : ""}`;
}

function expectAllowed(row: RouteAccess, method: string, who: Who, res: Response) {
  const what = `${who} ${method} ${row.path} answered ${describeAnswer(res)}`;
  expect(res.status, `${what}: a server error`).toBeLessThan(500);
  expect([401, 403, 405], `${what}, but the table says they may`).not.toContain(res.status);
  expect(isSignInRedirect(res), `${what}, but the table says they may`).toBe(false);
  if (row.sample) expect(res.status, `${what} for a real row`).not.toBe(404);
}

function expectDenied(row: RouteAccess, method: string, who: Who, res: Response) {
  const what = `${who} ${method} ${row.path} answered ${describeAnswer(res)}, but the table says they may not`;
  if (isSignInRedirect(res)) return;
  if (method === "GET") expect([403, 404], what).toContain(res.status);
  else {
    expect(res.status, what).toBeGreaterThanOrEqual(400);
    expect(res.status, what).toBeLessThan(500);
  }
}

describe("route inventory", () => {
  it("lists every route of the server build, and nothing that is not in it", async () => {
    const build = (await import(
      /* @vite-ignore */ path.resolve("build/server/index.js")
    )) as ServerBuild;
    const listed = new Map(ROUTE_ACCESS.map((r) => [r.id, r]));
    const missing = Object.keys(build.routes).filter(
      (id) => !listed.has(id) && !LAYOUT_ROUTES.includes(id),
    );
    expect(missing, `routes missing from app/auth/route-access.ts: ${missing.join(", ")}`).toEqual(
      [],
    );
    const gone = ROUTE_ACCESS.filter((r) => !build.routes[r.id]).map((r) => r.id);
    expect(
      gone,
      `rows in app/auth/route-access.ts for routes that no longer exist: ${gone.join(", ")}`,
    ).toEqual([]);
    for (const row of ROUTE_ACCESS) {
      expect(fullPath(build, row.id), `path of ${row.id}`).toBe(row.path);
      const hasAction = !!build.routes[row.id].module.action;
      expect(hasAction, `${row.id}: post must be null exactly when the route has no action`).toBe(
        row.post !== null,
      );
    }
  });
});

describe("who may GET and POST each route", () => {
  for (const row of ROUTE_ACCESS) {
    it(`${row.path} (${row.id})`, async () => {
      const url = urlFor(row);
      for (const who of EVERYONE) {
        const c = clients.get(who)!;
        const get = await c.get(url);
        if (row.get.includes(who)) expectAllowed(row, "GET", who, get);
        else expectDenied(row, "GET", who, get);
        await get.arrayBuffer();

        const post = await c.post(url, {});
        if (row.post === null)
          expect(post.status, `${who} POST ${row.path}: no action, so 405`).toBe(405);
        else if (row.post.includes(who)) expectAllowed(row, "POST", who, post);
        else expectDenied(row, "POST", who, post);
        await post.arrayBuffer();
        if (row.endsSession) await signIn(who);
      }
    });
  }

  it("answers the Express routes outside Remix as listed", async () => {
    for (const r of EXPRESS_ROUTES) {
      const res = await fetch(server.url + r.path);
      expect(res.status, r.path).toBe(200);
    }
  });
});
