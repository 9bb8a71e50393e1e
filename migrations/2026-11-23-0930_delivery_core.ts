import { type Kysely, sql } from "kysely";

// SOS+ and live VCSE delivery: programmes and their targets, what can be booked (offerings),
// schools' classes (counted, never named), booking requests, scheduled sessions with trainers and
// classes, public registrations for open sessions, the lifecycle log, trainers' compliance dates,
// term dates and the scheduling settings. Feedback answers and safeguarding records follow in
// their own migrations.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audiences")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    // How people are counted: pupils by the number in each class; everyone else by registration.
    .addColumn("counted_by", "text", (c) =>
      c.notNull().check(sql`counted_by in ('class','registration')`),
    )
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .execute();
  await db
    .insertInto("audiences")
    .values([
      { name: "pupils", label: "Pupils", counted_by: "class", sort_order: 1 },
      {
        name: "teachers",
        label: "Teachers and school staff",
        counted_by: "registration",
        sort_order: 2,
      },
      { name: "parents", label: "Parents and carers", counted_by: "registration", sort_order: 3 },
      {
        name: "vcse_staff",
        label: "VCSE staff and volunteers",
        counted_by: "registration",
        sort_order: 4,
      },
    ])
    .execute();

  await db.schema
    .createTable("formats")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .execute();
  await db
    .insertInto("formats")
    .values([
      { name: "assembly", label: "Assembly", sort_order: 1 },
      { name: "classroom_workshop", label: "Classroom workshop", sort_order: 2 },
      { name: "group_work", label: "Extended group work", sort_order: 3 },
      { name: "twilight_cpd", label: "Twilight CPD", sort_order: 4 },
      { name: "community_session", label: "Community session", sort_order: 5 },
      { name: "online", label: "Online", sort_order: 6 },
    ])
    .execute();

  await db.schema
    .createTable("programmes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("delivery_partner_id", "text", (c) => c.references("organisations.id"))
    .addColumn("description", "text")
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("programme_targets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) =>
      c.notNull().references("programmes.id").onDelete("cascade"),
    )
    .addColumn("audience", "text", (c) => c.notNull().references("audiences.name"))
    .addColumn("sessions_target", "integer", (c) => c.notNull())
    .addColumn("people_target", "integer", (c) => c.notNull())
    .addUniqueConstraint("programme_targets_unique", ["programme_id", "audience"])
    .execute();

  await db.schema
    .createTable("questionnaires")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    // 'standard', or 'pupil': plain words and a picture scale.
    .addColumn("style", "text", (c) => c.notNull().check(sql`style in ('standard','pupil')`))
    .addColumn("archived_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("questionnaire_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("questionnaire_id", "text", (c) =>
      c.notNull().references("questionnaires.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    // before_after: a 1–5 statement asked before and after; satisfaction: 1–5 after; free_text.
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('before_after','satisfaction','free_text')`),
    )
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("archived_at", "text")
    .execute();
  await db.schema
    .createIndex("questionnaire_items_q")
    .on("questionnaire_items")
    .columns(["questionnaire_id", "position"])
    .execute();

  await db.schema
    .createTable("offerings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("programmes.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("audience", "text", (c) => c.notNull().references("audiences.name"))
    .addColumn("format", "text", (c) => c.notNull().references("formats.name"))
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("questionnaire_id", "text", (c) => c.references("questionnaires.id"))
    // A series (extended group work): the same group, every `series_interval_days`, `series_length` times.
    .addColumn("series_length", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("series_interval_days", "integer", (c) => c.notNull().defaultTo(7))
    // Open sessions of this offering are listed publicly and booked without an account.
    .addColumn("open_to_public", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("archived_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("offerings_programme")
    .on("offerings")
    .columns(["programme_id", "audience"])
    .execute();

  await db.schema
    .createTable("classes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("setting_id", "text", (c) => c.notNull().references("organisations.id"))
    // 'R' for Reception, then '1' … '13'.
    .addColumn("year_group", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("pupil_count", "integer", (c) => c.notNull())
    .addColumn("access_needs", "text")
    .addColumn("archived_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("classes_setting").on("classes").column("setting_id").execute();

  await db.schema
    .createTable("booking_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    // Requests made together (a school's whole package) share a package id.
    .addColumn("package_id", "text")
    .addColumn("setting_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("offering_id", "text", (c) => c.notNull().references("offerings.id"))
    .addColumn("requested_by", "text", (c) => c.references("users.id"))
    // JSON: [{ "date": "YYYY-MM-DD", "time": "HH:MM" | null }]
    .addColumn("preferred_dates", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('requested','scheduled','cancelled')`),
    )
    .addColumn("cancel_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("booking_requests_status")
    .on("booking_requests")
    .columns(["status", "created_at"])
    .execute();
  await db.schema
    .createIndex("booking_requests_setting")
    .on("booking_requests")
    .columns(["setting_id", "status"])
    .execute();

  await db.schema
    .createTable("booking_request_classes")
    .addColumn("booking_request_id", "text", (c) =>
      c.notNull().references("booking_requests.id").onDelete("cascade"),
    )
    .addColumn("class_id", "text", (c) => c.notNull().references("classes.id"))
    .addPrimaryKeyConstraint("booking_request_classes_pk", ["booking_request_id", "class_id"])
    .execute();

  await db.schema
    .createTable("delivery_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("programmes.id"))
    .addColumn("offering_id", "text", (c) => c.notNull().references("offerings.id"))
    .addColumn("booking_request_id", "text", (c) => c.references("booking_requests.id"))
    // The setting it is delivered at (null for community venues and online sessions).
    .addColumn("setting_id", "text", (c) => c.references("organisations.id"))
    // The district it counts toward (the setting's, or the community venue's).
    .addColumn("district_id", "text", (c) => c.references("districts.id"))
    .addColumn("venue", "text")
    .addColumn("room", "text")
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('scheduled','delivered','cancelled','postponed')`),
    )
    // Open sessions are listed publicly and take registrations up to capacity, then a waiting list.
    .addColumn("is_open", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("capacity", "integer", (c) => c.notNull())
    // Sessions of one series (extended group work) share a series id, numbered from 1.
    .addColumn("series_id", "text")
    .addColumn("series_index", "integer")
    .addColumn("walk_ins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("delivered_at", "text")
    .addColumn("feedback_token", "text", (c) => c.unique())
    .addColumn("feedback_closes_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("delivery_sessions_starts")
    .on("delivery_sessions")
    .columns(["status", "starts_at"])
    .execute();
  await db.schema
    .createIndex("delivery_sessions_programme")
    .on("delivery_sessions")
    .columns(["programme_id", "status", "starts_at"])
    .execute();
  await db.schema
    .createIndex("delivery_sessions_setting")
    .on("delivery_sessions")
    .columns(["setting_id", "starts_at"])
    .execute();
  await db.schema
    .createIndex("delivery_sessions_open")
    .on("delivery_sessions")
    .columns(["is_open", "status", "starts_at"])
    .execute();
  await db.schema
    .createIndex("delivery_sessions_series")
    .on("delivery_sessions")
    .column("series_id")
    .execute();

  await db.schema
    .createTable("session_trainers")
    .addColumn("session_id", "text", (c) =>
      c.notNull().references("delivery_sessions.id").onDelete("cascade"),
    )
    .addColumn("trainer_id", "text", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("session_trainers_pk", ["session_id", "trainer_id"])
    .execute();
  await db.schema
    .createIndex("session_trainers_trainer")
    .on("session_trainers")
    .column("trainer_id")
    .execute();

  await db.schema
    .createTable("session_classes")
    .addColumn("session_id", "text", (c) =>
      c.notNull().references("delivery_sessions.id").onDelete("cascade"),
    )
    .addColumn("class_id", "text", (c) => c.notNull().references("classes.id"))
    // How many of the class attended; null until attendance is taken.
    .addColumn("pupils_attended", "integer")
    .addPrimaryKeyConstraint("session_classes_pk", ["session_id", "class_id"])
    .execute();
  await db.schema
    .createIndex("session_classes_class")
    .on("session_classes")
    .column("class_id")
    .execute();

  await db.schema
    .createTable("registrations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("session_id", "text", (c) => c.notNull().references("delivery_sessions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("organisation_name", "text")
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id"))
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .addColumn("access_needs", "text")
    // confirmed: has a place; waiting: on the waiting list (in created_at order); cancelled.
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('confirmed','waiting','cancelled')`),
    )
    .addColumn("is_walk_in", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attendance", "text", (c) => c.check(sql`attendance in ('attended','no_show')`))
    .addColumn("cancel_token_hash", "text", (c) => c.unique())
    .addColumn("reminder_sent_at", "text")
    .addColumn("promoted_at", "text")
    .addColumn("cancelled_at", "text")
    // Set when the retention job removes the person's details after the session.
    .addColumn("anonymised_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("registrations_session")
    .on("registrations")
    .columns(["session_id", "status", "created_at"])
    .execute();
  await db.schema.createIndex("registrations_email").on("registrations").column("email").execute();

  // Every change of a request's or a session's state, with who, when and why (and any warnings
  // a lead chose to override).
  await db.schema
    .createTable("session_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("session_id", "text", (c) => c.references("delivery_sessions.id"))
    .addColumn("booking_request_id", "text", (c) => c.references("booking_requests.id"))
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("actor_user_id", "text", (c) => c.references("users.id"))
    .addColumn("reason", "text")
    .addColumn("overridden_warnings", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("session_events_session")
    .on("session_events")
    .columns(["session_id", "at"])
    .execute();
  await db.schema
    .createIndex("session_events_request")
    .on("session_events")
    .columns(["booking_request_id", "at"])
    .execute();

  await db.schema
    .createTable("trainer_compliance")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("dbs_checked_on", "text")
    .addColumn("dbs_expires_on", "text")
    .addColumn("safeguarding_trained_on", "text")
    .addColumn("safeguarding_expires_on", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("term_dates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("academic_year", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("term_dates_range")
    .on("term_dates")
    .columns(["starts_on", "ends_on"])
    .execute();

  // Term dates in the usual English pattern, half terms as separate terms so holidays fall between
  // them. A starting point for the clash checks: leads check them against the county's published
  // dates and edit them; academies may differ.
  const terms: [string, string, string, string][] = [
    ["2025-26", "Autumn 1", "2025-09-03", "2025-10-24"],
    ["2025-26", "Autumn 2", "2025-11-03", "2025-12-19"],
    ["2025-26", "Spring 1", "2026-01-05", "2026-02-13"],
    ["2025-26", "Spring 2", "2026-02-23", "2026-03-27"],
    ["2025-26", "Summer 1", "2026-04-13", "2026-05-22"],
    ["2025-26", "Summer 2", "2026-06-01", "2026-07-21"],
    ["2026-27", "Autumn 1", "2026-09-02", "2026-10-23"],
    ["2026-27", "Autumn 2", "2026-11-02", "2026-12-18"],
    ["2026-27", "Spring 1", "2027-01-04", "2027-02-12"],
    ["2026-27", "Spring 2", "2027-02-22", "2027-03-25"],
    ["2026-27", "Summer 1", "2027-04-12", "2027-05-28"],
    ["2026-27", "Summer 2", "2027-06-07", "2027-07-21"],
  ];
  await db
    .insertInto("term_dates")
    .values(
      terms.map(([academic_year, name, starts_on, ends_on]) => ({
        id: `${academic_year}-${name}`.toLowerCase().replace(/\s+/g, "-"),
        academic_year,
        name,
        starts_on,
        ends_on,
      })),
    )
    .execute();

  await db
    .insertInto("settings")
    .values([
      { key: "scheduling.travel_buffer_minutes", value: "30" },
      { key: "scheduling.school_day_start", value: "08:30" },
      { key: "scheduling.school_day_end", value: "15:30" },
      { key: "scheduling.compliance_warning_days", value: "30" },
      { key: "feedback.link_open_days", value: "14" },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("settings").where("key", "like", "scheduling.%").execute();
  await db.deleteFrom("settings").where("key", "like", "feedback.%").execute();
  for (const t of [
    "term_dates",
    "trainer_compliance",
    "session_events",
    "registrations",
    "session_classes",
    "session_trainers",
    "delivery_sessions",
    "booking_request_classes",
    "booking_requests",
    "classes",
    "offerings",
    "questionnaire_items",
    "questionnaires",
    "programme_targets",
    "programmes",
    "formats",
    "audiences",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
