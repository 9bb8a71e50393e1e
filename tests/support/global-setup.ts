import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// Integration and browser tests drive the real production build. Build once per run, unless a
// build newer than every source file is already there (LANTERN_SKIP_BUILD=1 skips the check).
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export default function setup() {
  if (process.env.LANTERN_SKIP_BUILD) return;
  const buildFile = path.resolve("build/server/index.js");
  const built = fs.existsSync(buildFile) ? fs.statSync(buildFile).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.resolve("app")),
    fs.statSync(path.resolve("remix.config.js")).mtimeMs,
    fs.statSync(path.resolve("vite.config.ts")).mtimeMs,
    newestMtime(path.resolve("public")),
  );
  if (built > sources) return;
  // vite.config.ts leaves the Remix plugin out under VITEST, so the build runs without it.
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("VITEST") || k === "TEST") delete env[k];
  env.NODE_ENV = "production";
  execFileSync("npx", ["remix", "vite:build"], { stdio: ["ignore", "ignore", "inherit"], env });
}
