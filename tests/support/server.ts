import crypto from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import http, { type Server } from "node:http";
import { startPostgresCluster, type PostgresCluster } from "./postgres";

// A real Lantern server for a test file: the production build behind the real Express app, on a
// random port, over a fresh migrated SQLite file in a temporary folder. Nothing is mocked.
// LANTERN_TEST_DATABASE=postgres (the integration-pg project) puts it on a fresh database in a
// throwaway PostgreSQL cluster instead (tests/support/postgres.ts), torn down with the server.

export interface TestServer {
  url: string;
  dir: string;
  /** The SQLite file; on PostgreSQL, unused. */
  dbPath: string;
  /** The PostgreSQL database, when the test runs on PostgreSQL. */
  databaseUrl?: string;
  close(): Promise<void>;
}

/** One key for every server this test process starts, as an installation gives all its servers. */
export const TEST_SECRET_KEY = crypto.randomBytes(32).toString("base64");

/** Whether this test run puts its servers on PostgreSQL (the integration-pg project). */

export function testsUsePostgres(): boolean {
  return process.env.LANTERN_TEST_DATABASE === "postgres";
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-test-"));
  const dbPath = path.join(dir, "test.db");
  // Listen first: the port is part of PUBLIC_URL, which production requires and which is the only
  // host Lantern answers (issue 11, finding 3).
  const server: Server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  let cluster: PostgresCluster | undefined;
  let databaseUrl: string | undefined;
  if (testsUsePostgres() && !("DATABASE_URL" in env)) {
    cluster = await startPostgresCluster();
    databaseUrl = await cluster.createDatabase();
  }
  Object.assign(process.env, {
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    NODE_ENV: "production",
    DATABASE_PATH: dbPath,
    DATA_DIR: dir,
    DEMO_MODE: "true",
    COOKIE_SECURE: "false",
    // Files sharing one process (the e2e project) must not inherit another file's choice.
    REQUIRE_TWO_FACTOR: "",
    LOG_LEVEL: "silent",
    RATE_LIMIT_PER_MINUTE: "100000",
    DATABASE_URL: databaseUrl ?? "",
    // On PostgreSQL the key must come from the environment (decision 112); on SQLite the key file
    // in DATA_DIR is what an installation uses, so it is left to that.
    SECRET_KEY: databaseUrl ? TEST_SECRET_KEY : "",
    ...env,
  });
  const { resetEnvForTests } = await import("~/utils/env.server");
  resetEnvForTests();
  const { getDb, isPostgres } = await import("~/db/db.server");
  const { migrateToLatest } = await import("~/db/migrate.server");
  await migrateToLatest(getDb());
  // The integration-pg project must never pass by quietly running on SQLite.
  if (isPostgres(getDb()) !== Boolean(process.env.DATABASE_URL))
    throw new Error("the test server is not on the database it was given");
  const { createApp } = await import("~/server/http.server");
  const build = (await import(
    /* @vite-ignore */ path.resolve("build/server/index.js")
  )) as ServerBuild;
  const app = createApp({ build, clientDir: path.resolve("build/client") });
  server.on("request", app);
  // The server shares this process with the test, whose synchronous SQLite work (a demo seed) can
  // hold the event loop for seconds: with Node's 5-second keep-alive, the server's idle timer then
  // fires just as the next request reuses the socket, and fetch fails with ECONNRESET.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    dbPath,
    databaseUrl,
    async close() {
      // Idle keep-alive sockets are held open for two minutes (above): end them, or close waits.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      const { closeDb } = await import("~/db/db.server");
      await closeDb();
      await cluster?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser-like client: keeps cookies, sends the Origin header on posts, does not follow redirects. */
export class Client {
  cookies = new Map<string, string>();
  constructor(
    public base: string,
    public origin = base,
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()),
      );
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(pathname: string, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + pathname, {
      redirect: "manual",
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.store(res);
    return res;
  }

  async post(
    pathname: string,
    form: Record<string, string | string[]> | URLSearchParams,
    headers: Record<string, string> = {},
  ) {
    const body = form instanceof URLSearchParams ? form : toParams(form);
    const res = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body,
      headers: {
        cookie: this.cookieHeader(),
        origin: this.origin,
        "content-type": "application/x-www-form-urlencoded",
        ...headers,
      },
    });
    this.store(res);
    return res;
  }

  /** A multipart/form-data post (file uploads); fetch sets the boundary. */
  async postMultipart(pathname: string, form: FormData, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { cookie: this.cookieHeader(), origin: this.origin, ...headers },
    });
    this.store(res);
    return res;
  }

  async signIn(email: string, password: string) {
    const res = await this.post("/sign-in", { email, password });
    if (res.status !== 302)
      throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`);
    return res;
  }
}

export function toParams(form: Record<string, string | string[]>) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) {
    if (Array.isArray(v)) for (const x of v) p.append(k, x);
    else p.append(k, v);
  }
  return p;
}

/** The text of a page without tags, for plain assertions on what a person would read. */
export function textOf(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ");
}

/**
 * A connection of its own to the test server's database, as another process (a retention run, a
 * sqlite3 or psql shell) would have. Statements use `?` placeholders on both databases.
 */
export async function outsideConnection(server: TestServer) {
  if (server.databaseUrl) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    return {
      async all(text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
        let n = 0;
        return (
          await client.query(
            text.replace(/\?/g, () => `$${++n}`),
            params,
          )
        ).rows;
      },
      /** Every table's name. */
      async tables(): Promise<string[]> {
        const rows = (
          await client.query(
            "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
          )
        ).rows;
        return rows.map((r) => r.table_name as string);
      },
      close: () => client.end(),
    };
  }
  const { openSqlite } = await import("~/db/db.server");
  const sqlite = openSqlite(server.dbPath);
  return {
    async all(text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
      const stmt = sqlite.prepare(text);
      if (stmt.reader) return stmt.all(params) as Record<string, unknown>[];
      stmt.run(params);
      return [];
    },
    async tables(): Promise<string[]> {
      const rows = sqlite
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
        .all() as { name: string }[];
      return rows.map((r) => r.name);
    },
    close: async () => void sqlite.close(),
  };
}
