import { type Kysely, sql } from "kysely";

// Momentum e-learning: modules and their versions, ordered lessons, quizzes, enrolments, progress,
// attempts, uploaded images, and the "where to get help" contacts shown on every learning page.
// A module is an identity; everything a learner sees belongs to one version of it, so publishing a
// new version never changes what a learner part-way through is reading.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("learning_modules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("learning_module_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("module_id", "text", (c) =>
      c.notNull().references("learning_modules.id").onDelete("cascade"),
    )
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('draft','published','superseded','archived')`),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("estimated_minutes", "integer", (c) => c.notNull())
    .addColumn("content_note", "text")
    .addColumn("pass_mark", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("archived_at", "text")
    .addUniqueConstraint("learning_module_versions_unique", ["module_id", "version"])
    .execute();
  await db.schema
    .createIndex("learning_module_versions_status")
    .on("learning_module_versions")
    .columns(["status", "module_id"])
    .execute();

  await db.schema
    .createTable("learning_lessons")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("version_id", "text", (c) =>
      c.notNull().references("learning_module_versions.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("content_note", "text")
    .addColumn("body_markdown", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("learning_lessons_version")
    .on("learning_lessons")
    .columns(["version_id", "position"])
    .execute();

  await db.schema
    .createTable("learning_questions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("version_id", "text", (c) =>
      c.notNull().references("learning_module_versions.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("prompt", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('single','multiple')`))
    .execute();
  await db.schema
    .createIndex("learning_questions_version")
    .on("learning_questions")
    .columns(["version_id", "position"])
    .execute();

  await db.schema
    .createTable("learning_options")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("question_id", "text", (c) =>
      c.notNull().references("learning_questions.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("is_correct", "integer", (c) => c.notNull())
    .addColumn("feedback", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("learning_options_question")
    .on("learning_options")
    .columns(["question_id", "position"])
    .execute();

  await db.schema
    .createTable("learning_enrolments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("module_id", "text", (c) => c.notNull().references("learning_modules.id"))
    .addColumn("version_id", "text", (c) => c.notNull().references("learning_module_versions.id"))
    .addColumn("enrolled_at", "text", (c) => c.notNull())
    .addColumn("last_position", "integer", (c) => c.notNull())
    .addColumn("last_activity_at", "text", (c) => c.notNull())
    .addColumn("best_score", "integer")
    .addColumn("completed_at", "text")
    .addUniqueConstraint("learning_enrolments_unique", ["user_id", "module_id"])
    .execute();
  await db.schema
    .createIndex("learning_enrolments_version")
    .on("learning_enrolments")
    .column("version_id")
    .execute();

  await db.schema
    .createTable("learning_lesson_reads")
    .addColumn("enrolment_id", "text", (c) =>
      c.notNull().references("learning_enrolments.id").onDelete("cascade"),
    )
    .addColumn("lesson_id", "text", (c) => c.notNull().references("learning_lessons.id"))
    .addColumn("read_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("learning_lesson_reads_pk", ["enrolment_id", "lesson_id"])
    .execute();

  await db.schema
    .createTable("learning_quiz_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("enrolment_id", "text", (c) =>
      c.notNull().references("learning_enrolments.id").onDelete("cascade"),
    )
    .addColumn("attempt_number", "integer", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("correct", "integer", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("passed", "integer", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .addUniqueConstraint("learning_quiz_attempts_unique", ["enrolment_id", "attempt_number"])
    .execute();

  await db.schema
    .createTable("learning_images")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // Reference data the learning pages depend on; authors and programme leads edit it in Lantern.
  await db.schema
    .createTable("learning_help_contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("url", "text")
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  const at = "2026-11-23T10:30:00.000Z";
  await db
    .insertInto("learning_help_contacts")
    .values(
      [
        {
          id: "help-emergency",
          position: 1,
          name: "Emergency",
          description: "If a child or young person is in immediate danger, call the police on 999.",
          phone: "999",
          url: null,
        },
        {
          id: "help-childline",
          position: 2,
          name: "Childline",
          description:
            "Free, confidential help for anyone under 19, by phone or online chat, any time of day or night.",
          phone: "0800 1111",
          url: "https://www.childline.org.uk/",
        },
        {
          id: "help-nspcc",
          position: 3,
          name: "NSPCC Helpline",
          description: "For adults worried about a child: talk to a child protection specialist.",
          phone: "0808 800 5000",
          url: "https://www.nspcc.org.uk/keeping-children-safe/reporting-abuse/",
        },
        {
          id: "help-fearless",
          position: 4,
          name: "Fearless",
          description:
            "Crimestoppers' service for young people: pass on information about crime anonymously.",
          phone: null,
          url: "https://www.fearless.org/",
        },
        {
          id: "help-cads",
          position: 5,
          name: "Norfolk Children's Advice and Duty Service (CADS)",
          description:
            "For professionals in Norfolk worried about a child: advice, consultation and referrals to children's services.",
          phone: "0344 800 8021",
          url: "https://www.norfolklscp.org.uk/",
        },
      ].map((row) => ({ ...row, updated_by: null, updated_at: at })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "learning_help_contacts",
    "learning_images",
    "learning_quiz_attempts",
    "learning_lesson_reads",
    "learning_enrolments",
    "learning_options",
    "learning_questions",
    "learning_lessons",
    "learning_module_versions",
    "learning_modules",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
