import type { Kysely } from "kysely";

// Sessions a lead creates for the public (not from a school's request) need a full place: the
// street address and postcode (for the map link and the booker's directions), or, for an online
// session, the joining link that only people with a place are sent. A registration remembers when
// it was sent the joining link, so the day-before job sends it once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("delivery_sessions").addColumn("address", "text").execute();
  await db.schema.alterTable("delivery_sessions").addColumn("postcode", "text").execute();
  await db.schema.alterTable("delivery_sessions").addColumn("joining_link", "text").execute();
  await db.schema.alterTable("registrations").addColumn("joining_link_sent_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("registrations").dropColumn("joining_link_sent_at").execute();
  await db.schema.alterTable("delivery_sessions").dropColumn("joining_link").execute();
  await db.schema.alterTable("delivery_sessions").dropColumn("postcode").execute();
  await db.schema.alterTable("delivery_sessions").dropColumn("address").execute();
}
