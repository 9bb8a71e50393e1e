// What the benchmarks share: a scale database built once per factor (scripts/seed-scale.ts), the
// real server (server.ts, the production build) on it as a child process, signing in, timing
// requests one at a time or several at once, and the server's CPU time read from /proc, so a
// figure is the server's work and not the client's waiting. Nothing here is a test: it measures
// and prints.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
export const DEMO_PASSWORD = "lantern-demo-2026";

export function requireBuild() {
  if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
    console.error("No production build: run `npm run build` first.");
    process.exit(1);
  }
}

export function quantile(values: number[], q: number) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

export function loadAverage() {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");
}

/**
 * The scale database for `factor`, built by seed:scale unless it is already there (BENCH_RESEED=1
 * builds it again). Returns its path and the seed's output (ids and counts).
 */
export function scaleDatabase(factor: number): { file: string; sessions: number } {
  const file = path.join(root, `data/bench-f${factor}.db`);
  const stamp = `${file}.seeded`;
  if (process.env.BENCH_RESEED || !fs.existsSync(stamp) || !fs.existsSync(file)) {
    const t = performance.now();
    const seed = spawnSync(
      "node",
      ["--import", "tsx", "scripts/seed-scale.ts", "--factor", String(factor)],
      { cwd: root, env: { ...process.env, DATABASE_PATH: file }, encoding: "utf8" },
    );
    if (seed.status !== 0) throw new Error(seed.stderr);
    fs.writeFileSync(stamp, seed.stdout);
    console.log(
      `(built factor ${factor} in ${((performance.now() - t) / 1000).toFixed(1)} s, migrations included)`,
    );
  }
  const out = fs.readFileSync(stamp, "utf8");
  return { file, sessions: Number(/delivery_sessions: (\d+)/.exec(out)?.[1] ?? 0) };
}

export interface BenchServer {
  base: string;
  pid: number;
  child: ChildProcess;
  /** User + system CPU the server process has used so far, in milliseconds. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export async function startServer(
  file: string,
  port: number,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const base = `http://127.0.0.1:${port}`;
  // Another server on the port would answer in this one's place (and be measured).
  const inUse = await fetch(`${base}/healthz`).then(
    () => true,
    () => false,
  );
  if (inUse) throw new Error(`port ${port} is in use: set BENCH_PORT`);
  const child = spawn("node", ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_PATH: file,
      DATABASE_URL: "",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: base,
      DEMO_MODE: "true",
      COOKIE_SECURE: "false",
      LOG_LEVEL: "silent",
      RATE_LIMIT_PER_MINUTE: "1000000",
      TRUST_PROXY: "1",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/healthz`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until || child.exitCode !== null) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  const ticks = 100; // USER_HZ on Linux
  return {
    base,
    pid: child.pid!,
    child,
    cpuMs() {
      const stat = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

/** Signs in and returns the cookie header, or throws. */
export async function signIn(base: string, email: string, ip = "192.0.2.10"): Promise<string> {
  const res = await fetch(`${base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: {
      origin: base,
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": ip,
    },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }).toString(),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${email} answered ${res.status}`);
  return cookie;
}

/** One request, timed; throws unless it answers `expect` (200 by default). */
export async function timed(
  url: string,
  init: RequestInit = {},
  expect = 200,
): Promise<{ ms: number; bytes: number; status: number }> {
  const t = performance.now();
  const res = await fetch(url, { redirect: "manual", ...init });
  const body = await res.arrayBuffer();
  const ms = performance.now() - t;
  if (res.status !== expect) throw new Error(`${url} answered ${res.status}`);
  return { ms, bytes: body.byteLength, status: res.status };
}

/**
 * `count` requests for `pathname`, `connections` at a time. Returns each one's time and the server
 * CPU they cost, per request.
 */
export async function load(
  server: BenchServer,
  pathname: string,
  cookie: string,
  count: number,
  connections: number,
): Promise<{ times: number[]; cpuPerRequest: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  let next = 0;
  const cpu0 = server.cpuMs();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < count) {
        next += 1;
        const r = await timed(server.base + pathname, { headers: { cookie } });
        times.push(r.ms);
        bytes = r.bytes;
      }
    }),
  );
  return { times, cpuPerRequest: (server.cpuMs() - cpu0) / count, bytes };
}

/** Another process holding SQLite's write lock for `ms` (as a retention run or a shell would). */
export function holdWriteLock(
  file: string,
  ms: number,
): { locked: Promise<void>; released: Promise<void> } {
  const sqlitePath = createRequire(path.join(root, "package.json")).resolve("better-sqlite3");
  const script = `
    const Database = require(${JSON.stringify(sqlitePath)});
    const db = new Database(${JSON.stringify(file)});
    db.exec("BEGIN IMMEDIATE");
    db.exec("CREATE TABLE IF NOT EXISTS outside_writer (n INTEGER)");
    process.stdout.write("locked\\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    db.exec("COMMIT");
    process.stdout.write("released\\n");
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  const seen = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (output.includes(word)) resolve();
      };
      child.stdout!.on("data", (d: Buffer) => {
        output += d.toString();
        check();
      });
      child.once("exit", () => (output.includes(word) ? resolve() : reject(new Error(word))));
    });
  return { locked: seen("locked"), released: seen("released") };
}

export function fmt(n: number, digits = 1) {
  return Number.isFinite(n) ? n.toFixed(digits) : "–";
}
