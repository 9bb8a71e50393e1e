import { sql, type Kysely } from "kysely";

// Pre-aggregated facts for the dashboard (issue 16, decision 141). The dashboard's statement read
// every delivered session of the programme through its offering (for the audience) and counted
// each session's attended registrations; then it read every class at every session the same way
// and sorted them by class to find each class's first session. At a hundred times the programme's
// size that was most of a recomputed dashboard's cost.
//
// Two narrow tables hold what those reads need, one row per session and one per class at a
// session, with the session's programme, status, start, district, setting and audience copied in,
// and the session's people (attended registrations plus unnamed walk-ins) already counted. Their
// indexes cover the dashboard's statement and keep each class's sessions together in date order,
// so it reads index entries in order rather than joining and sorting.
//
// Triggers keep them in step, in the same transaction as the write that changes a figure: a
// session added or changed, a registration marked attended (or unmarked, moved or removed), a class
// added to a session or its pupils recorded, an offering's audience changed, a paper tally entered. A deleted session
// takes its rows with it (foreign keys cascade). The figures never depend on the tables being kept
// by the application's code, so a script or a sqlite3 shell cannot leave them behind.
// tests/integration/report-facts.test.ts checks them against the sources after every kind of write.

const SESSION_COLUMNS =
  "programme_id, status, starts_at, district_id, setting_id, offering_id, walk_ins";

function isPostgres(db: Kysely<any>) {
  return db.getExecutor().adapter.constructor.name.startsWith("Postgres");
}

/** The people a session reached: attended registrations plus its unnamed walk-ins. */
function peopleOf(sessionId: string) {
  return `(select coalesce(max(s.walk_ins), 0) from delivery_sessions s where s.id = ${sessionId})
    + (select count(*) from registrations r where r.session_id = ${sessionId} and r.attendance = 'attended')`;
}

/** A session's paper tallies for one statement, summed again after a tally changes. */
function resumTallies(row: "old" | "new") {
  return `delete from report_tally_sums where session_id = ${row}.session_id and item_id = ${row}.item_id;
    insert into report_tally_sums (session_id, item_id, answers_before, sum_before, answers_after, sum_after)
    select t.session_id, t.item_id,
      sum(case when t.stage = 'before' then t.count else 0 end), sum(case when t.stage = 'before' then t.score * t.count else 0 end),
      sum(case when t.stage = 'after' then t.count else 0 end), sum(case when t.stage = 'after' then t.score * t.count else 0 end)
    from feedback_tallies t where t.session_id = ${row}.session_id and t.item_id = ${row}.item_id
    group by t.session_id, t.item_id;`;
}

const SQLITE_TRIGGERS = [
  `create trigger report_facts_session_insert after insert on delivery_sessions begin
    insert or replace into report_session_facts (session_id, programme_id, status, starts_at, district_id, setting_id, audience, people)
    select new.id, new.programme_id, new.status, new.starts_at, new.district_id, new.setting_id, o.audience, ${peopleOf("new.id")}
    from offerings o where o.id = new.offering_id;
  end`,
  `create trigger report_facts_session_update after update of ${SESSION_COLUMNS} on delivery_sessions begin
    update report_session_facts set programme_id = new.programme_id, status = new.status, starts_at = new.starts_at,
      district_id = new.district_id, setting_id = new.setting_id,
      audience = (select o.audience from offerings o where o.id = new.offering_id), people = ${peopleOf("new.id")}
    where session_id = new.id;
    update report_class_facts set programme_id = new.programme_id, status = new.status, starts_at = new.starts_at,
      district_id = new.district_id, setting_id = new.setting_id,
      audience = (select o.audience from offerings o where o.id = new.offering_id)
    where session_id = new.id;
  end`,
  `create trigger report_facts_registration_insert after insert on registrations when new.attendance = 'attended' begin
    update report_session_facts set people = ${peopleOf("new.session_id")} where session_id = new.session_id;
  end`,
  `create trigger report_facts_registration_update after update of attendance, session_id on registrations
    when old.attendance is not new.attendance or old.session_id is not new.session_id begin
    update report_session_facts set people = ${peopleOf("old.session_id")} where session_id = old.session_id;
    update report_session_facts set people = ${peopleOf("new.session_id")} where session_id = new.session_id;
  end`,
  `create trigger report_facts_registration_delete after delete on registrations when old.attendance = 'attended' begin
    update report_session_facts set people = ${peopleOf("old.session_id")} where session_id = old.session_id;
  end`,
  `create trigger report_facts_class_insert after insert on session_classes begin
    insert or replace into report_class_facts (class_id, session_id, programme_id, status, starts_at, district_id, setting_id, audience, pupils)
    select new.class_id, s.id, s.programme_id, s.status, s.starts_at, s.district_id, s.setting_id, o.audience, new.pupils_attended
    from delivery_sessions s join offerings o on o.id = s.offering_id where s.id = new.session_id;
  end`,
  `create trigger report_facts_class_update after update on session_classes begin
    delete from report_class_facts where class_id = old.class_id and session_id = old.session_id;
    insert or replace into report_class_facts (class_id, session_id, programme_id, status, starts_at, district_id, setting_id, audience, pupils)
    select new.class_id, s.id, s.programme_id, s.status, s.starts_at, s.district_id, s.setting_id, o.audience, new.pupils_attended
    from delivery_sessions s join offerings o on o.id = s.offering_id where s.id = new.session_id;
  end`,
  `create trigger report_facts_class_delete after delete on session_classes begin
    delete from report_class_facts where class_id = old.class_id and session_id = old.session_id;
  end`,
  ...(["insert", "update", "delete"] as const).map(
    (event) => `create trigger report_facts_tally_${event} after ${event} on feedback_tallies begin
    ${event === "insert" ? "" : resumTallies("old")}
    ${event === "delete" ? "" : resumTallies("new")}
  end`,
  ),
  `create trigger report_facts_offering_update after update of audience on offerings begin
    update report_session_facts set audience = new.audience where session_id in (select id from delivery_sessions where offering_id = new.id);
    update report_class_facts set audience = new.audience where session_id in (select id from delivery_sessions where offering_id = new.id);
  end`,
];

