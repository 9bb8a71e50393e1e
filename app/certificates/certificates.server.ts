import { sql } from "kysely";
import { createHash, randomBytes } from "node:crypto";
import { pageWindow } from "~/utils/paging";
import { z } from "zod";
import { audit } from "~/audit/audit.server";
import { isPostgres, writeTransaction, type DB, type Queryable, type Tx } from "~/db/db.server";
import { containsInsensitive } from "~/db/dialect.server";
import type { Certificate } from "~/db/schema";
import { renderPdf, renderThreads } from "~/pdf/pool.server";
import { nowIso } from "~/utils/clock.server";
import { formatDay, londonParts } from "~/utils/dates";
import { AppError } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import { logger } from "~/utils/log.server";
import type { Job } from "~/server/job";
import { claimLease, leaseOwner, releaseLease } from "~/server/leases.server";
import { env } from "~/utils/env.server";
import { publicUrl } from "~/utils/url.server";
import { encodeCode, formatCode, formatSerial, normaliseCode } from "./codes";
import type { CertificatePdfData } from "./document.server";

// Certificates: issue (idempotent by source key), render once, store, verify, revoke, re-issue.
// Other capabilities issue through `issueCertificate` with a snapshot of what was achieved; nothing
// here reads their tables, so a certificate outlives the module, session or account it came from.

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD");
const text = (max: number) => z.string().trim().min(1).max(max);

export const AchievementSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("module"),
    moduleTitle: text(200),
    moduleVersion: z
      .union([z.string().trim().min(1).max(40), z.number().int().positive()])
      .transform(String),
    description: z.string().trim().max(400).nullish(),
  }),
  z.object({
    kind: z.literal("session"),
    sessionTitle: text(200),
    sessionDate: isoDay,
    audience: z.string().trim().max(80).nullish(),
    format: z.string().trim().max(80).nullish(),
    description: z.string().trim().max(400).nullish(),
  }),
]);
export type AchievementSnapshot = z.infer<typeof AchievementSchema>;

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
type ParsedIssue = z.output<typeof IssueInputSchema>;

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
async function takeSerials(tx: Tx, year: number, count: number): Promise<string[]> {
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
function isRetryable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    e?.code === "23505" ||
    e?.code === "40001" ||
    e?.code === "SQLITE_BUSY"
  );
}

async function withRetries<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !isRetryable(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 10));
    }
  }
}

function verifyUrlFor(baseUrl: string | undefined, code: string) {
  return `${(baseUrl ?? publicUrl()).replace(/\/$/, "")}/verify/${code}`;
}

