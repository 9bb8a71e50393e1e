import { z } from "zod";
import type { Certificate } from "~/db/schema";
import { formatDay } from "~/utils/dates";

// What a certificate says was achieved: a snapshot taken when it was issued (a module version, or a
// session attended), so the certificate reads the same after the module or session has gone.

export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD");
export const text = (max: number) => z.string().trim().min(1).max(max);

export const AchievementSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("module"),
    moduleTitle: text(200),
    moduleVersion: z
      .union([z.string().trim().min(1).max(40), z.number().int().positive()])
      .transform(String),
    description: z.string().trim().max(400).nullish(),
  }),
  z.object({
    kind: z.literal("session"),
    sessionTitle: text(200),
    sessionDate: isoDay,
    audience: z.string().trim().max(80).nullish(),
    format: z.string().trim().max(80).nullish(),
    description: z.string().trim().max(400).nullish(),
  }),
]);
export type AchievementSnapshot = z.infer<typeof AchievementSchema>;

export function achievementOf(cert: Pick<Certificate, "achievement">): AchievementSnapshot {
  return AchievementSchema.parse(JSON.parse(cert.achievement));
}

/** "Version 3", or "Twilight CPD · Teachers · 5 March 2026". */
export function achievementDetail(a: AchievementSnapshot): string | null {
  if (a.kind === "module") return `Version ${a.moduleVersion}`;
  return [a.format, a.audience, formatDay(a.sessionDate)].filter(Boolean).join(" · ") || null;
}
