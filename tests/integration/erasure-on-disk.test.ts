import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Finding 8 of issue 11: after erasure no live row held the person, but the database file, its WAL
// and a backup taken *after* the erasure still held their email and name in free pages.
let server: TestServer;
const EMAIL = "zebedee.quartermaine-erasable@example.org";
const NAME = "Zebedee Quartermaine";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const db = getDb();
  const partner = await insertOrganisation(db, {
    kind: "delivery_partner",
    name: "Erasure Partner",
  });
  const org = await insertOrganisation(db, { kind: "vcse", name: "Erasure Harbour" });
  await insertUser(db, {
    email: "erasure-lead@example.org",
    name: "Erin Lead",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead" }],
  });
  await insertUser(db, {
    email: "erasure-lead-2@example.org",
    name: "Second Lead",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead" }],
  });
  await insertUser(db, {
    email: EMAIL,
    name: NAME,
    password: PASSWORD,
    memberships: [{ organisationId: org, role: "learner" }],
  });
  // Their sign-in writes a session and audit rows too; a wrong password an audit of their email.
  await new Client(server.url).signIn(EMAIL, PASSWORD);
  await new Client(server.url).post("/sign-in", {
    email: EMAIL,
    password: "not my password at all",
  });
});
afterAll(async () => {
  await server?.close();
});

function holds(file: string, text: string) {
  if (!fs.existsSync(file)) return false;
  const bytes = fs.readFileSync(file);
  return bytes.includes(Buffer.from(text)) || bytes.includes(Buffer.from(text, "utf16le"));
}

describe("erasure reaches the bytes on disk", () => {
  it("leaves the person's email and name nowhere in the database file, its WAL, or a backup taken afterwards", async () => {
    const lead = new Client(server.url);
    await lead.signIn("erasure-lead@example.org", PASSWORD);
    const done = await lead.post("/admin/privacy/erase", {
      intent: "erase",
      email: EMAIL,
      confirm: "yes",
    });
    expect(done.status).toBe(302);

    const { backupDatabase } = await import("~/db/backup.server");
    const dir = path.join(server.dir, "backups");
    const { file } = await backupDatabase({ dir });
    for (const f of [server.dbPath, `${server.dbPath}-wal`, file]) {
      expect(holds(f, EMAIL), `${path.basename(f)} holds the email`).toBe(false);
      expect(holds(f, NAME), `${path.basename(f)} holds the name`).toBe(false);
    }
    // The backup leaves nothing half-made behind.
    expect(fs.readdirSync(dir).filter((f) => f.includes(".partial"))).toEqual([]);
  });
});
