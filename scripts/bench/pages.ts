// npm run bench:pages — what each everyday page costs the server at factor 10 and 100
// (BENCH_FACTORS): server CPU per request (from /proc, over BENCH_REQUESTS requests one at a time)
// and p50/p95 with 10 connections at once, each beside /healthz measured the same way in the same
// run. Pages: the public open-sessions list, a booking page, a trainer's schedule, the scheduling
// queue, the lead's sessions, an e-learning module. Aim (issue 16): none over 15 ms of CPU at
// factor 100. The machine is shared: the load average is printed with the figures.
//   BENCH_PORT (default 3853), BENCH_FACTORS (default "10,100"), BENCH_REQUESTS (default 100).
import Database from "better-sqlite3";
import {
  fmt,
  load,
  loadAverage,
  quantile,
  requireBuild,
  scaleDatabase,
  signIn,
  startServer,
} from "./lib";

requireBuild();
const port = Number(process.env.BENCH_PORT ?? 3853);
const factors = (process.env.BENCH_FACTORS ?? "10,100").split(",").map(Number);
const requests = Number(process.env.BENCH_REQUESTS ?? 100);

const rows: string[] = [];
for (const factor of factors) {
  const { file, sessions } = scaleDatabase(factor);
  const reader = new Database(file, { readonly: true });
  const openSession = reader
    .prepare(
      "select id from delivery_sessions where is_open = 1 and status = 'scheduled' and starts_at > ? order by starts_at limit 1",
    )
    .get(new Date().toISOString()) as { id: string };
  const module = reader
    .prepare("select id from learning_modules order by created_at, id limit 1")
    .get() as {
    id: string;
  };
  reader.close();

  const server = await startServer(file, port);
  try {
    const lead = await signIn(server.base, "lead@example.org", "192.0.2.11");
    const trainer = await signIn(server.base, "trainer@example.org", "192.0.2.12");
    const learner = await signIn(server.base, "learner@example.org", "192.0.2.13");
    const pages: [string, string, string][] = [
      ["floor: /healthz", "/healthz", ""],
      ["public open-sessions list", "/sessions/open", ""],
      ["booking page", `/sessions/open/${openSession.id}`, ""],
      ["trainer's schedule", "/sessions", trainer],
      ["scheduling queue (lead)", "/schedule", lead],
      ["lead's sessions", "/sessions", lead],
      ["e-learning module (learner)", `/learning/modules/${module.id}`, learner],
    ];
    let floor = { cpu: 0, p95: 0 };
    for (const [label, pathname, cookie] of pages) {
      // Warm up, then CPU one at a time (the server does nothing else), then 10 at once.
      await load(server, pathname, cookie, 10, 1);
      const one = await load(server, pathname, cookie, requests, 1);
      const ten = await load(server, pathname, cookie, requests, 10);
      if (label.startsWith("floor"))
        floor = { cpu: one.cpuPerRequest, p95: quantile(ten.times, 0.95) };
      const p95 = quantile(ten.times, 0.95);
      rows.push(
        `${String(factor).padStart(6)}  ${String(sessions).padStart(8)}  ${label.padEnd(28)}  ${fmt(one.cpuPerRequest).padStart(7)}  ${fmt(one.cpuPerRequest / Math.max(floor.cpu, 0.01)).padStart(7)}  ${fmt(quantile(ten.times, 0.5)).padStart(8)}  ${fmt(p95).padStart(8)}  ${fmt(p95 / floor.p95).padStart(9)}  ${fmt(one.bytes / 1024, 0).padStart(7)}`,
      );
    }
  } finally {
    await server.stop();
  }
}

console.log(
  `\nbench:pages, ${requests} requests per page one at a time (CPU) and ${requests} with 10 connections (times), ${new Date().toISOString()}, load average ${loadAverage()} (a shared 2-core machine)`,
);
console.log(
  "factor  sessions  page                          CPU ms  ÷ floor  p50 ms@10  p95 ms@10  p95÷floor  page KB",
);
for (const r of rows) console.log(r);
console.log(
  "CPU ms: the server process's user+system time per request. Times include the client on the same machine.",
);
