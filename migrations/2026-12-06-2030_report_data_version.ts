import { sql, type Kysely } from "kysely";

// Kept dashboard views were keyed on SQLite's change counters, so every write anywhere — a sign-in,
// a session's once-a-minute touch, an audit row, an outbox update — threw them all away (issue 16,
// item 2). Instead, one row counts changes to the data reports are made from, bumped by triggers
// on those tables, and a kept view lives as long as that count does not move.
//
// Tables NOT counted (they never change a figure): sign-in and security state, the audit log, the
// outbox, imports in progress, calendar feed and download links, stored PDF bytes and serial
// counters, TOTP steps and recovery codes. Users count only when a name, email or disabled date
// changes, not on sign-in. Every other table counts; tests/integration/report-data-version.test.ts
// fails when a table is added without a choice.
//
// SQLite only: on PostgreSQL kept views are off (decision 062), and one row every writer updates
// would serialise every transaction.
export const NOT_REPORT_DATA = [
  "sessions",
  "invitations",
  "password_resets",
  "auth_throttle",
  "audit_log",
  "outbox",
  "organisation_imports",
  "calendar_feeds",
  "certificate_download_links",
  "certificate_files",
  "certificate_serial_counters",
  "totp_last_steps",
  "recovery_codes",
];

function isPostgres(db: Kysely<any>) {
  return db.getExecutor().adapter.constructor.name.startsWith("Postgres");
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("report_data_version")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.insertInto("report_data_version").values({ id: 1, version: 0 }).execute();
  if (isPostgres(db)) return;
  const tables = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(
    db,
  );
  for (const { name } of tables.rows) {
    if (name === "report_data_version" || NOT_REPORT_DATA.includes(name)) continue;
    const events =
      name === "users"
        ? ["insert", "delete", "update of name, email, disabled_at"]
        : ["insert", "update", "delete"];
    for (const event of events) {
      const trigger = `report_data_${name}_${event.split(" ")[0]}`;
      await sql
        .raw(
          `create trigger ${trigger} after ${event} on ${name} begin update report_data_version set version = version + 1 where id = 1; end`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    const triggers = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'trigger' and name like 'report_data_%'`.execute(
      db,
    );
    for (const { name } of triggers.rows) await sql.raw(`drop trigger ${name}`).execute(db);
  }
  await db.schema.dropTable("report_data_version").execute();
}
