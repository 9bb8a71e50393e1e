// npm run bench:scale-out — booking and dashboard throughput for one SQLite process, one
// PostgreSQL process and two PostgreSQL processes, on the same data, from one run (issue 14).
//
// The data: the scale seed at factor 1 (scripts/seed-scale.ts) plus 1,000 open sessions with room for
// every booking, built once in SQLite; each PostgreSQL run gets its own copy of it made by
// `npm run db:copy` (a fresh database from one copied template), so every configuration starts from
// the same rows. PostgreSQL is a throwaway local cluster (tests/support/postgres.ts) with its
// durability settings left on, as SQLite's are (synchronous=FULL).
//
// Each configuration serves the production build (`npm start`'s server.ts). A closed loop of
// BENCH_CONNECTIONS clients (default 16) sends requests for BENCH_SECONDS (default 15) after a
// 3-second warm-up, spread evenly over the configuration's processes as a load balancer would:
//   booking    POST /sessions/open/<session> with a new name and email (a registration and an email
//              in the outbox per request), over the 1,000 sessions in turn: each gets about one
//              booking a minute, below the five a minute that would treat it as a burst of bot
//              bookings (held places, alerts to the leads; app/sessions/open.server.ts) — that
//              defence is not what this measures;
//   dashboard  GET /reports as the programme lead, every figure computed on every request (kept
//              views off: they are off on PostgreSQL anyway, decision 062).
// Rate limits stay on (at a limit never reached): on PostgreSQL every request is counted in the
// database (decision 112), which is part of what several servers cost.
//
// This machine's cores are shared by the servers, PostgreSQL and the load generator itself: the
// ratios, not the absolute figures, are the result, and they say what one machine gains. Two
// processes on separate machines would not share cores.
//   BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PORT (first port, default 3811).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startPostgresCluster } from "../../tests/support/postgres";

const root = path.resolve(import.meta.dirname, "../..");
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const firstPort = Number(process.env.BENCH_PORT ?? 3811);
const secretKey = crypto.randomBytes(32).toString("base64");

if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}

