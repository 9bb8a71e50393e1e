import fs from "node:fs";
import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vitest/config";
import remixConfig from "./remix.config.js";
import { precompress } from "./scripts/lib/precompress";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Integration files run a second time on PostgreSQL (the integration-pg project).
const POSTGRES_INTEGRATION_FILES = [
  "auth",
  "sessions",
  "booking-bursts",
  "open-sessions",
  "feedback-safeguarding",
  "certificates",
  "reports-dashboard",
  "reports-outcomes",
  "learning",
  "privacy",
  "readiness-shutdown",
  "job-leases",
  "kept-views",
  "shared-state",
  "object-access",
  "sign-in-throttle",
  "booking-bots",
  "report-facts",
  "safeguarding-log-trainers-paging",
].map((name) => `tests/integration/${name}.test.ts`);

export default defineConfig({
  plugins: [
    !process.env.VITEST && remix(remixConfig),
    precompress(path.resolve(import.meta.dirname, remixConfig.buildDirectory ?? "build", "client")),
  ],
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  // A worktree's node_modules may be a symlink to another checkout's: allow Vite to read through it.
  server: {
    port: 3000,
    fs: {
      allow: [
        import.meta.dirname,
        fs.realpathSync(path.resolve(import.meta.dirname, "node_modules")),
      ],
    },
  },
  // Per checkout, so two working copies sharing node_modules never share a cache.
  cacheDir: ".cache/vite",
  css: {
    preprocessorOptions: {
      scss: {
        loadPaths: ["node_modules"],
        quietDeps: true,
        silenceDeprecations: ["import", "global-builtin"],
      },
    },
  },
  build: {
    target: "es2022",
    rollupOptions: {
      // Two kinds of build message that need no action (issue 12, item 13): resource routes (CSV,
      // PDF, .ics, ZIP downloads) have no browser code, so their client chunk is empty by design;
      // zod's sources carry comments Rollup cannot place and drops harmlessly.
      onwarn(warning, warn) {
        if (warning.code === "EMPTY_BUNDLE") return;
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("node_modules")) return;
        warn(warning);
      },
    },
  },
  test: {
    // Kysely's FileMigrationProvider imports migrations by path; inlining keeps it in vitest's loader.
    server: { deps: { inline: ["kysely"] } },
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two test files at a time. Vitest's default is one fewer than the cores, which on this 2-core
    // machine ran the whole suite one file after another; each file has its own database, server
    // and port (tests/support), so two run side by side. The browser tests keep one fork (below).
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"] } },
      {
        extends: true,
        test: { name: "integration", include: ["tests/integration/**/*.test.{ts,tsx}"] },
      },
      {
        // The integration files that go through the real request handler, again on a real
        // PostgreSQL server (decision 110): tests/support/server.ts starts a throwaway cluster per
        // file. The list grows as capabilities are checked on both databases.
        extends: true,
        test: {
          name: "integration-pg",
          // tests/integration-pg: tests that only make sense on PostgreSQL (two servers on one database).
          include: [...POSTGRES_INTEGRATION_FILES, "tests/integration-pg/**/*.test.ts"],
          env: { LANTERN_TEST_DATABASE: "postgres" },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          // One browser at a time on a 2-core machine.
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 120_000,
        },
      },
    ],
  },
});
