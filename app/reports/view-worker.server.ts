// A report worker thread (issue 16, item 1): computes a half of a dashboard view, or the quarterly
// monitoring return, on its own read-only SQLite connection, so the dozen aggregate statements of a recomputed dashboard (about 100 ms of CPU at
// ten times the programme, 800 ms at a hundred) no longer hold the serving thread while /healthz,
// public pages and bookings wait. WAL lets this connection read while the server writes; it sees
// committed data only, as the serving thread's reads do. Started by view-worker-pool.server.ts.
import fs from "node:fs";
import os from "node:os";
import { perProcess } from "~/server/process-state";
import { parentPort, workerData } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { Kysely } from "kysely";
import type { Database } from "~/db/schema";
import { LanternSqliteDialect } from "~/db/sqlite-driver.server";
import { computeFigures, computeOutcomes } from "./page.server";
import { getReturn } from "./return.server";
import type { ViewPart } from "./view-worker-pool.server";

/** Lower than the serving thread's 0 (19 is the lowest priority). */
const REPORT_THREAD_NICENESS = 10;

// A report thread gives way to the serving thread when both want a core: with two of them on a
// two-core machine and ten leads recomputing views, pages and /healthz waited for the cores
// (bench:stall's public list at p95 127 ms, against 66 ms with one). On Linux a thread has its
// own nice value, set through its thread id; alone on an idle machine it runs at full speed.
try {
  const threadId = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
  if (threadId > 0) os.setPriority(threadId, REPORT_THREAD_NICENESS);
} catch {
  // Not Linux, or not allowed: the thread keeps the process's priority.
}

const reader = new SQLite((workerData as { file: string }).file, { readonly: true });
reader.pragma("busy_timeout = 200");
const db = new Kysely<Database>({ dialect: new LanternSqliteDialect(reader, reader) });
// The serving thread's clock (tests move it), sent with each view: "today" and the default period
// depend on it. The clock's state is this thread's "clock" (app/utils/clock.server.ts).
const clock = perProcess("clock", (): { offsetMs: number; frozen?: number } => ({ offsetMs: 0 }));

parentPort!.on(
  "message",
  async (
    m: { id: number; nowMs: number } & (
      | {
          part: Extract<ViewPart, "figures">;
          args: Parameters<typeof computeFigures> extends [unknown, ...infer R] ? R : never;
        }
      | {
          part: Extract<ViewPart, "outcomes">;
          args: Parameters<typeof computeOutcomes> extends [unknown, ...infer R] ? R : never;
        }
      | {
          part: Extract<ViewPart, "return">;
          args: Parameters<typeof getReturn> extends [unknown, ...infer R] ? R : never;
        }
    ),
  ) => {
    try {
      clock.frozen = m.nowMs;
      clock.offsetMs = 0;
      const view =
        m.part === "figures"
          ? await computeFigures(db, ...m.args)
          : m.part === "outcomes"
            ? await computeOutcomes(db, ...m.args)
            : await getReturn(db, ...m.args);
      parentPort!.postMessage({ id: m.id, view });
    } catch (error) {
      parentPort!.postMessage({ id: m.id, error: String((error as Error)?.message ?? error) });
    }
  },
);
