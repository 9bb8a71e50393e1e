import { clearedFor, type Authenticated } from "~/auth/guard.server";
import type { Queryable } from "~/db/db.server";
import { isAssignedTrainer } from "~/sessions/access.server";

/**
 * Safeguarding records: only people with safeguarding clearance in the role that gives the access
 * (decision 091) — leads cleared as leads for every session, trainers cleared as trainers for the
 * sessions they are assigned to. Everyone else (an uncleared trainer, a school coordinator, a
 * trainer cleared only as some school's DSL) gets 403 once the session's own page has let them in
 * (sessions/access.server.ts answers 404 before this to anyone the session is not theirs).
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
