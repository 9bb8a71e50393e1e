import { perProcess } from "~/server/process-state";
import fs from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { getDb, isPostgres, sqliteFile, type Queryable } from "~/db/db.server";
import { now } from "~/utils/clock.server";

// Report worker threads compute dashboard views (app/reports/view-worker.server.ts) when the server
// runs on a SQLite file, so a recomputation never holds the serving thread (issue 16, item 1). A
// view is computed in two halves at once, on two threads where the machine has two cores
// (REPORT_WORKERS; page.server.ts). They load the TypeScript sources through tsx (a dependency:
// `npm start` runs the server with it). If a worker cannot start or a view fails there, the caller
// computes on the serving thread as before; REPORT_WORKER=off turns them off. One set of workers
// per process (server/process-state.ts).

const WORKER_SOURCE = path.resolve("app/reports/view-worker.server.ts");

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type ReportWorker = { worker: Worker; pending: Map<number, Pending> };
/**
 * What a worker computes: a half of a dashboard view (page.server.ts), or the quarterly monitoring
 * return (return-view.server.ts).
 */
export type ViewPart = "figures" | "outcomes" | "return";

// How many of each part the workers have answered (tests read it through the real server, whose
// bundle has its own copy of this module).
const answered = perProcess("reportViewsOffThread", (): Partial<Record<ViewPart, number>> => ({}));

/** How many computations of `part` report threads have answered in this process. */
export function viewsComputedOffThread(part: ViewPart): number {
  return answered[part] ?? 0;
}

const g = perProcess(
  "reportViewWorker",
  (): {
    current?: {
      workers: ReportWorker[];
      file: string;
      next: number;
    };
  } => ({}),
);

/**
 * How many report threads: REPORT_WORKERS, or one per core up to two (a view has two halves).
 * Recomputations are rare (kept views serve the rest), so the serving thread shares the cores.
 */
export function reportWorkers(): number {
  const configured = Math.floor(Number(process.env.REPORT_WORKERS));
  if (configured > 0) return configured;
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

/** The SQLite file a worker can read for `db`, or null where views are computed in-thread. */
function workerFile(db: Queryable): string | null {
  if (process.env.REPORT_WORKER === "off" || isPostgres(db) || db !== getDb()) return null;
  const file = sqliteFile();
  if (!file || file === ":memory:" || !fs.existsSync(WORKER_SOURCE)) return null;
  return file;
}

function startWorker(file: string, onFailure: (error: Error) => void): ReportWorker {
  // A worker does not take `--import tsx` from execArgv on Node 20: a small bootstrap registers
  // tsx's loader in the thread, then imports the worker's source.
  const api = createRequire(path.resolve("package.json"))
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs");
  const bootstrap = `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(WORKER_SOURCE).href)}); });`;
  const w = new Worker(bootstrap, { eval: true, workerData: { file } });
  // An idle worker does not keep the process alive (tests, scripts, shutdown).
  w.unref();
  const state: ReportWorker = { worker: w, pending: new Map() };
  w.on("message", (m: { id: number; view?: unknown; error?: string }) => {
    const p = state.pending.get(m.id);
    if (!p) return;
    state.pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.view);
  });
  w.on("error", onFailure);
  w.on("exit", (code) => onFailure(new Error(`a report worker exited (${code})`)));
  return state;
}

function workers(file: string) {
  const current = g.current;
  if (current && current.file === file) return current;
  if (current) for (const w of current.workers) void w.worker.terminate();
  const state = { workers: [] as ReportWorker[], file, next: 1 };
  // One worker failing ends the set: what any of them had in hand is computed in-thread by its
  // callers, and the next view starts a new set.
  const failAll = (error: Error) => {
    if (g.current === state) g.current = undefined;
    for (const w of state.workers) {
      for (const p of w.pending.values()) p.reject(error);
      w.pending.clear();
      void w.worker.terminate();
    }
  };
  for (let i = 0; i < reportWorkers(); i++) state.workers.push(startWorker(file, failAll));
  g.current = state;
  return state;
}

/** Whether views for `db` are computed in the workers. */
export function viewWorkerAvailable(db: Queryable): boolean {
  return workerFile(db) !== null;
}

/**
 * Computes a half of a view (`computeFigures` or `computeOutcomes` in page.server.ts), or the
 * monitoring return (`getReturn`), on the least busy worker; null when views are computed in-thread here. Rejects when the worker fails (the
 * caller then computes in-thread).
 */
export function computeOffThread<A extends unknown[]>(
  db: Queryable,
  part: ViewPart,
  args: A,
): Promise<unknown> | null {
  const file = workerFile(db);
  if (!file) return null;
  const state = workers(file);
  const chosen = state.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  const id = state.next++;
  return new Promise((resolve, reject) => {
    chosen.pending.set(id, { resolve, reject });
    chosen.worker.ref();
    chosen.worker.postMessage({ id, nowMs: now().getTime(), part, args });
  })
    .then((view) => {
      answered[part] = (answered[part] ?? 0) + 1;
      return view;
    })
    .finally(() => {
      if (!chosen.pending.size) chosen.worker.unref();
    });
}
