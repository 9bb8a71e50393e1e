import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { hashToken } from "~/auth/tokens.server";
import { Client } from "../support/server";
import { PASSWORD } from "../support/password";
import { freePort } from "../support/ports";

// Crash safety: the real server as its own process (what `npm start` runs), killed with SIGKILL in
// the middle of a burst of writes. After a restart the database must pass integrity_check and hold
// every write the server had acknowledged. LANTERN_CRASH_PORT picks the port; otherwise a free one.
let PORT = Number(process.env.LANTERN_CRASH_PORT ?? 0);
let BASE = "";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-crash-"));
const dbPath = path.join(dir, "crash.db");
const USERS = ["a", "b", "c", "d"].map((x) => `writer-${x}@example.org`);
// A reset is written at most once per account in five minutes (issue 11, finding 11), so each reset
// request in the burst asks for a different account: every acknowledged one then wrote a row.
const RESET_USERS = Array.from({ length: 400 }, (_, i) => `reset-${i}@example.org`);
let child: ChildProcess | undefined;

const childEnvBase: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DEMO_MODE: "true",
  COOKIE_SECURE: "false",
  DATABASE_PATH: dbPath,
  DATA_DIR: dir,
  HOST: "127.0.0.1",
  LOG_LEVEL: "silent",
  RATE_LIMIT_PER_MINUTE: "1000000",
  OUTBOX_INTERVAL_MS: "3600000",
};
for (const k of Object.keys(childEnvBase)) if (k.startsWith("VITEST")) delete childEnvBase[k];

function startServer(): ChildProcess {
  // `node --import tsx` rather than the tsx CLI: one process, so SIGKILL reaches the server itself.
  const p = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...childEnvBase, PORT: String(PORT), PUBLIC_URL: `http://127.0.0.1:${PORT}` },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  p.stderr!.on("data", (d) => (stderr += String(d)));
  p.on("exit", (code, signal) => {
    if (code && code !== 0) console.error(`server exited ${code} ${signal ?? ""}\n${stderr}`);
  });
  return p;
}

async function waitForHealth(timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${BASE}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start");
}

function waitForExit(p: ChildProcess) {
  return new Promise<void>((resolve) =>
    p.exitCode !== null || p.signalCode ? resolve() : p.once("exit", () => resolve()),
  );
}

afterAll(async () => {
  if (child && child.exitCode === null && !child.signalCode) {
    child.kill("SIGTERM");
    await waitForExit(child);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("crash safety", () => {
  it(
    "keeps every acknowledged write and a sound database after SIGKILL mid-burst",
    { timeout: 120_000 },
    async () => {
      // Prepare the database with the same code the server uses, then let go of it.
      const saved = { DATABASE_PATH: process.env.DATABASE_PATH, DATA_DIR: process.env.DATA_DIR };
      Object.assign(process.env, { DATABASE_PATH: dbPath, DATA_DIR: dir });
      const { resetEnvForTests } = await import("~/utils/env.server");
      resetEnvForTests();
      const { getDb, closeDb } = await import("~/db/db.server");
      const { migrateToLatest } = await import("~/db/migrate.server");
      const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
      const { hashPassword } = await import("~/auth/password.server");
      await migrateToLatest(getDb());
      const org = await insertOrganisation(getDb(), {
        kind: "vcse",
        name: "Norwich Youth Harbour",
      });
      const passwordHash = await hashPassword(PASSWORD);
      for (const email of [...USERS, ...RESET_USERS])
        await insertUser(getDb(), {
          email,
          name: email,
          passwordHash,
          memberships: [{ organisationId: org, role: "learner" }],
        });
      await closeDb();
      Object.assign(process.env, saved);
      resetEnvForTests();

      if (!PORT) PORT = await freePort();
      BASE = `http://127.0.0.1:${PORT}`;
      child = startServer();
      await waitForHealth();

      // The burst: sign-ins (each acknowledged one names its session row exactly) and password-reset
      // requests for a known address (each acknowledged one has written a reset row and an email).
      const ackedTokens: string[] = [];
      let ackedResets = 0;
      let resetsAsked = 0;
      let failures = 0;
      let stop = false;
      const worker = async (i: number) => {
        let n = 0;
        while (!stop) {
          n++;
          try {
            if ((i + n) % 2 === 0) {
              const c = new Client(BASE);
              const res = await c.post("/sign-in", {
                email: USERS[(i + n) % USERS.length],
                password: PASSWORD,
              });
              if (res.status === 302) {
                const raw = [...c.cookies.values()][0];
                ackedTokens.push(
                  JSON.parse(Buffer.from(decodeURIComponent(raw), "base64").toString()) as string,
                );
              }
            } else {
              const res = await new Client(BASE).post("/forgot-password", {
                email: RESET_USERS[resetsAsked++ % RESET_USERS.length],
              });
              await res.arrayBuffer();
              if (res.status === 200) ackedResets++;
            }
          } catch {
            failures++; // the connection died with the server
            return;
          }
        }
      };
      const workers = Array.from({ length: 6 }, (_, i) => worker(i));
      // Kill once plenty of writes are acknowledged and more are in flight.
      while (ackedTokens.length + ackedResets < 60) await new Promise((r) => setTimeout(r, 20));
      child.kill("SIGKILL");
      await waitForExit(child);
      stop = true;
      await Promise.all(workers);
      expect(child.signalCode).toBe("SIGKILL");
      expect(failures).toBeGreaterThan(0); // requests really were in flight at the kill

      child = startServer();
      await waitForHealth();

      const sqlite = new SQLite(dbPath, { readonly: true });
      try {
        expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(sqlite.pragma("foreign_key_check")).toEqual([]);
        const sessionIds = new Set(
          (sqlite.prepare("select id from sessions").all() as { id: string }[]).map((r) => r.id),
        );
        const missing = ackedTokens.filter((t) => !sessionIds.has(hashToken(t)));
        expect(missing, "acknowledged sign-ins whose session was lost").toEqual([]);
        const resets = (
          sqlite.prepare("select count(*) as n from password_resets").get() as { n: number }
        ).n;
        const mails = (sqlite.prepare("select count(*) as n from outbox").get() as { n: number }).n;
        expect(resets).toBeGreaterThanOrEqual(ackedResets);
        expect(mails).toBe(resets); // each reset and its email were written together or not at all
        console.log(
          JSON.stringify({
            ackedSignIns: ackedTokens.length,
            ackedResets,
            storedSessions: sessionIds.size,
            storedResets: resets,
            inFlightFailures: failures,
          }),
        );
      } finally {
        sqlite.close();
      }
      // And the restarted server honours a session acknowledged before the crash.
      const c = new Client(BASE);
      c.cookies.set(
        "lantern_session",
        encodeURIComponent(Buffer.from(JSON.stringify(ackedTokens[0])).toString("base64")),
      );
      expect((await c.get("/account")).status).toBe(200);
    },
  );
});
