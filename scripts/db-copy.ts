// npm run db:copy -- --to postgres://user:password@host:5432/lantern
// Copies the SQLite database (DATABASE_PATH) into an empty PostgreSQL database, for moving an
// installation to several servers (issue 14, decision 111). Stop Lantern first: rows written while
// it copies would be missed.
//
// The target is migrated to the same schema first, and refused if any of its tables holds rows
// other than those the migrations put there (an operator's `npm run migrate` beforehand is fine). Every table is copied in one
// transaction, parents before children; afterwards each table's row count and a checksum of its
// rows (SHA-256 over the rows' values, in a fixed order) are compared between the two databases,
// and the copy fails loudly if any differ.
import { createHash } from "node:crypto";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import { openSqlite, postgresPool } from "../app/db/db.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { env } from "../app/utils/env.server";

const toArg = process.argv.indexOf("--to");
const target = toArg > -1 ? process.argv[toArg + 1] : undefined;
if (!target || !/^postgres(ql)?:\/\//.test(target)) {
  console.error("Usage: npm run db:copy -- --to postgres://user:password@host:5432/database");
  process.exit(2);
}

/** Tables the migrations fill themselves, or that hold Kysely's own bookkeeping. */
const MIGRATION_OWNED = new Set([
  "report_data_version",
  "kysely_migration",
  "kysely_migration_lock",
]);

type Row = Record<string, unknown>;

function canonical(value: unknown): string {
  if (value === null || value === undefined) return "\u0000null";
  if (Buffer.isBuffer(value) || value instanceof Uint8Array)
    return `\u0000bytes:${Buffer.from(value).toString("hex")}`;
  if (typeof value === "bigint") return String(value);
  return String(value);
}

/** A checksum of a table's rows that is the same in both databases when the rows are. */
function checksum(rows: Row[], columns: string[]): string {
  const lines = rows.map((r) => columns.map((c) => canonical(r[c])).join("\u0001")).sort();
  const hash = createHash("sha256");
  for (const line of lines) hash.update(line).update("\u0002");
  return hash.digest("hex");
}

async function main() {
  const sqlite = openSqlite(env().DATABASE_PATH);
  const source = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  const pool = postgresPool(target!, 4);
  const dest = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  try {
    // Same schema on both sides: the source as it is, the target brought to the same migrations.
    await migrateToLatest(source);
    await migrateToLatest(dest);

    const tables = (
      sqlite
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'",
        )
        .all() as { name: string }[]
    )
      .map((t) => t.name)
      .filter((t) => !MIGRATION_OWNED.has(t));

    // "Empty" means holding only what the migrations themselves put there (roles, districts, term
    // dates…): compared with a freshly migrated database in memory.
    const freshSqlite = openSqlite(":memory:");
    const fresh = new Kysely<any>({ dialect: new SqliteDialect({ database: freshSqlite }) });
    await migrateToLatest(fresh);
    const occupied: string[] = [];
    for (const t of tables) {
      const columns = (
        freshSqlite.prepare(`select name from pragma_table_info(?) order by cid`).all(t) as {
          name: string;
        }[]
      ).map((c) => c.name);
      const there = (await sql<Row>`select * from ${sql.table(t)}`.execute(dest)).rows;
      const initial = freshSqlite.prepare(`select * from "${t}"`).all() as Row[];
      if (
        there.length !== initial.length ||
        checksum(there, columns) !== checksum(initial, columns)
      )
        occupied.push(`${t} (${there.length} rows)`);
    }
    await fresh.destroy();
    if (occupied.length) {
      console.error(
        `The target is not empty; nothing was copied. Tables with rows: ${occupied.join(", ")}`,
      );
      process.exitCode = 1;
      return;
    }

    // Parents before children, from SQLite's own foreign keys (a table's reference to itself does
    // not order it).
    const parents = new Map(
      tables.map((t) => [
        t,
        new Set(
          (
            sqlite.prepare(`select "table" as parent from pragma_foreign_key_list(?)`).all(t) as {
              parent: string;
            }[]
          )
            .map((r) => r.parent)
            .filter((p) => p !== t && tables.includes(p)),
        ),
      ]),
    );
    const ordered: string[] = [];
    const placed = new Set<string>();
    while (ordered.length < tables.length) {
      const next = tables.filter(
        (t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)),
      );
      if (!next.length)
        throw new Error(
          `Foreign keys form a cycle among: ${tables.filter((t) => !placed.has(t)).join(", ")}`,
        );
      for (const t of next) {
        ordered.push(t);
        placed.add(t);
      }
    }

    const columnsOf = (t: string) =>
      (
        sqlite.prepare(`select name from pragma_table_info(?) order by cid`).all(t) as {
          name: string;
        }[]
      ).map((c) => c.name);
    const started = Date.now();
    await dest.transaction().execute(async (tx) => {
      // The rows the migrations put in the target give way to the source's own (which its people
      // may have changed since), children first.
      for (const t of [...ordered].reverse()) await tx.deleteFrom(t).execute();
      for (const t of ordered) {
        const columns = columnsOf(t);
        // Rows that refer to others in the same table (a re-issued certificate): referenced first.
        const rows = sqlite.prepare(`select * from "${t}" order by rowid`).all() as Row[];
        // PostgreSQL takes at most 65,535 parameters in one statement.
        const batch = Math.max(1, Math.floor(60_000 / columns.length));
        for (let i = 0; i < rows.length; i += batch) {
          await tx
            .insertInto(t)
            .values(rows.slice(i, i + batch))
            .execute();
        }
      }
    });

    // Compare what is there now, table by table.
    let problems = 0;
    const report: string[] = [];
    for (const t of ordered) {
      const columns = columnsOf(t);
      const a = sqlite.prepare(`select * from "${t}"`).all() as Row[];
      const b = (await sql<Row>`select * from ${sql.table(t)}`.execute(dest)).rows;
      const same = a.length === b.length && checksum(a, columns) === checksum(b, columns);
      if (!same) problems++;
      report.push(
        `${same ? "ok  " : "DIFF"} ${t.padEnd(36)} ${String(a.length).padStart(8)} → ${String(b.length).padStart(8)}  ${checksum(b, columns).slice(0, 16)}`,
      );
    }
    console.log(report.join("\n"));
    if (problems) {
      console.error(`${problems} table(s) differ after the copy.`);
      process.exitCode = 1;
    } else {
      console.log(
        `Copied ${ordered.length} tables in ${((Date.now() - started) / 1000).toFixed(1)} s; every row count and checksum matches.`,
      );
    }
  } finally {
    await source.destroy();
    await dest.destroy();
  }
}

await main();