function rowFor(input: ParsedIssue, serial: string, code: string, issuedAt: string): Certificate {
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

async function bySourceKey(db: Queryable, sourceKey: string) {
  return db
    .selectFrom("certificates")
    .selectAll()
    .where("source_key", "=", sourceKey)
    .executeTakeFirst();
}

/** A person's account, if their email has one: their certificates then show in their list. */
async function linkHolder(db: Queryable, input: ParsedIssue): Promise<ParsedIssue> {
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

/** Starts rendering certificates' PDFs in the worker pool and returns at once (failures are logged;
 *  the render-missing job retries them). */
export function renderInBackground(db: DB, certs: Certificate[]): void {
  for (const c of certs)
    ensureRendered(db, c).catch((error) =>
      logger.error({ err: error, certificateId: c.id }, "certificate render failed"),
    );
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

export function achievementOf(cert: Pick<Certificate, "achievement">): AchievementSnapshot {
  return AchievementSchema.parse(JSON.parse(cert.achievement));
}

/** "Version 3", or "Twilight CPD · Teachers · 5 March 2026". */
export function achievementDetail(a: AchievementSnapshot): string | null {
  if (a.kind === "module") return `Version ${a.moduleVersion}`;
  return [a.format, a.audience, formatDay(a.sessionDate)].filter(Boolean).join(" · ") || null;
}

/** Everything the PDF shows comes from the certificate's own record, so it always reads the same. */
export function pdfDataFor(cert: Certificate): CertificatePdfData {
  const a = achievementOf(cert);
  return {
    serial: cert.serial,
    code: formatCode(cert.code),
    verifyUrl: cert.verify_url,
    holderName: cert.holder_name,
    kind: cert.kind,
    achievementTitle: cert.achievement_title,
    achievementDetail: achievementDetail(a),
    description: a.description ?? null,
    dateText: formatDay(cert.achieved_on),
    issuerName: cert.issuer_name,
    programmeName: cert.programme_name,
    issuedAt: cert.issued_at,
  };
}

async function hasPdf(db: Queryable, id: string) {
  return !!(await db
    .selectFrom("certificate_files")
    .select("certificate_id")
    .where("certificate_id", "=", id)
    .executeTakeFirst());
}

// Renders in flight in this process, so a batch and the recovery job never render one twice.
const inFlight = ((
  globalThis as unknown as { __lanternCertRenders?: Map<string, Promise<void>> }
).__lanternCertRenders ??= new Map());

/** Renders and stores a certificate's PDF unless it is stored already (the first time only). */
export function ensureRendered(db: DB, cert: Certificate): Promise<void> {
  const running = inFlight.get(cert.id);
  if (running) return running;
  const job = (async () => {
    if (await hasPdf(db, cert.id)) return;
    // Several servers may find the same certificate unrendered (each one's render-missing round, a
    // bulk issue on one while another starts): the one holding the lease renders it. A server that
    // dies while rendering lets the lease run out, and the next render-missing round does it.
    // SQLite serves one process (the in-flight map above is enough there), and two more fsynced
    // writes per certificate would slow a bulk issue of hundreds: leases on PostgreSQL only.
    if (!isPostgres(db)) return renderAndStore(db, cert);
    const key = `certificate-render:${cert.id}`;
    if (!(await claimLease(db, key, env().CERTIFICATE_RENDER_LEASE_MS))) return;
    try {
      if (await hasPdf(db, cert.id)) return;
      await renderAndStore(db, cert);
    } finally {
      await releaseLease(db, key);
    }
  })().finally(() => inFlight.delete(cert.id));
  inFlight.set(cert.id, job);
  return job;
}

/**
 * Renders certificates a few at a time — enough to keep the render pool busy — rather than all at
 * once: each certificate's lease is then claimed when its render is about to start, never while it
 * waits behind hundreds of others, where it could run out first and let another server render the
 * same certificate. A failure is logged and the rest go on; the render-missing job retries it.
 */
async function renderEach(db: DB, certs: Certificate[]): Promise<void> {
  let next = 0;
  let failed: unknown;
  const lane = async () => {
    while (next < certs.length) {
      const cert = certs[next++];
      try {
        await ensureRendered(db, cert);
      } catch (error) {
        logger.error({ err: error, certificateId: cert.id }, "certificate render failed");
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(certs.length, renderThreads() + 2) }, lane));
  if (failed) throw failed;
}

async function renderAndStore(db: DB, cert: Certificate) {
  const pdf = await renderPdf({ kind: "certificate", data: pdfDataFor(cert) });
  // A second render that reaches the store (it should never happen: see ensureRendered) keeps the
  // first PDF and is counted in `renders`, so it would show on a live installation and in tests.
  await db
    .insertInto("certificate_files")
    .values({
      certificate_id: cert.id,
      pdf: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength),
      sha256: createHash("sha256").update(pdf).digest("hex"),
      byte_length: pdf.byteLength,
      rendered_at: nowIso(),
      rendered_by: leaseOwner(),
    })
    .onConflict((oc) =>
      oc
        .column("certificate_id")
        .doUpdateSet((eb) => ({ renders: eb("certificate_files.renders", "+", 1) })),
    )
    .execute();
}

/** Certificates whose PDF was never stored (the server stopped mid-batch): rendered now. */
export async function renderMissing(db: DB, limit = 200): Promise<number> {
  const rows = await db
    .selectFrom("certificates")
    .leftJoin("certificate_files", "certificate_files.certificate_id", "certificates.id")
    .selectAll("certificates")
    .where("certificate_files.certificate_id", "is", null)
    .orderBy("certificates.issued_at")
    .limit(limit)
    .execute();
  await renderEach(db, rows);
  return rows.length;
}

export interface StoredPdf {
  bytes: Uint8Array;
  etag: string;
  filename: string;
}

/** The stored bytes — never rendered again on download. */
export async function storedPdf(
  db: Queryable,
  cert: Pick<Certificate, "id" | "serial">,
): Promise<StoredPdf | null> {
  const file = await db
    .selectFrom("certificate_files")
    .select(["pdf", "sha256"])
    .where("certificate_id", "=", cert.id)
    .executeTakeFirst();
  if (!file) return null;
  return { bytes: file.pdf, etag: `"${file.sha256}"`, filename: `certificate-${cert.serial}.pdf` };
}

// ─── Who may see what ────────────────────────────────────────────────────────

export interface Viewer {
  userId: string;
  /** certificate:manage:any */
  manageAny: boolean;
  /** Organisations whose staff's certificates the viewer may see (certificate:view:own-organisation). */
  managedOrganisationIds: string[];
}

/** A certificate the viewer may see: their own, their staff's, or any for a lead; else 404. */
export async function getCertificateFor(
  db: Queryable,
  viewer: Viewer,
  id: string,
): Promise<Certificate> {
  const cert = await db
    .selectFrom("certificates")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!cert) throw new AppError("not_found", "We could not find that certificate.");
  if (viewer.manageAny || cert.holder_user_id === viewer.userId) return cert;
  // A session certificate issued to an email address (public bookings are made without signing
  // in) belongs to the account with that address: it is on their training record (decision 137).
  const holders = cert.holder_user_id
    ? [cert.holder_user_id]
    : cert.holder_email
      ? (
          await db
            .selectFrom("users")
            .select("id")
            .where(sql<string>`lower(email)`, "=", cert.holder_email.trim().toLowerCase())
            .execute()
        ).map((u) => u.id)
      : [];
  if (!cert.holder_user_id && holders.includes(viewer.userId)) return cert;
  if (holders.length && viewer.managedOrganisationIds.length) {
    const member = await db
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "in", holders)
      .where("organisation_id", "in", viewer.managedOrganisationIds)
      .executeTakeFirst();
    if (member) return cert;
  }
  throw new AppError("not_found", "We could not find that certificate.");
}

