import { pino } from "pino";

// Structured logs (JSON lines) on stdout.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  redact: {
    paths: ["password", "*.password", "token", "*.token", "req.headers.cookie"],
    remove: true,
  },
});
