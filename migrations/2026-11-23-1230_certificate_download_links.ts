import type { Kysely } from "kysely";

// A holder without a Lantern account (a teacher who booked an open session) gets their PDF through
// a link emailed to them. Only the SHA-256 of the link's token is stored, like every other token.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("certificate_download_links")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("certificate_id", "text", (c) =>
      c.notNull().references("certificates.id").onDelete("cascade"),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .execute();
  await db.schema
    .createIndex("certificate_download_links_certificate")
    .on("certificate_download_links")
    .column("certificate_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("certificate_download_links").execute();
}
