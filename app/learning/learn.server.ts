import {
  certificateForSource,
  issueWithin,
  moduleSourceKey,
  renderInBackground,
} from "~/certificates/certificates.server";
import { enqueueCertificateEmail } from "~/certificates/emails.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import type { Certificate } from "~/db/schema";
import { publicUrl } from "~/utils/url.server";
import { nowIso } from "~/utils/clock.server";
import { AppError } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import {
  moduleCertificateInput,
  ownModuleCertificate,
  ownModuleCertificates,
} from "./certificates.server";
import { scoreQuiz, validateAnswers, type Answers } from "./scoring";

// The completion record lives in its own module, which certificates read without importing this one.
export { getCompletion, type Completion } from "./completion.server";

// Learning: the catalogue, enrolment, lessons in order, resuming, the quiz and completion.
// Every function takes the learner's own user id and finds the enrolment through it, so a module
// or attempt id in a URL never reaches someone else's record. An enrolment is tied to the version
// the learner started; later versions never change it.

/** The published version of each module in the catalogue. */
export async function publishedVersions(db: Queryable) {
  return db
    .selectFrom("learning_module_versions")
    .selectAll()
    .where("status", "=", "published")
    .orderBy("title")
    .execute();
}

export async function currentPublishedVersion(db: Queryable, moduleId: string) {
  return db
    .selectFrom("learning_module_versions")
    .selectAll()
    .where("module_id", "=", moduleId)
    .where("status", "=", "published")
    .executeTakeFirst();
}

