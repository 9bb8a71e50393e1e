import type { Kysely } from "kysely";

// Imports of settings from Get Information About Schools: an upload is kept (only the rows of the
// chosen local authority, as JSON) so a lead can check the changes before applying them, and the
// report of what changed is kept after.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisation_imports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("uploaded_by", "text", (c) => c.references("users.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("la_code", "text", (c) => c.notNull())
    .addColumn("la_name", "text")
    .addColumn("rows", "text", (c) => c.notNull())
    .addColumn("other_la_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("report", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("applied_at", "text")
    .execute();
  await db.schema
    .createIndex("organisation_imports_created")
    .on("organisation_imports")
    .column("created_at")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("organisation_imports").execute();
}
