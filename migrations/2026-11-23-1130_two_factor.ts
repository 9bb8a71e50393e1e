import type { Kysely } from "kysely";

// Two-step sign-in (docs/decisions/007). The TOTP key itself lives in users.totp_key (encrypted by
// the app) and users.totp_enabled_at marks it confirmed; these tables hold what the foundation
// did not: the last time step used (so a code is never accepted twice) and the recovery codes,
// stored as SHA-256 hashes (each carries 50 random bits, so a fast hash is enough).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("totp_last_steps")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("step", "integer", (c) => c.notNull())
    .addColumn("used_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("recovery_codes_user")
    .on("recovery_codes")
    .columns(["user_id", "code_hash"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("recovery_codes").execute();
  await db.schema.dropTable("totp_last_steps").execute();
}