/** Serials of the certificates this one replaces and was replaced by, by id (a lead's detail page). */
export async function serialsOfRelated(
  db: Queryable,
  cert: Pick<Certificate, "replaces_id" | "replaced_by_id">,
): Promise<Map<string, string>> {
  const ids = [cert.replaces_id, cert.replaced_by_id].filter((id): id is string => id !== null);
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom("certificates")
    .select(["id", "serial"])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.serial]));
}

const LIST_COLUMNS = [
  "certificates.id",
  "certificates.serial",
  "certificates.code",
  "certificates.holder_name",
  "certificates.holder_email",
  "certificates.kind",
  "certificates.achievement_title",
  "certificates.achieved_on",
  "certificates.issuer_name",
  "certificates.programme_name",
  "certificates.status",
  "certificates.issued_at",
] as const;

export async function listOwnCertificates(db: Queryable, userId: string) {
  return db
    .selectFrom("certificates")
    .select(LIST_COLUMNS)
    .where("holder_user_id", "=", userId)
    .orderBy("issued_at", "desc")
    .execute();
}

/** An organisation manager's staff's certificates (staff: members of the organisations they manage). */
export async function listStaffCertificates(db: Queryable, organisationIds: string[]) {
  if (!organisationIds.length) return [];
  return db
    .selectFrom("certificates")
    .innerJoin("memberships", "memberships.user_id", "certificates.holder_user_id")
    .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
    .select([...LIST_COLUMNS, "organisations.name as organisation_name"])
    .where("memberships.organisation_id", "in", organisationIds)
    .orderBy("certificates.issued_at", "desc")
    .limit(1000)
    .execute();
}

