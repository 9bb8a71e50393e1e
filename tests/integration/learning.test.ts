import { parse } from "csv-parse/sync";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf as rawTextOf, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// React separates adjacent text with <!-- --> comments; a reader sees one run of text.
const textOf = (html: string) => rawTextOf(html.replace(/<!-- -->/g, ""));

let server: TestServer;
let ids: { harbour: string; other: string; author: string; learnerA: string; learnerB: string };

const SPEC = (title: string, lessonCount: number) => ({
  details: {
    title,
    summary: "A test module.",
    audience: "VCSE staff and volunteers",
    estimatedMinutes: 20,
    passMark: 50,
    contentNote: null,
  },
  lessons: Array.from({ length: lessonCount }, (_, i) => ({
    title: `${title} lesson ${i + 1}`,
    body: `Text of ${title} lesson ${i + 1}.`,
  })),
  questions: [
    {
      prompt: "Which colour is the sky on a clear day?",
      kind: "single" as const,
      options: [
        { text: "Blue", correct: true, feedback: "FEEDBACK-SKY-RIGHT" },
        { text: "Green", correct: false, feedback: "FEEDBACK-SKY-WRONG" },
      ],
    },
    {
      prompt: "Which of these are even numbers?",
      kind: "multiple" as const,
      options: [
        { text: "Two", correct: true, feedback: "FEEDBACK-TWO" },
        { text: "Three", correct: false, feedback: "FEEDBACK-THREE" },
        { text: "Four", correct: true, feedback: "FEEDBACK-FOUR" },
      ],
    },
  ],
});

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const db = getDb();
  const momentum = await insertOrganisation(db, { kind: "delivery_partner", name: "Momentum" });
  const harbour = await insertOrganisation(db, {
    kind: "vcse",
    name: "Norwich Youth Harbour",
    districtId: "E07000148",
  });
  const other = await insertOrganisation(db, {
    kind: "vcse",
    name: "Lynn Street Pastors",
    districtId: "E07000146",
  });
  const author = await insertUser(db, {
    email: "author@example.org",
    name: "Sam Lowe",
    password: PASSWORD,
    memberships: [{ organisationId: momentum, role: "content_author" }],
  });
  const learnerA = await insertUser(db, {
    email: "a@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: harbour, role: "learner" }],
  });
  const learnerB = await insertUser(db, {
    email: "b@example.org",
    name: '=HYPERLINK("http://evil")',
    password: PASSWORD,
    memberships: [{ organisationId: harbour, role: "learner" }],
  });
  await insertUser(db, {
    email: "c@example.org",
    name: "Grace Ojo",
    password: PASSWORD,
    memberships: [{ organisationId: other, role: "learner" }],
  });
  await insertUser(db, {
    email: "manager@example.org",
    name: "Tom Reeve",
    password: PASSWORD,
    memberships: [{ organisationId: harbour, role: "organisation_manager" }],
  });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: momentum, role: "programme_lead" }],
  });
  ids = { harbour, other, author, learnerA, learnerB };
});

afterAll(async () => {
  await server?.close();
});

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

async function quizOptionIds(moduleId: string) {
  const { getDb } = await import("~/db/db.server");
  return getDb()
    .selectFrom("learning_options as o")
    .innerJoin("learning_questions as q", "q.id", "o.question_id")
    .innerJoin("learning_module_versions as v", "v.id", "q.version_id")
    .select(["o.id", "o.text", "o.is_correct", "q.id as question_id", "v.version"])
    .where("v.module_id", "=", moduleId)
    .execute();
}

