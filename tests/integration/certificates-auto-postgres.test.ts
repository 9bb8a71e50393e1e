import { promises as fs } from "node:fs";
import path from "node:path";
import { FileMigrationProvider, Kysely, Migrator } from "kysely";
import { KyselyPGlite } from "kysely-pglite";
import { afterAll, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import type { Database } from "~/db/schema";
import { londonAt } from "../support/time";

// Automatic issue on PostgreSQL (PGlite): the certificate is written inside the SERIALIZABLE
// transaction that completes a module or marks a session delivered, once per achievement.
describe("automatic certificates on PostgreSQL", () => {
  let db: Kysely<Database> | undefined;
  afterAll(async () => {
    const { closePdfPool } = await import("~/pdf/pool.server");
    await closePdfPool();
    await db?.destroy();
  });

  it("a module completion and a delivered teachers' session issue their certificates once each", async () => {
    const { dialect } = await KyselyPGlite.create();
    db = new Kysely<Database>({ dialect });
    const migrator = new Migrator({
      db,
      provider: new FileMigrationProvider({
        fs,
        path,
        migrationFolder: path.resolve("migrations"),
      }),
    });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const d = db as unknown as DB;
    const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
    const momentum = await insertOrganisation(d, { kind: "delivery_partner", name: "Momentum" });
    const sgt = await insertOrganisation(d, { kind: "delivery_partner", name: "St Giles Trust" });
    const harbour = await insertOrganisation(d, { kind: "vcse", name: "Norwich Youth Harbour" });
    const password = "correct horse battery staple";
    const author = await insertUser(d, {
      email: "author@example.org",
      name: "Nadia Hussain",
      password,
      memberships: [{ organisationId: momentum, role: "content_author" }],
    });
    const learner = await insertUser(d, {
      email: "learner@example.org",
      name: "Aisha Begum",
      password,
      memberships: [{ organisationId: harbour, role: "learner" }],
    });
    const lead = await insertUser(d, {
      email: "lead@example.org",
      name: "Priya Shah",
      password,
      memberships: [{ organisationId: sgt, role: "programme_lead" }],
    });

    // A module passed twice: one certificate (the seed's helper asks for no email and no render).
    const { DEMO_MODULES } = await import("~/learning/seed-content.server");
    const { insertModule, progressLearner } = await import("~/learning/seed.server");
    const { moduleId } = await insertModule(d, author, DEMO_MODULES[0]);
    await progressLearner(d, learner, moduleId, {
      lessonsRead: 99,
      attempts: ["fail", "pass", "pass"],
    });
    const moduleCerts = await d
      .selectFrom("certificates")
      .selectAll()
      .where("kind", "=", "module")
      .execute();
    expect(moduleCerts.map((c) => [c.holder_name, c.achievement_title, c.issuer_name])).toEqual([
      ["Aisha Begum", "Recognising child criminal exploitation", "Momentum"],
    ]);

    // A teachers' session with two attendees and one no-show, marked delivered.
    const { insertProgramme, insertOffering, insertSession } =
      await import("~/seed/factories/sessions.server");
    const programmeId = await insertProgramme(d, { name: "SOS+ Norfolk", deliveryPartnerId: sgt });
    const offeringId = await insertOffering(d, {
      programmeId,
      title: "Twilight CPD for school staff",
      audience: "teachers",
      format: "twilight_cpd",
    });
    const sessionId = await insertSession(d, {
      programmeId,
      offeringId,
      startsAt: londonAt(-320, "16:00"),
    });
    const t = new Date().toISOString();
    const reg = (id: string, name: string, attendance: "attended" | "no_show") => ({
      id,
      session_id: sessionId,
      name,
      email: `${id}@school.example.org`,
      organisation_name: null,
      organisation_id: null,
      user_id: null,
      access_needs: null,
      status: "confirmed" as const,
      is_walk_in: 0,
      attendance,
      cancel_token_hash: null,
      reminder_sent_at: null,
      promoted_at: null,
      cancelled_at: null,
      anonymised_at: null,
      created_at: t,
      updated_at: t,
    });
    await d
      .insertInto("registrations")
      .values([
        reg("r1", "Helen Carter", "attended"),
        reg("r2", "Ravi Patel", "attended"),
        reg("r3", "Sam Ellis", "no_show"),
      ])
      .execute();
    const { markDelivered } = await import("~/sessions/delivery.server");
    expect(
      await markDelivered(
        d,
        { userId: lead, all: true, trainer: false, schoolIds: [] },
        sessionId,
        { baseUrl: "https://lantern.example.org" },
      ),
    ).toEqual("delivered");
    const { writeTransaction } = await import("~/db/db.server");
    const { issueSessionCertificates } = await import("~/sessions/certificates.server");
    expect(await writeTransaction(d, (tx) => issueSessionCertificates(tx, sessionId))).toHaveLength(
      0,
    );
    const sessionCerts = await d
      .selectFrom("certificates")
      .select(["holder_name", "source_key", "verify_url"])
      .where("kind", "=", "session")
      .orderBy("holder_name")
      .execute();
    expect(sessionCerts.map((c) => c.source_key)).toEqual([
      `session:${sessionId}:registrant:r1`,
      `session:${sessionId}:registrant:r2`,
    ]);
    expect(sessionCerts[0].verify_url).toMatch(/^https:\/\/lantern\.example\.org\/verify\//);
    const mail = await d
      .selectFrom("outbox")
      .select("to_address")
      .where("subject", "like", "Your certificate%")
      .orderBy("to_address")
      .execute();
    expect(mail.map((m) => m.to_address)).toEqual([
      "r1@school.example.org",
      "r2@school.example.org",
    ]);
    // Their PDFs are rendered in the pool after the commit, into the BYTEA column.
    for (let i = 0; i < 300; i++) {
      const files = await d
        .selectFrom("certificate_files")
        .innerJoin("certificates", "certificates.id", "certificate_files.certificate_id")
        .select("certificate_files.certificate_id")
        .where("certificates.kind", "=", "session")
        .execute();
      if (files.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const files = await d
      .selectFrom("certificate_files")
      .innerJoin("certificates", "certificates.id", "certificate_files.certificate_id")
      .select("certificate_files.pdf")
      .where("certificates.kind", "=", "session")
      .execute();
    expect(files.map((f) => new TextDecoder().decode(f.pdf.slice(0, 5)))).toEqual([
      "%PDF-",
      "%PDF-",
    ]);
  }, 120_000);
});
