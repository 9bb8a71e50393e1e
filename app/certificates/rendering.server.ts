import { perProcess } from "~/server/process-state";
import { createHash } from "node:crypto";
import { isPostgres, type DB, type Queryable } from "~/db/db.server";
import type { Certificate } from "~/db/schema";
import { renderPdf, renderThreads } from "~/pdf/pool.server";
import { nowIso } from "~/utils/clock.server";
import { formatDay } from "~/utils/dates";
import { logger } from "~/utils/log.server";
import type { Job } from "~/server/job";
import { claimLease, leaseOwner, releaseLease } from "~/server/leases.server";
import { env } from "~/utils/env.server";
import { achievementDetail, achievementOf } from "./achievement";
import { formatCode } from "./codes";
import type { CertificatePdfData } from "./document.server";

// Rendering: each certificate's PDF is drawn once, in the worker pool, and stored; downloads
// read the stored bytes.

/** Starts rendering certificates' PDFs in the worker pool and returns at once (failures are logged;
 *  the render-missing job retries them). */
export function renderInBackground(db: DB, certs: Certificate[]): void {
  for (const c of certs)
    ensureRendered(db, c).catch((error) =>
      logger.error({ err: error, certificateId: c.id }, "certificate render failed"),
    );
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

export async function hasPdf(db: Queryable, id: string) {
  return !!(await db
    .selectFrom("certificate_files")
    .select("certificate_id")
    .where("certificate_id", "=", id)
    .executeTakeFirst());
}

// Renders in flight in this process, so a batch and the recovery job never render one twice.
const inFlight = perProcess("certificateRenders", () => new Map<string, Promise<void>>());

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
export async function renderEach(db: DB, certs: Certificate[]): Promise<void> {
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
