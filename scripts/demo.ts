// npm run demo — builds the app, makes a fresh data/demo.db, seeds it and serves it.
// With DATABASE_URL=postgres://… it runs on that PostgreSQL database instead: an empty one is
// seeded, one already holding the demo is used as it is, and any other is refused.
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const dbPath = path.resolve(process.env.DATABASE_PATH ?? "data/demo.db");
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "0.0.0.0";
// Production mode needs PUBLIC_URL (links in emails come only from it, and other hosts are
// refused); the demo's is where it listens.
const publicUrl =
  process.env.PUBLIC_URL ?? `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;

console.log("Building Lantern…");
execFileSync("npx", ["remix", "vite:build"], { stdio: ["ignore", "ignore", "inherit"] });

const databaseUrl = process.env.DATABASE_URL || undefined;
if (!databaseUrl)
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbPath + suffix, { force: true });
// On PostgreSQL the server takes its key only from SECRET_KEY (decision 112). The demo is one server
// on one machine: it keeps a key beside its other local files, so `DATABASE_URL` alone is enough and
// a database it seeded before still decrypts.
let secretKey = process.env.SECRET_KEY || undefined;
if (databaseUrl && !secretKey) {
  const keyFile = path.resolve("data/demo-secret.key");
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    fs.writeFileSync(keyFile, crypto.randomBytes(32).toString("base64") + "\n", { mode: 0o600 });
  }
  secretKey = fs.readFileSync(keyFile, "utf8").trim();
  console.log(`Using the demo's own SECRET_KEY from ${path.relative(process.cwd(), keyFile)}.`);
}
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  ...(secretKey ? { SECRET_KEY: secretKey } : {}),
  DATABASE_PATH: dbPath,
  DEMO_MODE: "true",
  PORT: port,
  HOST: host,
  NODE_ENV: "production",
  PUBLIC_URL: publicUrl,
  // The demo runs on plain http://localhost, so its cookie cannot be Secure.
  COOKIE_SECURE: process.env.COOKIE_SECURE ?? "false",
};
console.log(
  `Seeding ${databaseUrl ? "the PostgreSQL database in DATABASE_URL" : path.relative(process.cwd(), dbPath)}…`,
);
execFileSync("npx", ["tsx", "scripts/seed.ts", ...(databaseUrl ? ["--reuse-demo"] : [])], {
  stdio: "inherit",
  env: childEnv,
});

console.log(`
Lantern demo: ${publicUrl}
Every demo account uses the password lantern-demo-2026
  lead@example.org      programme lead (St Giles Trust)
  trainer@example.org   trainer (St Giles Trust)
  school@example.org    school coordinator (Wensum Valley Academy)
  manager@example.org   organisation manager (Norwich Youth Harbour)
  learner@example.org   learner (Norwich Youth Harbour)
  author@example.org    content author (Momentum)
Two-step sign-in is switched off for the demo. Emails wait at /admin/outbox (sign in as the lead).
`);
// node itself (not npx), so the signals forwarded below reach the server and it shuts down cleanly.
const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  stdio: "inherit",
  env: childEnv,
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
