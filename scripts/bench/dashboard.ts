// npm run bench:dashboard — builds factor 1 and factor 10 databases (scripts/seed-scale.ts), serves
// the real app (the production build must exist: npm run build) on each, signs in as the demo
// programme lead and times the dashboard's server response over repeated requests, one at a time,
// against the barest route of the same server as the floor: /healthz, one query and no page (the
// home page, ~10x dearer, hid that much of the ratio; it is timed too, as a row of its own).
// Prints median and 95th percentile and the ratio.
// The dashboard's feedback figures read per-session sums of the answers, made on the first read and
// redone for a session whenever its answers change (app/reports/feedback-sums.server.ts): the
// timed requests are warm (no answers change during the run); the first dashboard request after
// the database is built is timed on its own as "cold", while it makes every session's sums.
//   BENCH_PORT (default 3801), BENCH_REQUESTS (default 200), BENCH_FACTORS (default "1,10").
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const port = Number(process.env.BENCH_PORT ?? 3801);
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const factors = (process.env.BENCH_FACTORS ?? "1,10").split(",").map(Number);
const base = `http://127.0.0.1:${port}`;

if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}

function quantile(sorted: number[], q: number) {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

async function waitFor(url: string, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      if (Date.now() > until) throw new Error(`server did not answer at ${url}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function time(pathname: string, cookie: string) {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < requests + 20; i++) {
    const t = performance.now();
    const res = await fetch(base + pathname, { headers: { cookie } });
    const body = await res.arrayBuffer();
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}`);
    bytes = body.byteLength;
    if (i >= 20) samples.push(ms); // the first 20 warm up
  }
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95), bytes };
}

const results: {
  factor: number;
  sessions: number;
  route: string;
  median: number;
  p95: number;
  bytes: number;
}[] = [];
const cold: { factor: number; ms: number }[] = [];
for (const factor of factors) {
  const db = path.join(root, `data/bench-f${factor}.db`);
  const seed = spawnSync(
    "node",
    ["--import", "tsx", "scripts/seed-scale.ts", "--factor", String(factor)],
    { cwd: root, env: { ...process.env, DATABASE_PATH: db }, encoding: "utf8" },
  );
  if (seed.status !== 0) throw new Error(seed.stderr);
  const sessions = Number(/delivery_sessions: (\d+)/.exec(seed.stdout)?.[1] ?? 0);
  const vcseProgramme = /VCSE programme: (\S+)/.exec(seed.stdout)?.[1] ?? "";
  // Twice: with the kept-view memo off, so every request runs every aggregate query (the figure the
  // aim is about), and on, as the server runs, where an unchanged database answers from the view
  // kept at the last read (app/reports/view-cache.server.ts; any write sends it back to the queries).
  for (const mode of ["recomputed", "kept view"] as const) {
    const server: ChildProcess = spawn("node", ["--import", "tsx", "server.ts"], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_PATH: db,
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DEMO_MODE: "true",
        COOKIE_SECURE: "false",
        LOG_LEVEL: "silent",
        RATE_LIMIT_PER_MINUTE: "1000000",
        REPORT_VIEW_CACHE: mode === "recomputed" ? "off" : "on",
      },
      stdio: "ignore",
    });
    try {
      await waitFor(`${base}/sign-in`);
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
      if (mode === "recomputed") {
        const t = performance.now();
        const first = await fetch(`${base}/reports`, { headers: { cookie } });
        await first.arrayBuffer();
        cold.push({ factor, ms: performance.now() - t });
      }
      const routes = [
        ["dashboard: whole programme", "/reports"],
        ["dashboard: one quarter, one district", "/reports?period=q-2026-2&district=E07000148"],
        ["dashboard: VCSE programme (e-learning)", `/reports?programme=${vcseProgramme}`],
      ] as const;
      if (mode === "recomputed") {
        results.push({
          factor,
          sessions,
          route: "floor: /healthz",
          ...(await time("/healthz", cookie)),
        });
        results.push({
          factor,
          sessions,
          route: "home page (layout, session check)",
          ...(await time("/", cookie)),
        });
      }
      for (const [route, pathname] of routes) {
        results.push({
          factor,
          sessions,
          route: mode === "recomputed" ? route : `${route.replace("dashboard: ", "")} (kept view)`,
          ...(await time(pathname, cookie)),
        });
      }
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
  }
}

const floor = (factor: number) =>
  results.find((r) => r.factor === factor && r.route.startsWith("floor"))!;
console.log(
  `\nDashboard server time, ${requests} sequential requests each after 20 warm-up, ${new Date().toISOString()}`,
);
console.log(
  "factor  sessions  route                                   median ms   p95 ms   p95 ÷ floor p95   page KB",
);
for (const r of results) {
  console.log(
    `${String(r.factor).padStart(6)}  ${String(r.sessions).padStart(8)}  ${r.route.padEnd(38)}  ${r.median.toFixed(1).padStart(9)}  ${r.p95.toFixed(1).padStart(7)}  ${(r.p95 / floor(r.factor).p95).toFixed(1).padStart(16)}  ${(r.bytes / 1024).toFixed(0).padStart(8)}`,
  );
}
console.log(
  `\nCold: the first dashboard request after the database was built (it makes every session's feedback sums): ${cold.map((c) => `factor ${c.factor} ${c.ms.toFixed(0)} ms`).join(", ")}.`,
);
console.log(
  "All timed requests above are warm: the sums exist and no answers change during the run.",
);
console.log(
  '"dashboard: …" rows run every aggregate query on every request; "(kept view)" rows are the same pages',
);
console.log(
  "as the server answers them while the database is unchanged (any write anywhere sends them back to the queries).",
);
const top = Math.max(...factors);
const computed = results.filter((r) => r.factor === top && r.route.startsWith("dashboard:"));
const kept = results.filter((r) => r.factor === top && r.route.endsWith("(kept view)"));
const load = (await import("node:os")).loadavg()[0].toFixed(1);
console.log(
  `\nAim: p95 under 50 ms at factor ${top}, every query run: ${computed.every((r) => r.p95 < 50) ? "met" : "not met"}; from a kept view: ${kept.every((r) => r.p95 < 50) ? "met" : "not met"} (load average ${load}).`,
);
