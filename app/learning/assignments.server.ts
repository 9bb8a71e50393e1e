import type { Authenticated } from "~/auth/guard.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import { enqueueEmail } from "~/email/outbox.server";
import { simpleEmail } from "~/email/templates.server";
import type { Job } from "~/server/job";
import { now, nowIso } from "~/utils/clock.server";
import { formatDay, londonToday } from "~/utils/dates";
import { AppError } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import { publicUrl } from "~/utils/url.server";
import { assertCanOversee, organisationStaff } from "./oversight.server";

// Assigned training: an organisation manager asks staff to complete a module by a date. The
// learner is emailed at once; once the date has passed without the module completed, the learner
// is reminded once and the manager's page shows it as overdue.

export type AssignmentState = "done" | "overdue" | "due";

/** An assignment's state on a given London day: done once the module is completed, whenever. */
export function assignmentState(
  a: { due_on: string; completed_at: string | null },
  today: string,
): AssignmentState {
  if (a.completed_at) return "done";
  return a.due_on < today ? "overdue" : "due";
}

/** Staff of the organisation and the published modules, for the assign form. */
export async function assignFormData(db: Queryable, auth: Authenticated, organisationId: string) {
  assertCanOversee(auth, organisationId);
  const organisation = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("id", "=", organisationId)
    .executeTakeFirst();
  if (!organisation) throw new AppError("not_found", "We could not find that organisation.");
  const staff = await organisationStaff(db, organisationId);
  const modules = await db
    .selectFrom("learning_module_versions")
    .select(["module_id as id", "title"])
    .where("status", "=", "published")
    .orderBy("title")
    .execute();
  return { organisation, staff, modules };
}

export type AssignOutcome =
  | { ok: true; assigned: number }
  | { ok: false; field: "userIds" | "moduleId" | "dueOn"; message: string };

/** Assigns a module to staff of the organisation by a date; someone already assigned gets the new date. */
export async function assignModule(
  db: DB,
  auth: Authenticated,
  input: { organisationId: string; moduleId: string; userIds: string[]; dueOn: string },
  baseUrl: string,
): Promise<AssignOutcome> {
  assertCanOversee(auth, input.organisationId);
  if (input.dueOn < londonToday(now()))
    return { ok: false, field: "dueOn", message: "The date must be today or later" };
  return writeTransaction(db, async (tx) => {
    const module = await tx
      .selectFrom("learning_module_versions")
      .select(["module_id", "title"])
      .where("module_id", "=", input.moduleId)
      .where("status", "=", "published")
      .executeTakeFirst();
    if (!module) return { ok: false, field: "moduleId", message: "Choose a module from the list" };
    const staff = new Map(
      (await organisationStaff(tx, input.organisationId)).map((s) => [s.id, s]),
    );
    // Only the organisation's own staff: an id from a tampered form is refused, not stored.
    if (!input.userIds.length || input.userIds.some((id) => !staff.has(id)))
      return {
        ok: false,
        field: "userIds",
        message: "Choose people from your organisation's staff",
      };
    const organisation = await tx
      .selectFrom("organisations")
      .select("name")
      .where("id", "=", input.organisationId)
      .executeTakeFirstOrThrow();
    const t = nowIso();
    for (const userId of new Set(input.userIds)) {
      const existing = await tx
        .selectFrom("learning_assignments")
        .select("id")
        .where("organisation_id", "=", input.organisationId)
        .where("user_id", "=", userId)
        .where("module_id", "=", input.moduleId)
        .executeTakeFirst();
      if (existing) {
        await tx
          .updateTable("learning_assignments")
          .set({
            due_on: input.dueOn,
            assigned_by: auth.user.id,
            assigned_at: t,
            reminded_at: null,
            cancelled_at: null,
          })
          .where("id", "=", existing.id)
          .execute();
      } else {
        await tx
          .insertInto("learning_assignments")
          .values({
            id: newId(),
            organisation_id: input.organisationId,
            user_id: userId,
            module_id: input.moduleId,
            due_on: input.dueOn,
            assigned_by: auth.user.id,
            assigned_at: t,
            reminded_at: null,
            cancelled_at: null,
          })
          .execute();
      }
      const person = staff.get(userId)!;
      await enqueueEmail(
        tx,
        simpleEmail(
          person.email,
          `Please complete “${module.title}” by ${formatDay(input.dueOn)}`,
          [
            `Dear ${person.name},`,
            `${auth.user.name} at ${organisation.name} has asked you to complete the e-learning module “${module.title}” by ${formatDay(input.dueOn)}.`,
            "You can do it in parts: Lantern remembers where you stopped.",
          ],
          { href: `${baseUrl}/learning/modules/${module.module_id}`, text: "Start the module" },
        ),
      );
    }
    return { ok: true, assigned: new Set(input.userIds).size };
  });
}

