// Lantern's production and development server: migrate, start background jobs, serve.
//   npm start        production (NODE_ENV=production), serves build/
//   npm run dev      development, with Vite's dev server and hot reload
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { getDb, closeDb } from "./app/db/db.server";
import { migrateToLatest } from "./app/db/migrate.server";
import { requireSharedSecretKey } from "./app/auth/secrets.server";
import { copyDiskFilesIntoDatabase } from "./app/storage/files.server";
import { startOutboxWorker } from "./app/email/outbox.server";
import { createApp, markShuttingDown } from "./app/server/http.server";
import { startBackgroundJobs } from "./app/server/jobs.server";
import { env } from "./app/utils/env.server";
import { logger } from "./app/utils/log.server";

const dev = process.argv.includes("--dev");

async function main() {
  const config = env();
  requireSharedSecretKey();
  const applied = await migrateToLatest(getDb());
  if (applied.length) logger.info({ applied }, "database migrated");
  // Lesson images an older Lantern kept under DATA_DIR join the database (decision 112).
  await copyDiskFilesIntoDatabase(getDb());

  let app;
  if (dev) {
    const vite = await import("vite").then((v) =>
      v.createServer({ server: { middlewareMode: true } }),
    );
    app = createApp({
      dev: true,
      before: [vite.middlewares],
      build: () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
    });
  } else {
    const buildPath = path.resolve("build/server/index.js");
    const build = (await import(buildPath)) as ServerBuild;
    app = createApp({ build, clientDir: path.resolve("build/client") });
  }

  const stopOutbox = startOutboxWorker(getDb);
  const stopJobs = startBackgroundJobs(getDb);
  const server = app.listen(config.PORT, config.HOST, () => {
    const shown = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
    logger.info(`Lantern is listening on http://${shown}:${config.PORT}`);
    if (!config.SMTP_URL)
      logger.info(
        "No SMTP_URL: emails stay in the outbox; programme leads read them at /admin/outbox",
      );
  });

  // Graceful shutdown (SIGTERM from the service manager or the orchestrator): /readyz answers 503
  // so the load balancer stops sending; the listener closes, so no new connection is taken; idle
  // keep-alive connections are closed and busy ones close once their request is answered; the
  // background jobs finish the round they are in (their leases are released as each item ends);
  // then the database pool is closed. SHUTDOWN_TIMEOUT_MS bounds the whole (default 25 s, under
  // the usual 30 s before a SIGKILL).
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "shutting down");
    markShuttingDown();
    const deadline = setTimeout(
      () => {
        logger.warn("shutdown took too long; exiting with requests or jobs unfinished");
        process.exit(1);
      },
      Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 25_000),
    );
    deadline.unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // A connection that turns idle after its last answer is closed too.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    await Promise.all([closed, stopOutbox(), stopJobs()]);
    clearInterval(idle);
    await closeDb();
    logger.info("shut down");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  const message = error instanceof Error ? error.message : "Lantern could not start";
  logger.fatal({ err: error }, message);
  // Also on stderr, for whoever started it, whatever LOG_LEVEL says.
  process.stderr.write(`Lantern could not start: ${message}\n`);
  process.exit(1);
});
