import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgresCluster, type PostgresCluster } from "../support/postgres";

// `npm run db:copy -- --to postgres://…` moves a SQLite installation into an empty PostgreSQL
// database, compares every table, and refuses a target that already holds data.
let cluster: PostgresCluster;
let dir: string;
let dbPath: string;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-copy-"));
  dbPath = path.join(dir, "source.db");
  process.env.DATABASE_PATH = dbPath;
  process.env.DATABASE_URL = "";
  const { resetEnvForTests } = await import("~/utils/env.server");
  resetEnvForTests();
  const { getDb, closeDb } = await import("~/db/db.server");
  const { migrateToLatest } = await import("~/db/migrate.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const db = getDb();
  await migrateToLatest(db);
  const org = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: "correct horse battery staple",
    memberships: [{ organisationId: org, role: "programme_lead" }],
  });
  await insertUser(db, {
    email: "trainer@example.org",
    name: "Tom Reid",
    password: "correct horse battery staple",
    memberships: [{ organisationId: org, role: "trainer" }],
  });
  // A setting the migrations seeded, changed since: the copy carries the changed value.
  await db
    .updateTable("term_dates")
    .set({ name: "Changed by a lead" })
    .where("id", "=", (await db.selectFrom("term_dates").select("id").executeTakeFirstOrThrow()).id)
    .execute();
  await closeDb();
});

afterAll(async () => {
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function copy(to: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_PATH: dbPath,
    DATABASE_URL: "",
    DATA_DIR: dir,
  };
  for (const k of Object.keys(env)) if (k.startsWith("VITEST")) delete env[k];
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/db-copy.ts", "--to", to], {
    env,
    encoding: "utf8",
  });
}

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe("npm run db:copy", () => {
  it("copies every table into an empty PostgreSQL database and says every count and checksum matches", async () => {
    const url = await cluster.createDatabase();
    const result = copy(url);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/every row count and checksum matches/);
    expect(result.stdout).not.toMatch(/^DIFF/m);
    expect(
      (await query(url, "select email from users order by email")).map((r) => r.email),
    ).toEqual(["lead@example.org", "trainer@example.org"]);
    expect(
      (
        await query(
          url,
          "select count(*)::int as n from term_dates where name = 'Changed by a lead'",
        )
      )[0].n,
    ).toBe(1);
  });

  it("refuses a target that already holds data, and copies nothing", async () => {
    const url = await cluster.createDatabase();
    expect(copy(url).status).toBe(0);
    await query(url, "delete from memberships where role = 'trainer'");
    const result = copy(url);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/not empty; nothing was copied/);
    expect((await query(url, "select count(*)::int as n from memberships"))[0].n).toBe(1);
  });
});