describe("versions", () => {
  it("keeps a learner part-way through version 1 on version 1 after version 2 is published, while a new learner gets version 2", async () => {
    const { getDb } = await import("~/db/db.server");
    const { insertModule } = await import("~/learning/seed.server");
    const { moduleId } = await insertModule(getDb(), ids.author, SPEC("Versioned", 3));

    // Learner A enrols on version 1 and reads the first lesson.
    const a = await signedIn("a@example.org");
    expect(
      (await a.post(`/learning/modules/${moduleId}`, { intent: "enrol" })).headers.get("location"),
    ).toBe(`/learning/modules/${moduleId}/lessons/1`);
    expect(
      (await a.post(`/learning/modules/${moduleId}/lessons/1`, { intent: "read" })).headers.get(
        "location",
      ),
    ).toBe(`/learning/modules/${moduleId}/lessons/2`);

    // The author starts version 2, changes lesson 2 and adds a fourth lesson, and publishes it.
    const author = await signedIn("author@example.org");
    expect(
      (await author.post(`/author/modules/${moduleId}`, { intent: "new-version" })).status,
    ).toBe(302);
    const v2Lessons = await getDb()
      .selectFrom("learning_lessons")
      .innerJoin("learning_module_versions as v", "v.id", "learning_lessons.version_id")
      .select(["learning_lessons.id", "learning_lessons.position"])
      .where("v.module_id", "=", moduleId)
      .where("v.version", "=", 2)
      .orderBy("position")
      .execute();
    expect(v2Lessons).toHaveLength(3);
    const edit = await author.post(`/author/modules/${moduleId}/lessons/${v2Lessons[1].id}`, {
      intent: "save",
      title: "Rewritten lesson two",
      contentNote: "",
      bodyMarkdown: "VERSION-TWO-TEXT of lesson two.",
    });
    expect(edit.status).toBe(302);
    expect(
      (
        await author.post(`/author/modules/${moduleId}/lessons/new`, {
          title: "New fourth lesson",
          contentNote: "",
          bodyMarkdown: "Added in version 2.",
        })
      ).status,
    ).toBe(302);
    const publish = await author.post(`/author/modules/${moduleId}`, { intent: "publish" });
    expect(publish.headers.get("location")).toBe(`/author/modules/${moduleId}?done=published`);
    const statuses = await getDb()
      .selectFrom("learning_module_versions")
      .select(["version", "status"])
      .where("module_id", "=", moduleId)
      .orderBy("version")
      .execute();
    expect(statuses).toEqual([
      { version: 1, status: "superseded" },
      { version: 2, status: "published" },
    ]);

    // Learner A resumes at lesson 2 of version 1: the old text, three lessons.
    const resume = await a.get(`/learning/modules/${moduleId}/continue`);
    expect(resume.headers.get("location")).toBe(`/learning/modules/${moduleId}/lessons/2`);
    const lesson2 = textOf(await (await a.get(`/learning/modules/${moduleId}/lessons/2`)).text());
    expect(lesson2).toContain("Text of Versioned lesson 2.");
    expect(lesson2).not.toContain("VERSION-TWO-TEXT");
    expect(lesson2).toContain("1 of 3 lessons read");
    const overviewA = textOf(await (await a.get(`/learning/modules/${moduleId}`)).text());
    expect(overviewA).toContain("You are taking version 1");
    expect(overviewA).toContain("A newer version (2) has been published");

    // Learner B enrols now and gets version 2: four lessons, the new text.
    const b = await signedIn("b@example.org");
    await b.post(`/learning/modules/${moduleId}`, { intent: "enrol" });
    await b.post(`/learning/modules/${moduleId}/lessons/1`, { intent: "read" });
    const bLesson2 = textOf(await (await b.get(`/learning/modules/${moduleId}/lessons/2`)).text());
    expect(bLesson2).toContain("VERSION-TWO-TEXT");
    expect(bLesson2).toContain("1 of 4 lessons read");

    const enrolments = await getDb()
      .selectFrom("learning_enrolments as e")
      .innerJoin("learning_module_versions as v", "v.id", "e.version_id")
      .select(["e.user_id", "v.version"])
      .where("e.module_id", "=", moduleId)
      .execute();
    expect(Object.fromEntries(enrolments.map((e) => [e.user_id, e.version]))).toEqual({
      [ids.learnerA]: 1,
      [ids.learnerB]: 2,
    });

    // Learner A finishes version 1 and passes its quiz: the completion record names version 1.
    await a.post(`/learning/modules/${moduleId}/lessons/2`, { intent: "read" });
    await a.post(`/learning/modules/${moduleId}/lessons/3`, { intent: "read" });
    const opts = (await quizOptionIds(moduleId)).filter((o) => o.version === 1);
    const answers: Record<string, string[]> = {};
    for (const o of opts) if (o.is_correct) (answers[`q-${o.question_id}`] ??= []).push(o.id);
    const submitted = await a.post(`/learning/modules/${moduleId}/quiz`, answers);
    expect(submitted.status).toBe(302);
    const enrolment = await getDb()
      .selectFrom("learning_enrolments")
      .select("id")
      .where("user_id", "=", ids.learnerA)
      .where("module_id", "=", moduleId)
      .executeTakeFirstOrThrow();
    const { getCompletion } = await import("~/learning/learn.server");
    const completion = await getCompletion(getDb(), enrolment.id);
    expect(completion).toMatchObject({
      holder: { name: "Aisha Begum", email: "a@example.org" },
      moduleTitle: "Versioned",
      version: 1,
      bestScore: 100,
    });
    expect(completion?.completedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe("the quiz", () => {
  it("sends no correct answers or feedback in the quiz page's HTML or its data, and scores on the server", async () => {
    const { getDb } = await import("~/db/db.server");
    const { insertModule } = await import("~/learning/seed.server");
    const { moduleId } = await insertModule(getDb(), ids.author, SPEC("Quizzed", 1));
    const c = await signedIn("c@example.org");
    await c.post(`/learning/modules/${moduleId}`, { intent: "enrol" });
    // Before the lessons are read, the quiz sends the learner back to them.
    expect((await c.get(`/learning/modules/${moduleId}/quiz`)).headers.get("location")).toBe(
      `/learning/modules/${moduleId}/lessons/1`,
    );
    await c.post(`/learning/modules/${moduleId}/lessons/1`, { intent: "read" });

    const page = await c.get(`/learning/modules/${moduleId}/quiz`);
    expect(page.status).toBe(200);
    const html = await page.text();
    // Remix single fetch: the route's data as the client fetches it on navigation.
    const dataRes = await c.get(`/learning/modules/${moduleId}/quiz.data`);
    expect(dataRes.status).toBe(200);
    const data = await dataRes.text();
    const options = await quizOptionIds(moduleId);
    for (const body of [html, data]) {
      expect(body).toContain("Which colour is the sky on a clear day?");
      for (const o of options) expect(body).toContain(o.id); // every option is offered…
      expect(body).not.toMatch(/is_?correct|isCorrect|"correct"|FEEDBACK-/i); // …but nothing says which is right
      expect(body).not.toMatch(/\bchecked\b/);
    }
    // Options are listed in the author's order, whatever is correct: the order gives nothing away.
    const order = options.map((o) => ({ id: o.id, at: html.indexOf(`value="${o.id}"`) }));
    expect(order.every((o) => o.at > 0)).toBe(true);

    // Unanswered questions come back with a message for each.
    const sky = options.filter((o) => o.text === "Blue" || o.text === "Green");
    const even = options.filter((o) => ["Two", "Three", "Four"].includes(o.text));
    const incomplete = await c.post(`/learning/modules/${moduleId}/quiz`, {
      [`q-${sky[0].question_id}`]: sky.find((o) => o.text === "Green")!.id,
    });
    expect(incomplete.status).toBe(400);
    expect(textOf(await incomplete.text())).toContain("Select at least one answer to question 2");

    // A wrong answer fails (1 of 2 right is 50%; "Two" alone is not all the even numbers).
    const fail = await c.post(`/learning/modules/${moduleId}/quiz`, {
      [`q-${sky[0].question_id}`]: sky.find((o) => o.text === "Green")!.id,
      [`q-${even[0].question_id}`]: [even.find((o) => o.text === "Two")!.id],
    });
    expect(fail.status).toBe(302);
    const failPage = textOf(await (await c.get(fail.headers.get("location")!)).text());
    expect(failPage).toContain("You did not pass this time");
    expect(failPage).toContain("You scored 0%");
    expect(failPage).toContain("FEEDBACK-SKY-WRONG");
    expect(failPage).not.toContain("FEEDBACK-SKY-RIGHT"); // feedback only on what was chosen
    expect(failPage).not.toContain("FEEDBACK-FOUR");

    const pass = await c.post(`/learning/modules/${moduleId}/quiz`, {
      [`q-${sky[0].question_id}`]: sky.find((o) => o.text === "Blue")!.id,
      [`q-${even[0].question_id}`]: [
        even.find((o) => o.text === "Two")!.id,
        even.find((o) => o.text === "Four")!.id,
      ],
    });
    const passPage = textOf(await (await c.get(pass.headers.get("location")!)).text());
    expect(passPage).toContain("You passed");
    expect(passPage).toContain("You have completed Quizzed");
    const attempts = await getDb()
      .selectFrom("learning_quiz_attempts as a")
      .innerJoin("learning_enrolments as e", "e.id", "a.enrolment_id")
      .select(["a.attempt_number", "a.score", "a.passed"])
      .where("e.module_id", "=", moduleId)
      .orderBy("a.attempt_number")
      .execute();
    expect(attempts).toEqual([
      { attempt_number: 1, score: 0, passed: 0 },
      { attempt_number: 2, score: 100, passed: 1 },
    ]);
    // Another learner cannot open this learner's attempt.
    const a = await signedIn("a@example.org");
    expect((await a.get(pass.headers.get("location")!)).status).toBe(404);
  });
});

describe("permissions and oversight", () => {
  it("refuses authoring to learners and another organisation's staff table to a manager", async () => {
    const learner = await signedIn("a@example.org");
    expect((await learner.get("/author")).status).toBe(403);
    expect((await learner.post("/author/modules/new", { title: "x" })).status).toBe(403);
    expect((await learner.get(`/learning/organisations/${ids.harbour}`)).status).toBe(403);
    const manager = await signedIn("manager@example.org");
    expect((await manager.get(`/learning/organisations/${ids.other}`)).status).toBe(403);
    expect((await manager.get(`/learning/organisations/${ids.other}/export.csv`)).status).toBe(403);
    expect((await manager.get("/learning/oversight")).status).toBe(403);
    expect((await manager.get("/learning/organisations")).headers.get("location")).toBe(
      `/learning/organisations/${ids.harbour}`,
    );
  });

  it("exports the staff table as CSV with a BOM and neutralised formula cells", async () => {
    const manager = await signedIn("manager@example.org");
    const res = await manager.get(`/learning/organisations/${ids.harbour}/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    // Staff names: never kept by the browser or a proxy (the one CSV writer, utils/csv.server.ts).
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const buf = new Uint8Array(await res.arrayBuffer());
    expect([...buf.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(new TextDecoder("utf-8", { ignoreBOM: true }).decode(buf), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    const versioned = rows.filter((r) => r.Module === "Versioned");
    expect(versioned.find((r) => r.Name === "Aisha Begum")).toMatchObject({
      Status: "Completed",
      Version: "1",
      "Best score (%)": "100",
    });
    expect(versioned.find((r) => r["Email address"] === "b@example.org")).toMatchObject({
      Name: '\'=HYPERLINK("http://evil")',
      Status: "In progress",
      Version: "2",
    });
    expect(rows.find((r) => r.Name === "Tom Reeve" && r.Module === "Quizzed")).toMatchObject({
      Status: "Not started",
    });
  });

  it("shows the programme lead every organisation's enrolments and completions by organisation and district", async () => {
    const lead = await signedIn("lead@example.org");
    const text = textOf(await (await lead.get("/learning/oversight")).text());
    expect(text).toMatch(/Norwich Youth Harbour Norwich 3 2 1/); // staff 3, enrolments 2, completions 1
    expect(text).toMatch(/Lynn Street Pastors King's Lynn and West Norfolk 1 1 1/);
    expect(text).toMatch(/Norwich 1 of 1 2 1/);
    const csv = await lead.get("/learning/oversight/export.csv");
    expect(csv.headers.get("cache-control")).toBe("private, no-store");
    const rows = parse(await csv.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.find((r) => r.Organisation === "Lynn Street Pastors")).toMatchObject({
      District: "King's Lynn and West Norfolk",
      Enrolments: "1",
      Completions: "1",
    });
  });
});

describe("images", () => {
  function png() {
    const p = new PNG({ width: 4, height: 4 });
    p.data.fill(200);
    return PNG.sync.write(p);
  }
  // Over its own connection (no keep-alive pool): the server answers an oversized upload without
  // reading it, and closes that connection, as a browser expects.
  async function upload(c: Client, name: string, bytes: Uint8Array, type: string) {
    const form = new FormData();
    form.append("image", new Blob([new Uint8Array(bytes)], { type }), name);
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    const http = await import("node:http");
    return new Promise<{ status: number; location: string | null; text: string }>(
      (resolve, reject) => {
        const req = http.request(
          `${server.url}/author/images`,
          {
            method: "POST",
            agent: false,
            headers: {
              "content-type": encoded.headers.get("content-type")!,
              "content-length": String(body.length),
              cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
              origin: server.url,
            },
          },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (d) => (text += d));
            res.on("end", () =>
              resolve({
                status: res.statusCode ?? 0,
                location: (res.headers.location as string) ?? null,
                text,
              }),
            );
          },
        );
        req.on("error", (e) =>
          (e as NodeJS.ErrnoException).code === "EPIPE" ||
          (e as NodeJS.ErrnoException).code === "ECONNRESET"
            ? undefined
            : reject(e),
        );
        req.end(body);
      },
    );
  }

  it("stores a PNG in the database (not on one server's disk) and serves it with its real type; refuses an SVG or a disguised file", async () => {
    const author = await signedIn("author@example.org");
    const ok = await upload(author, "map.png", png(), "image/png");
    expect(ok.status).toBe(302);
    const id = new URL(ok.location!, server.url).searchParams.get("uploaded")!;
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { getDb } = await import("~/db/db.server");
    const stored = await getDb()
      .selectFrom("stored_files")
      .select(["bytes", "byte_length"])
      .where("key", "=", `learning-images/${id}`)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(stored.bytes).equals(png())).toBe(true);
    expect(stored.byte_length).toBe(png().length);
    expect(fs.existsSync(path.join(server.dir, "learning-images", id))).toBe(false);
    // Served to its author (no published lesson shows it yet; learners' access: object-access.test.ts).
    const img = await author.get(`/learning/images/${id}`);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(img.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await img.arrayBuffer()).equals(png())).toBe(true);
    expect((await new Client(server.url).get(`/learning/images/${id}`)).status).toBe(302); // signed-out: to sign-in

    const svg = await upload(
      author,
      "x.png",
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      "image/png",
    );
    expect(svg.status).toBe(400);
    expect(textOf(svg.text)).toContain("must be a PNG, JPEG, GIF or WebP image");
    const big = new Uint8Array(3 * 1024 * 1024);
    big.set(png().subarray(0, 8));
    const tooBig = await upload(author, "big.png", big, "image/png");
    expect(tooBig.status).toBe(400);
    expect(textOf(tooBig.text)).toContain("smaller than 2 MB");
  });
});

describe("where to get help, and archiving", () => {
  it("lets an author change a help contact, shows it on every learning page, and refuses learners", async () => {
    const learner = await signedIn("a@example.org");
    const before = textOf(await (await learner.get("/learning")).text());
    expect(before).toContain("Childline – 0800 1111");
    expect(before).toContain("Norfolk Children's Advice and Duty Service (CADS) – 0344 800 8021");
    expect((await learner.get("/learning/help")).status).toBe(403);
    expect(
      (
        await learner.post("/learning/help/help-fearless", {
          intent: "save",
          name: "x",
          description: "y",
        })
      ).status,
    ).toBe(403);

    const author = await signedIn("author@example.org");
    const bad = await author.post("/learning/help/help-fearless", {
      intent: "save",
      name: "Fearless",
      description: "Tell us.",
      url: "javascript:alert(1)",
    });
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain("Enter a website address starting with https://");
    const ok = await author.post("/learning/help/help-fearless", {
      intent: "save",
      name: "Fearless",
      description: "CHANGED-DESCRIPTION",
      url: "https://www.fearless.org/",
    });
    expect(ok.status).toBe(302);
    expect(textOf(await (await learner.get("/learning/my")).text())).toContain(
      "CHANGED-DESCRIPTION",
    );
  });

  it("takes an archived module out of the catalogue while an enrolled learner can still finish it", async () => {
    const { getDb } = await import("~/db/db.server");
    const { insertModule } = await import("~/learning/seed.server");
    const { moduleId } = await insertModule(getDb(), ids.author, SPEC("Archived soon", 2));
    const a = await signedIn("a@example.org");
    await a.post(`/learning/modules/${moduleId}`, { intent: "enrol" });
    const author = await signedIn("author@example.org");
    expect((await author.post(`/author/modules/${moduleId}`, { intent: "archive" })).status).toBe(
      302,
    );
    expect(textOf(await (await a.get("/learning")).text())).not.toContain("Archived soon");
    expect((await a.get(`/learning/modules/${moduleId}/lessons/1`)).status).toBe(200);
    const c = await signedIn("c@example.org");
    expect((await c.post(`/learning/modules/${moduleId}`, { intent: "enrol" })).status).toBe(404);
  });
});
