import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import type { Certificate } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { londonParts } from "~/utils/dates";
import { AppError } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import { logger } from "~/utils/log.server";
import { LIST_COLUMNS } from "./finding.server";
import {
  IssueInputSchema,
  linkHolder,
  newVerificationCode,
  rowFor,
  takeSerials,
  withRetries,
  type IssueInput,
  type ParsedIssue,
} from "./issue.server";
import { renderEach } from "./rendering.server";

// Issuing many at once (a session's attendees, a bulk upload) and the issuers to name.

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