/** A lead's search: name, email, serial, achievement, or a verification code in any form. */
/** One page of certificates, newest first, matching a search by name, email, serial, title or code. */
export async function searchCertificates(
  db: Queryable,
  opts: { q?: string; status?: "valid" | "revoked"; page?: number; pageSize?: number },
) {
  let q = db.selectFrom("certificates");
  const needle = opts.q?.trim();
  if (needle) {
    const code = normaliseCode(needle);
    q = q.where((eb) =>
      eb.or([
        containsInsensitive(db, eb.ref("holder_name"), needle),
        containsInsensitive(db, eb.fn.coalesce("holder_email", eb.val("")), needle),
        containsInsensitive(db, eb.ref("serial"), needle),
        containsInsensitive(db, eb.ref("achievement_title"), needle),
        ...(code ? [eb("code", "=", code)] : []),
      ]),
    );
  }
  if (opts.status) q = q.where("status", "=", opts.status);
  const page = opts.page ?? 1;
  const { limit, offset } = pageWindow(page, opts.pageSize);
  const [rows, count] = await Promise.all([
    q
      .select(LIST_COLUMNS)
      .orderBy("issued_at", "desc")
      .orderBy("id")
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, page, pageSize: limit, total: Number(count.n) };
}

// ─── Revoke and re-issue ─────────────────────────────────────────────────────

export async function revokeCertificate(
  db: DB,
  input: { id: string; reason: string; byUserId: string; byName: string; ip?: string | null },
): Promise<Certificate> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("invalid", "Enter why the certificate is being revoked");
  return writeTransaction(db, async (tx) => {
    const cert = await tx
      .selectFrom("certificates")
      .selectAll()
      .where("id", "=", input.id)
      .executeTakeFirst();
    if (!cert) throw new AppError("not_found", "We could not find that certificate.");
    if (cert.status === "revoked")
      throw new AppError("conflict", "This certificate has already been revoked.");
    const at = nowIso();
    await tx
      .updateTable("certificates")
      .set({
        status: "revoked",
        revoked_at: at,
        revoked_by_user_id: input.byUserId,
        revoked_by_name: input.byName,
        revoked_reason: reason,
      })
      .where("id", "=", cert.id)
      .execute();
    await audit(tx, {
      actorUserId: input.byUserId,
      action: "certificate.revoked",
      subjectType: "certificate",
      subjectId: cert.id,
      detail: { serial: cert.serial, reason },
      ip: input.ip,
    });
    return {
      ...cert,
      status: "revoked" as const,
      revoked_at: at,
      revoked_by_user_id: input.byUserId,
      revoked_by_name: input.byName,
      revoked_reason: reason,
    };
  });
}

/**
 * Revokes a certificate and issues a new one for the same achievement that names the old one
 * (to correct a name, say). The achievement's source key moves to the new certificate, so issuing
 * again for that achievement returns the new one.
 */
