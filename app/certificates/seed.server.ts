import type { DB } from "~/db/db.server";
import type { SeedContext } from "~/seed/seed.server";
import { issueCertificate, reissueCertificate, revokeCertificate } from "./certificates.server";

// Demo certificates. The rows are made here; the server's render-missing job renders their PDFs
// within seconds of starting (the seed script exits at once and starts no render threads).
export async function seedCertificates(db: DB, ctx: SeedContext) {
  const { users } = ctx.foundation;
  const lead = await db.selectFrom("users").select(["id", "name"]).where("id", "=", users.lead).executeTakeFirstOrThrow();
  const baseUrl = process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const module = (title: string, version: number, description: string | null) => ({ kind: "module" as const, moduleTitle: title, moduleVersion: version, description });
  const momentum = { issuerName: "Momentum", programmeName: "Third Sector Capacity Building" };
  const sos = { issuerName: "St Giles Trust", programmeName: "SOS+" };

  await issueCertificate(db, {
    sourceKey: "demo:module-cce-basics:learner",
    holder: { userId: users.learner, name: "Aisha Begum", email: "learner@example.org" },
    achievement: module("Understanding child criminal exploitation", 2, "What exploitation looks like, county lines and cuckooing, and how to share a concern in Norfolk."),
    achievedOn: "2026-10-14",
    ...momentum,
    baseUrl,
  }, { render: "later" });
  await issueCertificate(db, {
    sourceKey: "demo:module-safe-referrals:learner",
    holder: { userId: users.learner, name: "Aisha Begum", email: "learner@example.org" },
    achievement: module("Making a safe referral", 1, "When and how to refer to MASH and SOS+ 1-2-1 support, and what to record."),
    achievedOn: "2026-11-02",
    ...momentum,
    baseUrl,
  }, { render: "later" });
  await issueCertificate(db, {
    sourceKey: "demo:module-cce-basics:manager",
    holder: { userId: users.manager, name: "Tom Reeve", email: "manager@example.org" },
    achievement: module("Understanding child criminal exploitation", 2, "What exploitation looks like, county lines and cuckooing, and how to share a concern in Norfolk."),
    achievedOn: "2026-09-30",
    ...momentum,
    baseUrl,
  }, { render: "later" });
  await issueCertificate(db, {
    sourceKey: "demo:session-twilight-wensum:school",
    holder: { userId: users.school, name: "Helen Carter", email: "school@example.org" },
    achievement: { kind: "session", sessionTitle: "Spotting the signs: exploitation awareness for school staff", sessionDate: "2026-10-08", audience: "Teachers", format: "Twilight CPD", description: "A 90-minute awareness session for teachers and support staff." },
    achievedOn: "2026-10-08",
    ...sos,
    baseUrl,
  }, { render: "later" });
  // One revoked, and one re-issued to correct a name, so the lead's pages show both.
  const wrong = await issueCertificate(db, {
    sourceKey: "demo:session-parents-yarmouth:1",
    holder: { name: "Jo Smyth", email: "jo.smith@example.org" },
    achievement: { kind: "session", sessionTitle: "Keeping your child safe from exploitation", sessionDate: "2026-10-21", audience: "Parents and carers", format: "Community session", description: null },
    achievedOn: "2026-10-21",
    ...sos,
    baseUrl,
  }, { render: "later" });
  const dup = await issueCertificate(db, {
    sourceKey: "demo:manual:duplicate",
    holder: { name: "Sam Patel", email: null },
    achievement: module("Understanding child criminal exploitation", 2, null),
    achievedOn: "2026-10-01",
    ...momentum,
    baseUrl,
  }, { render: "later" });
  await revokeCertificate(db, { id: dup.certificate.id, reason: "Issued twice by mistake", byUserId: lead.id, byName: lead.name });
  await reissueCertificate(db, { id: wrong.certificate.id, reason: "Surname misspelt", holderName: "Jo Smith", byUserId: lead.id, byName: lead.name, baseUrl }, { render: "later" });
}
