// tsx scripts/bench/dashboard-queries.ts [database] — times each of the dashboard's queries on a
// scale database (npm run seed:scale -- --factor 10 first; default data/scale.db), in process and
// without HTTP, so the slow ones stand out: median and 95th percentile over repeated runs. With
// PLAN=1 it prints SQLite's EXPLAIN QUERY PLAN for each statement of one whole-programme view.
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";

process.env.DATABASE_PATH = process.argv[2] ?? process.env.DATABASE_PATH ?? "data/scale.db";
const runs = Number(process.env.RUNS ?? 40);

const { getDb, closeDb } = await import("../../app/db/db.server");
const dash = await import("../../app/reports/dashboard.server");
const outcomes = await import("../../app/reports/outcomes.server");
const { dashboardView } = await import("../../app/reports/page.server");
const db = getDb();

function quantile(sorted: number[], q: number) {
  const i = (sorted.length - 1) * q;
  return (
    sorted[Math.floor(i)] + (sorted[Math.ceil(i)] - sorted[Math.floor(i)]) * (i - Math.floor(i))
  );
}

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(c);
    samples.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // CPU time is what the work costs; wall time also waits for other processes on a busy machine.
  console.log(
    `${label.padEnd(48)} median ${quantile(samples, 0.5).toFixed(2).padStart(7)} ms   p95 ${quantile(samples, 0.95).toFixed(2).padStart(7)} ms   cpu median ${quantile(cpu, 0.5).toFixed(2).padStart(7)} ms`,
  );
}

const programmes = await dash.listProgrammes(db);
for (const programme of programmes) {
  for (const input of [
    { programmeId: programme.id },
    { programmeId: programme.id, period: "q-2026-2", districtId: "E07000148" },
  ]) {
    const base = await dash.resolveFilters(db, input);
    const f = base.filters!;
    const scope = { kind: "all" } as const;
    console.log(`\n${programme.name}: ${f.period.label}${f.districtId ? `, ${f.districtId}` : ""}`);
    await time("grouped (facts by every breakdown)", () =>
      dash.grouped(db, f, scope, ["none", "district", "setting", "month", "quarter"], {
        settingLimit: 10,
      }),
    );
    await time("pipeline", () => dash.pipeline(db, f, scope));
    await time("count settings not reached", () => dash.countSettingsNotReached(db, f, scope));
    await time("feedback outcomes", () => outcomes.feedbackOutcomes(db, f, scope));
    await time("e-learning reach", () => outcomes.learningReach(db, f, scope));
    await time("safeguarding counts", () => outcomes.safeguardingCounts(db, f, scope));
    await time("whole dashboard view (all queries + tables)", () =>
      dashboardView(db, scope, input),
    );
  }
}

if (process.env.PLAN) {
  const raw = new Database(process.env.DATABASE_PATH, { readonly: true });
  const seen: { sql: string; parameters: readonly unknown[] }[] = [];
  const logged = new Kysely<never>({
    dialect: new SqliteDialect({ database: raw }),
    log: (e) => void seen.push({ sql: e.query.sql, parameters: e.query.parameters }),
  });
  await dashboardView(logged as never, { kind: "all" }, { programmeId: programmes.at(-1)!.id });
  for (const q of seen) {
    console.log(`\n${q.sql.replace(/\s+/g, " ").slice(0, 160)}…`);
    for (const row of raw
      .prepare(`explain query plan ${q.sql}`)
      .all(...(q.parameters as unknown[])) as { detail: string }[])
      console.log(`   ${row.detail}`);
  }
  await logged.destroy();
}
await closeDb();
