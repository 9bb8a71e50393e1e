import { sessionsWithOffering } from "~/sessions/queries.server";
import { requireAnyPermission } from "~/auth/guard.server";
import type { Queryable } from "~/db/db.server";
import { notFound } from "~/utils/errors.server";
import { sessionAccess } from "./delivery.server";
import { viewerOf } from "./scope.server";

// Who may open a session's staff pages (the run-sheet, attendance, feedback results, the
// safeguarding log): programme leads for every session, trainers for the sessions they are assigned
// to. The rule is the one every list and page of sessions uses (`scoped` in delivery.server.ts).
// Anyone else — a trainer not on the session, a school's coordinator — is answered 404, exactly as
// for an id that does not exist, so the answer never reveals whether a session exists (issue 15,
// item 5).

export async function sessionSummary(db: Queryable, sessionId: string) {
  return sessionsWithOffering(db)
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

/** Leads, or a trainer assigned to the session; 404 for everyone else and for no such session. */
export async function requireSessionStaff(db: Queryable, request: Request, sessionId: string) {
  const auth = await requireAnyPermission(request, [
    "session:view:any",
    "session:deliver:assigned",
  ]);
  const access = await sessionAccess(db, viewerOf(auth), sessionId);
  if (!access || access === "read") notFound("session");
  const session = await sessionSummary(db, sessionId);
  if (!session) notFound("session");
  return { auth, session };
}