// The same on PostgreSQL, as one function for each source table (row triggers; the insert trigger
// on registrations only fires for a registration already marked attended, so booking a place does
// not touch the session's row and concurrent bookings do not conflict on it).
const POSTGRES_FUNCTIONS = [
  `create function lantern_facts_session() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into report_session_facts (session_id, programme_id, status, starts_at, district_id, setting_id, audience, people)
    select new.id, new.programme_id, new.status, new.starts_at, new.district_id, new.setting_id, o.audience, ${peopleOf("new.id")}
    from offerings o where o.id = new.offering_id
    on conflict (session_id) do nothing;
  else
    update report_session_facts set programme_id = new.programme_id, status = new.status, starts_at = new.starts_at,
      district_id = new.district_id, setting_id = new.setting_id,
      audience = (select o.audience from offerings o where o.id = new.offering_id), people = ${peopleOf("new.id")}
    where session_id = new.id;
    update report_class_facts set programme_id = new.programme_id, status = new.status, starts_at = new.starts_at,
      district_id = new.district_id, setting_id = new.setting_id,
      audience = (select o.audience from offerings o where o.id = new.offering_id)
    where session_id = new.id;
  end if;
  return null;
end $$`,
  `create function lantern_facts_registration() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    update report_session_facts set people = ${peopleOf("old.session_id")} where session_id = old.session_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    update report_session_facts set people = ${peopleOf("new.session_id")} where session_id = new.session_id;
  end if;
  return null;
end $$`,
  `create function lantern_facts_class() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from report_class_facts where class_id = old.class_id and session_id = old.session_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into report_class_facts (class_id, session_id, programme_id, status, starts_at, district_id, setting_id, audience, pupils)
    select new.class_id, s.id, s.programme_id, s.status, s.starts_at, s.district_id, s.setting_id, o.audience, new.pupils_attended
    from delivery_sessions s join offerings o on o.id = s.offering_id where s.id = new.session_id
    on conflict (class_id, session_id) do update set pupils = excluded.pupils;
  end if;
  return null;
end $$`,
  `create function lantern_facts_tally() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    ${resumTallies("old")}
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    ${resumTallies("new")}
  end if;
  return null;
end $$`,
  `create function lantern_facts_offering() returns trigger language plpgsql as $$
begin
  update report_session_facts set audience = new.audience where session_id in (select id from delivery_sessions where offering_id = new.id);
  update report_class_facts set audience = new.audience where session_id in (select id from delivery_sessions where offering_id = new.id);
  return null;
end $$`,
];

