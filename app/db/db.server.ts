import { perProcess } from "~/server/process-state";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { env } from "~/utils/env.server";
import type { Database } from "./schema";
import { LanternSqliteDialect } from "./sqlite-driver.server";

export type DB = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Capability functions take either the database or a transaction as their first argument. */
export type Queryable = DB | Tx;

type Holder = {
  db: DB;
  sqlite?: SQLite.Database;
  reader?: SQLite.Database;
  pool?: pg.Pool;
  path: string;
};

// One connection per process (server/process-state.ts): two synchronous SQLite connections in one
// thread could wait on each other's locks.
const g = perProcess("database", (): { holder?: Holder } => ({}));

export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL: an acknowledged write survives a power cut; the write rate we need is far below its cost.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Deleted content is overwritten with zeros, not left in free pages for a copied file to give up
  // (issue 11, finding 8; decision 073).
  sqlite.pragma("secure_delete = ON");
  return sqlite;
}

/**
 * After personal data is removed (erasure, retention): move the WAL into the database and empty it,
 * then rebuild the file so no free page and no old WAL frame still holds what was removed. SQLite
 * only; PostgreSQL's own VACUUM and WAL recycling are the operator's.
 */
export async function compactAfterRemoval(db: DB) {
  if (isPostgres(db)) return;
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  await sql`vacuum`.execute(db);
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

/**
 * A pool of node-postgres connections for DATABASE_URL. 64-bit integers (count(*), sum() of
 * integers) and numerics come back as strings by default; every figure Lantern counts fits a
 * JavaScript number, and SQLite gives numbers, so both are parsed to numbers here, once.
 */
export function postgresPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC)
          return (v: string) => (v === null ? null : Number(v));
        return pg.types.getTypeParser(oid, format as "text");
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops (a restart, a failover) must not crash the process.
  pool.on("error", () => {});
  return pool;
}

export function getDb(): DB {
  const url = env().DATABASE_URL;
  const file = url ?? env().DATABASE_PATH;
  if (g.holder && g.holder.path === file) return g.holder.db;
  if (g.holder) void g.holder.db.destroy();
  if (url) {
    const pool = postgresPool(url, env().DATABASE_POOL_SIZE);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    g.holder = { db, pool, path: file };
    return db;
  }
  const sqlite = openSqlite(file);
  // The serving connection never sleeps the thread for long waiting for another process's write
  // lock: the driver waits for it between tries instead (app/db/sqlite-driver.server.ts).
  sqlite.pragma("busy_timeout = 20");
  // Reads outside transactions use their own connection, which WAL lets read while a writer writes.
  let reader: SQLite.Database | undefined;
  if (file !== ":memory:") {
    reader = new SQLite(file, { readonly: true });
    reader.pragma("busy_timeout = 200");
  }
  const db = new Kysely<Database>({ dialect: new LanternSqliteDialect(sqlite, reader) });
  g.holder = { db, sqlite, reader, path: file };
  return db;
}

/** The SQLite file this process serves from (":memory:" in some tests), or null on PostgreSQL. */
export function sqliteFile(): string | null {
  getDb();
  const holder = g.holder!;
  return holder.sqlite ? holder.path : null;
}

/** The raw connection, for the backup API and PRAGMA checks. SQLite only. */
export function getSqlite(): SQLite.Database {
  getDb();
  const { sqlite } = g.holder!;
  if (!sqlite)
    throw new Error(
      "This needs the SQLite database; with DATABASE_URL use PostgreSQL's own tools (pg_dump)",
    );
  return sqlite;
}

/** The read-only connection (the writing one where there is none): sees committed data only. SQLite only. */
export function getReadSqlite(): SQLite.Database {
  return g.holder?.reader ?? getSqlite();
}

/** The database this process uses, for messages: the SQLite file, or DATABASE_URL without its password. */
export function databaseLabel(): string {
  const url = env().DATABASE_URL;
  if (!url) return env().DATABASE_PATH;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "DATABASE_URL";
  }
}

/** Whether this process runs on PostgreSQL (DATABASE_URL is set). */
export function usesPostgres(): boolean {
  return Boolean(env().DATABASE_URL);
}

export async function closeDb() {
  if (!g.holder) return;
  const { db } = g.holder;
  g.holder = undefined;
  await db.destroy();
}

export function isPostgres(db: Queryable): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith("Postgres");
}

const MAX_SERIALIZABLE_ATTEMPTS = 30;
/** Of those, how many may end in a unique-key clash (see writeTransaction). */
const MAX_UNIQUE_CLASH_RETRIES = 3;

/**
 * A check-then-write that must not race (the last place on a session, the next serial number).
 * On SQLite it takes the write lock at BEGIN (IMMEDIATE), so no other writer can slip between the
 * check and the write; on PostgreSQL it runs SERIALIZABLE.
 */
export async function writeTransaction<T>(db: DB, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (isPostgres(db)) {
    // SERIALIZABLE refuses a transaction that raced another (40001), and two may deadlock (40P01):
    // both mean "nothing was written, run it again", which is what SQLite's lock does by waiting.
    // A unique-key clash (23505) can be the same race in disguise: two transactions read "no
    // attempt yet" or "the highest number is 3" and both insert the next. PostgreSQL reports it as
    // 40001 only when the read took a predicate lock on that index; read by a sequential scan (a
    // small table, as the planner sees it) it is a plain 23505. Run again, the loser's check sees
    // the winner's row (PostgreSQL's manual, "Serialization Failure Handling", advises retrying
    // 23505). A few times only: a clash that persists is a real one, and is thrown.
    let uniqueClashes = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction().setIsolationLevel("serializable").execute(fn);
      } catch (error) {
        const code = (error as { code?: unknown })?.code;
        const clash = code === "23505" && ++uniqueClashes <= MAX_UNIQUE_CLASH_RETRIES;
        if (
          (code !== "40001" && code !== "40P01" && !clash) ||
          attempt >= MAX_SERIALIZABLE_ATTEMPTS
        )
          throw error;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)),
        );
      }
    }
  }
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      // A Kysely connection is not a Transaction type, but it runs queries the same way on the
      // one connection we hold; the cast lets capability functions take it.
      const result = await fn(conn as unknown as Tx);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}
