import { z } from "zod";

// Configuration is read once, validated with zod, and fails fast with a readable message.
const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : ["true", "1", "yes"].includes(v)));

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_PATH: z.string().default("data/lantern.db"),
    /** postgres://user:password@host:5432/lantern — runs on PostgreSQL instead of DATABASE_PATH (decision 111). */
    DATABASE_URL: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine(
        (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
        "must start with postgres:// (leave it unset for SQLite)",
      ),
    /** Connections each server keeps to PostgreSQL (at least 2: migrating holds one for its lock). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(10),
    DATA_DIR: z.string().default("data"),
    /** Where uploaded files (lesson images) are kept: in the database (default), or under DATA_DIR (decision 112). */
    FILE_STORAGE: z.enum(["database", "disk"]).default("database"),
    /** Where people reach Lantern; required in production (links in emails are built only from it). */
    PUBLIC_URL: z
      .string()
      .url()
      .refine(
        (u) => /^https?:$/.test(new URL(u).protocol),
        "must start with https:// (or http:// for a local demo)",
      )
      .optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Lantern <no-reply@lantern.example.org>"),
    /** The programme team's address on the public contact page. */
    CONTACT_EMAIL: z.string().email().optional(),
    COOKIE_SECURE: booleanish,
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    REQUIRE_TWO_FACTOR: booleanish,
    DEMO_MODE: booleanish,
    OUTBOX_INTERVAL_MS: z.coerce.number().int().positive().default(5000),
    /** How long one server's claim on rendering a certificate holds; a server that dies mid-render leaves it to run out (decision 114). */
    CERTIFICATE_RENDER_LEASE_MS: z.coerce.number().int().positive().default(60_000),
    /** How often a server looks for certificates whose PDF was never stored (a server stopped mid-batch). */
    CERTIFICATE_RENDER_MISSING_EVERY_MS: z.coerce.number().int().positive().default(30_000),
    /** 32 bytes, base64 or hex, that encrypt TOTP keys at rest; without it a key file in DATA_DIR is made. */
    SECRET_KEY: z.string().optional(),
    /** Where `npm run backup` writes (default: DATA_DIR/backups). */
    BACKUP_DIR: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    // Without it links in emails would have to come from requests, whose Host anyone can forge
    // (issue 11, finding 3; decision 070).
    if (value.NODE_ENV === "production" && !value.PUBLIC_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message:
          "must be set when NODE_ENV=production: the address people reach Lantern at, e.g. PUBLIC_URL=https://lantern.example.org. Links in emails are built from it, and requests for any other host are refused.",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Lantern cannot start: the configuration is invalid.\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change process.env between files; they call this to re-read it. */
export function resetEnvForTests() {
  cached = undefined;
}

export function isProduction() {
  return env().NODE_ENV === "production";
}

/** Secure cookies (and the __Host- prefix) everywhere but plain development, unless told otherwise. */
export function cookiesAreSecure() {
  return env().COOKIE_SECURE ?? isProduction();
}