/** The organisation's live assignments with their state, overdue first, for the manager's page. */
export async function organisationAssignments(
  db: Queryable,
  auth: Authenticated,
  organisationId: string,
) {
  assertCanOversee(auth, organisationId);
  const today = londonToday(now());
  const rows = await db
    .selectFrom("learning_assignments as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .innerJoin("learning_modules as m", "m.id", "a.module_id")
    .leftJoin("learning_enrolments as e", (j) =>
      j.onRef("e.user_id", "=", "a.user_id").onRef("e.module_id", "=", "a.module_id"),
    )
    .select(["a.id", "a.due_on", "a.reminded_at", "u.name", "a.module_id", "e.completed_at"])
    .where("a.organisation_id", "=", organisationId)
    .where("a.cancelled_at", "is", null)
    .execute();
  const titles = new Map(
    (
      await db
        .selectFrom("learning_module_versions")
        .select(["module_id", "title"])
        .where("status", "=", "published")
        .execute()
    ).map((v) => [v.module_id, v.title]),
  );
  const order: Record<AssignmentState, number> = { overdue: 0, due: 1, done: 2 };
  return rows
    .map((r) => ({
      ...r,
      title: titles.get(r.module_id) ?? "A module no longer published",
      state: assignmentState(r, today),
    }))
    .sort(
      (a, b) =>
        order[a.state] - order[b.state] ||
        a.due_on.localeCompare(b.due_on) ||
        a.name.localeCompare(b.name),
    );
}

/** The learner's own assignments that are not yet done, soonest first. */
export async function myAssignments(db: Queryable, userId: string) {
  const today = londonToday(now());
  const rows = await db
    .selectFrom("learning_assignments as a")
    .innerJoin("organisations as o", "o.id", "a.organisation_id")
    .leftJoin("learning_enrolments as e", (j) =>
      j.onRef("e.user_id", "=", "a.user_id").onRef("e.module_id", "=", "a.module_id"),
    )
    .leftJoin("learning_module_versions as v", (j) =>
      j.onRef("v.module_id", "=", "a.module_id").on("v.status", "=", "published"),
    )
    .select([
      "a.id",
      "a.module_id",
      "a.due_on",
      "o.name as organisation_name",
      "e.completed_at",
      "v.title",
    ])
    .where("a.user_id", "=", userId)
    .where("a.cancelled_at", "is", null)
    .orderBy("a.due_on")
    .execute();
  return rows
    .map((r) => ({ ...r, state: assignmentState(r, today) }))
    .filter((r) => r.state !== "done");
}

/**
 * Reminds each learner once when an assignment's date has passed and the module is not done.
 * reminded_at is claimed in the transaction that writes the email, so overlapping rounds or
 * several servers never send it twice.
 */
export async function sendOverdueReminders(db: DB, baseUrl: string): Promise<number> {
  const today = londonToday(now());
  const due = await db
    .selectFrom("learning_assignments as a")
    .leftJoin("learning_enrolments as e", (j) =>
      j.onRef("e.user_id", "=", "a.user_id").onRef("e.module_id", "=", "a.module_id"),
    )
    .select(["a.id"])
    .where("a.due_on", "<", today)
    .where("a.reminded_at", "is", null)
    .where("a.cancelled_at", "is", null)
    .where("e.completed_at", "is", null)
    .execute();
  let sent = 0;
  for (const { id } of due) {
    const done = await writeTransaction(db, async (tx) => {
      const claimed = await tx
        .updateTable("learning_assignments")
        .set({ reminded_at: nowIso() })
        .where("id", "=", id)
        .where("reminded_at", "is", null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      const a = await tx
        .selectFrom("learning_assignments as a")
        .innerJoin("users as u", "u.id", "a.user_id")
        .innerJoin("organisations as o", "o.id", "a.organisation_id")
        .select([
          "a.module_id",
          "a.due_on",
          "u.name",
          "u.email",
          "u.disabled_at",
          "o.name as organisation_name",
        ])
        .where("a.id", "=", id)
        .executeTakeFirstOrThrow();
      if (a.disabled_at) return false;
      const title = (
        await tx
          .selectFrom("learning_module_versions")
          .select("title")
          .where("module_id", "=", a.module_id)
          .where("status", "=", "published")
          .executeTakeFirst()
      )?.title;
      if (!title) return false;
      await enqueueEmail(
        tx,
        simpleEmail(
          a.email,
          `Overdue: “${title}” was due by ${formatDay(a.due_on)}`,
          [
            `Dear ${a.name},`,
            `${a.organisation_name} asked you to complete the e-learning module “${title}” by ${formatDay(a.due_on)}, and it is not finished yet.`,
            "Please complete it soon, or talk to your manager if something is in the way.",
          ],
          { href: `${baseUrl}/learning/modules/${a.module_id}`, text: "Continue the module" },
        ),
      );
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

export const LEARNING_JOBS: Job[] = [
  {
    name: "learning-overdue-reminders",
    everyMs: 60 * 60 * 1000,
    run: (db) => sendOverdueReminders(db, publicUrl()),
  },
];
