import type { Kysely } from "kysely";

// Casework: 1-2-1 support and mentoring (SOS+ 1-2-1, Pathways Out). The only tables in Lantern
// that name children. Columns ending in `_enc` hold AES-256-GCM ciphertext under the secret key
// (notes, reasons, risk), so a copied database file alone does not reveal them (decision 081).
// Portable types only: text ids, ISO text timestamps, 'YYYY-MM-DD' dates, 0/1 flags, JSON as text.
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto("roles")
    .values({ name: "caseworker", label: "Caseworker / mentor", sort_order: 7 })
    .execute();

  await db.schema
    .createTable("casework_programmes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("provider_organisation_id", "text", (c) => c.references("organisations.id"))
    .addColumn("area", "text", (c) => c.notNull())
    // JSON array of district ids the programme covers; null means anywhere in Norfolk.
    .addColumn("district_ids", "text")
    .addColumn("max_age", "integer")
    // A parent's or carer's consent is needed too when the young person is younger than this.
    .addColumn("parent_consent_under_age", "integer")
    .addColumn("assessment_interval_weeks", "integer", (c) => c.notNull().defaultTo(6))
    .addColumn("quiet_weeks", "integer", (c) => c.notNull().defaultTo(4))
    .addColumn("missed_contact_days", "integer", (c) => c.notNull().defaultTo(14))
    .addColumn("retain_until_age", "integer", (c) => c.notNull().defaultTo(25))
    .addColumn("takes_safeguarding_referrals", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("target_young_people", "integer")
    .addColumn("target_exited_percent", "integer")
    .addColumn("target_lower_risk_percent", "integer")
    .addColumn("target_eet_percent", "integer")
    .addColumn("starts_on", "text")
    .addColumn("ends_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("casework_referrals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("casework_programmes.id"))
    .addColumn("source", "text", (c) => c.notNull()) // safeguarding_log | school | mace
    .addColumn("safeguarding_record_id", "text", (c) =>
      c.references("safeguarding_records.id").onDelete("set null"),
    )
    .addColumn("session_id", "text", (c) =>
      c.references("delivery_sessions.id").onDelete("set null"),
    )
    .addColumn("school_id", "text", (c) => c.references("organisations.id"))
    .addColumn("referred_by", "text", (c) => c.references("users.id").onDelete("set null"))
    // Initials and year group only, until a caseworker has contacted the school (source safeguarding_log).
    .addColumn("young_person_name", "text")
    .addColumn("initials", "text", (c) => c.notNull())
    .addColumn("date_of_birth", "text")
    .addColumn("year_group", "text", (c) => c.notNull())
    .addColumn("reason_enc", "text")
    .addColumn("risk_indicators_enc", "text")
    .addColumn("mace_known", "integer")
    .addColumn("parent_aware", "integer")
    .addColumn("status", "text", (c) => c.notNull()) // pending | accepted | declined | signposted
    .addColumn("decision_reason", "text")
    .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_at", "text")
    .addColumn("retain_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("casework_referrals_status")
    .on("casework_referrals")
    .columns(["status", "created_at"])
    .execute();
  await db.schema
    .createIndex("casework_referrals_school")
    .on("casework_referrals")
    .columns(["school_id", "created_at"])
    .execute();

  await db.schema
    .createTable("casework_cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("referral_id", "text", (c) =>
      c.notNull().unique().references("casework_referrals.id").onDelete("cascade"),
    )
    .addColumn("programme_id", "text", (c) => c.notNull().references("casework_programmes.id"))
    .addColumn("caseworker_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull()) // awaiting_consent | open | closed
    .addColumn("plan_enc", "text")
    .addColumn("opened_at", "text")
    .addColumn("first_contact_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("closure_reason", "text")
    .addColumn("ending", "text") // planned | unplanned
    .addColumn("outcome_eet", "integer")
    .addColumn("outcome_risk", "text") // lower | same | higher
    .addColumn("outcome_exited", "integer")
    .addColumn("retain_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("casework_cases_worker")
    .on("casework_cases")
    .columns(["caseworker_id", "status"])
    .execute();

  await db.schema
    .createTable("casework_allocations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) =>
      c.notNull().references("casework_cases.id").onDelete("cascade"),
    )
    .addColumn("caseworker_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("allocated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("allocated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("casework_allocations_case")
    .on("casework_allocations")
    .column("case_id")
    .execute();

  await db.schema
    .createTable("casework_consents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) =>
      c.notNull().references("casework_cases.id").onDelete("cascade"),
    )
    .addColumn("purpose", "text", (c) => c.notNull()) // support | sharing_school | evaluation
    .addColumn("given_by", "text", (c) => c.notNull()) // young_person | parent_carer
    .addColumn("given_on", "text", (c) => c.notNull())
    .addColumn("how", "text", (c) => c.notNull())
    .addColumn("present", "text")
    .addColumn("withdrawn_on", "text")
    .addColumn("recorded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("casework_consents_case")
    .on("casework_consents")
    .column("case_id")
    .execute();

  await db.schema
    .createTable("casework_contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) =>
      c.notNull().references("casework_cases.id").onDelete("cascade"),
    )
    .addColumn("contact_on", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull()) // school | community | phone | online
    .addColumn("outcome", "text", (c) => c.notNull()) // attended | did_not_attend | no_contact
    .addColumn("missed_reason", "text")
    .addColumn("note_enc", "text")
    .addColumn("recorded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("casework_contacts_case")
    .on("casework_contacts")
    .columns(["case_id", "contact_on"])
    .execute();

  await db.schema
    .createTable("casework_assessment_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) =>
      c.notNull().references("casework_programmes.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("hint", "text")
    .addColumn("retired_at", "text")
    .execute();

  await db.schema
    .createTable("casework_assessments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) =>
      c.notNull().references("casework_cases.id").onDelete("cascade"),
    )
    .addColumn("stage", "text", (c) => c.notNull()) // start | review | closure
    .addColumn("voice", "text", (c) => c.notNull()) // young_person | worker
    .addColumn("taken_on", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("casework_assessments_case")
    .on("casework_assessments")
    .columns(["case_id", "taken_on"])
    .execute();

  await db.schema
    .createTable("casework_assessment_scores")
    .addColumn("assessment_id", "text", (c) =>
      c.notNull().references("casework_assessments.id").onDelete("cascade"),
    )
    .addColumn("item_id", "text", (c) => c.notNull().references("casework_assessment_items.id"))
    .addColumn("score", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("casework_assessment_scores_pk", ["assessment_id", "item_id"])
    .execute();

  await db.schema
    .createTable("casework_risk")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) =>
      c.notNull().references("casework_cases.id").onDelete("cascade"),
    )
    .addColumn("recorded_on", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull()) // low | medium | high
    .addColumn("source", "text", (c) => c.notNull()) // worker | school | mace
    // Reason, MACE involvement, missing episodes, police contacts and NRM status: one encrypted JSON.
    .addColumn("detail_enc", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("casework_risk_case")
    .on("casework_risk")
    .columns(["case_id", "recorded_on"])
    .execute();

  await db.schema
    .createTable("casework_onward_referrals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) =>
      c.notNull().references("casework_cases.id").onDelete("cascade"),
    )
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("made_on", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull()) // pending | accepted | declined | not_taken_up | completed
    .addColumn("recorded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("casework_onward_case")
    .on("casework_onward_referrals")
    .column("case_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "casework_onward_referrals",
    "casework_risk",
    "casework_assessment_scores",
    "casework_assessments",
    "casework_assessment_items",
    "casework_contacts",
    "casework_consents",
    "casework_allocations",
    "casework_cases",
    "casework_referrals",
    "casework_programmes",
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await db.deleteFrom("memberships").where("role", "=", "caseworker").execute();
  await db.deleteFrom("invitations").where("role", "=", "caseworker").execute();
  await db.deleteFrom("roles").where("name", "=", "caseworker").execute();
}
