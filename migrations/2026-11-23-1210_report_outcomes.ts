import type { Kysely } from "kysely";

// The dashboard's outcome sections at scale. Online feedback answers are summed per session and
// statement in report_feedback_sums (a derived table: the reports refresh a session's rows whenever
// its number of submissions has changed, which every new answer changes, so it is never stale when
// read); report_feedback_sessions records the submission count each session's rows were made from.
// Covering indexes: answers by response (the refresh), responses by session with their submission
// times (the staleness check), safeguarding records by session with what the counts need, quiz
// attempts by enrolment and time, and memberships by organisation with the person.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("report_feedback_sessions")
    .addColumn("session_id", "text", (c) =>
      c.primaryKey().references("delivery_sessions.id").onDelete("cascade"),
    )
    .addColumn("submissions", "integer", (c) => c.notNull())
    .addColumn("refreshed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("report_feedback_sums")
    .addColumn("session_id", "text", (c) =>
      c.notNull().references("delivery_sessions.id").onDelete("cascade"),
    )
    .addColumn("item_id", "text", (c) => c.notNull().references("questionnaire_items.id"))
    .addColumn("answers_before", "integer", (c) => c.notNull())
    .addColumn("sum_before", "integer", (c) => c.notNull())
    .addColumn("answers_after", "integer", (c) => c.notNull())
    .addColumn("sum_after", "integer", (c) => c.notNull())
    .addColumn("pairs", "integer", (c) => c.notNull())
    .addColumn("sum_change", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_feedback_sums_pk", ["session_id", "item_id"])
    .execute();
  await db.schema
    .createIndex("report_feedback_sums_cover")
    .on("report_feedback_sums")
    .columns([
      "session_id",
      "item_id",
      "answers_before",
      "sum_before",
      "answers_after",
      "sum_after",
      "pairs",
      "sum_change",
    ])
    .execute();
  await db.schema
    .createIndex("feedback_responses_submissions")
    .on("feedback_responses")
    .columns(["session_id", "before_at", "after_at", "id"])
    .execute();
  await db.schema
    .createIndex("feedback_answers_scores")
    .on("feedback_answers")
    .columns(["response_id", "item_id", "stage", "score"])
    .execute();
  await db.schema
    .createIndex("feedback_tallies_report")
    .on("feedback_tallies")
    .columns(["session_id", "item_id", "stage", "score", "count"])
    .execute();
  await db.schema
    .createIndex("safeguarding_records_report")
    .on("safeguarding_records")
    .columns(["session_id", "kind", "destination"])
    .execute();
  await db.schema
    .createIndex("learning_quiz_attempts_report")
    .on("learning_quiz_attempts")
    .columns(["enrolment_id", "submitted_at", "passed"])
    .execute();
  await db.schema
    .createIndex("memberships_org_user")
    .on("memberships")
    .columns(["organisation_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of [
    "memberships_org_user",
    "learning_quiz_attempts_report",
    "safeguarding_records_report",
    "feedback_tallies_report",
    "feedback_answers_scores",
    "feedback_responses_submissions",
    "report_feedback_sums_cover",
  ])
    await db.schema.dropIndex(i).execute();
  await db.schema.dropTable("report_feedback_sums").execute();
  await db.schema.dropTable("report_feedback_sessions").execute();
}
