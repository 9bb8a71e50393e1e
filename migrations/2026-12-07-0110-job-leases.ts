import type { Kysely } from "kysely";

// Background work safe with several servers on one database (issue 14, decision 114).
// - outbox.lease_owner / lease_until: the server sending a message claims it first, so two servers
//   never send one message; a claim that outlives its server expires and the message is sent by
//   another.
// - job_leases: one row per claimed piece of work that has no row of its own to mark — a periodic
//   job's round ("job:retention"), a certificate's render ("certificate-render:<id>") — owned by one
//   server until it is released or its time runs out. Not report data (no figure comes from it).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").addColumn("lease_owner", "text").execute();
  await db.schema.alterTable("outbox").addColumn("lease_until", "text").execute();
  await db.schema
    .createTable("job_leases")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("until", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_leases").execute();
  await db.schema.alterTable("outbox").dropColumn("lease_until").execute();
  await db.schema.alterTable("outbox").dropColumn("lease_owner").execute();
}

/** Tables this migration adds that no report figure comes from (see 2026-12-06-2030's list). */
export const NOT_REPORT_DATA_ADDED = ["job_leases"];
