// npm run bench:stall — does anything stall the server? At factor 100 (BENCH_FACTOR), with the
// kept views off so every dashboard load runs every aggregate query, 10 clients load the
// whole-programme dashboard over and over; meanwhile another process holds SQLite's write lock for
// 7 s (as `npm run retention`, a backup or a sqlite3 shell would) and members of the public book
// places. Probes /healthz and the public open-sessions page every 100 ms throughout and prints
// their p50, p95 and worst time, the dashboards served, and every booking's answer. Aim (issue 16):
// probes p95 under 100 ms and no booking fails. The machine is shared: the load average is printed.
//   BENCH_PORT (default 3852), BENCH_FACTOR (default 100), BENCH_LOCK_MS (default 7000).
import Database from "better-sqlite3";
import {
  fmt,
  holdWriteLock,
  loadAverage,
  quantile,
  requireBuild,
  scaleDatabase,
  signIn,
  startServer,
  timed,
} from "./lib";

requireBuild();
const port = Number(process.env.BENCH_PORT ?? 3852);
const factor = Number(process.env.BENCH_FACTOR ?? 100);
const lockMs = Number(process.env.BENCH_LOCK_MS ?? 7000);
const { file, sessions } = scaleDatabase(factor);

const reader = new Database(file, { readonly: true });
const open = reader
  .prepare(
    "select id from delivery_sessions where is_open = 1 and status = 'scheduled' and starts_at > ? order by starts_at limit 10",
  )
  .all(new Date().toISOString()) as { id: string }[];
reader.close();
if (!open.length) throw new Error("no open sessions to book in the scale database");

const server = await startServer(file, port, { REPORT_VIEW_CACHE: "off" });
try {
  const cookie = await signIn(server.base, "lead@example.org");
  // Warm the feedback sums (made on the first read) so the run measures steady load.
  await timed(`${server.base}/reports`, { headers: { cookie } });

  const quiet: number[] = [];
  for (let i = 0; i < 30; i++) quiet.push((await timed(`${server.base}/healthz`)).ms);

  let running = true;
  const dashboards: number[] = [];
  const clients = Array.from({ length: 10 }, async () => {
    while (running)
      dashboards.push((await timed(`${server.base}/reports`, { headers: { cookie } })).ms);
  });

  const probes: Record<"/healthz" | "/sessions/open", number[]> = {
    "/healthz": [],
    "/sessions/open": [],
  };
  const probeErrors: string[] = [];
  let probing = true;
  const prober = (async () => {
    let i = 0;
    while (probing) {
      const pathname = i++ % 2 ? "/sessions/open" : "/healthz";
      const started = performance.now();
      try {
        probes[pathname].push((await timed(server.base + pathname)).ms);
      } catch (e) {
        probeErrors.push(`${pathname}: ${(e as Error).message}`);
      }
      const wait = 100 - (performance.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();

  await new Promise((r) => setTimeout(r, 1000));
  const cpu0 = server.cpuMs();
  const lock = holdWriteLock(file, lockMs);
  await lock.locked;
  const lockedAt = performance.now();
  const bookings: Promise<{ n: number; status: number | string; ms: number }>[] = [];
  for (let n = 0; n < 10; n++) {
    const sessionId = open[n % open.length].id;
    bookings.push(
      (async () => {
        const t = performance.now();
        try {
          const res = await fetch(`${server.base}/sessions/open/${sessionId}`, {
            method: "POST",
            redirect: "manual",
            headers: {
              origin: server.base,
              "content-type": "application/x-www-form-urlencoded",
              "x-forwarded-for": `198.51.100.${n + 1}`,
            },
            body: new URLSearchParams({
              name: `Stall Parent ${n + 1}`,
              email: `stall-${Date.now()}-${n}@example.org`,
            }).toString(),
          });
          await res.arrayBuffer();
          return { n, status: res.status, ms: performance.now() - t };
        } catch (e) {
          return { n, status: (e as Error).message, ms: performance.now() - t };
        }
      })(),
    );
    await new Promise((r) => setTimeout(r, lockMs / 12));
  }
  await lock.released;
  const heldMs = performance.now() - lockedAt;
  const answers = await Promise.all(bookings);
  await new Promise((r) => setTimeout(r, 1000));
  probing = false;
  running = false;
  await Promise.all([prober, ...clients]);
  const cpu = server.cpuMs() - cpu0;

  console.log(
    `\nbench:stall at factor ${factor} (${sessions} sessions), ${new Date().toISOString()}, load average ${loadAverage()} (a shared 2-core machine)`,
  );
  console.log(
    `/healthz alone beforehand: p50 ${fmt(quantile(quiet, 0.5))} ms, p95 ${fmt(quantile(quiet, 0.95))} ms`,
  );
  console.log(
    `Another process held the write lock ${fmt(heldMs / 1000, 1)} s while 10 clients loaded the recomputed dashboard (${dashboards.length} served, p50 ${fmt(quantile(dashboards, 0.5), 0)} ms, p95 ${fmt(quantile(dashboards, 0.95), 0)} ms; server CPU ${fmt(cpu / 1000, 1)} s over the lock)`,
  );
  console.log("probe             count   p50 ms   p95 ms   max ms");
  for (const [pathname, times] of Object.entries(probes))
    console.log(
      `${pathname.padEnd(16)}  ${String(times.length).padStart(5)}  ${fmt(quantile(times, 0.5)).padStart(7)}  ${fmt(quantile(times, 0.95)).padStart(7)}  ${fmt(Math.max(...times)).padStart(7)}`,
    );
  if (probeErrors.length) console.log(`probe errors: ${probeErrors.join("; ")}`);
  const failed = answers.filter((a) => a.status !== 302 && a.status !== 303);
  console.log(
    `Bookings sent during the lock: ${answers.length}; answered ${answers.map((a) => `${a.status} in ${fmt(a.ms / 1000, 1)} s`).join(", ")}`,
  );
  const p95s = Object.values(probes).map((t) => quantile(t, 0.95));
  console.log(
    `Aim: probes p95 under 100 ms — ${p95s.every((p) => p < 100) ? "met" : "not met"}; no booking fails — ${failed.length ? `not met (${failed.length} failed)` : "met"}.`,
  );
} finally {
  await server.stop();
}
