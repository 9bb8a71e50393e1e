import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { env } from "~/utils/env.server";
import { getSqlite, openSqlite } from "./db.server";
import { migrationsFolder } from "./migrate.server";

// Online backups with SQLite's backup API (through better-sqlite3), and a careful restore.
// `npm run backup` and `npm run restore -- FILE` call these; see SECURITY.md for the runbook.

export function backupDir(): string {
  const e = env();
  return path.resolve(e.BACKUP_DIR ?? path.join(e.DATA_DIR, "backups"));
}

function stamp(at: Date) {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z"); // 20261123T101500Z
}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

/**
 * Copies the live database while the server keeps running (readers and writers are not blocked
 * for long: the API copies pages in steps). Written under a temporary name, checked, then renamed,
 * so a file called lantern-*.db is always a complete, sound backup. Owner-only permissions: a
 * backup holds everything the database does.
 */
export async function backupDatabase(
  opts: { dir?: string; at?: Date; keep?: number } = {},
): Promise<BackupResult> {
  const started = Date.now();
  const dir = opts.dir ?? backupDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let file = path.join(dir, `lantern-${stamp(opts.at ?? new Date())}.db`);
  for (let n = 2; fs.existsSync(file); n++)
    file = path.join(dir, `lantern-${stamp(opts.at ?? new Date())}-${n}.db`);
  const partial = `${file}.partial`;
  // VACUUM INTO, not the backup API: it writes only live rows, so nothing erased before the backup
  // survives in its free pages (issue 11, finding 8).
  getSqlite().prepare("vacuum into ?").run(partial);
  fs.chmodSync(partial, 0o600);
  const check = verifyBackupFile(partial);
  // Opening the copy to check it may leave -wal and -shm files beside it.
  const leftovers = () => {
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(partial + suffix, { force: true });
  };
  leftovers();
  if (!check.ok) {
    fs.rmSync(partial, { force: true });
    throw new Error(`The backup failed its check: ${check.problems.join("; ")}`);
  }
  fs.renameSync(partial, file);
  if (opts.keep) pruneBackups(dir, opts.keep);
  return { file, bytes: fs.statSync(file).size, ms: Date.now() - started };
}

/** Keeps the newest `keep` lantern-*.db files in dir and deletes the rest (backups hold personal data too). */
export function pruneBackups(dir: string, keep: number): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^lantern-\d{8}T\d{6}Z(-\d+)?\.db$/.test(f))
    .map((f) => ({
      f,
      t: fs.statSync(path.join(dir, f)).mtimeMs,
      n: Number(/-(\d+)\.db$/.exec(f)?.[1] ?? 1),
    }))
    // Newest first: by time, then by the -N suffix given to backups made in the same second.
    .sort((a, b) => b.t - a.t || b.f.slice(0, 24).localeCompare(a.f.slice(0, 24)) || b.n - a.n)
    .map((x) => x.f);
  const removed = files.slice(keep).map((f) => path.join(dir, f));
  for (const f of removed) fs.rmSync(f, { force: true });
  return removed;
}

export interface BackupCheck {
  ok: boolean;
  problems: string[];
  migrations: string[];
}

/** Is this file a sound Lantern database this code can run on? Opens it read-only. */
export function verifyBackupFile(file: string): BackupCheck {
  const problems: string[] = [];
  let migrations: string[] = [];
  if (!fs.existsSync(file)) return { ok: false, problems: [`${file} does not exist`], migrations };
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  fs.readSync(fd, header, 0, 16, 0);
  fs.closeSync(fd);
  if (header.toString("latin1") !== "SQLite format 3\0")
    return { ok: false, problems: ["not an SQLite database"], migrations };
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") problems.push(`integrity_check: ${String(integrity)}`);
    const fk = db.pragma("foreign_key_check") as unknown[];
    if (fk.length) problems.push(`${fk.length} rows break foreign keys`);
    const hasMigrations = db
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (!hasMigrations) problems.push("no kysely_migration table: not a Lantern database");
    else {
      migrations = (
        db.prepare("select name from kysely_migration order by name").all() as { name: string }[]
      ).map((r) => r.name);
      const known = new Set(
        fs.readdirSync(migrationsFolder()).map((f) => f.replace(/\.[jt]s$/, "")),
      );
      const unknown = migrations.filter((m) => !known.has(m));
      if (unknown.length)
        problems.push(`made by a newer Lantern (unknown migrations: ${unknown.join(", ")})`);
    }
    if (!db.prepare("select 1 from sqlite_master where type = 'table' and name = 'users'").get())
      problems.push("no users table");
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    db?.close();
  }
  return { ok: problems.length === 0, problems, migrations };
}

/**
 * Other processes holding the database (or its WAL) open, found through /proc on Linux. A restore
 * under a running server would leave that server with pages it no longer understands.
 */
export function processesUsingDatabase(dbFile: string): number[] {
  if (process.platform !== "linux" || !fs.existsSync("/proc")) return [];
  const targets = new Set<string>();
  for (const suffix of ["", "-wal", "-shm"]) {
    try {
      targets.add(fs.realpathSync(dbFile + suffix));
    } catch {
      // not there
    }
  }
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        if (targets.has(fs.readlinkSync(`/proc/${entry}/fd/${fd}`))) {
          pids.push(Number(entry));
          break;
        }
      } catch {
        // closed meanwhile
      }
    }
  }
  return pids;
}

export interface RestoreResult {
  restoredFrom: string;
  target: string;
  safetyCopy: string | null;
  migrations: string[];
}

/**
 * Replaces the database at `target` with the backup `file`: checks the backup first, refuses while
 * another process has the database open, keeps a copy of the current database, copies with the
 * backup API, checks the result, and ends every session (tokens in the backup may have been signed
 * out since).
 */
export async function restoreDatabase(
  file: string,
  opts: { target?: string; force?: boolean; at?: Date } = {},
): Promise<RestoreResult> {
  const target = path.resolve(opts.target ?? env().DATABASE_PATH);
  const source = path.resolve(file);
  if (source === target) throw new Error("The backup and the database are the same file.");
  const check = verifyBackupFile(source);
  if (!check.ok) throw new Error(`Refusing to restore ${file}: ${check.problems.join("; ")}`);
  const users = processesUsingDatabase(target);
  if (users.length && !opts.force) {
    throw new Error(
      `Refusing to restore: ${target} is open in process ${users.join(", ")}. Stop Lantern first (or pass --force if you are sure).`,
    );
  }
  let safetyCopy: string | null = null;
  if (fs.existsSync(target)) {
    const dir = backupDir();
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    safetyCopy = path.join(dir, `pre-restore-${stamp(opts.at ?? new Date())}.db`);
    const current = openSqlite(target); // opening recovers any WAL a crash left behind
    try {
      await current.backup(safetyCopy);
    } finally {
      current.close();
    }
    fs.chmodSync(safetyCopy, 0o600);
  }
  const backup = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(target);
  } finally {
    backup.close();
  }
  const restored = openSqlite(target);
  try {
    const integrity = restored.pragma("integrity_check", { simple: true });
    if (integrity !== "ok")
      throw new Error(
        `The restored database failed integrity_check (${String(integrity)}); the previous one is at ${safetyCopy}`,
      );
    restored.prepare("delete from sessions").run();
  } finally {
    restored.close();
  }
  return { restoredFrom: source, target, safetyCopy, migrations: check.migrations };
}
