import { promises as fs } from "node:fs";
import path from "node:path";
import { FileMigrationProvider, Kysely, Migrator, sql } from "kysely";
import { KyselyPGlite } from "kysely-pglite";
import { afterAll, describe, expect, it } from "vitest";

// Every migration must run on PostgreSQL as well as SQLite (a multi-server deployment uses it).
// PGlite is PostgreSQL compiled to WebAssembly, in-process: a real PostgreSQL parser and planner.
describe("migrations on PostgreSQL", () => {
  let db: Kysely<any> | undefined;
  afterAll(async () => {
    await db?.destroy();
  });

  it("runs every migration up, then all the way down, then up again", async () => {
    const { dialect } = await KyselyPGlite.create();
    db = new Kysely<any>({ dialect });
    const migrator = new Migrator({
      db,
      provider: new FileMigrationProvider({
        fs,
        path,
        migrationFolder: path.resolve("migrations"),
      }),
    });
    const files = (await fs.readdir(path.resolve("migrations"))).filter((f) =>
      /\.(ts|js)$/.test(f),
    );
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(up.results?.filter((r) => r.status === "Success")).toHaveLength(files.length);

    const tables = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(
      db,
    );
    expect(tables.rows[0].n).toBeGreaterThan(files.length);
    const districts = await db.selectFrom("districts").select("code").orderBy("code").execute();
    expect(districts.map((d) => d.code)).toEqual([
      "E07000143",
      "E07000144",
      "E07000145",
      "E07000146",
      "E07000147",
      "E07000148",
      "E07000149",
    ]);

    for (let i = 0; i < files.length; i++) {
      const down = await migrator.migrateDown();
      expect(down.error).toBeUndefined();
    }
    const again = await migrator.migrateToLatest();
    expect(again.error).toBeUndefined();
  }, 120_000);
});