const POSTGRES_TRIGGERS = [
  `create trigger report_facts_session_insert after insert on delivery_sessions for each row execute function lantern_facts_session()`,
  `create trigger report_facts_session_update after update of ${SESSION_COLUMNS} on delivery_sessions for each row execute function lantern_facts_session()`,
  `create trigger report_facts_registration_insert after insert on registrations for each row when (new.attendance = 'attended') execute function lantern_facts_registration()`,
  `create trigger report_facts_registration_update after update of attendance, session_id on registrations for each row
    when (old.attendance is distinct from new.attendance or old.session_id is distinct from new.session_id) execute function lantern_facts_registration()`,
  `create trigger report_facts_registration_delete after delete on registrations for each row when (old.attendance = 'attended') execute function lantern_facts_registration()`,
  `create trigger report_facts_class_change after insert or update or delete on session_classes for each row execute function lantern_facts_class()`,
  `create trigger report_facts_tally_change after insert or update or delete on feedback_tallies for each row execute function lantern_facts_tally()`,
  `create trigger report_facts_offering_update after update of audience on offerings for each row execute function lantern_facts_offering()`,
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("report_session_facts")
    .addColumn("session_id", "text", (c) =>
      c.primaryKey().references("delivery_sessions.id").onDelete("cascade"),
    )
    .addColumn("programme_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("district_id", "text")
    .addColumn("setting_id", "text")
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("people", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("report_session_facts_report")
    .on("report_session_facts")
    .columns([
      "programme_id",
      "status",
      "starts_at",
      "audience",
      "district_id",
      "setting_id",
      "people",
      "session_id",
    ])
    .execute();
  await db.schema
    .createTable("report_class_facts")
    .addColumn("class_id", "text", (c) => c.notNull())
    .addColumn("session_id", "text", (c) =>
      c.notNull().references("delivery_sessions.id").onDelete("cascade"),
    )
    .addColumn("programme_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("district_id", "text")
    .addColumn("setting_id", "text")
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("pupils", "integer")
    .addPrimaryKeyConstraint("report_class_facts_pk", ["class_id", "session_id"])
    .execute();
  // Each class's sessions together, in date order: the first is found without a sort.
  await db.schema
    .createIndex("report_class_facts_report")
    .on("report_class_facts")
    .columns([
      "programme_id",
      "status",
      "class_id",
      "starts_at",
      "session_id",
      "audience",
      "district_id",
      "setting_id",
      "pupils",
    ])
    .execute();
  await db.schema
    .createIndex("report_class_facts_session")
    .on("report_class_facts")
    .column("session_id")
    .execute();

  // Paper tallies summed per session and statement, as the online answers are
  // (report_feedback_sums); the triggers sum a statement's tallies again whenever one changes.
  await db.schema
    .createTable("report_tally_sums")
    .addColumn("session_id", "text", (c) =>
      c.notNull().references("delivery_sessions.id").onDelete("cascade"),
    )
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("answers_before", "integer", (c) => c.notNull())
    .addColumn("sum_before", "integer", (c) => c.notNull())
    .addColumn("answers_after", "integer", (c) => c.notNull())
    .addColumn("sum_after", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_tally_sums_pk", ["session_id", "item_id"])
    .execute();
  await sql`
    insert into report_tally_sums (session_id, item_id, answers_before, sum_before, answers_after, sum_after)
    select t.session_id, t.item_id,
      sum(case when t.stage = 'before' then t.count else 0 end), sum(case when t.stage = 'before' then t.score * t.count else 0 end),
      sum(case when t.stage = 'after' then t.count else 0 end), sum(case when t.stage = 'after' then t.score * t.count else 0 end)
    from feedback_tallies t group by t.session_id, t.item_id`.execute(db);

  await sql`
    insert into report_session_facts (session_id, programme_id, status, starts_at, district_id, setting_id, audience, people)
    select s.id, s.programme_id, s.status, s.starts_at, s.district_id, s.setting_id, o.audience,
      s.walk_ins + (select count(*) from registrations r where r.session_id = s.id and r.attendance = 'attended')
    from delivery_sessions s join offerings o on o.id = s.offering_id`.execute(db);
  await sql`
    insert into report_class_facts (class_id, session_id, programme_id, status, starts_at, district_id, setting_id, audience, pupils)
    select sc.class_id, s.id, s.programme_id, s.status, s.starts_at, s.district_id, s.setting_id, o.audience, sc.pupils_attended
    from session_classes sc join delivery_sessions s on s.id = sc.session_id join offerings o on o.id = s.offering_id`.execute(
    db,
  );

  if (isPostgres(db)) {
    for (const f of POSTGRES_FUNCTIONS) await sql.raw(f).execute(db);
    for (const t of POSTGRES_TRIGGERS) await sql.raw(t).execute(db);
  } else {
    for (const t of SQLITE_TRIGGERS) await sql.raw(t).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const f of [
      "lantern_facts_session",
      "lantern_facts_registration",
      "lantern_facts_class",
      "lantern_facts_offering",
      "lantern_facts_tally",
    ])
      await sql.raw(`drop function ${f}() cascade`).execute(db);
  } else {
    const triggers = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'trigger' and name like 'report_facts_%'`.execute(
      db,
    );
    for (const { name } of triggers.rows) await sql.raw(`drop trigger ${name}`).execute(db);
  }
  await db.schema.dropTable("report_tally_sums").execute();
  await db.schema.dropTable("report_class_facts").execute();
  await db.schema.dropTable("report_session_facts").execute();
}

/**
 * Tables this migration adds that no report figure is counted from directly: they change only
 * when a table the reports read changes, in the same transaction, and that table bumps the report
 * data version (see 2026-12-06-2030's list).
 */
export const NOT_REPORT_DATA_ADDED = [
  "report_session_facts",
  "report_class_facts",
  "report_tally_sums",
];
