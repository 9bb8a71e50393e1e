import { sql, type Kysely } from "kysely";

// State every server behind the load balancer must share lives in the database (issue 14, item 3;
// decision 112).
// - stored_files: uploaded files (lesson images) by key, so any server can serve what another
//   stored. They were files under DATA_DIR, which only one machine could see; the server copies any
//   it still finds there into this table when it starts (app/storage/files.server.ts).
// - request_counts: hits per client address and window for the request rate limits, so a client
//   spreading its requests over several servers meets one limit, not one per server.
// - certificate_files.rendered_by / renders: which server stored a certificate's PDF and how many
//   renders reached the store (a second one is counted, never stored), so "rendered exactly once"
//   can be checked on a live installation and in tests.
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter.constructor.name.startsWith("Postgres");
  await db.schema
    .createTable("stored_files")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("bytes", isPostgres ? "bytea" : "blob", (c) => c.notNull())
    .addColumn("byte_length", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("request_counts")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("hits", "integer", (c) => c.notNull())
    .addColumn("resets_at", "text", (c) => c.notNull())
    .execute();
  // Counts are not worth a disk flush per request; a crash only forgets them (PostgreSQL only).
  if (isPostgres) await sql`alter table request_counts set unlogged`.execute(db);
  await db.schema
    .createIndex("request_counts_resets_at")
    .on("request_counts")
    .column("resets_at")
    .execute();
  await db.schema.alterTable("certificate_files").addColumn("rendered_by", "text").execute();
  await db.schema
    .alterTable("certificate_files")
    .addColumn("renders", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("certificate_files").dropColumn("renders").execute();
  await db.schema.alterTable("certificate_files").dropColumn("rendered_by").execute();
  await db.schema.dropTable("request_counts").execute();
  await db.schema.dropTable("stored_files").execute();
}

/** Tables this migration adds that no report figure comes from (see 2026-12-06-2030's list). */
export const NOT_REPORT_DATA_ADDED = ["stored_files", "request_counts"];
