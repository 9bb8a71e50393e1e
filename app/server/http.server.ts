import { perProcess } from "./process-state";
import crypto from "node:crypto";
import path from "node:path";
import {
  createRequestHandler,
  type ServerBuild,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import compression from "compression";
import expressStaticGzip from "express-static-gzip";
import express, { type NextFunction, type Request, type Response } from "express";
import rateLimit from "express-rate-limit";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { sql } from "kysely";
import { getDb, usesPostgres } from "~/db/db.server";
import { pendingMigrations } from "~/db/migrate.server";
import { cookiesAreSecure, env, isProduction } from "~/utils/env.server";
import { logger } from "~/utils/log.server";
import { publicOrigin } from "~/utils/url.server";
import { DatabaseRateLimitStore } from "./rate-limit-store.server";
import { readBodyWithinLimits } from "./request-body.server";

// The Express application: headers, compression, static files, rate limits, the Origin check and
// the Remix handler, in one place. server.ts starts it; tests mount it on a random port.

export interface AppOptions {
  /** The Remix server build, or a function that loads it per request (Vite dev server). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Extra Express middleware before Remix (Vite's dev middleware). */
  before?: express.RequestHandler[];
  dev?: boolean;
  /** Where the built client assets are (build/client). */
  clientDir?: string;
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Only Lantern's own origin; never one built from the request's Host (issue 11, finding 3). */
export function expectedOrigins(): string[] {
  return [publicOrigin()];
}

// Pages whose every view is audited, or that show or export personal data in bulk.
const SENSITIVE_READS = [
  /^\/safeguarding\/?$/,
  /^\/sessions\/[^/]+\/safeguarding\/?$/,
  /^\/admin\/privacy(\/|$)/,
  /^\/admin\/audit\/?$/,
  /^\/admin\/outbox(\/|$)/,
  /^\/learning\/organisations\/[^/]+\/export/,
  /^\/learning\/oversight\/export/,
];

/**
 * Refuses a sensitive page to a request the browser says came from another site (a link or image
 * elsewhere followed with the person's cookies), so the audit trail records only real views (issue
 * 11, finding 14). Typed-in addresses and bookmarks (`none`) and Lantern's own links are served.
 */
export function crossSiteReadCheck(req: Request, res: Response, next: NextFunction) {
  if (req.method !== "GET" && req.method !== "HEAD") return next();
  if (req.get("sec-fetch-site") !== "cross-site") return next();
  if (!SENSITIVE_READS.some((p) => p.test(req.path))) return next();
  const here = publicOrigin() + req.path;
  res
    .status(403)
    .type("text/html")
    .send(
      `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Open this page from Lantern – Lantern</title></head>` +
        `<body><main><h1>Open this page from Lantern</h1><p>This page holds sensitive records, so Lantern does not open it from a link on another site.</p>` +
        `<p><a href="${here.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}">Open it in Lantern</a></p></main></body></html>`,
    );
}

/**
 * Refuses request targets Lantern never links to and Remix cannot route: an absolute URL as the
 * target, or a path whose percent-encoding is malformed (`/%E0%A4%A` was a 500; issue 11, finding 13).
 */
export function requestTargetCheck(req: Request, res: Response, next: NextFunction) {
  let ok = req.originalUrl.startsWith("/");
  if (ok) {
    try {
      decodeURIComponent(req.originalUrl.split("?")[0]);
    } catch {
      ok = false;
    }
  }
  if (ok) return next();
  res.status(400).type("text/plain").send("That address could not be read.");
}

/**
 * Refuses a request for any host but PUBLIC_URL's (421), so nothing is ever answered under a forged
 * Host. Behind trusted proxies (TRUST_PROXY) the host the proxy forwards is the one checked.
 * `/healthz` and `/readyz` answer under any host: load balancers ask by address, and they hold nothing.
 */
// Set once on SIGTERM (server.ts): /readyz then answers 503 (one flag for the process).
const shutdownState = perProcess("shutdown", () => ({ shuttingDown: false }));

export function markShuttingDown() {
  shutdownState.shuttingDown = true;
}

export function isShuttingDown() {
  return shutdownState.shuttingDown;
}

export function hostCheck(req: Request, res: Response, next: NextFunction) {
  const configured = env().PUBLIC_URL;
  if (!configured || req.path === "/healthz" || req.path === "/readyz") return next();
  const forwarded = req.app.get("trust proxy")
    ? req.get("x-forwarded-host")?.split(",")[0]?.trim()
    : undefined;
  const host = (forwarded || req.get("host") || "").toLowerCase();
  const expected = new URL(configured);
  const accepted = new Set([expected.host.toLowerCase()]);
  // A default port may be written out or not.
  const defaultPort = expected.protocol === "https:" ? "443" : "80";
  if (!expected.port) accepted.add(`${expected.hostname.toLowerCase()}:${defaultPort}`);
  if (accepted.has(host)) return next();
  logger.warn({ path: req.path }, "refused a request for another host");
  res
    .status(421)
    .type("text/plain")
    .send(
      `This address is not where Lantern is served. Open ${new URL(configured).origin} instead.`,
    );
}

/** Refuses any state-changing request whose Origin is missing or foreign (cross-site request forgery). */
export function originCheck(req: Request, res: Response, next: NextFunction) {
  if (!UNSAFE_METHODS.has(req.method)) return next();
  const origin = req.get("origin");
  if (origin && expectedOrigins().includes(origin)) return next();
  logger.warn({ origin: origin ?? null, path: req.path }, "refused a request from another origin");
  res
    .status(403)
    .type("text/plain")
    .send(
      "This request came from another site, so Lantern refused it. Go back to Lantern and try again.",
    );
}

/**
 * The Request Remix sees. Its body is the one readBodyWithinLimits read and counted, never the
 * socket (issue 11, finding 1).
 */
function remixRequest(req: Request, res: Response): globalThis.Request {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  // The host was checked by hostCheck and the Origin by originCheck: Remix is told Lantern's own
  // host, so its own Origin-against-Host check never sees a client's X-Forwarded-Host (a mismatch
  // there was a 500; issue 11, finding 13).
  headers.delete("x-forwarded-host");
  headers.set("host", new URL(publicOrigin()).host);
  const init: RequestInit = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const body = res.locals.body as Buffer | undefined;
    init.body = (body ?? new Uint8Array(0)) as unknown as BodyInit;
  }
  // On Lantern's own origin, never on the Host or X-Forwarded-Host a client sent (finding 3).
  return new globalThis.Request(publicOrigin() + req.originalUrl, init);
}

export function createApp(options: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  // Behind one reverse proxy in production (TRUST_PROXY=1) the client address comes from X-Forwarded-For.
  if (process.env.TRUST_PROXY)
    app.set("trust proxy", Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY);

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    // Only the server says who the client is; a header of that name from outside is dropped.
    req.headers["x-lantern-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": options.dev
            ? ["'self'", "'unsafe-inline'"]
            : ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'"],
          "connect-src": options.dev ? ["'self'", "ws:"] : ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "base-uri": ["'none'"],
          "object-src": ["'none'"],
          ...(isProduction() && cookiesAreSecure() ? { "upgrade-insecure-requests": [] } : {}),
        },
      },
      // HSTS is set below, per request: only on responses that went over HTTPS.
      strictTransportSecurity: false,
      // "same-origin": links in emails carry tokens in their paths, which must never leak to other
      // sites; and unlike "no-referrer" it keeps the Origin header on same-site form posts.
      referrerPolicy: { policy: "same-origin" },
      crossOriginEmbedderPolicy: false,
      // Agrees with frame-ancestors 'none' for browsers that only read the older header.
      frameguard: { action: "deny" },
    }),
  );
  app.use((req, res, next) => {
    // HSTS only in production with secure cookies, and only on a response that goes over HTTPS:
    // TLS here, or behind TRUST_PROXY the proxy's X-Forwarded-Proto. Never over plain HTTP (RFC
    // 6797 §7.2), where anyone on the path could strip or forge it anyway (issue 11, hardening).
    if (isProduction() && cookiesAreSecure() && req.secure)
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    res.setHeader(
      "Permissions-Policy",
      "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    next();
  });
  // Pages are compressed as they are sent, at a low level: most of the saving for a fraction of the
  // CPU. Static files come precompressed from the build (below) and are left alone here.
  app.use(compression({ level: 1 }));

  if (env().LOG_LEVEL !== "silent") {
    app.use(
      pinoHttp({
        logger,
        // Paths can carry tokens (invitations, resets, calendar feeds): log the route shape only.
        serializers: {
          req: (req) => ({
            method: req.method,
            url: String(req.url)
              .replace(/\/[a-z2-7]{32}(?=\/|$|\?)/g, "/[token]")
              .split("?")[0],
          }),
          res: (res) => ({ statusCode: res.statusCode }),
        },
        autoLogging: {
          ignore: (req) =>
            req.url === "/healthz" ||
            req.url === "/readyz" ||
            req.url?.startsWith("/assets/") === true,
        },
      }),
    );
  }

  app.use(requestTargetCheck);
  app.use(hostCheck);
  app.use(crossSiteReadCheck);

  app.get("/healthz", async (_req, res) => {
    try {
      // A select through the query builder: it runs on the reading connection, so the health
      // check answers even while another process holds the write lock.
      const row = {
        rows: [
          await getDb()
            .selectNoFrom(sql<number>`1`.as("ok"))
            .executeTakeFirstOrThrow(),
        ],
      };
      const migrations = await getDb()
        .selectFrom("kysely_migration" as never)
        .select(({ fn }) => fn.countAll().as("n"))
        .executeTakeFirst()
        .catch(() => undefined);
      res.json({
        status: "ok",
        database: row.rows[0]?.ok === 1 ? "ok" : "unexpected",
        migrations: Number((migrations as { n?: number })?.n ?? 0),
      });
    } catch (error) {
      logger.error({ err: error }, "health check failed");
      res.status(503).json({ status: "unavailable", database: "error" });
    }
  });

  // Ready to be sent requests: the database answers, every migration in this build is applied,
  // and the server is not shutting down (a load balancer stops sending to it first).
  app.get("/readyz", async (_req, res) => {
    if (isShuttingDown()) {
      res.status(503).json({ status: "shutting down" });
      return;
    }
    try {
      const pending = await pendingMigrations(getDb());
      if (pending.length) {
        res.status(503).json({
          status: "not ready",
          database: "ok",
          migrations: "pending",
          pending: pending.length,
        });
        return;
      }
      res.json({ status: "ready", database: "ok", migrations: "current" });
    } catch (error) {
      logger.error({ err: error }, "readiness check failed");
      res.status(503).json({ status: "not ready", database: "error" });
    }
  });

  for (const mw of options.before ?? []) app.use(mw);

  if (!options.dev) {
    const clientDir = options.clientDir ?? path.resolve("build/client");
    // The build writes .br and .gz beside each file (scripts/lib/precompress.ts); the browser gets
    // the best one it accepts, sent as it is on disk.
    const precompressed = { enableBrotli: true, orderPreference: ["br", "gz"], index: false };
    app.use(
      "/assets",
      expressStaticGzip(path.join(clientDir, "assets"), {
        ...precompressed,
        serveStatic: { immutable: true, maxAge: "1y", index: false },
      }),
    );
    app.use(
      expressStaticGzip(clientDir, {
        ...precompressed,
        serveStatic: { maxAge: "1h", index: false },
      }),
    );
  }

  const perMinute = Number(process.env.RATE_LIMIT_PER_MINUTE ?? 600);
  // Several servers on PostgreSQL count each client in the database, so a client meets one limit
  // however the load balancer spreads its requests; SQLite serves one process, whose memory is
  // already shared by all its requests (and a write per request would cost a disk flush each).
  const sharedStore = (prefix: string) =>
    usesPostgres() ? { store: new DatabaseRateLimitStore(getDb, prefix) } : {};
  app.use(
    rateLimit({
      ...sharedStore("requests:"),
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: "draft-7",
      legacyHeaders: false,
      message: "Too many requests from this address. Wait a minute and try again.",
    }),
  );
  app.use(
    rateLimit({
      ...sharedStore("forms:"),
      windowMs: 60_000,
      limit: Math.max(10, Math.floor(perMinute / 5)),
      standardHeaders: "draft-7",
      legacyHeaders: false,
      skip: (req) => !UNSAFE_METHODS.has(req.method),
      message: "Too many form submissions from this address. Wait a minute and try again.",
    }),
  );

  app.use(originCheck);
  app.use(readBodyWithinLimits);

  app.use((_req, res, next) => {
    // Pages can hold personal and safeguarding data: never stored by browsers or proxies unless a
    // route says otherwise (static assets above are served before this).
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  const handleRequest = createRequestHandler(
    options.build,
    options.dev ? "development" : "production",
  );
  app.all("*", async (req, res, next) => {
    try {
      const response = await handleRequest(remixRequest(req, res), {
        cspNonce: res.locals.cspNonce as string,
      });
      res.statusMessage = response.statusText;
      res.status(response.status);
      // One value per header: a route's own Cache-Control replaces the default "no-store" rather
      // than joining it (issue 11, hardening). Only Set-Cookie repeats.
      for (const [key, value] of response.headers.entries()) {
        if (key === "set-cookie") res.append(key, value);
        else res.setHeader(key, value);
      }
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  });

  // Last resort: no stack trace reaches a user.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err: error }, "unhandled error");
    if (res.headersSent) return;
    res
      .status(500)
      .type("text/plain")
      .send("Sorry, there is a problem with the service. Try again later.");
  });

  return app;
}
