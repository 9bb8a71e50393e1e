import fs from "node:fs";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "~/db/migrate.server";
import { declaredSchema, SCHEMA_FILE, type ColumnShape } from "../support/schema-shape";

// Schema drift (issue 15, item 9): the migrations and app/db/schema.ts describe the same database
// twice. A column added to one and not the other type-checks and then fails, or silently reads
// nothing, at run time. This migrates a fresh SQLite database and compares, table by table and
// column by column, what it holds with what `Database` declares.

/** Kysely's own bookkeeping and SQLite's: not part of Lantern's schema. */
const NOT_LANTERN = /^(kysely_migration|kysely_migration_lock|sqlite_.*)$/;

type Shape = Map<string, ColumnShape[]>;

async function migratedSchema(): Promise<Shape> {
  const sqlite = new SQLite(":memory:");
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest(db);
    const tables = sqlite
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .all() as { name: string }[];
    const shape: Shape = new Map();
    for (const { name } of tables.filter((t) => !NOT_LANTERN.test(t.name))) {
      const columns = sqlite
        .prepare(`select name, "notnull", pk from pragma_table_info(?)`)
        .all(name) as {
        name: string;
        notnull: number;
        pk: number;
      }[];
      // A lone INTEGER PRIMARY KEY is never null (it is the rowid) though SQLite reports notnull 0.
      shape.set(
        name,
        columns.map((c) => ({ name: c.name, nullable: c.notnull === 0 && c.pk === 0 })),
      );
    }
    return shape;
  } finally {
    await db.destroy();
  }
}

/** Every difference between the two, one line each, e.g. "users.nickname: in the migrations, not in schema.ts". */
function differences(migrated: Shape, declared: Shape, { nullability = true } = {}): string[] {
  const out: string[] = [];
  for (const table of new Set([...migrated.keys(), ...declared.keys()])) {
    const m = migrated.get(table);
    const d = declared.get(table);
    if (!m) out.push(`${table}: in schema.ts, not in the migrations`);
    if (!d) out.push(`${table}: in the migrations, not in schema.ts`);
    if (!m || !d) continue;
    for (const column of new Set([...m.map((c) => c.name), ...d.map((c) => c.name)])) {
      const mc = m.find((c) => c.name === column);
      const dc = d.find((c) => c.name === column);
      if (!mc) out.push(`${table}.${column}: in schema.ts, not in the migrations`);
      else if (!dc) out.push(`${table}.${column}: in the migrations, not in schema.ts`);
      else if (nullability && mc.nullable !== dc.nullable) {
        out.push(
          `${table}.${column}: ${mc.nullable ? "nullable" : "not null"} in the migrations, ${dc.nullable ? "nullable" : "not null"} in schema.ts`,
        );
      }
    }
  }
  return out.sort();
}

describe("schema drift: the migrated database and app/db/schema.ts", () => {
  let migrated: Shape;
  beforeAll(async () => {
    migrated = await migratedSchema();
  });

  it("have the same tables with the same columns", () => {
    const declared = declaredSchema();
    expect(declared.size).toBeGreaterThan(50);
    expect(differences(migrated, declared, { nullability: false })).toEqual([]);
  });

  it("agree on which columns may be null", () => {
    expect(differences(migrated, declaredSchema())).toEqual([]);
  });

  it("notices a column added to schema.ts alone, and a table's column missing from it", () => {
    const source = fs.readFileSync(SCHEMA_FILE, "utf8");
    const withExtra = source.replace(
      "export interface UsersTable {",
      "export interface UsersTable {\n  nickname: string | null;",
    );
    expect(withExtra).not.toBe(source);
    expect(differences(migrated, declaredSchema(withExtra))).toEqual([
      "users.nickname: in schema.ts, not in the migrations",
    ]);

    const withoutTable = source.replace(/\n\s*settings: SettingsTable;/, "");
    expect(withoutTable).not.toBe(source);
    expect(differences(migrated, declaredSchema(withoutTable))).toEqual([
      "settings: in the migrations, not in schema.ts",
    ]);
  });
});
