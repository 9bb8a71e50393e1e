import { sql, type Kysely } from "kysely";
import { NOT_REPORT_DATA } from "./2026-12-06-2030_report_data_version";
import { NOT_REPORT_DATA_ADDED } from "./2026-12-07-0110-job-leases";

// The report data version on PostgreSQL too (issue 16, decision 125), so kept dashboard views work
// there and several servers on one database throw a view away at the same commit.
//
// SQLite bumps one row (it has one writer at a time anyway). On PostgreSQL one row every writer
// updates would make concurrent SERIALIZABLE transactions fail on each other (40001) and wait in
// line, so each server connection (backend) bumps its own row, keyed by its process id: no two
// transactions ever update the same row at once. The version is the sum of the rows; it goes up
// with every commit that changed report data, and the bump commits (or rolls back) with the change,
// so a reader never sees one without the other.
//
// A statement bumps once per transaction (a transaction-local setting remembers it), so a bulk
// insert costs one row update, not one per row. Same tables, same choice as the SQLite triggers.
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql
    .raw(
      `create function lantern_bump_report_data() returns trigger language plpgsql as $$
begin
  if coalesce(current_setting('lantern.report_data_bumped', true), '') <> 'yes' then
    perform set_config('lantern.report_data_bumped', 'yes', true);
    insert into report_data_version (id, version) values (pg_backend_pid() + 1, 1)
      on conflict (id) do update set version = report_data_version.version + 1;
  end if;
  return null;
end $$`,
    )
    .execute(db);
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
      and table_name not like 'kysely_%'`.execute(db);
  const notCounted = [...NOT_REPORT_DATA, ...NOT_REPORT_DATA_ADDED, "report_data_version"];
  for (const { name } of tables.rows) {
    if (notCounted.includes(name)) continue;
    const events =
      name === "users"
        ? ["insert", "delete", "update of name, email, disabled_at"]
        : ["insert", "update", "delete"];
    for (const event of events) {
      await sql
        .raw(
          `create trigger report_data_${name}_${event.split(" ")[0]} after ${event} on ${name} for each row execute function lantern_bump_report_data()`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(`drop function lantern_bump_report_data() cascade`).execute(db);
  await sql.raw(`delete from report_data_version where id <> 1`).execute(db);
}

function isPostgres(db: Kysely<any>) {
  return db.getExecutor().adapter.constructor.name.startsWith("Postgres");
}
