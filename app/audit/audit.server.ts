import type { Queryable } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";

// Sensitive actions and sensitive reads are written here; programme leads read it at /admin/audit.
export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_out"
  | "auth.sign_out_everywhere"
  | "auth.password_reset_requested"
  | "auth.password_reset"
  | "auth.password_changed"
  | "auth.password_change_failed"
  | "auth.first_lead_created"
  | "auth.two_factor_enabled"
  | "auth.two_factor_verified"
  | "auth.two_factor_failed"
  | "auth.two_factor_disabled"
  | "auth.recovery_code_used"
  | "auth.recovery_codes_replaced"
  | "privacy.looked_up"
  | "privacy.exported"
  | "privacy.erased"
  | "privacy.retention_run"
  | "privacy.retention_changed"
  | "invitation.sent"
  | "invitation.accepted"
  | "membership.role_changed"
  | "membership.added"
  | "membership.removed"
  | "user.disabled"
  | "user.enabled"
  | "organisation.created"
  | "organisation.updated"
  | "organisations.imported"
  | (string & {});

export async function audit(
  db: Queryable,
  entry: {
    actorUserId: string | null;
    action: AuditAction;
    subjectType?: string;
    subjectId?: string;
    detail?: Record<string, unknown>;
    ip?: string | null;
  },
) {
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      at: nowIso(),
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      ip: entry.ip ?? null,
    })
    .execute();
}

export async function listAudit(
  db: Queryable,
  /** `action` matches by prefix ("auth." for every sign-in event); `exactAction` matches one action. */
  opts: { action?: string; exactAction?: string; limit?: number; offset?: number } = {},
) {
  let q = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.subject_type",
      "audit_log.subject_id",
      "audit_log.detail",
      "audit_log.ip",
      "users.name as actor_name",
      "users.email as actor_email",
    ])
    .orderBy("audit_log.at", "desc")
    .limit(opts.limit ?? 100)
    .offset(opts.offset ?? 0);
  if (opts.action) q = q.where("audit_log.action", "like", `${opts.action}%`);
  if (opts.exactAction) q = q.where("audit_log.action", "=", opts.exactAction);
  return q.execute();
}

/** The actions that appear in the log, for the filter on /admin/audit. */
export async function listAuditActions(db: Queryable) {
  const rows = await db
    .selectFrom("audit_log")
    .select("action")
    .distinct()
    .orderBy("action")
    .execute();
  return rows.map((r) => r.action);
}
