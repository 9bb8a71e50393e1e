import { PNG } from "pngjs";
import { dateFields } from "~/utils/date-input";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../support/password";
import { startPostgresCluster, type PostgresCluster } from "../support/postgres";
import { startServerProcess, type ServerProcess } from "../support/process-server";
import { Client, TEST_SECRET_KEY } from "../support/server";
import { startSmtpServer } from "../support/smtp";
import { londonDay } from "../support/time";

// Two server processes — what `npm start` runs — on one PostgreSQL database (issue 14): started at
// the same moment (so both try to migrate), then 50 bookings for a session's last place spread
// across both, with both outbox workers sending to one real SMTP server; an image uploaded to one
// served by the other; one client's requests counted against one limit across both; and last, one
// server killed in the middle of a bulk certificate issue, the other rendering the rest.
let cluster: PostgresCluster;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let servers: ServerProcess[] = [];
let sessionId: string;
let databaseUrl: string;
// Low enough to reach in a test; no other test here sends more than a few requests per address.
const PER_MINUTE = 120;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  smtp = await startSmtpServer();
  databaseUrl = await cluster.createDatabase();
  const settings = {
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtp.url,
    OUTBOX_INTERVAL_MS: "100",
    TRUST_PROXY: "1",
    DATABASE_POOL_SIZE: "8",
    RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
    // A killed server's claim on a render runs out in seconds here, not a minute, and the
    // render-missing round comes every second, so the test need not wait long for either.
    CERTIFICATE_RENDER_LEASE_MS: "5000",
    CERTIFICATE_RENDER_MISSING_EVERY_MS: "1000",
  };
  servers = await Promise.all([startServerProcess(settings), startServerProcess(settings)]);
  // This process reaches the same database directly, to build the world and count.
  process.env.DATABASE_URL = databaseUrl;
  process.env.SECRET_KEY = TEST_SECRET_KEY;
  const { resetEnvForTests } = await import("~/utils/env.server");
  resetEnvForTests();
  const { getDb } = await import("~/db/db.server");
  const f = await import("~/seed/factories/sessions.server");
  const db = getDb();
  const programmeId = await f.insertProgramme(db, { name: "Two Servers Programme" });
  const offeringId = await f.insertOffering(db, {
    programmeId,
    title: "Parents' evening",
    audience: "parents",
    openToPublic: true,
  });
  sessionId = await f.insertSession(db, {
    programmeId,
    offeringId,
    startsAt: new Date(Date.now() + 9 * 24 * 3600_000),
    capacity: 1,
    isOpen: true,
    venue: "The Forum, Norwich",
  });
}, 180_000);

afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null) s.child.kill("SIGKILL");
  await Promise.all(servers.map((s) => s.exited));
  const { closeDb } = await import("~/db/db.server");
  await closeDb();
  delete process.env.DATABASE_URL;
  delete process.env.SECRET_KEY;
  await smtp?.close();
  await cluster?.stop();
});

