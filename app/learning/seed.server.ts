import type { DB } from "~/db/db.server";
import type { SeedContext } from "~/seed/context";
import { insertUser } from "~/seed/foundation.server";
import { clock } from "~/utils/clock.server";
import { addLesson, addQuestion, createModule, publishDraft } from "./authoring.server";
import { DEMO_MODULES, type ModuleSpec } from "./seed-content.server";
import { enrol, markLessonRead, quizForLearner, submitQuiz } from "./learn.server";

// Demo e-learning: the three Momentum modules and learners at different stages. Built with the
// same functions the pages use, so the demo data is exactly what real use would make.

export type { ModuleSpec };

/** Creates a module (version 1) from a spec, and publishes it unless told not to. */
export async function insertModule(
  db: DB,
  authorId: string | null,
  spec: ModuleSpec,
  { publish = true } = {},
) {
  const { moduleId, versionId } = await createModule(db, authorId, spec.details);
  for (const l of spec.lessons)
    await addLesson(db, moduleId, {
      title: l.title,
      contentNote: l.contentNote ?? null,
      bodyMarkdown: l.body,
    });
  for (const q of spec.questions) {
    await addQuestion(db, moduleId, {
      prompt: q.prompt,
      kind: q.kind,
      options: q.options.map((o) => ({ text: o.text, isCorrect: o.correct, feedback: o.feedback })),
    });
  }
  if (publish) await publishDraft(db, moduleId);
  return { moduleId, versionId };
}

/** Takes a learner through a module the way the pages do: lessons read in order, then quiz attempts. */
export async function progressLearner(
  db: DB,
  userId: string,
  moduleId: string,
  opts: { lessonsRead: number; attempts?: ("pass" | "fail")[] },
) {
  await enrol(db, userId, moduleId);
  const total = (await quizForLearner(db, userId, moduleId)).lessonsTotal;
  for (let p = 1; p <= Math.min(opts.lessonsRead, total); p++)
    await markLessonRead(db, userId, moduleId, p);
  if (!opts.attempts?.length) return;
  const quiz = await quizForLearner(db, userId, moduleId);
  const correct = await db
    .selectFrom("learning_options")
    .select(["id", "question_id", "is_correct"])
    .where(
      "question_id",
      "in",
      quiz.questions.map((q) => q.id),
    )
    .execute();
  for (const outcome of opts.attempts) {
    const answers: Record<string, string[]> = {};
    quiz.questions.forEach((q, i) => {
      const right = correct.filter((o) => o.question_id === q.id && o.is_correct).map((o) => o.id);
      const wrong = correct.filter((o) => o.question_id === q.id && !o.is_correct).map((o) => o.id);
      // A fail gets the first half of the questions wrong.
      // A pass gets the last one wrong (still above an 80% pass mark with eight or more questions).
      const wrongHere =
        outcome === "fail"
          ? i < Math.ceil(quiz.questions.length / 2)
          : i === quiz.questions.length - 1;
      answers[q.id] = wrongHere && wrong.length ? [wrong[0]] : right;
    });
    // The certificates this issues are rendered by the server's render-missing job, not by the seed,
    // and nobody is emailed about a completion in the demo's past.
    await submitQuiz(db, userId, moduleId, answers, { render: "later", notify: false });
  }
}

async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  clock.freeze(new Date(iso));
  try {
    return await fn();
  } finally {
    clock.reset();
  }
}

export async function seedLearning(db: DB, ctx: SeedContext) {
  const { organisations: orgs, users } = ctx.foundation;
  const modules: string[] = [];
  await at("2026-09-01T09:00:00Z", async () => {
    for (const spec of DEMO_MODULES)
      modules.push((await insertModule(db, users.author, spec)).moduleId);
  });
  const [recognising, countyLines, responding] = modules;

  // Aisha (learner@) finished "Recognising" at the second attempt and is part-way through county lines.
  await at("2026-10-06T18:30:00Z", () =>
    progressLearner(db, users.learner, recognising, { lessonsRead: 5, attempts: ["fail", "pass"] }),
  );
  await at("2026-11-16T19:10:00Z", () =>
    progressLearner(db, users.learner, countyLines, { lessonsRead: 2 }),
  );
  // Tom (manager@) has done the module on responding and referring.
  await at("2026-10-20T12:00:00Z", () =>
    progressLearner(db, users.manager, responding, { lessonsRead: 5, attempts: ["pass"] }),
  );

  const passwordHash = (
    await db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", users.learner)
      .executeTakeFirstOrThrow()
  ).password_hash!;
  const people: [string, string, string, [string, number, ("pass" | "fail")[]][]][] = [
    [
      "jordan.price@example.org",
      "Jordan Price",
      "Norwich Youth Harbour",
      [
        [recognising, 5, ["pass"]],
        [countyLines, 5, ["pass"]],
        [responding, 5, ["fail"]],
      ],
    ],
    ["kezia.adeyemi@example.org", "Kezia Adeyemi", "Norwich Youth Harbour", [[recognising, 3, []]]],
    ["liam.fenn@example.org", "Liam Fenn", "Norwich Youth Harbour", []],
    [
      "sophie.marsh@example.org",
      "Sophie Marsh",
      "Yarmouth Boxing and Mentoring Club",
      [
        [recognising, 5, ["pass"]],
        [countyLines, 5, ["fail", "fail", "pass"]],
      ],
    ],
    [
      "dean.cutler@example.org",
      "Dean Cutler",
      "Yarmouth Boxing and Mentoring Club",
      [[countyLines, 1, []]],
    ],
    [
      "grace.ojo@example.org",
      "Grace Ojo",
      "Lynn Street Pastors",
      [
        [recognising, 5, ["pass"]],
        [responding, 5, ["pass"]],
      ],
    ],
    ["ryan.blake@example.org", "Ryan Blake", "Breckland Family Hubs Trust", [[responding, 2, []]]],
    [
      "megan.ward@example.org",
      "Megan Ward",
      "Coastal Youth Sailing Project",
      [[recognising, 5, ["pass"]]],
    ],
  ];
  let day = 1;
  for (const [email, name, org, progress] of people) {
    const id = await insertUser(db, {
      email,
      name,
      passwordHash,
      memberships: [{ organisationId: orgs[org], role: "learner" }],
    });
    for (const [moduleId, lessonsRead, attempts] of progress) {
      day += 2;
      await at(`2026-10-${String(day).padStart(2, "0")}T10:00:00Z`, () =>
        progressLearner(db, id, moduleId, { lessonsRead, attempts }),
      );
    }
  }
  return { modules: { recognising, countyLines, responding } };
}
