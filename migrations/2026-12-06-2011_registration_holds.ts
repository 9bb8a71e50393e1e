import type { Kysely } from "kysely";

// Bookings that arrive in a burst for one public session are held until the booker follows an
// emailed link (issue 11, finding 7): the place is kept until `held_until`, then freed. Only the
// link's hash is stored.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("registrations").addColumn("held_until", "text").execute();
  await db.schema.alterTable("registrations").addColumn("confirm_token_hash", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("registrations").dropColumn("confirm_token_hash").execute();
  await db.schema.alterTable("registrations").dropColumn("held_until").execute();
}
