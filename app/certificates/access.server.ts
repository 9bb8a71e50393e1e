import { has, organisationIdsWithRole, type Authenticated } from "~/auth/guard.server";
import { toResponse } from "~/utils/errors.server";
import type { AchievementSnapshot, Viewer } from "./certificates.server";

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

/** The achievement snapshot from the hand-issue and bulk forms. */
export function achievementFromForm(v: {
  kind: "module" | "session";
  title: string;
  moduleVersion?: string;
  sessionDate?: string;
  audience?: string;
  format?: string;
  description?: string;
}): AchievementSnapshot {
  return v.kind === "module"
    ? {
        kind: "module",
        moduleTitle: v.title,
        moduleVersion: v.moduleVersion ?? "1",
        description: v.description || null,
      }
    : {
        kind: "session",
        sessionTitle: v.title,
        sessionDate: v.sessionDate!,
        audience: v.audience || null,
        format: v.format || null,
        description: v.description || null,
      };
}

/** The date printed: as entered, else the session's date, else today (London). */
export function achievedOnFromForm(
  v: { kind: "module" | "session"; achievedOn?: string; sessionDate?: string },
  today: string,
): string {
  return v.achievedOn || (v.kind === "session" && v.sessionDate ? v.sessionDate : today);
}
