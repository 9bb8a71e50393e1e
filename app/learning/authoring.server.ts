import { writeTransaction, type DB, type Queryable, type Tx } from "~/db/db.server";
import type { ModuleStatus } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { AppError, formProblem, type FormProblem } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import { renderLessonMarkdown } from "./markdown.server";

// Authoring: modules, their versions, lessons and quiz questions. Only a draft version can be
// changed. Publishing a draft supersedes the version published before it (learners who started
// that one keep it); changing a published module means starting a new draft version.

export interface ModuleDetails {
  title: string;
  summary: string;
  audience: string;
  estimatedMinutes: number;
  contentNote: string | null;
  passMark: number;
}

export interface LessonInput {
  title: string;
  contentNote: string | null;
  bodyMarkdown: string;
}

export interface QuestionInput {
  prompt: string;
  kind: "single" | "multiple";
  options: { text: string; isCorrect: boolean; feedback: string }[];
}

export const STATUS_LABELS: Record<ModuleStatus, string> = {
  draft: "Draft",
  published: "Published",
  superseded: "Replaced by a newer version",
  archived: "Archived",
};

export async function listModulesForAuthor(db: Queryable) {
  const versions = await db
    .selectFrom("learning_module_versions")
    .select(["id", "module_id", "version", "status", "title", "updated_at", "published_at"])
    .orderBy("module_id")
    .orderBy("version", "desc")
    .execute();
  const byModule = new Map<string, typeof versions>();
  for (const v of versions) byModule.set(v.module_id, [...(byModule.get(v.module_id) ?? []), v]);
  const enrolments = await db
    .selectFrom("learning_enrolments")
    .select(["module_id", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("module_id")
    .execute();
  const counts = new Map(enrolments.map((e) => [e.module_id, Number(e.n)]));
  return [...byModule.entries()]
    .map(([moduleId, vs]) => {
      const latest = vs[0];
      const published = vs.find((v) => v.status === "published") ?? null;
      return {
        moduleId,
        title: latest.title,
        latestVersion: latest.version,
        latestStatus: latest.status,
        publishedVersion: published?.version ?? null,
        hasDraft: vs.some((v) => v.status === "draft"),
        archived: vs.every((v) => v.status === "archived" || v.status === "superseded"),
        enrolments: counts.get(moduleId) ?? 0,
        updatedAt: latest.updated_at,
      };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}

async function insertVersion(
  tx: Queryable,
  moduleId: string,
  version: number,
  details: ModuleDetails,
  userId: string | null,
) {
  const id = newId();
  const t = nowIso();
  await tx
    .insertInto("learning_module_versions")
    .values({
      id,
      module_id: moduleId,
      version,
      status: "draft",
      title: details.title,
      summary: details.summary,
      audience: details.audience,
      estimated_minutes: details.estimatedMinutes,
      content_note: details.contentNote,
      pass_mark: details.passMark,
      created_by: userId,
      created_at: t,
      updated_at: t,
      published_at: null,
      archived_at: null,
    })
    .execute();
  return id;
}

export async function createModule(db: Queryable, userId: string | null, details: ModuleDetails) {
  const moduleId = newId();
  await db
    .insertInto("learning_modules")
    .values({ id: moduleId, created_by: userId, created_at: nowIso() })
    .execute();
  const versionId = await insertVersion(db, moduleId, 1, details, userId);
  return { moduleId, versionId };
}

/** Every version of a module, newest first; throws not_found for an unknown module. */
export async function moduleVersions(db: Queryable, moduleId: string) {
  const versions = await db
    .selectFrom("learning_module_versions")
    .selectAll()
    .where("module_id", "=", moduleId)
    .orderBy("version", "desc")
    .execute();
  if (!versions.length) throw new AppError("not_found", "We could not find that module.");
  return versions;
}

/** The version an author works on: the draft if there is one, otherwise the newest. */
export async function workingVersion(db: Queryable, moduleId: string) {
  const versions = await moduleVersions(db, moduleId);
  return versions.find((v) => v.status === "draft") ?? versions[0];
}

export async function versionContent(db: Queryable, versionId: string) {
  const lessons = await db
    .selectFrom("learning_lessons")
    .selectAll()
    .where("version_id", "=", versionId)
    .orderBy("position")
    .execute();
  const questions = await db
    .selectFrom("learning_questions")
    .selectAll()
    .where("version_id", "=", versionId)
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
  return {
    lessons,
    questions: questions.map((q) => ({
      ...q,
      options: options.filter((o) => o.question_id === q.id),
    })),
  };
}

async function requireDraft(db: Queryable, moduleId: string) {
  const v = await workingVersion(db, moduleId);
  if (v.status !== "draft")
    throw new AppError("conflict", "This version is published. Start a new version to change it.");
  return v;
}

async function touch(db: Queryable, versionId: string) {
  await db
    .updateTable("learning_module_versions")
    .set({ updated_at: nowIso() })
    .where("id", "=", versionId)
    .execute();
}

export async function updateDetails(db: Queryable, moduleId: string, details: ModuleDetails) {
  const v = await requireDraft(db, moduleId);
  await db
    .updateTable("learning_module_versions")
    .set({
      title: details.title,
      summary: details.summary,
      audience: details.audience,
      estimated_minutes: details.estimatedMinutes,
      content_note: details.contentNote,
      pass_mark: details.passMark,
      updated_at: nowIso(),
    })
    .where("id", "=", v.id)
    .execute();
}

export async function getLessonForAuthor(db: Queryable, moduleId: string, lessonId: string) {
  const lesson = await db
    .selectFrom("learning_lessons")
    .innerJoin("learning_module_versions as v", "v.id", "learning_lessons.version_id")
    .selectAll("learning_lessons")
    .select(["v.status", "v.module_id", "v.title as module_title"])
    .where("learning_lessons.id", "=", lessonId)
    .where("v.module_id", "=", moduleId)
    .executeTakeFirst();
  if (!lesson) throw new AppError("not_found", "We could not find that lesson.");
  return lesson;
}

export async function addLesson(db: DB, moduleId: string, input: LessonInput) {
  return writeTransaction(db, async (tx) => {
    const v = await requireDraft(tx, moduleId);
    const last = await tx
      .selectFrom("learning_lessons")
      .select((eb) => eb.fn.max<number>("position").as("p"))
      .where("version_id", "=", v.id)
      .executeTakeFirst();
    const id = newId();
    await tx
      .insertInto("learning_lessons")
      .values({
        id,
        version_id: v.id,
        position: Number(last?.p ?? 0) + 1,
        title: input.title,
        content_note: input.contentNote,
        body_markdown: input.bodyMarkdown,
        body_html: renderLessonMarkdown(input.bodyMarkdown),
      })
      .execute();
    await touch(tx, v.id);
    return id;
  });
}

export async function updateLesson(
  db: Queryable,
  moduleId: string,
  lessonId: string,
  input: LessonInput,
) {
  const v = await requireDraft(db, moduleId);
  const res = await db
    .updateTable("learning_lessons")
    .set({
      title: input.title,
      content_note: input.contentNote,
      body_markdown: input.bodyMarkdown,
      body_html: renderLessonMarkdown(input.bodyMarkdown),
    })
    .where("id", "=", lessonId)
    .where("version_id", "=", v.id)
    .executeTakeFirst();
  if (!Number(res.numUpdatedRows))
    throw new AppError("not_found", "We could not find that lesson in the draft.");
  await touch(db, v.id);
}

async function renumber(
  tx: Queryable,
  table: "learning_lessons" | "learning_questions",
  versionId: string,
  orderedIds: string[],
) {
  // Two passes so positions never collide mid-way (there is no unique index, but keep them tidy).
  for (let i = 0; i < orderedIds.length; i++) {
    await tx
      .updateTable(table)
      .set({ position: i + 1 })
      .where("id", "=", orderedIds[i])
      .where("version_id", "=", versionId)
      .execute();
  }
}

export async function deleteLesson(db: DB, moduleId: string, lessonId: string) {
  await writeTransaction(db, async (tx) => {
    const v = await requireDraft(tx, moduleId);
    await tx
      .deleteFrom("learning_lessons")
      .where("id", "=", lessonId)
      .where("version_id", "=", v.id)
      .execute();
    const rest = await tx
      .selectFrom("learning_lessons")
      .select("id")
      .where("version_id", "=", v.id)
      .orderBy("position")
      .execute();
    await renumber(
      tx,
      "learning_lessons",
      v.id,
      rest.map((r) => r.id),
    );
    await touch(tx, v.id);
  });
}

export async function moveItem(
  db: DB,
  moduleId: string,
  table: "learning_lessons" | "learning_questions",
  id: string,
  direction: "up" | "down",
) {
  await writeTransaction(db, async (tx) => {
    const v = await requireDraft(tx, moduleId);
    const rows = await tx
      .selectFrom(table)
      .select("id")
      .where("version_id", "=", v.id)
      .orderBy("position")
      .execute();
    const ids = rows.map((r) => r.id);
    const i = ids.indexOf(id);
    if (i < 0) throw new AppError("not_found", "We could not find that item in the draft.");
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    await renumber(tx, table, v.id, ids);
    await touch(tx, v.id);
  });
}

export async function getQuestionForAuthor(db: Queryable, moduleId: string, questionId: string) {
  const q = await db
    .selectFrom("learning_questions")
    .innerJoin("learning_module_versions as v", "v.id", "learning_questions.version_id")
    .selectAll("learning_questions")
    .select(["v.status", "v.title as module_title"])
    .where("learning_questions.id", "=", questionId)
    .where("v.module_id", "=", moduleId)
    .executeTakeFirst();
  if (!q) throw new AppError("not_found", "We could not find that question.");
  const options = await db
    .selectFrom("learning_options")
    .selectAll()
    .where("question_id", "=", questionId)
    .orderBy("position")
    .execute();
  return { ...q, options };
}

async function writeOptions(tx: Queryable, questionId: string, input: QuestionInput) {
  await tx.deleteFrom("learning_options").where("question_id", "=", questionId).execute();
  await tx
    .insertInto("learning_options")
    .values(
      input.options.map((o, i) => ({
        id: newId(),
        question_id: questionId,
        position: i + 1,
        text: o.text,
        is_correct: o.isCorrect ? 1 : 0,
        feedback: o.feedback,
      })),
    )
    .execute();
}

export async function addQuestion(db: DB, moduleId: string, input: QuestionInput) {
  return writeTransaction(db, async (tx) => {
    const v = await requireDraft(tx, moduleId);
    const last = await tx
      .selectFrom("learning_questions")
      .select((eb) => eb.fn.max<number>("position").as("p"))
      .where("version_id", "=", v.id)
      .executeTakeFirst();
    const id = newId();
    await tx
      .insertInto("learning_questions")
      .values({
        id,
        version_id: v.id,
        position: Number(last?.p ?? 0) + 1,
        prompt: input.prompt,
        kind: input.kind,
      })
      .execute();
    await writeOptions(tx, id, input);
    await touch(tx, v.id);
    return id;
  });
}

export async function updateQuestion(
  db: DB,
  moduleId: string,
  questionId: string,
  input: QuestionInput,
) {
  await writeTransaction(db, async (tx) => {
    const v = await requireDraft(tx, moduleId);
    const res = await tx
      .updateTable("learning_questions")
      .set({ prompt: input.prompt, kind: input.kind })
      .where("id", "=", questionId)
      .where("version_id", "=", v.id)
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows))
      throw new AppError("not_found", "We could not find that question in the draft.");
    await writeOptions(tx, questionId, input);
    await touch(tx, v.id);
  });
}

export async function deleteQuestion(db: DB, moduleId: string, questionId: string) {
  await writeTransaction(db, async (tx) => {
    const v = await requireDraft(tx, moduleId);
    await tx
      .deleteFrom("learning_questions")
      .where("id", "=", questionId)
      .where("version_id", "=", v.id)
      .execute();
    const rest = await tx
      .selectFrom("learning_questions")
      .select("id")
      .where("version_id", "=", v.id)
      .orderBy("position")
      .execute();
    await renumber(
      tx,
      "learning_questions",
      v.id,
      rest.map((r) => r.id),
    );
    await touch(tx, v.id);
  });
}

/** Why a draft cannot be published yet (empty when it can). */
export async function publishProblems(db: Queryable, versionId: string): Promise<string[]> {
  const { lessons, questions } = await versionContent(db, versionId);
  const problems: string[] = [];
  if (!lessons.length) problems.push("Add at least one lesson");
  if (!questions.length) problems.push("Add at least one quiz question");
  for (const [i, q] of questions.entries()) {
    const right = q.options.filter((o) => o.is_correct).length;
    if (q.options.length < 2) problems.push(`Question ${i + 1} needs at least two answers`);
    if (right === 0) problems.push(`Question ${i + 1} needs a correct answer`);
    if (q.kind === "single" && right > 1)
      problems.push(`Question ${i + 1} is single choice but has more than one correct answer`);
  }
  return problems;
}

export async function publishDraft(db: DB, moduleId: string) {
  return writeTransaction(db, async (tx) => {
    const v = await requireDraft(tx, moduleId);
    const problems = await publishProblems(tx, v.id);
    if (problems.length) throw new AppError("invalid", problems.join(". "));
    const t = nowIso();
    // The version published before keeps serving learners who started it, but no one new.
    await tx
      .updateTable("learning_module_versions")
      .set({ status: "superseded", updated_at: t })
      .where("module_id", "=", moduleId)
      .where("status", "in", ["published", "archived"])
      .execute();
    await tx
      .updateTable("learning_module_versions")
      .set({ status: "published", published_at: t, updated_at: t })
      .where("id", "=", v.id)
      .execute();
    return v;
  });
}

/** Copies the newest version (lessons, questions, options) into a new draft. */
export async function startNewVersion(db: DB, moduleId: string, userId: string | null) {
  return writeTransaction(db, async (tx) => {
    const versions = await moduleVersions(tx, moduleId);
    if (versions.some((v) => v.status === "draft"))
      throw new AppError("conflict", "This module already has a draft version.");
    const from = versions[0];
    const versionId = await insertVersion(
      tx,
      moduleId,
      from.version + 1,
      {
        title: from.title,
        summary: from.summary,
        audience: from.audience,
        estimatedMinutes: from.estimated_minutes,
        contentNote: from.content_note,
        passMark: from.pass_mark,
      },
      userId,
    );
    await copyContent(tx, from.id, versionId);
    return { versionId, version: from.version + 1 };
  });
}

async function copyContent(tx: Tx, fromVersionId: string, toVersionId: string) {
  const { lessons, questions } = await versionContent(tx, fromVersionId);
  if (lessons.length) {
    await tx
      .insertInto("learning_lessons")
      .values(lessons.map((l) => ({ ...l, id: newId(), version_id: toVersionId })))
      .execute();
  }
  for (const q of questions) {
    const id = newId();
    await tx
      .insertInto("learning_questions")
      .values({ id, version_id: toVersionId, position: q.position, prompt: q.prompt, kind: q.kind })
      .execute();
    if (q.options.length) {
      await tx
        .insertInto("learning_options")
        .values(q.options.map((o) => ({ ...o, id: newId(), question_id: id })))
        .execute();
    }
  }
}

/** Takes a module out of the catalogue. Learners already enrolled can still finish it. */
export async function archiveModule(db: DB, moduleId: string) {
  await writeTransaction(db, async (tx) => {
    const res = await tx
      .updateTable("learning_module_versions")
      .set({ status: "archived", archived_at: nowIso(), updated_at: nowIso() })
      .where("module_id", "=", moduleId)
      .where("status", "=", "published")
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows))
      throw new AppError("conflict", "Only a published module can be archived.");
  });
}

/** Deletes a draft that has never been published (a first version) or a draft of a new version. */
export async function discardDraft(db: DB, moduleId: string) {
  return writeTransaction(db, async (tx) => {
    const versions = await moduleVersions(tx, moduleId);
    const draft = versions.find((v) => v.status === "draft");
    if (!draft) throw new AppError("conflict", "There is no draft to discard.");
    await tx.deleteFrom("learning_module_versions").where("id", "=", draft.id).execute();
    if (versions.length === 1) {
      await tx.deleteFrom("learning_modules").where("id", "=", moduleId).execute();
      return { moduleDeleted: true };
    }
    return { moduleDeleted: false };
  });
}

/**
 * The lesson text as learners will see it, for the editor's preview: the same renderer that makes
 * the stored HTML when the lesson is saved. Nothing is saved. Text too long to be a lesson (the
 * save would refuse it too) is a problem for the text field (decision 139).
 */
export function previewLessonText(markdown: string): { ok: true; html: string } | FormProblem {
  if (markdown.length > 50_000)
    return formProblem("bodyMarkdown", "The lesson text must be 50,000 characters or fewer");
  return { ok: true, html: renderLessonMarkdown(markdown) };
}
