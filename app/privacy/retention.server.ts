import { audit } from "~/audit/audit.server";
import { ABSOLUTE_LIFETIME_MS, IDLE_TIMEOUT_MS } from "~/auth/session.server";
import { compactAfterRemoval, type DB } from "~/db/db.server";
import type { Job } from "~/server/job";
import { now } from "~/utils/clock.server";
import { logger } from "~/utils/log.server";
import { CASEWORK_RETENTION } from "~/casework/privacy.server";
import type { RetentionContext, RetentionPolicy } from "./registry.server";
import {
  DEFAULT_RETENTION_MONTHS,
  MAX_RETENTION_MONTHS,
  MIN_RETENTION_MONTHS,
  monthsBefore,
} from "./retention-limits";

// Retention: personal data is removed a set number of months after it stops being needed. The
// number of months is a setting leads change at /admin/privacy; each capability registers its
// policies in RETENTION_POLICIES (one line each). `npm run retention` runs them now; the server
// runs them daily (PRIVACY_JOBS in app/server/jobs.server.ts).

export const RETENTION_SETTING = "privacy.retention_months";
export { DEFAULT_RETENTION_MONTHS, MIN_RETENTION_MONTHS, MAX_RETENTION_MONTHS, monthsBefore };
const DAY = 24 * 60 * 60 * 1000;

// The policy types live with the privacy handlers' (registry.server.ts), so a capability can
// declare its policies without importing this module, which imports them.
export type { RetentionContext, RetentionPolicy };

const rows = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
  Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n);

export const FOUNDATION_RETENTION: RetentionPolicy[] = [
  {
    name: "ended sessions",
    description:
      "Sessions past their absolute or idle limit (they hold IP addresses and browsers).",
    async run(db, ctx) {
      const t = ctx.now.getTime();
      return rows(
        await db
          .deleteFrom("sessions")
          .where((eb) =>
            eb.or([
              eb("expires_at", "<=", ctx.now.toISOString()),
              eb("last_seen_at", "<=", new Date(t - IDLE_TIMEOUT_MS).toISOString()),
              eb("created_at", "<=", new Date(t - ABSOLUTE_LIFETIME_MS).toISOString()),
            ]),
          )
          .executeTakeFirst(),
      );
    },
  },
  {
    name: "spent password-reset links",
    description: "Reset links used or expired more than 7 days ago.",
    async run(db, ctx) {
      const weekAgo = new Date(ctx.now.getTime() - 7 * DAY).toISOString();
      return rows(
        await db
          .deleteFrom("password_resets")
          .where("expires_at", "<=", weekAgo)
          .executeTakeFirst(),
      );
    },
  },
  {
    name: "sign-in throttle counters",
    description: "Failed sign-in counters older than a day and no longer locking anything.",
    async run(db, ctx) {
      const dayAgo = new Date(ctx.now.getTime() - DAY).toISOString();
      return rows(
        await db
          .deleteFrom("auth_throttle")
          .where("first_failure_at", "<=", dayAgo)
          .where((eb) =>
            eb.or([
              eb("locked_until", "is", null),
              eb("locked_until", "<=", ctx.now.toISOString()),
            ]),
          )
          .executeTakeFirst(),
      );
    },
  },
  {
    name: "unaccepted invitations",
    description:
      "Invitations never accepted, expired before the retention period (they hold an email address).",
    async run(db, ctx) {
      return rows(
        await db
          .deleteFrom("invitations")
          .where("accepted_at", "is", null)
          .where("expires_at", "<=", ctx.cutoff)
          .executeTakeFirst(),
      );
    },
  },
  {
    name: "old emails",
    description: "Sent or failed emails in the outbox older than the retention period.",
    async run(db, ctx) {
      return rows(
        await db
          .deleteFrom("outbox")
          .where("status", "in", ["sent", "failed"])
          .where("created_at", "<=", ctx.cutoff)
          .executeTakeFirst(),
      );
    },
  },
  {
    name: "addresses in the audit log",
    description:
      "IP addresses, and the email addresses typed at failed sign-ins, in audit entries older than the retention period. The entries themselves stay.",
    async run(db, ctx) {
      const ips = rows(
        await db
          .updateTable("audit_log")
          .set({ ip: null })
          .where("at", "<=", ctx.cutoff)
          .where("ip", "is not", null)
          .executeTakeFirst(),
      );
      const details = rows(
        await db
          .updateTable("audit_log")
          .set({ detail: null })
          .where("at", "<=", ctx.cutoff)
          .where("action", "=", "auth.sign_in_failed")
          .where("detail", "is not", null)
          .executeTakeFirst(),
      );
      return ips + details;
    },
  },
];

