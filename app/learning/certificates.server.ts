import {
  certificateForSource,
  moduleSourceKey,
  type IssueInput,
} from "~/certificates/certificates.server";
import type { Queryable } from "~/db/db.server";
import { londonParts } from "~/utils/dates";
import { getCompletion } from "./completion.server";

// What a completed module earns: a certificate with its own snapshot of the module's title and
// version, issued once per learner per module version (the enrolment is tied to one version, so
// passing the quiz again never issues a second certificate).

/** When the module's author belongs to no delivery partner: e-learning is Momentum's (PRODUCT §4). */
const DEFAULT_ISSUER = { issuerName: "Momentum", programmeName: "Third Sector Capacity Building" };

function clip(text: string, max: number) {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 40)).trimEnd()}…`;
}

/**
 * Who issues a module's certificates: the delivery partner its author works for, under that
 * partner's programme running on the day (or its latest one).
 */
async function moduleIssuer(db: Queryable, moduleId: string, onDay: string) {
  const partner = await db
    .selectFrom("learning_modules")
    .innerJoin("memberships", "memberships.user_id", "learning_modules.created_by")
    .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
    .select(["organisations.id", "organisations.name"])
    .where("learning_modules.id", "=", moduleId)
    .where("organisations.kind", "=", "delivery_partner")
    .orderBy("organisations.name")
    .executeTakeFirst();
  if (!partner) return DEFAULT_ISSUER;
  const programmes = await db
    .selectFrom("programmes")
    .select(["name", "starts_on", "ends_on"])
    .where("delivery_partner_id", "=", partner.id)
    .orderBy("starts_on", "desc")
    .execute();
  const running =
    programmes.find((p) => p.starts_on <= onDay && onDay <= p.ends_on) ?? programmes[0];
  return {
    issuerName: clip(partner.name, 120),
    programmeName: clip(running?.name ?? DEFAULT_ISSUER.programmeName, 120),
  };
}

/** The certificate a completed enrolment earns, or null while it is not complete. */
export async function moduleCertificateInput(
  db: Queryable,
  enrolmentId: string,
  baseUrl?: string,
): Promise<IssueInput | null> {
  const c = await getCompletion(db, enrolmentId);
  if (!c) return null;
  const version = await db
    .selectFrom("learning_module_versions")
    .select(["summary"])
    .where("id", "=", c.versionId)
    .executeTakeFirstOrThrow();
  const achievedOn = londonParts(c.completedAt).date;
  return {
    sourceKey: moduleSourceKey(c.versionId, c.holder.userId),
    holder: { userId: c.holder.userId, name: clip(c.holder.name, 120), email: c.holder.email },
    achievement: {
      kind: "module",
      moduleTitle: clip(c.moduleTitle, 200),
      moduleVersion: c.version,
      description: version.summary ? clip(version.summary, 400) : null,
    },
    achievedOn,
    ...(await moduleIssuer(db, c.moduleId, achievedOn)),
    issuedByUserId: null,
    baseUrl,
  };
}

/** The learner's own certificate for the module version they took (for "Download your certificate"). */
export async function ownModuleCertificate(db: Queryable, userId: string, versionId: string) {
  const c = await certificateForSource(db, moduleSourceKey(versionId, userId));
  return c && c.holder_user_id === userId ? { id: c.id, serial: c.serial, status: c.status } : null;
}

/** The learner's own certificates for the module versions they completed, by version id. */
export async function ownModuleCertificates(db: Queryable, userId: string, versionIds: string[]) {
  const out = new Map<string, { id: string; serial: string; status: string }>();
  if (!versionIds.length) return out;
  const keys = new Map(versionIds.map((v) => [moduleSourceKey(v, userId), v]));
  const rows = await db
    .selectFrom("certificates")
    .select(["id", "serial", "status", "source_key"])
    .where("source_key", "in", [...keys.keys()])
    .where("holder_user_id", "=", userId)
    .execute();
  for (const r of rows)
    out.set(keys.get(r.source_key!)!, { id: r.id, serial: r.serial, status: r.status });
  return out;
}
