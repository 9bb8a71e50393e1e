import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgresCluster, type PostgresCluster } from "../support/postgres";
import { startServerProcess } from "../support/process-server";
import { startTestServer, testsUsePostgres, type TestServer } from "../support/server";

// /readyz for the load balancer (database reachable, every migration applied, not shutting down),
// and a graceful stop on SIGTERM: no new connections, the request in flight still answered, a
// clean exit. Runs on SQLite, and on PostgreSQL in the integration-pg project.

describe("/readyz", () => {
  let server: TestServer;
  let extraMigrations: string | undefined;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    delete process.env.MIGRATIONS_DIR;
    if (extraMigrations) fs.rmSync(extraMigrations, { recursive: true, force: true });
    await server?.close();
  });

  it("answers ready when the database answers and every migration is applied, under any host", async () => {
    const res = await fetch(`${server.url}/readyz`, { headers: { host: "10.0.0.7:8080" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", database: "ok", migrations: "current" });
  });

  it("answers 503 while a migration of this build is not applied yet", async () => {
    // This build's migrations, plus one the database has not seen.
    // Inside the checkout: the test's module loader imports migrations only from there.
    fs.mkdirSync(".cache", { recursive: true });
    extraMigrations = fs.mkdtempSync(path.resolve(".cache/migrations-"));
    for (const f of fs.readdirSync("migrations"))
      fs.copyFileSync(path.join("migrations", f), path.join(extraMigrations, f));
    fs.writeFileSync(
      path.join(extraMigrations, "2999-01-01-0000_not_yet.ts"),
      "export async function up() {}\nexport async function down() {}\n",
    );
    process.env.MIGRATIONS_DIR = extraMigrations;
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: "not ready",
      migrations: "pending",
      pending: 1,
    });
    delete process.env.MIGRATIONS_DIR;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});

describe("SIGTERM", () => {
  let cluster: PostgresCluster | undefined;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-shutdown-"));
    if (testsUsePostgres()) cluster = await startPostgresCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stops taking connections, answers the request in flight, and exits cleanly", async () => {
    const databaseUrl = cluster ? await cluster.createDatabase() : "";
    const proc = await startServerProcess({
      DATA_DIR: dir,
      DATABASE_URL: databaseUrl,
      OUTBOX_INTERVAL_MS: "200",
    });
    try {
      // A sign-in whose body is only half sent: the request is in flight when the signal comes.
      const body = "email=nobody%40example.org&password=not-the-password";
      const headers = { "content-type": "application/x-www-form-urlencoded", origin: proc.url };
      const whole = await fetch(`${proc.url}/sign-in`, {
        method: "POST",
        body,
        headers,
        redirect: "manual",
      });
      expect(whole.status).toBeGreaterThanOrEqual(200);
      const req = http.request(`${proc.url}/sign-in`, {
        method: "POST",
        headers: { ...headers, "content-length": String(body.length) },
      });
      const answered = new Promise<number>((resolve, reject) => {
        req.on("response", (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
      });
      req.write(body.slice(0, 10));
      await new Promise((r) => setTimeout(r, 200));
      proc.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      // No new connection is taken...
      await expect(fetch(`${proc.url}/healthz`)).rejects.toThrow();
      expect(proc.child.exitCode).toBeNull();
      // ...but the request in flight is answered, as the same request was before the signal.
      req.end(body.slice(10));
      expect(await answered).toBe(whole.status);
      expect(await proc.exited).toEqual({ code: 0, signal: null });
      expect(proc.stderr()).not.toMatch(/error/i);
    } finally {
      if (proc.child.exitCode === null) proc.child.kill("SIGKILL");
    }
  });
});
