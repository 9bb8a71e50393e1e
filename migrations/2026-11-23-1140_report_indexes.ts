import type { Kysely } from "kysely";

// Covering indexes for the reports' aggregate queries: the dashboard reads delivered sessions of a
// programme in a period with their offering, district, setting and walk-ins; the attended
// registrations of those sessions; and each session's classes with the pupils who attended. With
// these, every read is an index-only search (measured in docs/decisions/ and the README).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("delivery_sessions_report")
    .on("delivery_sessions")
    .columns([
      "programme_id",
      "status",
      "starts_at",
      "offering_id",
      "district_id",
      "setting_id",
      "walk_ins",
    ])
    .execute();
  // "Not yet reached": does this setting have a delivered session of the programme before a date?
  await db.schema
    .createIndex("delivery_sessions_setting_report")
    .on("delivery_sessions")
    .columns(["setting_id", "programme_id", "status", "starts_at"])
    .execute();
  await db.schema
    .createIndex("registrations_attendance")
    .on("registrations")
    .columns(["session_id", "attendance", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("session_classes_attendance")
    .on("session_classes")
    .columns(["session_id", "class_id", "pupils_attended"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("session_classes_attendance").execute();
  await db.schema.dropIndex("registrations_attendance").execute();
  await db.schema.dropIndex("delivery_sessions_setting_report").execute();
  await db.schema.dropIndex("delivery_sessions_report").execute();
}
