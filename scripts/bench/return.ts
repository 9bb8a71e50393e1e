// npm run bench:return [database file] — the quarterly monitoring return's page and CSV (issue 16),
// served by the real app (npm run build first), signed in as the demo programme lead, one request
// at a time, on the given scale database or the factor BENCH_FACTOR's (default 100, seed:scale).
// Three servers:
// - "recomputed, in-thread": kept views and report threads off, so every request computes the
//   return on the serving thread — how it was before it was kept;
// - "recomputed, report thread": kept views off, report threads on — what a load after a write
//   costs, and how much of it the serving thread still does;
// - "kept": kept views on and nothing changing.
// Prints median and p95, the server's CPU per request (all threads) and the serving thread's
// (from /proc; a report thread's time is not the serving thread's). The machine is shared: the
// load average is printed. BENCH_PORT (default 3852), BENCH_REQUESTS (default 20).
import fs from "node:fs";
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
const port = Number(process.env.BENCH_PORT ?? 3852);
const requests = Number(process.env.BENCH_REQUESTS ?? 20);
const file = process.argv[2] ?? scaleDatabase(Number(process.env.BENCH_FACTOR ?? 100)).file;

/** CPU of the process's main (serving) thread so far, in milliseconds. */
function servingThreadMs(pid: number) {
  const stat = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const modes = [
  ["recomputed, in-thread", { REPORT_VIEW_CACHE: "off", REPORT_WORKER: "off" }],
  ["recomputed, report thread", { REPORT_VIEW_CACHE: "off" }],
  ["kept", { REPORT_VIEW_CACHE: "on" }],
] as const;
const rows: string[] = [];
console.log(`load average before: ${loadAverage()}`);
for (const [mode, env] of modes) {
  const server = await startServer(file, port, env);
  try {
    const cookie = await signIn(server.base, "lead@example.org", "192.0.2.21");
    for (const pathname of ["/reports/return", "/reports/return/csv"]) {
      await load(server, pathname, cookie, 3, 1);
      const serving0 = servingThreadMs(server.pid);
      const r = await load(server, pathname, cookie, requests, 1);
      const serving = (servingThreadMs(server.pid) - serving0) / requests;
      rows.push(
        [
          mode.padEnd(26),
          pathname.padEnd(20),
          fmt(quantile(r.times, 0.5)).padStart(7),
          fmt(quantile(r.times, 0.95)).padStart(7),
          fmt(r.cpuPerRequest).padStart(9),
          fmt(serving).padStart(11),
        ].join(" "),
      );
    }
  } finally {
    await server.stop();
  }
}
console.log(`${file}, ${requests} requests each, one at a time (ms)`);
console.log(
  `${"".padEnd(26)} ${"".padEnd(20)} ${"median".padStart(7)} ${"p95".padStart(7)} ${"CPU/req".padStart(9)} ${"serving/req".padStart(11)}`,
);
console.log(rows.join("\n"));
console.log(`load average after: ${loadAverage()}`);