export async function reissueCertificate(
  db: DB,
  input: {
    id: string;
    reason: string;
    holderName?: string;
    holderEmail?: string | null;
    byUserId: string;
    byName: string;
    baseUrl?: string;
    ip?: string | null;
  },
  options: { render?: "await" | "later" } = {},
): Promise<Certificate> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("invalid", "Enter why the certificate is being re-issued");
  const fresh = await withRetries(() =>
    writeTransaction(db, async (tx) => {
      const old = await tx
        .selectFrom("certificates")
        .selectAll()
        .where("id", "=", input.id)
        .executeTakeFirst();
      if (!old) throw new AppError("not_found", "We could not find that certificate.");
      if (old.replaced_by_id)
        throw new AppError("conflict", "This certificate has already been re-issued.");
      const at = nowIso();
      await tx
        .updateTable("certificates")
        .set({
          status: "revoked",
          revoked_at: old.revoked_at ?? at,
          revoked_by_user_id: old.revoked_by_user_id ?? input.byUserId,
          revoked_by_name: old.revoked_by_name ?? input.byName,
          revoked_reason: old.revoked_reason ?? `Re-issued: ${reason}`,
          source_key: null,
        })
        .where("id", "=", old.id)
        .execute();
      const year = Number(londonParts(at).date.slice(0, 4));
      const [serial] = await takeSerials(tx, year, 1);
      const code = newVerificationCode();
      const holderEmail =
        input.holderEmail === undefined
          ? old.holder_email
          : input.holderEmail?.trim().toLowerCase() || null;
      const row: Certificate = {
        ...old,
        id: newId(),
        serial,
        code,
        source_key: old.source_key ?? `reissue:${old.id}`,
        holder_name: input.holderName?.trim() || old.holder_name,
        holder_email: holderEmail,
        verify_url: verifyUrlFor(input.baseUrl ?? new URL(old.verify_url).origin, code),
        status: "valid",
        issued_at: at,
        issued_by_user_id: input.byUserId,
        revoked_at: null,
        revoked_by_user_id: null,
        revoked_by_name: null,
        revoked_reason: null,
        replaces_id: old.id,
        replaced_by_id: null,
      };
      await tx.insertInto("certificates").values(row).execute();
      await tx
        .updateTable("certificates")
        .set({ replaced_by_id: row.id })
        .where("id", "=", old.id)
        .execute();
      await audit(tx, {
        actorUserId: input.byUserId,
        action: "certificate.reissued",
        subjectType: "certificate",
        subjectId: row.id,
        detail: { serial, replaces: old.serial, reason },
        ip: input.ip,
      });
      return row;
    }),
  );
  if (options.render !== "later") await ensureRendered(db, fresh);
  return fresh;
}

// ─── Bulk ────────────────────────────────────────────────────────────────────

export interface BatchInput {
  label: string;
  createdByUserId: string | null;
  /** Each with its own source key (e.g. "session:<id>:registrant:<id>"). */
  items: IssueInput[];
}

/**
 * Issues many certificates in one write transaction (one serial range, multi-row inserts) and
 * renders their PDFs in the worker pool in the background; `batchProgress` reports how many are
 * ready. Items already issued for the same achievement are included, not duplicated.
 */
export async function issueBatch(
  db: DB,
  batch: BatchInput,
): Promise<{ batchId: string; created: number; existing: number; rendering: Promise<void> }> {
  const parsed = await Promise.all(
    batch.items.map(async (i) => linkHolder(db, IssueInputSchema.parse(i))),
  );
  const batchId = newId();
  const outcome = await withRetries(() =>
    writeTransaction(db, async (tx) => {
      const keys = [...new Set(parsed.map((p) => p.sourceKey))];
      const existing = new Map<string, Certificate>();
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await tx
          .selectFrom("certificates")
          .selectAll()
          .where("source_key", "in", keys.slice(i, i + 500))
          .execute();
        for (const r of rows) existing.set(r.source_key!, r);
      }
      const todo: ParsedIssue[] = [];
      const seen = new Set<string>();
      for (const p of parsed) {
        if (existing.has(p.sourceKey) || seen.has(p.sourceKey)) continue;
        seen.add(p.sourceKey);
        todo.push(p);
      }
      const issuedAt = nowIso();
      const year = Number(londonParts(issuedAt).date.slice(0, 4));
      const serials = todo.length ? await takeSerials(tx, year, todo.length) : [];
      const created = todo.map((p, i) => rowFor(p, serials[i], newVerificationCode(), issuedAt));
      for (let i = 0; i < created.length; i += 100)
        await tx
          .insertInto("certificates")
          .values(created.slice(i, i + 100))
          .execute();
      const byKey = new Map([...existing, ...created.map((c) => [c.source_key!, c] as const)]);
      await tx
        .insertInto("certificate_batches")
        .values({
          id: batchId,
          label: batch.label,
          total: byKey.size,
          created_by_user_id: batch.createdByUserId,
          created_at: issuedAt,
        })
        .execute();
      const items = [...new Set(parsed.map((p) => p.sourceKey))].map((k, position) => ({
        batch_id: batchId,
        certificate_id: byKey.get(k)!.id,
        position,
      }));
      for (let i = 0; i < items.length; i += 300)
        await tx
          .insertInto("certificate_batch_items")
          .values(items.slice(i, i + 300))
          .execute();
      await audit(tx, {
        actorUserId: batch.createdByUserId,
        action: "certificate.batch_issued",
        subjectType: "certificate_batch",
        subjectId: batchId,
        detail: { label: batch.label, created: created.length, existing: existing.size },
      });
      return { all: [...byKey.values()], created: created.length, existing: existing.size };
    }),
  );
  const rendering = renderEach(db, outcome.all);
  rendering.catch((error) => logger.error({ err: error, batchId }, "batch render failed"));
  return { batchId, created: outcome.created, existing: outcome.existing, rendering };
}

