import { perProcess } from "~/server/process-state";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { RenderTask } from "./render-tasks.server";

// One small pool of worker threads renders every PDF, so a render never blocks the thread that
// answers requests. Workers start on first use and stay (a thread's first render pays ~0.3–1 s to
// load react-pdf and parse the font; later ones take a few milliseconds).

const g = perProcess("pdfPool", (): { pool?: Piscina } => ({}));

/** The project root: the nearest folder above this module with a package.json. This module runs
 *  from app/pdf (tsx, vitest, dev) or bundled into build/server/index.js — both two levels down. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (
      fs.existsSync(path.join(dir, "package.json")) &&
      fs.existsSync(path.join(dir, "app", "pdf", "render-worker.mjs"))
    )
      return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export function renderThreads(): number {
  const configured = Number(process.env.PDF_RENDER_THREADS);
  if (configured > 0) return configured;
  // Leave a core for answering requests.
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

export function getPdfPool(): Piscina {
  if (!g.pool) {
    const threads = renderThreads();
    g.pool = new Piscina({
      filename: path.join(projectRoot(), "app", "pdf", "render-worker.mjs"),
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
      // Rendering is CPU-bound: one task per thread at a time.
      concurrentTasksPerWorker: 1,
    });
  }
  return g.pool;
}

/** Renders off the request thread; resolves with the PDF's bytes. */
export async function renderPdf(task: RenderTask): Promise<Uint8Array> {
  const result = (await getPdfPool().run(task)) as Uint8Array;
  return result instanceof Uint8Array ? result : new Uint8Array(result);
}

export async function closePdfPool() {
  const pool = g.pool;
  g.pool = undefined;
  if (pool) await pool.destroy();
}
