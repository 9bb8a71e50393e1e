import { randomBytes } from "node:crypto";
import { z } from "zod";
import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable, type Tx } from "~/db/db.server";
import type { Certificate } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { londonParts } from "~/utils/dates";
import { newId } from "~/utils/ids.server";
import { logger } from "~/utils/log.server";
import { publicUrl } from "~/utils/url.server";
import { AchievementSchema, isoDay, text } from "./achievement";
import { ensureRendered, hasPdf } from "./rendering.server";
import { encodeCode, formatSerial } from "./codes";

// Issuing: the achievement snapshot, serials, verification codes and the idempotent insert by
// source key. Other capabilities issue through `issueCertificate`; nothing here reads their tables,
// so a certificate outlives the module, session or account it came from.

export const IssueInputSchema = z.object({
  /** What makes issuing idempotent: "module-version:<id>:user:<id>", "session:<id>:registrant:<id>". */
  sourceKey: text(300),
  holder: z.object({
    userId: z.string().nullish(),
    name: text(120),
    email: z.string().trim().toLowerCase().email().max(254).nullish(),
  }),
  achievement: AchievementSchema,
  /** The date it was achieved (London), 'YYYY-MM-DD'. */
  achievedOn: isoDay,
  issuerName: text(120),
  programmeName: text(120),
  issuedByUserId: z.string().nullish(),
  /** Where Lantern is reached, for the QR code (publicUrl(request)); PUBLIC_URL otherwise. */
  baseUrl: z.string().url().optional(),
});
export type IssueInput = z.input<typeof IssueInputSchema>;
export type ParsedIssue = z.output<typeof IssueInputSchema>;

export interface IssueResult {
  certificate: Certificate;
  /** False when a certificate for this achievement already existed (it is returned instead). */
  created: boolean;
}

// ─── Codes and serials ───────────────────────────────────────────────────────

export function newVerificationCode(): string {
  return encodeCode(new Uint8Array(randomBytes(10)));
}

/** Takes `count` serial numbers for the year inside the caller's write transaction. */
export async function takeSerials(tx: Tx, year: number, count: number): Promise<string[]> {
  await tx
    .insertInto("certificate_serial_counters")
    .values({ year, last_number: 0 })
    .onConflict((oc) => oc.column("year").doNothing())
    .execute();
  const row = await tx
    .updateTable("certificate_serial_counters")
    .set((eb) => ({ last_number: eb("last_number", "+", count) }))
    .where("year", "=", year)
    .returning("last_number")
    .executeTakeFirstOrThrow();
  const last = Number(row.last_number);
  return Array.from({ length: count }, (_, i) => formatSerial(year, last - count + 1 + i));
}

/** Unique-key clashes and PostgreSQL serialization failures mean "someone else got there first". */
export function isRetryable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    e?.code === "23505" ||
    e?.code === "40001" ||
    e?.code === "SQLITE_BUSY"
  );
}

export async function withRetries<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !isRetryable(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 10));
    }
  }
}

export function verifyUrlFor(baseUrl: string | undefined, code: string) {
  return `${(baseUrl ?? publicUrl()).replace(/\/$/, "")}/verify/${code}`;
}

export function rowFor(
  input: ParsedIssue,
  serial: string,
  code: string,
  issuedAt: string,
): Certificate {
  return {
    id: newId(),
    serial,
    code,
    source_key: input.sourceKey,
    source_origin: input.sourceKey,
    holder_user_id: input.holder.userId ?? null,
    holder_name: input.holder.name,
    holder_email: input.holder.email ?? null,
    kind: input.achievement.kind,
    achievement_title:
      input.achievement.kind === "module"
        ? input.achievement.moduleTitle
        : input.achievement.sessionTitle,
    achievement: JSON.stringify(input.achievement),
    achieved_on: input.achievedOn,
    issuer_name: input.issuerName,
    programme_name: input.programmeName,
    verify_url: verifyUrlFor(input.baseUrl, code),
    status: "valid",
    issued_at: issuedAt,
    issued_by_user_id: input.issuedByUserId ?? null,
    revoked_at: null,
    revoked_by_user_id: null,
    revoked_by_name: null,
    revoked_reason: null,
    replaces_id: null,
    replaced_by_id: null,
  };
}

