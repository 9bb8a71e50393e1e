import type { Kysely } from "kysely";

// An organisation manager asks a member of staff to complete a module by a date. One live
// assignment per person, module and organisation; the overdue reminder is sent once
// (reminded_at), and an assignment ends when it is withdrawn (cancelled_at) or the module is done.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("learning_assignments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("module_id", "text", (c) => c.notNull().references("learning_modules.id"))
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("assigned_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .addColumn("reminded_at", "text")
    .addColumn("cancelled_at", "text")
    .execute();
  await db.schema
    .createIndex("learning_assignments_person_module")
    .on("learning_assignments")
    .columns(["organisation_id", "user_id", "module_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("learning_assignments_due")
    .on("learning_assignments")
    .columns(["due_on", "reminded_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("learning_assignments").execute();
}
