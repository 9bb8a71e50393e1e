import type { Kysely } from "kysely";

// Other dates a lead proposes for a school's request (issue 17, item 3). JSON like
// preferred_dates: [{ "date": "YYYY-MM-DD", "time": "HH:MM" | null }], or null when nothing waits
// for the school's answer. The request stays "requested" meanwhile (the status check is not
// rebuilt); accepting one date makes it the request's only preferred date (decision 131).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("booking_requests").addColumn("proposed_dates", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("booking_requests").dropColumn("proposed_dates").execute();
}
