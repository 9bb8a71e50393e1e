import type { Kysely } from "kysely";

// Certificates: each keeps its own snapshot of who achieved what, so no foreign keys to users,
// modules or sessions (a certificate must outlive them). The PDF's bytes are stored once, at
// issue time, in their own table: a binary column (BLOB on SQLite, BYTEA on PostgreSQL).
function isPostgres(db: Kysely<any>) {
  return db.getExecutor().adapter.constructor.name.startsWith("Postgres");
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("certificate_batches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("created_by_user_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("certificates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("serial", "text", (c) => c.notNull().unique())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("source_key", "text", (c) => c.unique())
    .addColumn("source_origin", "text", (c) => c.notNull())
    .addColumn("holder_user_id", "text")
    .addColumn("holder_name", "text", (c) => c.notNull())
    .addColumn("holder_email", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("achievement_title", "text", (c) => c.notNull())
    .addColumn("achievement", "text", (c) => c.notNull())
    .addColumn("achieved_on", "text", (c) => c.notNull())
    .addColumn("issuer_name", "text", (c) => c.notNull())
    .addColumn("programme_name", "text", (c) => c.notNull())
    .addColumn("verify_url", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("valid"))
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("issued_by_user_id", "text")
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by_user_id", "text")
    .addColumn("revoked_by_name", "text")
    .addColumn("revoked_reason", "text")
    .addColumn("replaces_id", "text")
    .addColumn("replaced_by_id", "text")
    .execute();
  await db.schema
    .createIndex("certificates_holder_user")
    .on("certificates")
    .column("holder_user_id")
    .execute();
  await db.schema
    .createIndex("certificates_holder_email")
    .on("certificates")
    .column("holder_email")
    .execute();
  await db.schema
    .createIndex("certificates_issued_at")
    .on("certificates")
    .column("issued_at")
    .execute();

  // A batch lists the certificates it asked for, including any that already existed for the same
  // achievement (issuing is idempotent), so its ZIP holds them all.
  await db.schema
    .createTable("certificate_batch_items")
    .addColumn("batch_id", "text", (c) =>
      c.notNull().references("certificate_batches.id").onDelete("cascade"),
    )
    .addColumn("certificate_id", "text", (c) =>
      c.notNull().references("certificates.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("certificate_batch_items_pk", ["batch_id", "certificate_id"])
    .execute();

  await db.schema
    .createTable("certificate_files")
    .addColumn("certificate_id", "text", (c) =>
      c.primaryKey().references("certificates.id").onDelete("cascade"),
    )
    .addColumn("pdf", isPostgres(db) ? "bytea" : "blob", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("byte_length", "integer", (c) => c.notNull())
    .addColumn("rendered_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("certificate_serial_counters")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("last_number", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("certificate_serial_counters").execute();
  await db.schema.dropTable("certificate_files").execute();
  await db.schema.dropTable("certificate_batch_items").execute();
  await db.schema.dropTable("certificates").execute();
  await db.schema.dropTable("certificate_batches").execute();
}
