import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Issue 16: the safeguarding log showed 500 records a page (and audited all 500 ids per view),
// and trainers' checks listed every trainer on one page. Both now page fifty at a time with the
// count, the log newest first and scoped to a trainer's own sessions, trainers by name with a
// search.

let server: TestServer;
const MINUTE = 60_000;
const RECORDS = 130;
/** Records newest first: initials R001 is the newest, R130 the oldest. */
const records: { id: string; initials: string; trainer: "ash" | "birch" }[] = [];
let leadId: string;
let trainerNames: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const f = await import("~/seed/factories/sessions.server");
  const { recordSafeguarding } = await import("~/safeguarding/records.server");
  const db = getDb();
  const partner = await insertOrganisation(db, { kind: "delivery_partner", name: "Log Partner" });
  const other = await insertOrganisation(db, { kind: "delivery_partner", name: "Other Partner" });
  leadId = await insertUser(db, {
    email: "log-lead@example.org",
    name: "Log Lead",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead", safeguardingCleared: true }],
  });
  const ash = await insertUser(db, {
    email: "ash@example.org",
    name: "Ash Trainer",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "trainer", safeguardingCleared: true }],
  });
  const birch = await insertUser(db, {
    email: "birch@example.org",
    name: "Birch Trainer",
    password: PASSWORD,
    // A trainer in two organisations is one trainer in the list.
    memberships: [
      { organisationId: partner, role: "trainer", safeguardingCleared: true },
      { organisationId: other, role: "trainer", safeguardingCleared: true },
    ],
  });
  // Enough trainers for three pages, named so their order by name is known; one disabled, and
  // someone who is not a trainer, neither of whom is listed.
  for (let i = 1; i <= 110; i++)
    await insertUser(db, {
      email: `trainer${i}@example.org`,
      name: `Trainer ${String(i).padStart(3, "0")}`,
      memberships: [{ organisationId: partner, role: "trainer" }],
    });
  await insertUser(db, {
    email: "needle.person@example.org",
    name: "Zoë Quillfeather",
    memberships: [{ organisationId: other, role: "trainer" }],
  });
  const disabled = await insertUser(db, {
    email: "gone@example.org",
    name: "Zz Disabled Trainer",
    memberships: [{ organisationId: partner, role: "trainer" }],
  });
  await db
    .updateTable("users")
    .set({ disabled_at: new Date().toISOString() })
    .where("id", "=", disabled)
    .execute();
  await insertUser(db, {
    email: "zz-caseworker@example.org",
    name: "Zz Caseworker",
    memberships: [{ organisationId: other, role: "caseworker" }],
  });
  trainerNames = [
    "Ash Trainer",
    "Birch Trainer",
    ...Array.from({ length: 110 }, (_, i) => `Trainer ${String(i + 1).padStart(3, "0")}`),
    "Zoë Quillfeather",
  ].sort();

  const programmeId = await f.insertProgramme(db, { name: "SOS+" });
  const offering = await f.insertOffering(db, {
    programmeId,
    title: "Knife crime awareness",
    audience: "pupils",
  });
  const lastWeek = new Date(Date.now() - 7 * 24 * 60 * MINUTE);
  const ashSession = await f.insertSession(db, {
    programmeId,
    offeringId: offering,
    startsAt: lastWeek,
    venue: "Ash hall",
    trainerIds: [ash],
  });
  const birchSession = await f.insertSession(db, {
    programmeId,
    offeringId: offering,
    startsAt: lastWeek,
    venue: "Birch hall",
    trainerIds: [birch],
  });
  // Recorded in a shuffled order, then dated so R001 is the newest; every third is Birch's.
  const order = Array.from({ length: RECORDS }, (_, i) => (i * 47) % RECORDS);
  const now = Date.now();
  for (const i of order) {
    const trainer = i % 3 === 2 ? "birch" : "ash";
    const initials = `R${String(i + 1).padStart(3, "0")}`;
    const id = await recordSafeguarding(db, {
      sessionId: trainer === "birch" ? birchSession : ashSession,
      kind: "concern",
      category: "criminal_exploitation",
      destination: null,
      initials,
      yearGroup: "9",
      consent: "not_applicable",
      notes: null,
      userId: trainer === "birch" ? birch : ash,
      ip: null,
    });
    await db
      .updateTable("safeguarding_records")
      .set({ created_at: new Date(now - (i + 1) * MINUTE).toISOString() })
      .where("id", "=", id)
      .execute();
    records[i] = { id, initials, trainer };
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
});

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

/** The records' initials shown on a page of the log, in the order shown. */
function initialsShown(text: string) {
  return [...text.matchAll(/\b(R\d{3}), Year 9/g)].map((m) => m[1]);
}

