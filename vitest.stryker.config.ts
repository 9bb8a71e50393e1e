import path from "node:path";
import { defineConfig } from "vitest/config";

// The vitest configuration StrykerJS runs (stryker.config.json; `npm run test:mutation`): the unit
// tests only, with no build step (tests/support/global-setup.ts builds the app for the integration
// tests, which mutation testing never runs), and the reporter that works around stryker-js issue
// 6150 (tests/support/unloadable-file-reporter.ts).
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  cacheDir: ".cache/vite-stryker",
  test: {
    include: ["tests/unit/**/*.test.{ts,tsx}"],
    testTimeout: 30_000,
    reporters: ["default", "./tests/support/unloadable-file-reporter.ts"],
  },
});