function quantile(sorted: number[], q: number) {
  if (!sorted.length) return NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["--import", "tsx", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

// ─── The data ────────────────────────────────────────────────────────────────
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-scale-out-"));
const seeded = path.join(dir, "seeded.db");
console.log("Seeding the scale data (factor 1) and 1,000 open sessions…");
run(["scripts/seed-scale.ts", "--factor", "1"], { DATABASE_PATH: seeded });
// The open sessions, through the same fixtures the tests use.
process.env.DATABASE_PATH = seeded;
process.env.DATABASE_URL = "";
const { getDb, closeDb } = await import("../../app/db/db.server");
const f = await import("../../app/seed/factories/sessions.server");
const sessionIds: string[] = [];
{
  const db = getDb();
  const programmeId = await f.insertProgramme(db, { name: "Scale-out bench" });
  const offeringId = await f.insertOffering(db, {
    programmeId,
    title: "Parents' evening",
    audience: "parents",
    openToPublic: true,
  });
  for (let i = 0; i < 1000; i++)
    sessionIds.push(
      await f.insertSession(db, {
        programmeId,
        offeringId,
        capacity: 100_000,
        isOpen: true,
        venue: "The Forum, Norwich",
        startsAt: new Date(Date.now() + (10 + (i % 200)) * 24 * 3600_000 + i * 60_000),
      }),
    );
  await closeDb();
}

console.log("Starting PostgreSQL and copying the same data into it (npm run db:copy)…");
const cluster = await startPostgresCluster({ durable: true });
const templateUrl = await cluster.createDatabase("scale_template");
run(["scripts/db-copy.ts", "--to", templateUrl], { DATABASE_PATH: seeded, DATABASE_URL: "" });
async function freshPostgres(name: string) {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query(`create database ${name} template scale_template`);
  await client.end();
  return templateUrl.replace(/\/scale_template$/, `/${name}`);
}

// ─── Servers ─────────────────────────────────────────────────────────────────
interface Running {
  base: string;
  child: ChildProcess;
}

async function startServers(count: number, db: Record<string, string>): Promise<Running[]> {
  const servers: Running[] = [];
  for (let i = 0; i < count; i++) {
    const port = firstPort + i;
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: root,
      env: {
        ...process.env,
        ...db,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: base,
        DATA_DIR: dir,
        DEMO_MODE: "true",
        COOKIE_SECURE: "false",
        LOG_LEVEL: "silent",
        TRUST_PROXY: "1",
        RATE_LIMIT_PER_MINUTE: "100000000",
        REPORT_VIEW_CACHE: "off",
        SECRET_KEY: secretKey,
        SMTP_URL: "",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    servers.push({ base, child });
  }
  for (const s of servers) {
    const until = Date.now() + 60_000;
    for (;;) {
      if (s.child.exitCode !== null) throw new Error(`a server exited while starting`);
      try {
        if ((await fetch(`${s.base}/readyz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > until) throw new Error(`${s.base} was not ready in 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return servers;
}

async function stopServers(servers: Running[]) {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          s.child.once("exit", () => resolve());
          s.child.kill("SIGTERM");
        }),
    ),
  );
}

async function signIn(base: string) {
  const res = await fetch(`${base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: "email=lead%40example.org&password=lantern-demo-2026",
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (res.status !== 302 || !cookie) throw new Error(`sign-in answered ${res.status}`);
  return cookie;
}

// ─── Load ────────────────────────────────────────────────────────────────────
type Request = (base: string, n: number) => Promise<Response>;

interface Measured {
  perSecond: number;
  p50: number;
  p95: number;
  errors: number;
  /** PostgreSQL only: transactions rolled back per answered request (mostly serialization retries). */
  rollbacks?: number;
}

/** Committed and rolled-back transactions so far in the database DATABASE_URL names. */
async function transactionCounts(url: string | undefined) {
  if (!url) return undefined;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // The statistics collector lags a little: ask for fresh figures.
  await client.query("select pg_stat_clear_snapshot()");
  const { rows } = await client.query(
    "select xact_rollback::int as rolled_back from pg_stat_database where datname = current_database()",
  );
  await client.end();
  return Number(rows[0].rolled_back);
}

let counter = 0;
async function load(servers: Running[], send: Request, ok: number, ms: number): Promise<Measured> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + ms;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const n = counter++;
        const t = performance.now();
        try {
          const res = await send(servers[n % servers.length].base, n);
          await res.arrayBuffer();
          if (res.status === ok) latencies.push(performance.now() - t);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    errors,
  };
}

const booking: Request = (base, n) =>
  fetch(`${base}/sessions/open/${sessionIds[n % sessionIds.length]}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      origin: base,
      "content-type": "application/x-www-form-urlencoded",
      // Each booking from its own address, as members of the public are.
      "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    },
    body: new URLSearchParams({
      name: `Bench Parent ${n}`,
      email: `bench-parent-${n}@example.net`,
    }).toString(),
  });

const configurations = [
  {
    label: "SQLite, 1 process",
    processes: 1,
    db: async () => ({ DATABASE_PATH: "", DATABASE_URL: "" }),
  },
  {
    label: "PostgreSQL, 1 process",
    processes: 1,
    db: async () => ({ DATABASE_URL: await freshPostgres("scale_one") }),
  },
  {
    label: "PostgreSQL, 2 processes",
    processes: 2,
    db: async () => ({ DATABASE_URL: await freshPostgres("scale_two") }),
  },
];

const results: { label: string; booking: Measured; dashboard: Measured }[] = [];
try {
  for (const c of configurations) {
    const db = await c.db();
    if ("DATABASE_PATH" in db) {
      const copy = path.join(dir, "sqlite-run.db");
      fs.copyFileSync(seeded, copy);
      db.DATABASE_PATH = copy;
    }
    console.log(`${c.label}: serving (load average ${os.loadavg()[0].toFixed(1)})…`);
    const servers = await startServers(c.processes, db);
    try {
      const cookie = await signIn(servers[0].base);
      const dashboard: Request = (base) => fetch(`${base}/reports`, { headers: { cookie } });
      // Dashboard first, so every configuration computes it over the same rows.
      await load(servers, dashboard, 200, 3000);
      const d = await load(servers, dashboard, 200, seconds * 1000);
      await load(servers, booking, 302, 3000);
      const url = "DATABASE_URL" in db && db.DATABASE_URL ? db.DATABASE_URL : undefined;
      const before = await transactionCounts(url);
      const b = await load(servers, booking, 302, seconds * 1000);
      // PostgreSQL publishes its counts within half a second of a transaction's end.
      await new Promise((r) => setTimeout(r, 1000));
      const after = await transactionCounts(url);
      if (before !== undefined && after !== undefined)
        b.rollbacks = (after - before) / (b.perSecond * seconds);
      results.push({ label: c.label, booking: b, dashboard: d });
    } finally {
      await stopServers(servers);
    }
  }
} finally {
  await cluster.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

const base = results[0];
const fmt = (m: Measured, of: Measured) =>
  `${m.perSecond.toFixed(1).padStart(8)}/s  ×${(m.perSecond / of.perSecond).toFixed(2).padEnd(5)} p50 ${m.p50.toFixed(0).padStart(4)} ms  p95 ${m.p95.toFixed(0).padStart(5)} ms  errors ${m.errors}` +
  (m.rollbacks !== undefined ? `  rollbacks per booking ${m.rollbacks.toFixed(2)}` : "");
console.log(
  `\nScale-out, ${new Date().toISOString()}: ${connections} connections, ${seconds} s per measure, ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)} at the end`,
);
console.log("Ratios (×) are against one SQLite process.\n");
console.log("booking (POST /sessions/open/<id>)");
for (const r of results) console.log(`  ${r.label.padEnd(24)} ${fmt(r.booking, base.booking)}`);
console.log("dashboard (GET /reports, every figure computed)");
for (const r of results) console.log(`  ${r.label.padEnd(24)} ${fmt(r.dashboard, base.dashboard)}`);