async function lastViewAudited() {
  const { getDb } = await import("~/db/db.server");
  const row = await getDb()
    .selectFrom("audit_log")
    .select(["detail", "subject_type"])
    .where("action", "=", "safeguarding.viewed")
    .where("actor_user_id", "=", leadId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  return {
    subjectType: row.subject_type,
    records: (JSON.parse(row.detail ?? "{}") as { records: string[] }).records,
  };
}

describe("the safeguarding log, a page at a time", () => {
  it("shows a lead the newest records first, a page of RECORDS_PAGE, with the count", async () => {
    const { RECORDS_PAGE } = await import("~/safeguarding/records.server");
    expect(RECORDS_PAGE).toBe(50);
    const c = await signedIn("log-lead@example.org");
    const text = textOf(await (await c.get("/safeguarding")).text());
    expect(text).toContain(`Showing 1 to ${RECORDS_PAGE} of ${RECORDS} records`);
    expect(initialsShown(text)).toEqual(records.slice(0, RECORDS_PAGE).map((r) => r.initials));
    expect(text).toContain("Next page");
    expect(text).not.toContain("Previous page");
  });

  it("holds the oldest records on the last page", async () => {
    const { RECORDS_PAGE } = await import("~/safeguarding/records.server");
    const last = Math.ceil(RECORDS / RECORDS_PAGE);
    const c = await signedIn("log-lead@example.org");
    const text = textOf(await (await c.get(`/safeguarding?page=${last}`)).text());
    const first = (last - 1) * RECORDS_PAGE;
    expect(text).toContain(`Showing ${first + 1} to ${RECORDS} of ${RECORDS} records`);
    expect(initialsShown(text)).toEqual(records.slice(first).map((r) => r.initials));
    expect(initialsShown(text).at(-1)).toBe(`R${RECORDS}`);
    expect(text).not.toContain("Next page");
  });

  it("audits exactly the records on the page viewed", async () => {
    const { RECORDS_PAGE } = await import("~/safeguarding/records.server");
    const c = await signedIn("log-lead@example.org");
    const shown = initialsShown(textOf(await (await c.get("/safeguarding?page=2")).text()));
    expect(shown).toHaveLength(RECORDS_PAGE);
    const audited = await lastViewAudited();
    expect(audited.subjectType).toBe("safeguarding_log");
    expect(audited.records).toEqual(records.slice(RECORDS_PAGE, 2 * RECORDS_PAGE).map((r) => r.id));
    const byId = new Map(records.map((r) => [r.id, r.initials]));
    expect(audited.records.map((id) => byId.get(id))).toEqual(shown);
  });

  it("counts and shows a trainer only their own sessions' records", async () => {
    const { RECORDS_PAGE } = await import("~/safeguarding/records.server");
    const ashs = records.filter((r) => r.trainer === "ash");
    const birchs = records.filter((r) => r.trainer === "birch");
    expect(ashs.length).toBeGreaterThan(RECORDS_PAGE);
    expect(birchs.length).toBeLessThanOrEqual(RECORDS_PAGE);

    const ash = await signedIn("ash@example.org");
    const first = textOf(await (await ash.get("/safeguarding")).text());
    expect(first).toContain(`Showing 1 to ${RECORDS_PAGE} of ${ashs.length} records`);
    expect(initialsShown(first)).toEqual(ashs.slice(0, RECORDS_PAGE).map((r) => r.initials));
    const second = textOf(await (await ash.get("/safeguarding?page=2")).text());
    expect(second).toContain(`Showing ${RECORDS_PAGE + 1} to ${ashs.length} of ${ashs.length}`);
    expect(initialsShown(second)).toEqual(ashs.slice(RECORDS_PAGE).map((r) => r.initials));

    const birch = await signedIn("birch@example.org");
    const theirs = textOf(await (await birch.get("/safeguarding")).text());
    expect(theirs).toContain(`${birchs.length} records, newest first`);
    expect(theirs).not.toContain("Next page");
    expect(initialsShown(theirs)).toEqual(birchs.map((r) => r.initials));
  });
});

describe("trainers' checks, a page at a time", () => {
  it("pages the trainers by name with the count, the last page holding the last by name", async () => {
    const { TRAINERS_PAGE } = await import("~/sessions/scheduling.server");
    const c = await signedIn("log-lead@example.org");
    const total = trainerNames.length;
    expect(total).toBeGreaterThan(2 * TRAINERS_PAGE);
    const first = textOf(await (await c.get("/trainers")).text());
    expect(first).toContain(`Showing 1 to ${TRAINERS_PAGE} of ${total} trainers`);
    expect(first).toContain(trainerNames[0]);
    expect(first).not.toContain(trainerNames[TRAINERS_PAGE]);
    const last = Math.ceil(total / TRAINERS_PAGE);
    const lastText = textOf(await (await c.get(`/trainers?page=${last}`)).text());
    expect(lastText).toContain(`Showing ${(last - 1) * TRAINERS_PAGE + 1} to ${total} of ${total}`);
    expect(lastText).toContain(trainerNames[total - 1]);
    expect(lastText).not.toContain("Zz Disabled Trainer");
    expect(lastText).not.toContain("Zz Caseworker");
    expect(lastText).not.toContain("Next page");
  });

  it("finds one trainer among them by part of their name or email, keeping the search in the page links", async () => {
    const c = await signedIn("log-lead@example.org");
    const html = await (await c.get("/trainers?q=QUILL")).text();
    const text = textOf(html);
    expect(text).toContain("Zoë Quillfeather");
    expect(text).toContain("Other Partner");
    expect(text).not.toContain("Trainer 001");
    expect(html).toContain('value="QUILL"');
    expect(textOf(await (await c.get("/trainers?q=needle.person")).text())).toContain(
      "Zoë Quillfeather",
    );
    const paged = await (await c.get("/trainers?q=Trainer+0")).text();
    expect(textOf(paged)).toContain("Showing 1 to 50 of 99 trainers");
    expect(paged).toContain('href="/trainers?q=Trainer+0&amp;page=2"');
    expect(textOf(await (await c.get("/trainers?q=nobody-like-this")).text())).toContain(
      "No trainers match “nobody-like-this”.",
    );
  });
});
