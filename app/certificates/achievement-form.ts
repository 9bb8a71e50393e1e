import type { AchievementSnapshot } from "./certificates.server";

// What a certificate issued by hand or in bulk says was achieved, and on what day: pure rules,
// unit-tested and mutation-tested on their own (moved here unchanged from access.server.ts in
// issue 20).

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
