// The report worker thread (issue 16, item 1): computes dashboard views on its own read-only SQLite
// connection, so the dozen aggregate statements of a recomputed dashboard (about 100 ms of CPU at
// ten times the programme, 800 ms at a hundred) no longer hold the serving thread while /healthz,
// public pages and bookings wait. WAL lets this connection read while the server writes; it sees
// committed data only, as the serving thread's reads do. Started by view-worker-pool.server.ts.
import { perProcess } from "~/server/process-state";
import { parentPort, workerData } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { Kysely } from "kysely";
import type { Database } from "~/db/schema";
import { LanternSqliteDialect } from "~/db/sqlite-driver.server";
import { computeView } from "./page.server";

const reader = new SQLite((workerData as { file: string }).file, { readonly: true });
reader.pragma("busy_timeout = 200");
const db = new Kysely<Database>({ dialect: new LanternSqliteDialect(reader, reader) });
// The serving thread's clock (tests move it), sent with each view: "today" and the default period
// depend on it. The clock's state is this thread's "clock" (app/utils/clock.server.ts).
const clock = perProcess("clock", (): { offsetMs: number; frozen?: number } => ({ offsetMs: 0 }));

parentPort!.on(
  "message",
  async (m: {
    id: number;
    nowMs: number;
    args: Parameters<typeof computeView> extends [unknown, ...infer R] ? R : never;
  }) => {
    try {
      clock.frozen = m.nowMs;
      clock.offsetMs = 0;
      const view = await computeView(db, ...m.args);
      parentPort!.postMessage({ id: m.id, view });
    } catch (error) {
      parentPort!.postMessage({ id: m.id, error: String((error as Error)?.message ?? error) });
    }
  },
);