/** The name left on a booking whose booker's details retention removed. */
export const RETENTION_BOOKER_NAME = "Booker (details removed)";

export const OPEN_SESSION_RETENTION: RetentionPolicy[] = [
  {
    name: "open-session bookers",
    description:
      "Name, email, organisation, access needs and account link of everyone who booked, waited for, or walked in to a session that ended more than the retention period ago. The booking rows stay (status, attendance, organisation) so attendance counts in reports do not change.",
    async run(db, ctx) {
      return rows(
        await db
          .updateTable("registrations")
          .set({
            name: RETENTION_BOOKER_NAME,
            email: null,
            organisation_name: null,
            access_needs: null,
            user_id: null,
            cancel_token_hash: null,
            anonymised_at: ctx.now.toISOString(),
            updated_at: ctx.now.toISOString(),
          })
          .where("anonymised_at", "is", null)
          .where("session_id", "in", (eb) =>
            eb.selectFrom("delivery_sessions").select("id").where("ends_at", "<=", ctx.cutoff),
          )
          .executeTakeFirst(),
      );
    },
  },
];

/** Every capability's policies. Capabilities add theirs here. */
export const RETENTION_POLICIES: RetentionPolicy[] = [
  ...FOUNDATION_RETENTION,
  ...OPEN_SESSION_RETENTION,
  ...CASEWORK_RETENTION,
];

export async function retentionMonths(db: DB): Promise<number> {
  const row = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", RETENTION_SETTING)
    .executeTakeFirst();
  const n = row ? Number(row.value) : NaN;
  return Number.isInteger(n) && n >= MIN_RETENTION_MONTHS && n <= MAX_RETENTION_MONTHS
    ? n
    : DEFAULT_RETENTION_MONTHS;
}

export async function setRetentionMonths(
  db: DB,
  input: { months: number; actorUserId: string; ip: string },
) {
  const value = String(input.months);
  const existing = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", RETENTION_SETTING)
    .executeTakeFirst();
  if (existing)
    await db.updateTable("settings").set({ value }).where("key", "=", RETENTION_SETTING).execute();
  else await db.insertInto("settings").values({ key: RETENTION_SETTING, value }).execute();
  await audit(db, {
    actorUserId: input.actorUserId,
    action: "privacy.retention_changed",
    detail: { from: existing?.value ?? null, to: value },
    ip: input.ip,
  });
}

export interface RetentionRun {
  months: number;
  cutoff: string;
  results: { policy: string; affected: number }[];
}

export async function runRetention(
  db: DB,
  opts: { policies?: RetentionPolicy[]; actorUserId?: string | null } = {},
): Promise<RetentionRun> {
  const at = now();
  const months = await retentionMonths(db);
  const ctx = { now: at, months, cutoff: monthsBefore(at, months).toISOString() };
  const results = [];
  for (const p of opts.policies ?? RETENTION_POLICIES)
    results.push({ policy: p.name, affected: await p.run(db, ctx) });
  await audit(db, {
    actorUserId: opts.actorUserId ?? null,
    action: "privacy.retention_run",
    detail: { months, cutoff: ctx.cutoff, results },
  });
  // What retention removed must leave the file and its WAL too (issue 11, finding 8).
  if (results.some((r) => r.affected > 0)) await compactAfterRemoval(db);
  logger.info({ months, results }, "retention run");
  return { months, cutoff: ctx.cutoff, results };
}

export const PRIVACY_JOBS: Job[] = [
  { name: "retention", everyMs: DAY, run: (db) => runRetention(db) },
];
