import {
  clearedFor,
  organisationIdsClearedAs,
  requireUser,
  type Authenticated,
} from "~/auth/guard.server";
import type { Queryable } from "~/db/db.server";
import { forbidden, notFound } from "~/utils/errors.server";

// Who may see casework (decision 080). A case names a child, so the rule is narrow:
//   - a casework manager: the casework:manage permission AND safeguarding clearance — every case;
//   - a caseworker / mentor: the cases allocated to them now, nothing else;
//   - a school's safeguarding lead (cleared school coordinator): refers, and sees only the status
//     of their own school's referrals — never a case, its notes, assessments or risk;
//   - everyone else, including uncleared leads and funders: aggregate figures only.
// A case reached by URL by anyone who may not see it is 404, never 403: its existence is private.

export type CaseworkViewer =
  | { kind: "manager"; userId: string }
  | { kind: "worker"; userId: string }
  | { kind: "school"; userId: string; schoolIds: string[] };

export function caseworkViewer(auth: Authenticated): CaseworkViewer | null {
  const user = auth.user;
  // Clearance through the membership that gives casework:manage (decision 091), not any membership.
  if (clearedFor(user, "casework:manage")) return { kind: "manager", userId: user.id };
  if (auth.permissions.has("casework:work:allocated")) return { kind: "worker", userId: user.id };
  if (auth.permissions.has("casework:refer:own-school")) {
    const schoolIds = organisationIdsClearedAs(user, "school_coordinator");
    if (schoolIds.length) return { kind: "school", userId: user.id, schoolIds };
  }
  return null;
}

/**
 * Signed in and a casework viewer of one of `kinds`. Anyone else gets 404 on a case or referral
 * (its existence is private), or 403 with the reason on a list or form page (`refuse: "forbid"`).
 */
export async function requireCasework<K extends CaseworkViewer["kind"]>(
  request: Request,
  kinds: K[],
  refuse: "not_found" | "forbid" = "not_found",
): Promise<{ auth: Authenticated; viewer: Extract<CaseworkViewer, { kind: K }> }> {
  const auth = await requireUser(request);
  const viewer = caseworkViewer(auth);
  if (!viewer || !kinds.includes(viewer.kind as K)) {
    if (refuse === "forbid")
      forbidden(
        "Casework is open only to caseworkers, safeguarding-cleared casework managers and schools' safeguarding leads.",
      );
    notFound();
  }
  return { auth, viewer: viewer as Extract<CaseworkViewer, { kind: K }> };
}

/** The case if this viewer may see it (managers: any; workers: allocated to them), else 404. */
export async function caseInScope(db: Queryable, viewer: CaseworkViewer, caseId: string) {
  if (viewer.kind === "school") notFound();
  let q = db.selectFrom("casework_cases").selectAll().where("id", "=", caseId);
  if (viewer.kind === "worker") q = q.where("caseworker_id", "=", viewer.userId);
  const row = await q.executeTakeFirst();
  if (!row) notFound();
  return row;
}

/**
 * For a case page's action: the viewer and the case, checked before the form is read, so that
 * someone who may not see the case gets 404 whatever they post (never a 400 that tells them it exists).
 */
export async function requireCase(request: Request, db: Queryable, caseId: string) {
  const { auth, viewer } = await requireCasework(request, ["manager", "worker"]);
  const row = await caseInScope(db, viewer, caseId);
  return { auth, viewer, case: row };
}
