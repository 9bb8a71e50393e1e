import { sessionsWithOffering } from "~/sessions/queries.server";
import { writeTransaction, type DB } from "~/db/db.server";
import { CERTIFICATE_AUDIENCES, issueSessionCertificates } from "~/sessions/certificates.server";
import type { SeedContext } from "~/seed/context";
import { issueCertificate, reissueCertificate, revokeCertificate } from "./certificates.server";

// Demo certificates. The rows are made here; the server's render-missing job renders their PDFs
// within seconds of starting (the seed script exits at once and starts no render threads).
export async function seedCertificates(db: DB, ctx: SeedContext) {
  const { users } = ctx.foundation;
  const lead = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("id", "=", users.lead)
    .executeTakeFirstOrThrow();
  const baseUrl = process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const momentum = { issuerName: "Momentum", programmeName: "Third Sector Capacity Building" };
  const sos = { issuerName: "St Giles Trust", programmeName: "SOS+ Norfolk" };

  // Module certificates need nothing here: the learning seed's completions issued them (as a pass
  // on the quiz page does). Delivered teachers' and VCSE sessions earn their attendees' certificates
  // when marked delivered; the demo's sessions were made delivered directly, so issue them now
  // (without emails about the past).
  const sessions = await sessionsWithOffering(db)
    .select("s.id")
    .where("s.status", "=", "delivered")
    .where("o.audience", "in", [...CERTIFICATE_AUDIENCES])
    .orderBy("s.starts_at")
    .execute();
  for (const s of sessions)
    await writeTransaction(db, (tx) =>
      issueSessionCertificates(tx, s.id, { baseUrl, notify: false }),
    );

  await issueCertificate(
    db,
    {
      sourceKey: "demo:session-twilight-wensum:school",
      holder: { userId: users.school, name: "Helen Carter", email: "school@example.org" },
      achievement: {
        kind: "session",
        sessionTitle: "Spotting the signs: exploitation awareness for school staff",
        sessionDate: "2026-10-08",
        audience: "Teachers",
        format: "Twilight CPD",
        description: "A 90-minute awareness session for teachers and support staff.",
      },
      achievedOn: "2026-10-08",
      ...sos,
      baseUrl,
    },
    { render: "later" },
  );
  // One revoked, and one re-issued to correct a name, so the lead's pages show both.
  const wrong = await issueCertificate(
    db,
    {
      sourceKey: "demo:session-parents-yarmouth:1",
      holder: { name: "Jo Smyth", email: "jo.smith@example.org" },
      achievement: {
        kind: "session",
        sessionTitle: "Keeping your child safe from exploitation",
        sessionDate: "2026-10-21",
        audience: "Parents and carers",
        format: "Community session",
        description: null,
      },
      achievedOn: "2026-10-21",
      ...sos,
      baseUrl,
    },
    { render: "later" },
  );
  const dup = await issueCertificate(
    db,
    {
      sourceKey: "demo:manual:duplicate",
      holder: { name: "Sam Patel", email: null },
      achievement: {
        kind: "module",
        moduleTitle: "Understanding child criminal exploitation",
        moduleVersion: 2,
        description: null,
      },
      achievedOn: "2026-10-01",
      ...momentum,
      baseUrl,
    },
    { render: "later" },
  );
  await revokeCertificate(db, {
    id: dup.certificate.id,
    reason: "Issued twice by mistake",
    byUserId: lead.id,
    byName: lead.name,
  });
  await reissueCertificate(
    db,
    {
      id: wrong.certificate.id,
      reason: "Surname misspelt",
      holderName: "Jo Smith",
      byUserId: lead.id,
      byName: lead.name,
      baseUrl,
    },
    { render: "later" },
  );
}
