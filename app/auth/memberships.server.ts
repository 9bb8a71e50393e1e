import type { Queryable } from "~/db/db.server";

/**
 * Memberships (`memberships`) with the organisation each is in (`organisations`) — the base of
 * every list of who belongs where (issue 15, item 6). Callers choose the columns and conditions.
 */
export function membershipsWithOrganisation(db: Queryable) {
  return db
    .selectFrom("memberships")
    .innerJoin("organisations", "organisations.id", "memberships.organisation_id");
}
