import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./ports";
import { TEST_SECRET_KEY } from "./server";

// A Lantern server as its own process — what `npm start` runs — for tests that signal or kill it,
// or run two at once. It serves the production build on a free port.

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** What the server wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts server.ts with these settings and waits until /readyz says it is ready. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const dir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "lantern-proc-"));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DEMO_MODE: "true",
    COOKIE_SECURE: "false",
    DATABASE_PATH: path.join(dir, "lantern.db"),
    DATA_DIR: dir,
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    RATE_LIMIT_PER_MINUTE: "1000000",
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // Required on PostgreSQL, the same on every server (decision 112); `SECRET_KEY: ""` leaves it out.
    SECRET_KEY: TEST_SECRET_KEY,
    ...env,
  };
  for (const k of Object.keys(childEnv)) if (k.startsWith("VITEST")) delete childEnv[k];
  // `node --import tsx` rather than the tsx CLI: one process, so a signal reaches the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: childEnv,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode)
      throw new Error(`the server exited while starting:\n${stderr}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`the server was not ready in 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, child, stderr: () => stderr, exited };
}
