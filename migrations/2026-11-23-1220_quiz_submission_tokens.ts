import type { Kysely } from "kysely";

// A quiz page carries a one-time submission token; the attempt it records keeps it, unique per
// enrolment. The same form sent twice (a double click, a retried request, twenty tabs) then records
// one attempt, and the database refuses a second even if two requests race past the check.
// Attempts recorded before this have no token (NULLs never clash in a unique index).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("learning_quiz_attempts")
    .addColumn("submission_token", "text")
    .execute();
  await db.schema
    .createIndex("learning_quiz_attempts_submission")
    .unique()
    .on("learning_quiz_attempts")
    .columns(["enrolment_id", "submission_token"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("learning_quiz_attempts_submission").execute();
  await db.schema.alterTable("learning_quiz_attempts").dropColumn("submission_token").execute();
}
