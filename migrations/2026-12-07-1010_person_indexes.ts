import { sql, type Kysely } from "kysely";

// A person's own bookings, found by their account or by the email they booked with (any case):
// the learner's training record looked for one person's attended sessions by reading every
// delivered session's registrations (92 ms a page at a hundred times the programme's size; issue
// 16). The email index is on lower(email), as the record compares it, on both databases.
//
// And places held for a booking that is not yet confirmed: a background job looks for holds that
// have run out every minute, and read all 211,000 registrations to find them (35–70 ms on the
// serving thread at that size). Few registrations hold a place at once, so the index holds only
// those.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("registrations_user").on("registrations").column("user_id").execute();
  await db.schema
    .createIndex("registrations_email_lower")
    .on("registrations")
    .expression(sql`lower(email)`)
    .execute();
  await db.schema
    .createIndex("registrations_held")
    .on("registrations")
    .column("held_until")
    .where(sql.ref("held_until"), "is not", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("registrations_held").execute();
  await db.schema.dropIndex("registrations_email_lower").execute();
  await db.schema.dropIndex("registrations_user").execute();
}
