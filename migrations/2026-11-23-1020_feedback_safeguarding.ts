import { type Kysely, sql } from "kysely";

// Feedback answers (anonymous, paired before/after by a random code held on the respondent's
// device), trainers' paper tallies, and the safeguarding log. Two starting questionnaires — one in
// plain words with a picture scale for pupils — are reference data: offerings point at them until
// leads write their own.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("feedback_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("session_id", "text", (c) =>
      c.notNull().references("delivery_sessions.id").onDelete("cascade"),
    )
    .addColumn("questionnaire_id", "text", (c) => c.notNull().references("questionnaires.id"))
    // SHA-256 of the random code kept in a cookie on the respondent's device; never an identity.
    .addColumn("respondent_hash", "text", (c) => c.notNull())
    // SHA-256 of the client address with the session id, only to cap submissions per address.
    .addColumn("ip_hash", "text")
    .addColumn("before_at", "text")
    .addColumn("after_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("feedback_responses_respondent", ["session_id", "respondent_hash"])
    .execute();
  await db.schema
    .createIndex("feedback_responses_ip")
    .on("feedback_responses")
    .columns(["session_id", "ip_hash"])
    .execute();

  await db.schema
    .createTable("feedback_answers")
    .addColumn("response_id", "text", (c) =>
      c.notNull().references("feedback_responses.id").onDelete("cascade"),
    )
    .addColumn("item_id", "text", (c) => c.notNull().references("questionnaire_items.id"))
    .addColumn("stage", "text", (c) => c.notNull().check(sql`stage in ('before','after')`))
    .addColumn("score", "integer", (c) => c.check(sql`score between 1 and 5`))
    .addColumn("text", "text")
    .addPrimaryKeyConstraint("feedback_answers_pk", ["response_id", "item_id", "stage"])
    .execute();
  await db.schema
    .createIndex("feedback_answers_item")
    .on("feedback_answers")
    .column("item_id")
    .execute();

  // Paper questionnaires counted by the trainer: how many people gave each score, per statement.
  await db.schema
    .createTable("feedback_tallies")
    .addColumn("session_id", "text", (c) =>
      c.notNull().references("delivery_sessions.id").onDelete("cascade"),
    )
    .addColumn("item_id", "text", (c) => c.notNull().references("questionnaire_items.id"))
    .addColumn("stage", "text", (c) => c.notNull().check(sql`stage in ('before','after')`))
    .addColumn("score", "integer", (c) => c.notNull().check(sql`score between 1 and 5`))
    .addColumn("count", "integer", (c) => c.notNull().check(sql`count >= 0`))
    .addColumn("entered_by", "text", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("feedback_tallies_pk", ["session_id", "item_id", "stage", "score"])
    .execute();

  // Concerns raised and referrals made after a session: the minimum needed to follow up.
  await db.schema
    .createTable("safeguarding_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("session_id", "text", (c) => c.notNull().references("delivery_sessions.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('concern','referral')`))
    .addColumn("category", "text", (c) => c.notNull())
    // sos_121, school_dsl, mash, mace; null for a concern passed on without a referral.
    .addColumn("destination", "text")
    .addColumn("initials", "text", (c) => c.notNull())
    .addColumn("year_group", "text", (c) => c.notNull())
    .addColumn("consent", "text", (c) =>
      c.notNull().check(sql`consent in ('given','not_given','not_applicable')`),
    )
    .addColumn("notes", "text")
    .addColumn("recorded_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("safeguarding_records_session")
    .on("safeguarding_records")
    .columns(["session_id", "created_at"])
    .execute();

  const t = "2026-11-23T10:20:00.000Z";
  await db
    .insertInto("questionnaires")
    .values([
      {
        id: "q-standard",
        name: "Standard feedback (adults)",
        style: "standard",
        archived_at: null,
        created_at: t,
        updated_at: t,
      },
      {
        id: "q-pupil",
        name: "Pupil feedback (plain words, picture scale)",
        style: "pupil",
        archived_at: null,
        created_at: t,
        updated_at: t,
      },
    ])
    .execute();
  const items: [string, string, number, string, string][] = [
    [
      "q-standard-1",
      "q-standard",
      1,
      "before_after",
      "I can recognise the signs of child criminal exploitation",
    ],
    [
      "q-standard-2",
      "q-standard",
      2,
      "before_after",
      "I understand how young people are groomed and recruited into county lines",
    ],
    [
      "q-standard-3",
      "q-standard",
      3,
      "before_after",
      "I know where to get help and how to report a concern",
    ],
    [
      "q-standard-4",
      "q-standard",
      4,
      "satisfaction",
      "Overall, how satisfied were you with the session?",
    ],
    [
      "q-standard-5",
      "q-standard",
      5,
      "free_text",
      "Is there anything you would like to tell us about the session?",
    ],
    ["q-pupil-1", "q-pupil", 1, "before_after", "I know what criminal exploitation is"],
    [
      "q-pupil-2",
      "q-pupil",
      2,
      "before_after",
      "I can spot when someone is trying to trick me into doing crime",
    ],
    ["q-pupil-3", "q-pupil", 3, "before_after", "I know who I can talk to if I am worried"],
    ["q-pupil-4", "q-pupil", 4, "satisfaction", "Did you like the session?"],
    ["q-pupil-5", "q-pupil", 5, "free_text", "Anything else you want to say?"],
  ];
  await db
    .insertInto("questionnaire_items")
    .values(
      items.map(([id, questionnaire_id, position, kind, text]) => ({
        id,
        questionnaire_id,
        position,
        kind,
        text,
        archived_at: null,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("safeguarding_records").execute();
  await db.schema.dropTable("feedback_tallies").execute();
  await db.schema.dropTable("feedback_answers").execute();
  await db.schema.dropTable("feedback_responses").execute();
  await db
    .deleteFrom("questionnaire_items")
    .where("questionnaire_id", "in", ["q-standard", "q-pupil"])
    .execute();
  await db.deleteFrom("questionnaires").where("id", "in", ["q-standard", "q-pupil"]).execute();
}
