import { clearedFor, has, requireAnyPermission, type Authenticated } from "~/auth/guard.server";
import type { Queryable } from "~/db/db.server";
import { forbidden, notFound } from "~/utils/errors.server";

// Who may open a session's staff pages (feedback results, safeguarding log): programme leads for
// every session; trainers only for sessions they are assigned to. An id in the URL reaches nothing else.

export async function sessionSummary(db: Queryable, sessionId: string) {
  return db
    .selectFrom("delivery_sessions as s")
    .innerJoin("offerings as o", "o.id", "s.offering_id")
    .leftJoin("organisations as setting", "setting.id", "s.setting_id")
    .select([
      "s.id",
      "s.status",
      "s.starts_at",
      "s.ends_at",
      "s.venue",
      "s.room",
      "s.feedback_token",
      "s.feedback_closes_at",
      "o.title",
      "o.audience",
      "setting.name as setting_name",
    ])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
}

export async function isAssignedTrainer(db: Queryable, sessionId: string, userId: string) {
  const row = await db
    .selectFrom("session_trainers")
    .select("trainer_id")
    .where("session_id", "=", sessionId)
    .where("trainer_id", "=", userId)
    .executeTakeFirst();
  return !!row;
}

/** Leads, or a trainer assigned to the session; 404 for no such session, 403 for anyone else. */
export async function requireSessionStaff(db: Queryable, request: Request, sessionId: string) {
  const auth = await requireAnyPermission(request, [
    "session:view:any",
    "session:deliver:assigned",
  ]);
  const session = await sessionSummary(db, sessionId);
  if (!session) notFound("session");
  if (!has(auth, "session:view:any") && !(await isAssignedTrainer(db, sessionId, auth.user.id))) {
    forbidden("Only the session's trainers and programme leads can open this page.");
  }
  return { auth, session };
}

/**
 * Safeguarding records: only people with safeguarding clearance in the role that gives the access
 * (decision 091) — leads cleared as leads for every session, trainers cleared as trainers for the
 * sessions they are assigned to. Everyone else (an uncleared trainer, a school coordinator, a
 * trainer cleared only as some school's DSL) gets 403.
 */
export async function canSeeSafeguarding(
  db: Queryable,
  auth: Authenticated,
  sessionId: string | null,
) {
  if (clearedFor(auth.user, "session:view:any")) return true;
  if (!clearedFor(auth.user, "safeguarding:record:assigned")) return false;
  return sessionId === null ? true : isAssignedTrainer(db, sessionId, auth.user.id);
}