describe("two servers on one PostgreSQL", () => {
  it("migrated once although both started at the same moment", async () => {
    const { getDb } = await import("~/db/db.server");
    const rows = await getDb()
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .execute();
    const names = rows.map((r) => (r as { name: string }).name);
    expect(new Set(names).size).toBe(names.length);
    for (const s of servers) expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
  });

  it("gives the last place to exactly one of 50 people booking at once across both", async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        new Client(servers[i % 2].url).post(
          `/sessions/open/${sessionId}`,
          { name: `Person ${i}`, email: `person-${i}@example.net` },
          { "x-forwarded-for": `198.51.100.${i + 1}` },
        ),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(302));
    const { getDb } = await import("~/db/db.server");
    const regs = await getDb()
      .selectFrom("registrations")
      .select(["email", "status"])
      .where("session_id", "=", sessionId)
      .execute();
    expect(regs).toHaveLength(50);
    expect(regs.filter((r) => r.status === "confirmed")).toHaveLength(1);
    expect(regs.filter((r) => r.status === "waiting")).toHaveLength(49);
  });

  it("sends every email exactly once with both outbox workers running", async () => {
    const { getDb } = await import("~/db/db.server");
    const db = getDb();
    const until = Date.now() + 60_000;
    for (;;) {
      const pending = await db
        .selectFrom("outbox")
        .select("id")
        .where("status", "=", "pending")
        .execute();
      if (!pending.length) break;
      if (Date.now() > until) throw new Error(`${pending.length} emails still pending after 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const outbox = await db
      .selectFrom("outbox")
      .select(["to_address", "subject", "status"])
      .execute();
    expect(outbox.length).toBeGreaterThanOrEqual(50);
    expect(outbox.every((m) => m.status === "sent")).toBe(true);
    // Let any duplicate a racing worker might send arrive before counting.
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.received).toHaveLength(outbox.length);
    const subjectOf = (raw: string) => /^Subject: (.*)$/m.exec(raw)?.[1] ?? "";
    const received = smtp.received.map((m) => `${m.to.join(",")}|${subjectOf(m.raw)}`).sort();
    const expected = outbox.map((m) => `${m.to_address}|${m.subject}`).sort();
    expect(new Set(received).size).toBe(received.length);
    expect(received.map((k) => k.split("|")[0])).toEqual(expected.map((k) => k.split("|")[0]));
  });

  it("serves a lesson image uploaded to one server from the other", async () => {
    const { getDb } = await import("~/db/db.server");
    const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
    const db = getDb();
    const momentum = await insertOrganisation(db, { kind: "delivery_partner", name: "Momentum" });
    await insertUser(db, {
      email: "author@example.org",
      name: "Sam Lowe",
      password: PASSWORD,
      memberships: [{ organisationId: momentum, role: "content_author" }],
    });
    const onA = new Client(servers[0].url);
    await onA.signIn("author@example.org", PASSWORD);
    const picture = new PNG({ width: 3, height: 2 });
    picture.data.fill(77);
    const bytes = PNG.sync.write(picture);
    const form = new FormData();
    form.append("image", new Blob([new Uint8Array(bytes)], { type: "image/png" }), "map.png");
    const uploaded = await onA.postMultipart("/author/images", form);
    expect(uploaded.status).toBe(302);
    const id = new URL(uploaded.headers.get("location")!, servers[0].url).searchParams.get(
      "uploaded",
    );
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The same signed-in person (sessions are in the database) asks the other server.
    const onB = new Client(servers[1].url);
    onB.cookies = new Map(onA.cookies);
    const served = await onB.get(`/learning/images/${id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("counts one client's requests against one limit across both servers", async () => {
    // Spread evenly, as a load balancer would: each server alone sees half the limit.
    const address = { "x-forwarded-for": "203.0.113.77" };
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE; i += 10)
      statuses.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, async (_, j) => {
            const res = await fetch(`${servers[(i + j) % 2].url}/sign-in`, { headers: address });
            await res.arrayBuffer();
            return res.status;
          }),
        )),
      );
    expect(statuses).toEqual(Array(PER_MINUTE).fill(200));
    for (const s of servers) {
      const over = await fetch(`${s.url}/sign-in`, { headers: address });
      expect(over.status).toBe(429);
      expect(await over.text()).toContain("Too many requests from this address");
    }
    // Another address is not held back by it.
    const other = await fetch(`${servers[1].url}/sign-in`, {
      headers: { "x-forwarded-for": "203.0.113.78" },
    });
    expect(other.status).toBe(200);
  });

  it("refuses to start on PostgreSQL without SECRET_KEY, saying why", async () => {
    await expect(startServerProcess({ DATABASE_URL: databaseUrl, SECRET_KEY: "" })).rejects.toThrow(
      /SECRET_KEY must be set when DATABASE_URL is/,
    );
  });

  // Last: it kills the first server.
  it("renders every certificate of a bulk issue exactly once when one server is killed in the middle", async () => {
    const { getDb } = await import("~/db/db.server");
    const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
    const db = getDb();
    const stGiles = await insertOrganisation(db, {
      kind: "delivery_partner",
      name: "St Giles Trust",
    });
    await insertUser(db, {
      email: "lead@example.org",
      name: "Priya Shah",
      password: PASSWORD,
      memberships: [{ organisationId: stGiles, role: "programme_lead" }],
    });
    const [doomed, survivor] = servers;
    const lead = new Client(doomed.url);
    await lead.signIn("lead@example.org", PASSWORD);
    const form = await (await lead.get("/admin/certificates/bulk")).text();
    const requestId = /name="requestId" value="([^"]+)"/.exec(form)![1];
    const COUNT = 150;
    const holders = Array.from(
      { length: COUNT },
      (_, i) => `Teacher Number ${i + 1}, teacher${i + 1}@school.example.org`,
    ).join("\n");
    const res = await lead.post("/admin/certificates/bulk", {
      holders,
      kind: "session",
      title: "Exploitation awareness for teachers",
      moduleVersion: "",
      ...dateFields("sessionDate", londonDay(-3)),
      audience: "Teachers",
      format: "Twilight CPD",
      description: "",
      ...dateFields("achievedOn", londonDay(-3)),
      issuerName: "St Giles Trust",
      programmeName: "SOS+",
      requestId,
    });
    expect(res.status).toBe(302);
    const batchId = res.headers.get("location")!.split("/").pop()!;
    const files = () =>
      db
        .selectFrom("certificate_batch_items as i")
        .innerJoin("certificate_files as f", "f.certificate_id", "i.certificate_id")
        .select(["f.certificate_id", "f.rendered_by", "f.renders"])
        .where("i.batch_id", "=", batchId)
        .execute();

    // Kill the server that took the batch once it has stored a few of its certificates.
    const until = Date.now() + 60_000;
    while ((await files()).length < 3) {
      if (Date.now() > until) throw new Error("no certificate was rendered in 60 s");
      await new Promise((r) => setTimeout(r, 10));
    }
    doomed.child.kill("SIGKILL");
    expect((await doomed.exited).signal).toBe("SIGKILL");
    // A statement the killed server had already sent still completes in PostgreSQL: let it land
    // before taking stock (its leases hold for 5 s, so the other server renders none of its work
    // meanwhile).
    await new Promise((r) => setTimeout(r, 2000));
    const atKill = new Set((await files()).map((f) => f.certificate_id));
    // Killed in the middle: most of the batch is still to render.
    expect(atKill.size).toBeLessThan(COUNT);

    let after: Awaited<ReturnType<typeof files>> = [];
    const done = Date.now() + 120_000;
    while ((after = await files()).length < COUNT) {
      if (Date.now() > done)
        throw new Error(`${COUNT - after.length} certificates still unrendered after 120 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // Rendered exactly once each: one stored PDF per certificate, and no second render reached
    // the store (a second one is counted in `renders`).
    expect(after).toHaveLength(COUNT);
    expect(new Set(after.map((f) => f.certificate_id)).size).toBe(COUNT);
    expect(after.filter((f) => f.renders !== 1)).toEqual([]);
    // Everything not stored when the first server died was rendered by the other.
    const pidOf = (owner: string | null) => Number(owner?.split(":")[1]);
    const rest = after.filter((f) => !atKill.has(f.certificate_id));
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((f) => pidOf(f.rendered_by) === survivor.child.pid)).toBe(true);
    expect(
      after.every((f) => [doomed.child.pid, survivor.child.pid].includes(pidOf(f.rendered_by))),
    ).toBe(true);
    // And the survivor still answers.
    expect((await fetch(`${survivor.url}/readyz`)).status).toBe(200);
  }, 240_000);
});
