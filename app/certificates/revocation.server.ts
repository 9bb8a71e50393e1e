import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB } from "~/db/db.server";
import type { Certificate } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { londonParts } from "~/utils/dates";
import { AppError, formProblem, type FormProblem } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import { newVerificationCode, takeSerials, verifyUrlFor, withRetries } from "./issue.server";
import { ensureRendered } from "./rendering.server";

// ─── Revoke and re-issue ─────────────────────────────────────────────────────

export async function revokeCertificate(
  db: DB,
  input: { id: string; reason: string; byUserId: string; byName: string; ip?: string | null },
): Promise<{ ok: true; certificate: Certificate } | FormProblem> {
  const reason = input.reason.trim();
  if (!reason) return formProblem("revokeReason", "Enter why the certificate is being revoked");
  return writeTransaction(db, async (tx) => {
    const cert = await tx
      .selectFrom("certificates")
      .selectAll()
      .where("id", "=", input.id)
      .executeTakeFirst();
    if (!cert) throw new AppError("not_found", "We could not find that certificate.");
    if (cert.status === "revoked")
      return formProblem("", "This certificate has already been revoked.", 409);
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
    const certificate: Certificate = {
      ...cert,
      status: "revoked",
      revoked_at: at,
      revoked_by_user_id: input.byUserId,
      revoked_by_name: input.byName,
      revoked_reason: reason,
    };
    return { ok: true as const, certificate };
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
): Promise<{ ok: true; certificate: Certificate } | FormProblem> {
  const reason = input.reason.trim();
  if (!reason) return formProblem("reissueReason", "Enter why the certificate is being re-issued");
  const fresh = await withRetries<Certificate | FormProblem>(() =>
    writeTransaction(db, async (tx) => {
      const old = await tx
        .selectFrom("certificates")
        .selectAll()
        .where("id", "=", input.id)
        .executeTakeFirst();
      if (!old) throw new AppError("not_found", "We could not find that certificate.");
      if (old.replaced_by_id)
        return formProblem("", "This certificate has already been re-issued.", 409);
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
  if ("ok" in fresh) return fresh;
  if (options.render !== "later") await ensureRendered(db, fresh);
  return { ok: true, certificate: fresh };
}
