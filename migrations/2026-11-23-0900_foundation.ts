import { type Kysely, sql } from "kysely";

// Foundation: geography, organisations, people, memberships, sign-in, audit, outbox, settings.
// Portable on SQLite and PostgreSQL: text ids made by the app, text ISO-8601 UTC timestamps,
// integer 0/1 flags (better-sqlite3 cannot bind JavaScript booleans), JSON kept as text.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("roles")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .execute();

  await db
    .insertInto("roles")
    .values([
      { name: "programme_lead", label: "Programme lead", sort_order: 1 },
      { name: "trainer", label: "Trainer", sort_order: 2 },
      { name: "school_coordinator", label: "School coordinator", sort_order: 3 },
      { name: "organisation_manager", label: "Organisation manager", sort_order: 4 },
      { name: "learner", label: "Learner", sort_order: 5 },
      { name: "content_author", label: "Content author", sort_order: 6 },
    ])
    .execute();

  // Geography is dated reference data: Norfolk's local government is being reorganised.
  await db.schema
    .createTable("districts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("county", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_to", "text")
    .execute();
  await db.schema.createIndex("districts_code").on("districts").column("code").execute();

  const norfolk = [
    ["E07000143", "Breckland"],
    ["E07000144", "Broadland"],
    ["E07000145", "Great Yarmouth"],
    ["E07000146", "King's Lynn and West Norfolk"],
    ["E07000147", "North Norfolk"],
    ["E07000148", "Norwich"],
    ["E07000149", "South Norfolk"],
  ];
  await db
    .insertInto("districts")
    .values(
      norfolk.map(([code, name]) => ({
        id: code,
        code,
        name,
        county: "Norfolk",
        valid_from: "2009-04-01",
        valid_to: null,
      })),
    )
    .execute();

  await db.schema
    .createTable("organisations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('delivery_partner','setting','vcse','commissioner')`),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("urn", "text", (c) => c.unique())
    .addColumn("phase", "text")
    .addColumn("establishment_type", "text")
    .addColumn("district_id", "text", (c) => c.references("districts.id"))
    .addColumn("postcode", "text")
    .addColumn("charity_number", "text")
    .addColumn("company_number", "text")
    .addColumn("archived_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("organisations_kind")
    .on("organisations")
    .columns(["kind", "name"])
    .execute();
  await db.schema
    .createIndex("organisations_district")
    .on("organisations")
    .column("district_id")
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("totp_key", "text")
    .addColumn("totp_enabled_at", "text")
    .addColumn("disabled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("memberships")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull().references("roles.name"))
    .addColumn("safeguarding_cleared", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("memberships_unique", ["user_id", "organisation_id", "role"])
    .execute();
  await db.schema
    .createIndex("memberships_org")
    .on("memberships")
    .columns(["organisation_id", "role"])
    .execute();

  // Sessions after the Lucia guide: the id is the SHA-256 of the token, never the token itself.
  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("two_factor_verified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull().references("roles.name"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "text", (c) => c.references("users.id"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("revoked_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("invitations_email").on("invitations").column("email").execute();

  await db.schema
    .createTable("password_resets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // Sign-in throttling: one row per key ("account:<email>" or "ip:<address>").
  await db.schema
    .createTable("auth_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("first_failure_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text")
    .addColumn("subject_id", "text")
    .addColumn("detail", "text")
    .addColumn("ip", "text")
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
  await db.schema
    .createIndex("audit_log_action")
    .on("audit_log")
    .columns(["action", "at"])
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text")
    .addColumn("attachments", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending','sent','failed')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("outbox_due")
    .on("outbox")
    .columns(["status", "next_attempt_at"])
    .execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "settings",
    "outbox",
    "audit_log",
    "auth_throttle",
    "password_resets",
    "invitations",
    "sessions",
    "memberships",
    "users",
    "organisations",
    "districts",
    "roles",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
