import { pageWindow } from "~/utils/paging";
import { type Queryable } from "~/db/db.server";
import { containsInsensitive } from "~/db/dialect.server";
import type { Certificate } from "~/db/schema";
import { AppError } from "~/utils/errors.server";
import { normaliseCode } from "./codes";

// Who may see which certificate, and the lists and search built on that.

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
  if (cert.holder_user_id && viewer.managedOrganisationIds.length) {
    const member = await db
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", cert.holder_user_id)
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

export const LIST_COLUMNS = [
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