export async function bySourceKey(db: Queryable, sourceKey: string) {
  return db
    .selectFrom("certificates")
    .selectAll()
    .where("source_key", "=", sourceKey)
    .executeTakeFirst();
}

/** A person's account, if their email has one: their certificates then show in their list. */
export async function linkHolder(db: Queryable, input: ParsedIssue): Promise<ParsedIssue> {
  if (input.holder.userId || !input.holder.email) return input;
  const user = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", input.holder.email)
    .executeTakeFirst();
  return user ? { ...input, holder: { ...input.holder, userId: user.id } } : input;
}

// ─── Issue ───────────────────────────────────────────────────────────────────

/**
 * Issues a certificate for an achievement, or returns the one already issued for it (same
 * `sourceKey`), also when two issues race: the check and the insert share one write transaction,
 * and the unique key on source_key catches what a transaction cannot (another server). The PDF is
 * rendered once, off the request thread, and stored before this resolves (`render: "background"`
 * returns at once and renders afterwards).
 */
export async function issueCertificate(
  db: DB,
  rawInput: IssueInput,
  /** "later": leave it to the render-missing job (the demo seed, which exits at once). */
  options: { render?: "await" | "background" | "later" } = {},
): Promise<IssueResult> {
  const parsed = IssueInputSchema.parse(rawInput);
  const existing = await bySourceKey(db, parsed.sourceKey);
  if (existing) return { certificate: existing, created: false };
  const input = await linkHolder(db, parsed);

  const result = await withRetries(async () =>
    writeTransaction(db, (tx) => insertIssued(tx, input)),
  ).catch(async (error) => {
    // Another process inserted the same source key between our check and our insert.
    if (isRetryable(error)) {
      const winner = await bySourceKey(db, input.sourceKey);
      if (winner) return { certificate: winner, created: false };
    }
    throw error;
  });

  if (
    options.render !== "later" &&
    (result.created || !(await hasPdf(db, result.certificate.id)))
  ) {
    const job = ensureRendered(db, result.certificate);
    if (options.render === "background")
      job.catch((error) => logger.error({ err: error }, "certificate render failed"));
    else await job;
  }
  return result;
}

/** The check and the insert, inside a write transaction the caller holds. */
async function insertIssued(tx: Tx, input: ParsedIssue): Promise<IssueResult> {
  const again = await bySourceKey(tx, input.sourceKey);
  if (again) return { certificate: again, created: false };
  const issuedAt = nowIso();
  const year = Number(londonParts(issuedAt).date.slice(0, 4));
  const [serial] = await takeSerials(tx, year, 1);
  const row = rowFor(input, serial, newVerificationCode(), issuedAt);
  await tx.insertInto("certificates").values(row).execute();
  await audit(tx, {
    actorUserId: input.issuedByUserId ?? null,
    action: "certificate.issued",
    subjectType: "certificate",
    subjectId: row.id,
    detail: { serial, sourceKey: input.sourceKey },
  });
  return { certificate: row, created: true };
}

/**
 * Issues inside the caller's write transaction (`writeTransaction`), so the certificate commits
 * or rolls back with what earned it (a module's completion, a session marked delivered). Same
 * source key, same certificate. Nothing is rendered here: once the transaction has committed, pass
 * the created certificates to `renderInBackground` (the render-missing job catches any left over).
 */
export async function issueWithin(tx: Tx, rawInput: IssueInput): Promise<IssueResult> {
  const parsed = IssueInputSchema.parse(rawInput);
  const existing = await bySourceKey(tx, parsed.sourceKey);
  if (existing) return { certificate: existing, created: false };
  return insertIssued(tx, await linkHolder(tx, parsed));
}

/** The achievement keys: one certificate per learner per module version, one per session attendee. */
export function moduleSourceKey(versionId: string, userId: string) {
  return `module-version:${versionId}:user:${userId}`;
}
/** The certificate standing for an achievement now (the re-issued one after a re-issue), if any. */
export async function certificateForSource(db: Queryable, sourceKey: string) {
  return db
    .selectFrom("certificates")
    .select(["id", "serial", "status", "holder_user_id"])
    .where("source_key", "=", sourceKey)
    .executeTakeFirst();
}
export function sessionSourceKey(sessionId: string, registrationId: string) {
  return `session:${sessionId}:registrant:${registrationId}`;
}

// ─── Rendering and stored PDFs ───────────────────────────────────────────────
