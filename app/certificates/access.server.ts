import { has, organisationIdsWithRole, type Authenticated } from "~/auth/guard.server";
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