async function lessonCounts(db: Queryable, versionIds: string[]) {
  if (!versionIds.length) return new Map<string, number>();
  const rows = await db
    .selectFrom("learning_lessons")
    .select(["version_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("version_id", "in", versionIds)
    .groupBy("version_id")
    .execute();
  return new Map(rows.map((r) => [r.version_id, Number(r.n)]));
}

async function readCounts(db: Queryable, enrolmentIds: string[]) {
  if (!enrolmentIds.length) return new Map<string, number>();
  const rows = await db
    .selectFrom("learning_lesson_reads")
    .select(["enrolment_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("enrolment_id", "in", enrolmentIds)
    .groupBy("enrolment_id")
    .execute();
  return new Map(rows.map((r) => [r.enrolment_id, Number(r.n)]));
}

export type EnrolmentStatus = "not_started" | "in_progress" | "completed";

export async function catalogue(db: Queryable, userId: string) {
  const versions = await publishedVersions(db);
  const enrolments = await db
    .selectFrom("learning_enrolments")
    .select(["module_id", "completed_at"])
    .where("user_id", "=", userId)
    .execute();
  const byModule = new Map(enrolments.map((e) => [e.module_id, e]));
  const counts = await lessonCounts(
    db,
    versions.map((v) => v.id),
  );
  return versions.map((v) => {
    const e = byModule.get(v.module_id);
    return {
      moduleId: v.module_id,
      title: v.title,
      summary: v.summary,
      audience: v.audience,
      estimatedMinutes: v.estimated_minutes,
      lessons: counts.get(v.id) ?? 0,
      contentNote: v.content_note,
      status: (e
        ? e.completed_at
          ? "completed"
          : "in_progress"
        : "not_started") as EnrolmentStatus,
    };
  });
}

export async function findEnrolment(db: Queryable, userId: string, moduleId: string) {
  return db
    .selectFrom("learning_enrolments")
    .selectAll()
    .where("user_id", "=", userId)
    .where("module_id", "=", moduleId)
    .executeTakeFirst();
}

async function requireEnrolment(db: Queryable, userId: string, moduleId: string) {
  const e = await findEnrolment(db, userId, moduleId);
  if (!e) throw new AppError("not_found", "You are not enrolled on that module.");
  return e;
}

async function progressOf(db: Queryable, enrolmentId: string, versionId: string) {
  const lessons = await db
    .selectFrom("learning_lessons")
    .leftJoin("learning_lesson_reads as r", (j) =>
      j.onRef("r.lesson_id", "=", "learning_lessons.id").on("r.enrolment_id", "=", enrolmentId),
    )
    .select([
      "learning_lessons.id",
      "learning_lessons.position",
      "learning_lessons.title",
      "learning_lessons.content_note",
      "r.read_at",
    ])
    .where("learning_lessons.version_id", "=", versionId)
    .orderBy("learning_lessons.position")
    .execute();
  const read = lessons.filter((l) => l.read_at).length;
  const firstUnread = lessons.find((l) => !l.read_at)?.position ?? null;
  return { lessons, read, total: lessons.length, firstUnread, allRead: read === lessons.length };
}

/**
 * The module page: the learner's own version if enrolled, otherwise the version now published.
 */
export async function moduleOverview(db: Queryable, userId: string, moduleId: string) {
  const enrolment = await findEnrolment(db, userId, moduleId);
  const version = enrolment
    ? await db
        .selectFrom("learning_module_versions")
        .selectAll()
        .where("id", "=", enrolment.version_id)
        .executeTakeFirstOrThrow()
    : await currentPublishedVersion(db, moduleId);
  if (!version) throw new AppError("not_found", "We could not find that module.");
  const progress = enrolment
    ? await progressOf(db, enrolment.id, version.id)
    : {
        lessons: (
          await db
            .selectFrom("learning_lessons")
            .select(["id", "position", "title", "content_note"])
            .where("version_id", "=", version.id)
            .orderBy("position")
            .execute()
        ).map((l) => ({ ...l, read_at: null as string | null })),
        read: 0,
        total: 0,
        firstUnread: 1 as number | null,
        allRead: false,
      };
  if (!enrolment) progress.total = progress.lessons.length;
  const attempts = enrolment
    ? await db
        .selectFrom("learning_quiz_attempts")
        .select(["id", "attempt_number", "submitted_at", "score", "passed"])
        .where("enrolment_id", "=", enrolment.id)
        .orderBy("attempt_number")
        .execute()
    : [];
  const newer = enrolment ? await currentPublishedVersion(db, moduleId) : undefined;
  const certificate = enrolment?.completed_at
    ? await ownModuleCertificate(db, userId, enrolment.version_id)
    : null;
  return {
    version,
    enrolment: enrolment ?? null,
    progress,
    attempts,
    newerVersion: newer && newer.version > version.version ? newer.version : null,
    certificate,
  };
}

export async function enrol(db: DB, userId: string, moduleId: string) {
  return writeTransaction(db, async (tx) => {
    const existing = await findEnrolment(tx, userId, moduleId);
    if (existing) return existing;
    const version = await currentPublishedVersion(tx, moduleId);
    if (!version) throw new AppError("not_found", "That module is not open for enrolment.");
    const t = nowIso();
    const row = {
      id: newId(),
      user_id: userId,
      module_id: moduleId,
      version_id: version.id,
      enrolled_at: t,
      last_position: 1,
      last_activity_at: t,
      best_score: null,
      completed_at: null,
    };
    await tx.insertInto("learning_enrolments").values(row).execute();
    return row;
  });
}

/** Where "Continue" takes the learner: the lesson they were last on, or the quiz. */
export async function resumePath(db: Queryable, userId: string, moduleId: string) {
  const e = await requireEnrolment(db, userId, moduleId);
  const p = await progressOf(db, e.id, e.version_id);
  if (e.last_position > p.total)
    return p.allRead
      ? `/learning/modules/${moduleId}/quiz`
      : `/learning/modules/${moduleId}/lessons/${p.firstUnread}`;
  return `/learning/modules/${moduleId}/lessons/${Math.max(1, e.last_position)}`;
}

/**
 * A lesson for the learner. Lessons open in order: asking for one past the first unread lesson
 * returns `redirectTo` the first unread. Opening a lesson remembers it as the place to resume.
 */
export async function lessonForLearner(
  db: Queryable,
  userId: string,
  moduleId: string,
  position: number,
) {
  const e = await requireEnrolment(db, userId, moduleId);
  const p = await progressOf(db, e.id, e.version_id);
  if (!p.total) throw new AppError("not_found", "This module has no lessons.");
  if (p.firstUnread !== null && position > p.firstUnread)
    return { redirectTo: `/learning/modules/${moduleId}/lessons/${p.firstUnread}` };
  const lesson = await db
    .selectFrom("learning_lessons")
    .select(["id", "position", "title", "content_note", "body_html"])
    .where("version_id", "=", e.version_id)
    .where("position", "=", position)
    .executeTakeFirst();
  if (!lesson) throw new AppError("not_found", "We could not find that lesson.");
  const version = await db
    .selectFrom("learning_module_versions")
    .select(["title", "version"])
    .where("id", "=", e.version_id)
    .executeTakeFirstOrThrow();
  if (e.last_position !== position && !e.completed_at) {
    await db
      .updateTable("learning_enrolments")
      .set({ last_position: position, last_activity_at: nowIso() })
      .where("id", "=", e.id)
      .execute();
  }
  return {
    redirectTo: null,
    moduleTitle: version.title,
    lesson,
    read: p.read,
    total: p.total,
    isRead: !!p.lessons.find((l) => l.id === lesson.id)?.read_at,
    completed: !!e.completed_at,
  };
}

/** Marks a lesson read and returns where to go next (the next lesson, or the quiz). */
export async function markLessonRead(db: DB, userId: string, moduleId: string, position: number) {
  return writeTransaction(db, async (tx) => {
    const e = await requireEnrolment(tx, userId, moduleId);
    const lesson = await tx
      .selectFrom("learning_lessons")
      .select(["id"])
      .where("version_id", "=", e.version_id)
      .where("position", "=", position)
      .executeTakeFirst();
    if (!lesson) throw new AppError("not_found", "We could not find that lesson.");
    const p = await progressOf(tx, e.id, e.version_id);
    if (p.firstUnread !== null && position > p.firstUnread)
      throw new AppError("conflict", "Read the lessons in order.");
    const t = nowIso();
    const already = await tx
      .selectFrom("learning_lesson_reads")
      .select("lesson_id")
      .where("enrolment_id", "=", e.id)
      .where("lesson_id", "=", lesson.id)
      .executeTakeFirst();
    if (!already)
      await tx
        .insertInto("learning_lesson_reads")
        .values({ enrolment_id: e.id, lesson_id: lesson.id, read_at: t })
        .execute();
    const next = position + 1;
    if (!e.completed_at)
      await tx
        .updateTable("learning_enrolments")
        .set({ last_position: next, last_activity_at: t })
        .where("id", "=", e.id)
        .execute();
    return next > p.total
      ? `/learning/modules/${moduleId}/quiz`
      : `/learning/modules/${moduleId}/lessons/${next}`;
  });
}

/**
 * The quiz as the learner sees it: questions and option texts only. Which options are correct and
 * their feedback stay on the server until an attempt is submitted.
 */
export async function quizForLearner(db: Queryable, userId: string, moduleId: string) {
  const e = await requireEnrolment(db, userId, moduleId);
  const p = await progressOf(db, e.id, e.version_id);
  const version = await db
    .selectFrom("learning_module_versions")
    .select(["title", "pass_mark"])
    .where("id", "=", e.version_id)
    .executeTakeFirstOrThrow();
  const questions = await db
    .selectFrom("learning_questions")
    .select(["id", "position", "prompt", "kind"])
    .where("version_id", "=", e.version_id)
    .orderBy("position")
    .execute();
  const options = questions.length
    ? await db
        .selectFrom("learning_options")
        .select(["id", "question_id", "text"])
        .where(
          "question_id",
          "in",
          questions.map((q) => q.id),
        )
        .orderBy("position")
        .execute()
    : [];
  const attempts = await db
    .selectFrom("learning_quiz_attempts")
    .select(["attempt_number", "score", "passed"])
    .where("enrolment_id", "=", e.id)
    .orderBy("attempt_number")
    .execute();
  return {
    moduleTitle: version.title,
    passMark: version.pass_mark,
    lessonsRead: p.read,
    lessonsTotal: p.total,
    firstUnread: p.firstUnread,
    allRead: p.allRead,
    completed: !!e.completed_at,
    /** One-time token for this page's form: sending it twice records one attempt (submitQuiz). */
    submissionToken: newId(),
    attempts: attempts.map((a) => ({
      number: a.attempt_number,
      score: a.score,
      passed: !!a.passed,
    })),
    questions: questions.map((q) => ({
      id: q.id,
      position: q.position,
      prompt: q.prompt,
      kind: q.kind,
      options: options
        .filter((o) => o.question_id === q.id)
        .map((o) => ({ id: o.id, text: o.text })),
    })),
  };
}

export type SubmitResult =
  | {
      ok: true;
      attemptId: string;
      passed: boolean;
      completed: boolean;
      certificateId: string | null;
    }
  | { ok: false; errors: Record<string, string> };

/**
 * Scores a submission on the server, records the attempt, and completes the module on a pass.
 * A completed module's certificate is issued in the same transaction (once: passing again returns
 * the same one) and the learner is emailed a link; its PDF is rendered in the worker pool after
 * the commit, so the request never waits for it (`render: "later"` leaves it to the
 * render-missing job, for the demo seed).
 */
export async function submitQuiz(
  db: DB,
  userId: string,
  moduleId: string,
  raw: Record<string, string[]>,
  /** notify: false for the demo seed's back-dated completions (no emails about the past).
   *  submissionToken: the quiz page's one-time token, so the same page sent twice counts once. */
  opts: {
    baseUrl?: string;
    render?: "background" | "later";
    notify?: boolean;
    submissionToken?: string | null;
  } = {},
): Promise<SubmitResult> {
  let issued: Certificate | null = null;
  const submissionToken = opts.submissionToken ?? null;
  const result = await writeTransaction(db, async (tx) => {
    const e = await requireEnrolment(tx, userId, moduleId);
    if (submissionToken) {
      // The same page sent again (double click, retry, parallel tabs): the attempt it already
      // recorded is the answer; nothing is counted twice. BEGIN IMMEDIATE makes this check and the
      // insert below one step; the unique index (enrolment, token) backs it.
      const done = await tx
        .selectFrom("learning_quiz_attempts")
        .select(["id", "passed"])
        .where("enrolment_id", "=", e.id)
        .where("submission_token", "=", submissionToken)
        .executeTakeFirst();
      if (done) {
        const cert = e.completed_at
          ? await certificateForSource(tx, moduleSourceKey(e.version_id, userId))
          : undefined;
        return {
          ok: true as const,
          attemptId: done.id,
          passed: !!done.passed,
          completed: !!e.completed_at,
          certificateId: cert?.id ?? null,
        };
      }
    }
    const p = await progressOf(tx, e.id, e.version_id);
    if (!p.allRead) throw new AppError("conflict", "Read every lesson before taking the quiz.");
    const version = await tx
      .selectFrom("learning_module_versions")
      .select(["pass_mark"])
      .where("id", "=", e.version_id)
      .executeTakeFirstOrThrow();
    const questions = await tx
      .selectFrom("learning_questions")
      .select(["id", "kind"])
      .where("version_id", "=", e.version_id)
      .orderBy("position")
      .execute();
    const options = questions.length
      ? await tx
          .selectFrom("learning_options")
          .select(["id", "question_id", "is_correct"])
          .where(
            "question_id",
            "in",
            questions.map((q) => q.id),
          )
          .execute()
      : [];
    const scorable = questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      options: options
        .filter((o) => o.question_id === q.id)
        .map((o) => ({ id: o.id, isCorrect: !!o.is_correct })),
    }));
    const { answers, errors } = validateAnswers(scorable, raw);
    if (Object.keys(errors).length) return { ok: false as const, errors };
    const result = scoreQuiz(scorable, answers, version.pass_mark);
    const last = await tx
      .selectFrom("learning_quiz_attempts")
      .select((eb) => eb.fn.max<number>("attempt_number").as("n"))
      .where("enrolment_id", "=", e.id)
      .executeTakeFirst();
    const t = nowIso();
    const attemptId = newId();
    await tx
      .insertInto("learning_quiz_attempts")
      .values({
        id: attemptId,
        enrolment_id: e.id,
        attempt_number: Number(last?.n ?? 0) + 1,
        submitted_at: t,
        correct: result.correct,
        total: result.total,
        score: result.score,
        passed: result.passed ? 1 : 0,
        answers: JSON.stringify(answers),
        submission_token: submissionToken,
      })
      .execute();
    const best = Math.max(e.best_score ?? 0, result.score);
    const completedAt = e.completed_at ?? (result.passed ? t : null);
    await tx
      .updateTable("learning_enrolments")
      .set({
        best_score: best,
        completed_at: completedAt,
        last_activity_at: t,
        last_position: p.total + 1,
      })
      .where("id", "=", e.id)
      .execute();
    let certificateId: string | null = null;
    if (completedAt) {
      const baseUrl = opts.baseUrl ?? publicUrl();
      const input = await moduleCertificateInput(tx, e.id, baseUrl);
      if (input) {
        const { certificate, created } = await issueWithin(tx, input);
        certificateId = certificate.id;
        if (created) {
          issued = certificate;
          if (opts.notify !== false) await enqueueCertificateEmail(tx, certificate, baseUrl);
        }
      }
    }
    return {
      ok: true as const,
      attemptId,
      passed: result.passed,
      completed: !!completedAt,
      certificateId,
    };
  });
  if (issued && opts.render !== "later") renderInBackground(db, [issued]);
  return result;
}

/** One of the learner's own attempts, with feedback on each answer they chose. */
export async function attemptResult(
  db: Queryable,
  userId: string,
  moduleId: string,
  attemptId: string,
) {
  const e = await requireEnrolment(db, userId, moduleId);
  const attempt = await db
    .selectFrom("learning_quiz_attempts")
    .selectAll()
    .where("id", "=", attemptId)
    .where("enrolment_id", "=", e.id)
    .executeTakeFirst();
  if (!attempt) throw new AppError("not_found", "We could not find that attempt.");
  const version = await db
    .selectFrom("learning_module_versions")
    .select(["title", "pass_mark", "version"])
    .where("id", "=", e.version_id)
    .executeTakeFirstOrThrow();
  const answers = JSON.parse(attempt.answers) as Answers;
  const questions = await db
    .selectFrom("learning_questions")
    .select(["id", "position", "prompt", "kind"])
    .where("version_id", "=", e.version_id)
    .orderBy("position")
    .execute();
  const options = questions.length
    ? await db
        .selectFrom("learning_options")
        .selectAll()
        .where(
          "question_id",
          "in",
          questions.map((q) => q.id),
        )
        .orderBy("position")
        .execute()
    : [];
  const scored = scoreQuiz(
    questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      options: options
        .filter((o) => o.question_id === q.id)
        .map((o) => ({ id: o.id, isCorrect: !!o.is_correct })),
    })),
    answers,
    version.pass_mark,
  );
  return {
    moduleTitle: version.title,
    passMark: version.pass_mark,
    attempt: {
      number: attempt.attempt_number,
      score: attempt.score,
      correct: attempt.correct,
      total: attempt.total,
      passed: !!attempt.passed,
      submittedAt: attempt.submitted_at,
    },
    completedAt: e.completed_at,
    certificate: e.completed_at ? await ownModuleCertificate(db, userId, e.version_id) : null,
    // Only the options the learner chose, with their feedback: a retry is still a real test.
    questions: questions.map((q, i) => ({
      position: q.position,
      prompt: q.prompt,
      correct: scored.questions[i].correct,
      chosen: options
        .filter((o) => o.question_id === q.id && (answers[q.id] ?? []).includes(o.id))
        .map((o) => ({ text: o.text, feedback: o.feedback })),
    })),
  };
}

