import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// `npm run backup` while the server is serving, and `npm run restore -- FILE`, as real commands.
const run = promisify(execFile);
let server: TestServer;
let backupDirPath: string;

function scriptEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_PATH: server.dbPath,
    DATA_DIR: server.dir,
    BACKUP_DIR: backupDirPath,
    LOG_LEVEL: "silent",
  };
  for (const k of Object.keys(env)) if (k.startsWith("VITEST")) delete env[k];
  return env;
}

async function npmScript(script: string, args: string[] = []) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", `scripts/${script}.ts`, ...args],
      { env: scriptEnv() },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every table's rows, in a stable order, for comparing two databases. */
function dump(file: string, skip: string[] = []) {
  const db = new SQLite(file, { readonly: true });
  try {
    const tables = (
      db
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    return Object.fromEntries(
      tables
        .filter((t) => !skip.includes(t))
        .map((t) => [t, db.prepare(`select * from "${t}" order by rowid`).all()]),
    );
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  server = await startTestServer();
  backupDirPath = path.join(server.dir, "backups");
  const { getDb } = await import("~/db/db.server");
  const { seedDemo } = await import("~/seed/seed.server");
  await seedDemo(getDb());
});

afterAll(async () => {
  await server?.close();
});

describe("backup and restore", () => {
  let backupFile: string;

  it("takes an online backup while the server serves writes, to a timestamped file identical to the database", async () => {
    // Writes going on during the backup.
    const busy = (async () => {
      for (let i = 0; i < 10; i++)
        await new Client(server.url).post("/forgot-password", { email: "learner@example.org" });
    })();
    const result = await npmScript("backup");
    await busy;
    expect(result.code, result.stderr).toBe(0);
    backupFile = /to (\S+lantern-\d{8}T\d{6}Z\.db)/.exec(result.stdout)![1];
    expect(path.dirname(backupFile)).toBe(backupDirPath);
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    const check = new SQLite(backupFile, { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
    // Quiet now: the backup equals the database apart from writes made after it.
    const again = await npmScript("backup");
    const second = /to (\S+\.db)/.exec(again.stdout)![1];
    expect(second).not.toBe(backupFile);
    expect(dump(second)).toEqual(dump(server.dbPath));
    fs.rmSync(second);
  });

  it("refuses to restore while the database is open in another process, and refuses a damaged backup", async () => {
    const open = await npmScript("restore", [backupFile]);
    expect(open.code).toBe(1);
    expect(open.stderr).toMatch(/is open in process \d+/);

    const garbage = path.join(server.dir, "garbage.db");
    fs.writeFileSync(garbage, "this is not a database at all");
    const bad = await npmScript("restore", [garbage]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("not an SQLite database");

    const truncated = path.join(server.dir, "truncated.db");
    const bytes = fs.readFileSync(backupFile);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const half = await npmScript("restore", [truncated]);
    expect(half.code).toBe(1);
    expect(half.stderr).toMatch(/Refusing to restore/);
  });

  it("restores the backup once the server has stopped: same data, a safety copy of what was there, every session ended", async () => {
    const expected = dump(backupFile, ["sessions"]);
    // Changes after the backup, which the restore must roll back (and the safety copy keep).
    const c = new Client(server.url);
    const { DEMO_PASSWORD } = await import("~/seed/foundation.server");
    await c.signIn("lead@example.org", DEMO_PASSWORD);
    const { getDb, closeDb } = await import("~/db/db.server");
    const { insertUser } = await import("~/seed/foundation.server");
    const org = await getDb().selectFrom("organisations").select("id").executeTakeFirstOrThrow();
    await insertUser(getDb(), {
      email: "after.backup@example.org",
      name: "After Backup",
      password: PASSWORD,
      memberships: [{ organisationId: org.id, role: "learner" }],
    });
    await closeDb();

    const result = await npmScript("restore", [backupFile]);
    expect(result.code, result.stderr).toBe(0);
    const safety = /kept at (\S+pre-restore-\d{8}T\d{6}Z\.db)/.exec(result.stdout)![1];
    expect(dump(server.dbPath, ["sessions"])).toEqual(expected);
    expect((dump(server.dbPath).sessions as unknown[]).length).toBe(0);
    const kept = dump(safety);
    expect(
      (kept.users as { email: string }[]).some((u) => u.email === "after.backup@example.org"),
    ).toBe(true);

    // The server carries on with the restored database; the old session is gone.
    expect((await c.get("/account")).headers.get("location")).toMatch(/^\/sign-in/);
    await c.signIn("lead@example.org", DEMO_PASSWORD);
    expect((await c.get("/account")).status).toBe(200);
  });

  it("keeps only the newest backups with --keep", async () => {
    for (let i = 0; i < 3; i++) expect((await npmScript("backup", ["--keep", "2"])).code).toBe(0);
    const files = fs.readdirSync(backupDirPath).filter((f) => /^lantern-.*\.db$/.test(f));
    expect(files).toHaveLength(2);
  });
});
