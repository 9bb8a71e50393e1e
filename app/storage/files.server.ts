import fs from "node:fs/promises";
import path from "node:path";
import type { DB, Queryable } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/log.server";

// Uploaded files (lesson images) behind one interface (issue 14, item 3; decision 112). The
// default keeps them in the database (stored_files), so every server behind the load balancer
// serves what any of them stored, and a backup of the database holds them too. FILE_STORAGE=disk
// keeps them under DATA_DIR as before, for an operator who wants files out of the database (one
// server, or DATA_DIR on storage every server mounts).
//
// Keys are relative paths ("learning-images/<id>"), the same as the files' places under DATA_DIR,
// so files stored on disk by an older Lantern are found by the same key.

export interface FileStore {
  /** Stores bytes under a new key; a key is written once (a second put of the same key fails). */
  put(db: Queryable, key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes stored under key, or null. */
  get(db: Queryable, key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  delete(db: Queryable, key: string): Promise<void>;
}

function checkKey(key: string) {
  // Keys are made by Lantern, never by a request; still, nothing may reach outside DATA_DIR.
  if (!/^[a-z0-9-]+\/[0-9a-f-]{36}$/.test(key)) throw new Error(`Not a file key: ${key}`);
}

function diskPath(key: string) {
  checkKey(key);
  return path.join(path.resolve(env().DATA_DIR), key);
}

async function readDisk(key: string): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return (await fs.readFile(diskPath(key))) as Uint8Array<ArrayBuffer>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export const databaseFileStore: FileStore = {
  async put(db, key, bytes) {
    checkKey(key);
    await db
      .insertInto("stored_files")
      .values({
        key,
        bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        byte_length: bytes.byteLength,
        created_at: nowIso(),
      })
      .execute();
  },
  async get(db, key) {
    checkKey(key);
    const row = await db
      .selectFrom("stored_files")
      .select("bytes")
      .where("key", "=", key)
      .executeTakeFirst();
    // Both drivers give a Buffer of its own (not a view into a shared pool).
    if (row) return row.bytes as Uint8Array<ArrayBuffer>;
    // Stored on disk by a Lantern from before stored_files, and not yet copied in (the copy runs
    // when a server starts on the machine that holds the file): still served.
    return readDisk(key);
  },
  async delete(db, key) {
    checkKey(key);
    await db.deleteFrom("stored_files").where("key", "=", key).execute();
    await fs.rm(diskPath(key), { force: true });
  },
};

export const diskFileStore: FileStore = {
  async put(_db, key, bytes) {
    const file = diskPath(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // "wx": never overwrite a file.
    await fs.writeFile(file, bytes, { flag: "wx" });
  },
  async get(db, key) {
    // Stored in the database before the operator chose disk: still served.
    return (await readDisk(key)) ?? (await databaseFileStore.get(db, key));
  },
  async delete(db, key) {
    await databaseFileStore.delete(db, key);
  },
};

/** The store FILE_STORAGE names: the database unless it says disk. */
export function fileStore(): FileStore {
  return env().FILE_STORAGE === "disk" ? diskFileStore : databaseFileStore;
}

/**
 * Copies files an older Lantern kept under DATA_DIR (lesson images) into the database, once: each
 * file whose row exists and whose bytes are not stored yet. The files are left where they are (the
 * operator removes them once satisfied; README). Run at start by every server; with several, the
 * one whose machine holds the files copies them, and copying twice stores nothing twice.
 */
export async function copyDiskFilesIntoDatabase(db: DB): Promise<number> {
  if (env().FILE_STORAGE === "disk") return 0;
  const dir = path.join(path.resolve(env().DATA_DIR), "learning-images");
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  let copied = 0;
  for (const id of names) {
    if (!/^[0-9a-f-]{36}$/.test(id)) continue;
    const key = `learning-images/${id}`;
    const image = await db
      .selectFrom("learning_images")
      .select("id")
      .where("id", "=", id)
      .executeTakeFirst();
    if (!image) continue;
    const stored = await db
      .selectFrom("stored_files")
      .select("key")
      .where("key", "=", key)
      .executeTakeFirst();
    if (stored) continue;
    const bytes = await readDisk(key);
    if (!bytes) continue;
    const row = {
      key,
      bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      byte_length: bytes.byteLength,
      created_at: nowIso(),
    };
    const result = await db
      .insertInto("stored_files")
      .values(row)
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) copied++;
  }
  if (copied) logger.info({ copied, from: dir }, "lesson images copied into the database");
  return copied;
}
