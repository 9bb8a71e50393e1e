import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";

// Issue 12, item 12: a pupil session with no classes gave an attendance page with only a Save
// button, and saving it recorded "attendance" with nobody counted. The page now says what to do —
// choose the classes that came, from the school's classes — and an attendance with no classes is
// refused, so the session cannot be marked delivered with nobody reached.

let server: TestServer;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;
let sessionId: string;
let classA: string;
let classOther: string;

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
  const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
  const batch = new DeliveryBatch();
  classA = batch.class({ settingId: world.schoolA, yearGroup: "9", name: "9W1", pupils: 28 });
  batch.class({ settingId: world.schoolA, yearGroup: "10", name: "10W2", pupils: 30 });
  classOther = batch.class({ settingId: world.schoolB, yearGroup: "9", name: "9H1", pupils: 25 });
  // Began two hours ago, at school A, with no classes linked.
  sessionId = batch.session({
    programmeId: world.programme,
    offeringId: world.offerings.workshop,
    settingId: world.schoolA,
    startsAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
    status: "scheduled",
  });
  await batch.write(world.db);
  await world.db
    .insertInto("session_trainers")
    .values({ session_id: sessionId, trainer_id: world.users.dan })
    .execute();
});

afterAll(async () => {
  await server?.close();
});

describe("attendance at a pupil session with no classes", () => {
  it("says what to do and offers the school's classes, not a lone Save button", async () => {
    const dan = await signedIn("dan@example.org");
    const html = await (await dan.get(`/sessions/${sessionId}/attendance`)).text();
    const text = textOf(html);
    expect(text).toContain("No classes are linked to this session yet");
    expect(text).toContain("9W1");
    expect(text).toContain("10W2");
    expect(text).not.toContain("9H1");
    expect(html).toContain('value="add-classes"');
    expect(text).not.toContain("Save attendance");
  });

  it("refuses an attendance with no classes, so the session is not delivered with nobody counted", async () => {
    const dan = await signedIn("dan@example.org");
    const empty = await dan.post(`/sessions/${sessionId}/attendance`, {});
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain(
      "Choose the classes that came before recording attendance",
    );
    const recorded = await world.db
      .selectFrom("session_events")
      .select("id")
      .where("session_id", "=", sessionId)
      .where("event", "=", "attendance_recorded")
      .execute();
    expect(recorded).toHaveLength(0);
    const refused = await dan.post(`/sessions/${sessionId}`, { intent: "deliver" });
    expect(refused.status).toBe(409);
    // The reason is in the Design System's error summary, linked to the attendance it is about.
    const page = await refused.text();
    expect(page).toMatch(
      /class="govuk-error-summary"[\s\S]*There is a problem[\s\S]*href="#attendance"/,
    );
    const lead = await signedIn("lead@example.org");
    expect(textOf(await (await lead.get(`/programmes/${world.programme}`)).text())).not.toMatch(
      /Pupils\s+1 of 120/,
    );
  });

  it("will not link another school's class", async () => {
    const dan = await signedIn("dan@example.org");
    const res = await dan.post(`/sessions/${sessionId}/attendance`, {
      intent: "add-classes",
      classIds: classOther,
    });
    expect(res.status).toBe(400);
    expect(
      await world.db
        .selectFrom("session_classes")
        .select("class_id")
        .where("session_id", "=", sessionId)
        .execute(),
    ).toHaveLength(0);
  });

  it("links the classes that came, then counts them and the session", async () => {
    const dan = await signedIn("dan@example.org");
    const added = await dan.post(`/sessions/${sessionId}/attendance`, {
      intent: "add-classes",
      classIds: classA,
    });
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toBe(`/sessions/${sessionId}/attendance`);
    const page = textOf(await (await dan.get(`/sessions/${sessionId}/attendance`)).text());
    expect(page).toContain("9W1: pupils who attended");
    expect(page).toContain("Save attendance");
    expect(
      (await dan.post(`/sessions/${sessionId}/attendance`, { [`class-${classA}`]: "26" })).status,
    ).toBe(302);
    expect((await dan.post(`/sessions/${sessionId}`, { intent: "deliver" })).status).toBe(302);
    const lead = await signedIn("lead@example.org");
    const programme = textOf(await (await lead.get(`/programmes/${world.programme}`)).text());
    expect(programme).toContain("1 of 120 (1%)");
    expect(programme).toContain("26 of 8,600 (0%)");
  });
});
