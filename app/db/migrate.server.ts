import { promises as fs } from "node:fs";
import path from "node:path";
import { FileMigrationProvider, Migrator, sql, type Kysely } from "kysely";

export function migrationsFolder() {
  return path.resolve(process.env.MIGRATIONS_DIR ?? path.join(process.cwd(), "migrations"));
}

function isPostgres(db: Kysely<any>) {
  return db.getExecutor().adapter.constructor.name.startsWith("Postgres");
}

// Any fixed 64-bit number, Lantern's own: held while one server migrates.
const MIGRATION_LOCK = 7_146_261_482_023_114n;

/**
 * Runs every pending migration; throws with the failing migration's name and error.
 *
 * On PostgreSQL several servers may start at once: each takes an advisory lock on a connection of
 * its own first, so one migrates while the others wait, then find nothing left to do. (Kysely's
 * migrator takes a lock of its own too, but only after creating its bookkeeping tables, which two
 * servers could race to create.) The lock belongs to the connection, so a server that dies while
 * holding it lets it go. On SQLite there is one writer, and the migrator's transaction is enough.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (!isPostgres(db)) return migrate(db);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK)})`.execute(conn);
    try {
      return await migrate(db);
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK)})`.execute(conn);
    }
  });
}

/** Migration names in the folder that the database has not applied (for /readyz). */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrations = await migrator(db).getMigrations();
  return migrations.filter((m) => !m.executedAt).map((m) => m.name);
}

function migrator(db: Kysely<any>) {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: migrationsFolder() }),
  });
}

async function migrate(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: migrationsFolder() }),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : "";
    throw new Error(
      `Migration failed${name}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
