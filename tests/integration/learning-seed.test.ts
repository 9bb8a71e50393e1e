import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { seedDemo } = await import("~/seed/seed.server");
  await seedDemo(getDb());
});

afterAll(async () => {
  await server?.close();
});

describe("the e-learning demo seed", () => {
  it("publishes three modules, each with four to six lessons and a quiz of eight to ten publishable questions", async () => {
    const { getDb } = await import("~/db/db.server");
    const { publishProblems, versionContent } = await import("~/learning/authoring.server");
    const versions = await getDb()
      .selectFrom("learning_module_versions")
      .selectAll()
      .where("status", "=", "published")
      .orderBy("title")
      .execute();
    expect(versions.map((v) => v.title)).toEqual([
      "County lines and how exploitation works",
      "Recognising child criminal exploitation",
      "Responding and referring through Norfolk's safeguarding pathways",
    ]);
    for (const v of versions) {
      const { lessons, questions } = await versionContent(getDb(), v.id);
      expect(lessons.length, v.title).toBeGreaterThanOrEqual(4);
      expect(lessons.length, v.title).toBeLessThanOrEqual(6);
      expect(questions.length, v.title).toBeGreaterThanOrEqual(8);
      expect(questions.length, v.title).toBeLessThanOrEqual(10);
      expect(await publishProblems(getDb(), v.id)).toEqual([]);
      for (const q of questions)
        for (const o of q.options) expect(o.feedback.length, q.prompt).toBeGreaterThan(0);
      for (const l of lessons) expect(l.body_html).not.toMatch(/<script|\son\w+=/i);
    }
  });

  it("has learner@ part-way through one module and finished with another, and other learners at several organisations", async () => {
    const { getDb } = await import("~/db/db.server");
    const { myLearning, getCompletion } = await import("~/learning/learn.server");
    const learner = await getDb()
      .selectFrom("users")
      .select("id")
      .where("email", "=", "learner@example.org")
      .executeTakeFirstOrThrow();
    const mine = await myLearning(getDb(), learner.id);
    const done = mine.filter((m) => m.completedAt);
    const going = mine.filter((m) => !m.completedAt);
    expect(done).toHaveLength(1);
    expect(going).toHaveLength(1);
    expect(going[0].lessonsRead).toBeGreaterThan(0);
    expect(going[0].lessonsRead).toBeLessThan(going[0].lessonsTotal);
    const completion = await getCompletion(getDb(), done[0].enrolmentId);
    expect(completion).toMatchObject({
      holder: { email: "learner@example.org" },
      moduleTitle: "Recognising child criminal exploitation",
      version: 1,
    });
    expect(await getCompletion(getDb(), going[0].enrolmentId)).toBeNull();

    const orgs = await getDb()
      .selectFrom("learning_enrolments as e")
      .innerJoin("memberships as m", "m.user_id", "e.user_id")
      .select("m.organisation_id")
      .distinct()
      .execute();
    expect(orgs.length).toBeGreaterThanOrEqual(4);
  });
});
