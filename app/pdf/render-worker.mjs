// The PDF render worker: a plain ES module so a worker thread can load it as it is, in every way
// Lantern runs (`tsx server.ts` over the production build, `npm run dev`, vitest, the benchmark).
// It loads the TypeScript/TSX render tasks through tsx's own API (tsx is a production dependency:
// `npm start` runs on it), once per thread. See docs/decisions/ on the certificate render pool.
import { tsImport } from "tsx/esm/api";

const tasks = tsImport("./render-tasks.server.ts", import.meta.url);

/** Piscina calls this with { kind, data }; it answers with the PDF's bytes. */
export default async function render(task) {
  const { runRenderTask } = await tasks;
  return runRenderTask(task);
}