export async function batchProgress(db: Queryable, batchId: string) {
  const batch = await db
    .selectFrom("certificate_batches")
    .selectAll()
    .where("id", "=", batchId)
    .executeTakeFirst();
  if (!batch) throw new AppError("not_found", "We could not find that batch.");
  const ready = await db
    .selectFrom("certificate_batch_items")
    .innerJoin(
      "certificate_files",
      "certificate_files.certificate_id",
      "certificate_batch_items.certificate_id",
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("certificate_batch_items.batch_id", "=", batchId)
    .executeTakeFirstOrThrow();
  return { batch, ready: Number(ready.n), done: Number(ready.n) >= batch.total };
}

export async function listBatches(db: Queryable, limit = 20) {
  return db
    .selectFrom("certificate_batches")
    .selectAll()
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

export async function batchCertificates(db: Queryable, batchId: string) {
  return db
    .selectFrom("certificate_batch_items")
    .innerJoin("certificates", "certificates.id", "certificate_batch_items.certificate_id")
    .select(LIST_COLUMNS)
    .where("certificate_batch_items.batch_id", "=", batchId)
    .orderBy("certificate_batch_items.position")
    .execute();
}

/** The batch's stored PDFs as one ZIP (stored, not deflated: PDFs are compressed already). */
export async function batchZip(db: Queryable, batchId: string): Promise<Uint8Array> {
  const { zipSync } = await import("fflate");
  const { done } = await batchProgress(db, batchId);
  if (!done)
    throw new AppError("conflict", "The certificates are still being made. Try again in a moment.");
  const rows = await db
    .selectFrom("certificate_batch_items")
    .innerJoin("certificates", "certificates.id", "certificate_batch_items.certificate_id")
    .innerJoin("certificate_files", "certificate_files.certificate_id", "certificates.id")
    .select(["certificates.serial", "certificate_files.pdf", "certificates.issued_at"])
    .where("certificate_batch_items.batch_id", "=", batchId)
    .orderBy("certificate_batch_items.position")
    .execute();
  const files: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const r of rows)
    files[`certificate-${r.serial}.pdf`] = [
      new Uint8Array(r.pdf),
      { level: 0, mtime: new Date(r.issued_at) },
    ];
  return zipSync(files);
}

/** Who can be named as a certificate's issuer: the delivery partners (St Giles Trust, Momentum). */
export async function issuerNames(db: Queryable): Promise<string[]> {
  const rows = await db
    .selectFrom("organisations")
    .select("name")
    .where("kind", "=", "delivery_partner")
    .where("archived_at", "is", null)
    .orderBy("name")
    .execute();
  return rows.map((r) => r.name);
}

export const CERTIFICATE_JOBS: Job[] = [
  // Renders any certificate whose PDF was never stored (the server stopped mid-batch, or the demo
  // seed left them to it). Normally finds nothing.
  {
    name: "certificates.render-missing",
    get everyMs() {
      return env().CERTIFICATE_RENDER_MISSING_EVERY_MS;
    },
    run: (db) => renderMissing(db, 100),
  },
];
