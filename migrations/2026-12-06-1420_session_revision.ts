import type { Kysely } from "kysely";

// A per-session revision counter for calendar files (issue 12, item 5). The SEQUENCE of a session's
// event used to be the seconds between 2025 and its updated_at: changes within one second shared a
// SEQUENCE, and a clock stepped back lowered it, so calendars kept the older copy. Every change now
// adds one to `revision`. It starts at the SEQUENCE already sent for the session, so the next
// change still outranks every invite people hold.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("delivery_sessions")
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  const since2025 = Date.UTC(2025, 0, 1);
  const rows: { id: string; updated_at: string }[] = await db
    .selectFrom("delivery_sessions")
    .select(["id", "updated_at"])
    .execute();
  for (const r of rows) {
    const revision = Math.max(0, Math.floor((Date.parse(r.updated_at) - since2025) / 1000));
    if (revision > 0)
      await db.updateTable("delivery_sessions").set({ revision }).where("id", "=", r.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("delivery_sessions").dropColumn("revision").execute();
}
