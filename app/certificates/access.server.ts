import { has, organisationIdsWithRole, type Authenticated } from "~/auth/guard.server";
import { toResponse } from "~/utils/errors.server";
import type { Viewer } from "./certificates.server";

export function viewerOf(auth: Authenticated): Viewer {
  return {
    userId: auth.user.id,
    manageAny: has(auth, "certificate:manage:any"),
    managedOrganisationIds: has(auth, "certificate:view:own-organisation")
      ? organisationIdsWithRole(auth.user, "organisation_manager")
      : [],
  };
}

/** Runs a capability call and turns its AppError into the HTTP response once, at the edge. */
export async function atEdge<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toResponse(error);
  }
}
