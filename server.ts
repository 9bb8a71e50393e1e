// Lantern's production and development server: migrate, start background jobs, serve.
//   npm start        production (NODE_ENV=production), serves build/
//   npm run dev      development, with Vite's dev server and hot reload
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { getDb, closeDb } from "./app/db/db.server";
import { migrateToLatest } from "./app/db/migrate.server";
import { startOutboxWorker } from "./app/email/outbox.server";
import { createApp } from "./app/server/http.server";
import { startBackgroundJobs } from "./app/server/jobs.server";
import { env } from "./app/utils/env.server";
import { logger } from "./app/utils/log.server";

const dev = process.argv.includes("--dev");

async function main() {
  const config = env();
  const applied = await migrateToLatest(getDb());
  if (applied.length) logger.info({ applied }, "database migrated");

  let app;
  if (dev) {
    const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
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
    if (!config.SMTP_URL) logger.info("No SMTP_URL: emails stay in the outbox; programme leads read them at /admin/outbox");
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    stopOutbox();
    stopJobs();
    server.close(async () => {
      await closeDb();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  logger.fatal({ err: error }, error instanceof Error ? error.message : "Lantern could not start");
  process.exit(1);
});
