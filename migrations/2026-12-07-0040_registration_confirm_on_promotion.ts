import type { Kysely } from "kysely";

// A place on the waiting list taken during a burst of bookings (issue 11, finding 7) answers as
// any other, but is marked: if a place comes up for it, the place is held until the booker follows
// an emailed link, so a bot's waiting entries are never promoted into places unconfirmed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("registrations")
    .addColumn("confirm_on_promotion", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("registrations").dropColumn("confirm_on_promotion").execute();
}