export async function myLearning(db: Queryable, userId: string) {
  const rows = await db
    .selectFrom("learning_enrolments as e")
    .innerJoin("learning_module_versions as v", "v.id", "e.version_id")
    .select([
      "e.id",
      "e.module_id",
      "e.enrolled_at",
      "e.last_activity_at",
      "e.completed_at",
      "e.best_score",
      "v.id as version_id",
      "v.title",
      "v.version",
      "v.estimated_minutes",
    ])
    .where("e.user_id", "=", userId)
    .orderBy("e.last_activity_at", "desc")
    .execute();
  const lessons = await lessonCounts(db, [...new Set(rows.map((r) => r.version_id))]);
  const reads = await readCounts(
    db,
    rows.map((r) => r.id),
  );
  const certificates = await ownModuleCertificates(
    db,
    userId,
    rows.filter((r) => r.completed_at).map((r) => r.version_id),
  );
  return rows.map((r) => ({
    enrolmentId: r.id,
    moduleId: r.module_id,
    title: r.title,
    version: r.version,
    enrolledAt: r.enrolled_at,
    lastActivityAt: r.last_activity_at,
    completedAt: r.completed_at,
    bestScore: r.best_score,
    lessonsRead: reads.get(r.id) ?? 0,
    lessonsTotal: lessons.get(r.version_id) ?? 0,
    certificate: certificates.get(r.version_id) ?? null,
  }));
}
