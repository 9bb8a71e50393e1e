import { perProcess } from "~/server/process-state";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { getDb, isPostgres, sqliteFile, type Queryable } from "~/db/db.server";
import { now } from "~/utils/clock.server";

// One worker thread computes dashboard views (app/reports/view-worker.server.ts) when the server
// runs on a SQLite file, so a recomputation never holds the serving thread (issue 16, item 1). It
// loads the TypeScript sources through tsx (a dependency: `npm start` runs the server with it). If it cannot start or a
// view fails there, the caller computes on the serving thread as before; REPORT_WORKER=off turns
// it off. One worker per process (server/process-state.ts).

const WORKER_SOURCE = path.resolve("app/reports/view-worker.server.ts");

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
const g = perProcess(
  "reportViewWorker",
  (): {
    current?: {
      worker: Worker;
      file: string;
      pending: Map<number, Pending>;
      next: number;
    };
  } => ({}),
);

/** The SQLite file a worker can read for `db`, or null where views are computed in-thread. */
function workerFile(db: Queryable): string | null {
  if (process.env.REPORT_WORKER === "off" || isPostgres(db) || db !== getDb()) return null;
  const file = sqliteFile();
  if (!file || file === ":memory:" || !fs.existsSync(WORKER_SOURCE)) return null;
  return file;
}

function worker(file: string) {
  const current = g.current;
  if (current && current.file === file) return current;
  if (current) void current.worker.terminate();
  // A worker does not take `--import tsx` from execArgv on Node 20: a small bootstrap registers
  // tsx's loader in the thread, then imports the worker's source.
  const api = createRequire(path.resolve("package.json"))
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs");
  const bootstrap = `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(WORKER_SOURCE).href)}); });`;
  const w = new Worker(bootstrap, { eval: true, workerData: { file } });
  // An idle worker does not keep the process alive (tests, scripts, shutdown).
  w.unref();
  const state = { worker: w, file, pending: new Map<number, Pending>(), next: 1 };
  const failAll = (error: Error) => {
    for (const p of state.pending.values()) p.reject(error);
    state.pending.clear();
    if (g.current === state) g.current = undefined;
  };
  w.on("message", (m: { id: number; view?: unknown; error?: string }) => {
    const p = state.pending.get(m.id);
    if (!p) return;
    state.pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.view);
  });
  w.on("error", failAll);
  w.on("exit", (code) => failAll(new Error(`the report worker exited (${code})`)));
  g.current = state;
  return state;
}

/** Whether views for `db` are computed in the worker. */
export function viewWorkerAvailable(db: Queryable): boolean {
  return workerFile(db) !== null;
}

/**
 * Runs `computeView(db, ...args)` in the worker; null when views are computed in-thread here.
 * Rejects when the worker fails (the caller then computes in-thread).
 */
export function computeOffThread<A extends unknown[]>(
  db: Queryable,
  args: A,
): Promise<unknown> | null {
  const file = workerFile(db);
  if (!file) return null;
  const state = worker(file);
  const id = state.next++;
  return new Promise((resolve, reject) => {
    state.pending.set(id, { resolve, reject });
    state.worker.ref();
    state.worker.postMessage({ id, nowMs: now().getTime(), args });
  }).finally(() => {
    if (!state.pending.size) state.worker.unref();
  });
}
