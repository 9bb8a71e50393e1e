import { promises as fs } from "node:fs";
import path from "node:path";
import { FileMigrationProvider, Kysely, Migrator } from "kysely";
import { KyselyPGlite } from "kysely-pglite";
import { afterAll, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import type { Database } from "~/db/schema";
import { londonDay } from "../support/time";

// The same certificate code on PostgreSQL (PGlite): serials from the counter under SERIALIZABLE,
// idempotent issue under concurrency, PDF bytes in a BYTEA column, verification and its throttle.
describe("certificates on PostgreSQL", () => {
  let db: Kysely<Database> | undefined;
  afterAll(async () => {
    const { closePdfPool } = await import("~/pdf/pool.server");
    await closePdfPool();
    await db?.destroy();
  });

  it("issues once per achievement with distinct serials, stores the PDF bytes, and verifies", async () => {
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
    const { issueCertificate, storedPdf } = await import("~/certificates/certificates.server");
    const { verifyCode } = await import("~/certificates/verify.server");
    const input = (sourceKey: string, name = "Aisha Begum") => ({
      sourceKey,
      holder: { name, email: null },
      achievement: {
        kind: "session" as const,
        sessionTitle: "Exploitation awareness for teachers",
        sessionDate: londonDay(-17),
        audience: "Teachers",
        format: "Twilight CPD",
      },
      achievedOn: londonDay(-17),
      issuerName: "St Giles Trust",
      programmeName: "SOS+",
      baseUrl: "https://lantern.example.org",
    });
    const d = db as unknown as DB;
    // PGlite is one connection in one process, so these run one after another here; racing
    // issues are proven on SQLite (certificates.test.ts).
    const same = [];
    for (let i = 0; i < 3; i++)
      same.push(await issueCertificate(d, input("session:s1:registrant:r1"), { render: "later" }));
    expect(new Set(same.map((r) => r.certificate.id)).size).toBe(1);
    const many = [];
    for (let i = 0; i < 6; i++)
      many.push(
        await issueCertificate(d, input(`session:s1:registrant:p${i}`, `Person ${i}`), {
          render: "later",
        }),
      );
    const serials = [same[0], ...many].map((r) => r.certificate.serial);
    expect(new Set(serials).size).toBe(7);

    const { certificate } = await issueCertificate(
      d,
      input("session:s1:registrant:pdf", "Helen Carter"),
    );
    const file = await storedPdf(d, certificate);
    expect(file).not.toBeNull();
    expect(new TextDecoder().decode(file!.bytes.slice(0, 5))).toBe("%PDF-");

    const ok = await verifyCode(d, { code: certificate.code.toLowerCase(), ip: "192.0.2.1" });
    expect(ok).toMatchObject({ result: "valid", holderName: "Helen Carter" });
    const outcomes = [];
    for (let i = 0; i < 25; i++)
      outcomes.push((await verifyCode(d, { code: "ZZZZZZZZZZZZZZZZ", ip: "192.0.2.2" })).result);
    expect(outcomes.slice(0, 20).every((o) => o === "not_found")).toBe(true);
    expect(outcomes.at(-1)).toBe("throttled");
  }, 120_000);
});
