import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";

// Issue 16, item 3: another process holding SQLite's write lock (a retention run, a backup, a
// sqlite3 shell) used to freeze the server — better-sqlite3 waited on the only thread — and a
// booking failed with "database is locked". Now writes wait for the lock between tries, and reads
// go on from their own connection.

let server: TestServer;
let sessionId: string;
const events: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: "1" });
  const { getDb } = await import("~/db/db.server");
  const f = await import("~/seed/factories/sessions.server");
  const db = getDb();
  const programmeId = await f.insertProgramme(db, { name: "Lock Programme" });
  const offeringId = await f.insertOffering(db, {
    programmeId,
    title: "Staying safe online",
    audience: "parents",
    openToPublic: true,
  });
  sessionId = await f.insertSession(db, {
    programmeId,
    offeringId,
    startsAt: new Date(Date.now() + 12 * 24 * 3600_000),
    capacity: 30,
    isOpen: true,
    districtId: await f.districtIdByCode(db, "E07000148"),
    venue: "The Forum, Norwich",
  });
});

afterAll(async () => {
  await server?.close();
});

/** Another process that takes the write lock, holds it for `ms`, then commits. */
function holdWriteLock(
  dbPath: string,
  ms: number,
): { child: ChildProcess; locked: Promise<void>; released: Promise<void> } {
  const sqlitePath = createRequire(import.meta.url).resolve("better-sqlite3");
  const script = `
    const Database = require(${JSON.stringify(sqlitePath)});
    const db = new Database(${JSON.stringify(dbPath)});
    db.exec("BEGIN IMMEDIATE");
    db.exec("CREATE TABLE IF NOT EXISTS outside_writer (n INTEGER)");
    process.stdout.write("locked\\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    db.exec("COMMIT");
    process.stdout.write("released\\n");
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  const seen = (word: string) =>
    new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk) => {
        output += String(chunk);
        if (output.includes(word)) resolve();
      });
      child.on("exit", (code) =>
        output.includes(word) ? resolve() : reject(new Error(`lock holder exited ${code}`)),
      );
    });
  const locked = seen("locked");
  const released = seen("released").then(() => void events.push("released"));
  return { child, locked, released };
}

describe("another process holding the write lock", () => {
  it("keeps answering /healthz and the public list meanwhile, and every booking made meanwhile succeeds once it is released", async () => {
    const lock = holdWriteLock(server.dbPath, 4000);
    await lock.locked;

    const bookings = Promise.all(
      [1, 2, 3].map((i) =>
        new Client(server.url)
          .post(
            `/sessions/open/${sessionId}`,
            { name: `Parent ${i}`, email: `locked-parent-${i}@example.org` },
            { "x-forwarded-for": `198.51.100.${i + 20}` },
          )
          .then((res) => {
            events.push(`booking ${i}`);
            return res;
          }),
      ),
    );
    // Let the bookings reach the database and start waiting for the lock.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const health = await fetch(`${server.url}/healthz`);
    events.push("healthz");
    expect(health.status).toBe(200);
    expect((await health.json()).database).toBe("ok");
    const list = await new Client(server.url).get("/sessions/open");
    events.push("open sessions");
    expect(list.status).toBe(200);
    expect(await list.text()).toContain("Staying safe online");

    const answers = await bookings;
    await lock.released;
    // The reads were answered while the other process still held the lock (it holds it for
    // seconds; they came within a moment), and the bookings, sent before them, waited for it.
    expect(events.indexOf("released")).toBeGreaterThan(-1);
    expect(events.indexOf("healthz")).toBeLessThan(events.indexOf("released"));
    expect(events.indexOf("open sessions")).toBeLessThan(events.indexOf("released"));
    for (const i of [1, 2, 3])
      expect(events.indexOf(`booking ${i}`)).toBeGreaterThan(events.indexOf("open sessions"));
    expect(answers.map((r) => r.status)).toEqual([302, 302, 302]);

    const { getDb } = await import("~/db/db.server");
    const rows = await getDb()
      .selectFrom("registrations")
      .select("email")
      .where("session_id", "=", sessionId)
      .execute();
    expect(rows.map((r) => r.email).sort()).toEqual([
      "locked-parent-1@example.org",
      "locked-parent-2@example.org",
      "locked-parent-3@example.org",
    ]);
  });
});
