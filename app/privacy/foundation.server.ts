import { membershipsWithOrganisation } from "~/auth/memberships.server";
import type { Queryable, Tx } from "~/db/db.server";
import type { DataSubject, EraseContext, PrivacyHandler } from "./registry.server";

// The foundation's personal data: the account, memberships, sessions, invitations, password
// resets, two-step sign-in records, emails in the outbox, sign-in throttling and audit entries.

function scrubDetail(detail: string | null, email: string, replacement: string): string | null {
  if (!detail) return detail;
  if (!detail.toLowerCase().includes(email.toLowerCase())) return detail;
  return detail.split(email).join(replacement).split(email.toLowerCase()).join(replacement);
}

async function auditAbout(db: Queryable, subject: DataSubject) {
  let q = db
    .selectFrom("audit_log")
    .select(["id", "at", "action", "actor_user_id", "subject_type", "subject_id", "detail", "ip"]);
  q = q.where((eb) =>
    eb.or([
      ...(subject.userId
        ? [eb("actor_user_id", "=", subject.userId), eb("subject_id", "=", subject.userId)]
        : []),
      eb("detail", "like", `%${subject.email.replace(/[%_]/g, "")}%`),
    ]),
  );
  return q.orderBy("at").execute();
}

export const foundationPrivacy: PrivacyHandler = {
  name: "account",
  label: "Account and sign-in",
  holds:
    "Account (name, email, sign-in records), roles in organisations, sessions with IP address and browser, invitations, password resets, emails sent, and audit entries.",

  async export(db, subject) {
    const out: Record<string, unknown> = {};
    if (subject.userId) {
      const user = await db
        .selectFrom("users")
        .select([
          "id",
          "email",
          "name",
          "totp_enabled_at",
          "disabled_at",
          "created_at",
          "updated_at",
        ])
        .where("id", "=", subject.userId)
        .executeTakeFirst();
      out.account = user
        ? {
            ...user,
            twoStepSignIn: user.totp_enabled_at ? "on" : "off",
            password: "stored as an argon2id hash (not included)",
          }
        : null;
      out.memberships = await membershipsWithOrganisation(db)
        .select([
          "organisations.name as organisation",
          "memberships.role",
          "memberships.safeguarding_cleared",
          "memberships.created_at",
        ])
        .where("memberships.user_id", "=", subject.userId)
        .execute();
      out.sessions = await db
        .selectFrom("sessions")
        .select(["created_at", "last_seen_at", "expires_at", "ip", "user_agent"])
        .where("user_id", "=", subject.userId)
        .execute();
      out.passwordResets = await db
        .selectFrom("password_resets")
        .select(["created_at", "expires_at", "used_at"])
        .where("user_id", "=", subject.userId)
        .execute();
      const codes = await db
        .selectFrom("recovery_codes")
        .select(["used_at", "created_at"])
        .where("user_id", "=", subject.userId)
        .execute();
      out.recoveryCodes = {
        total: codes.length,
        used: codes.filter((c) => c.used_at).length,
        note: "the codes themselves are stored only as hashes",
      };
      // Invitations this person sent: the invitees are other people, so only what, where and when.
      out.invitationsSent = await db
        .selectFrom("invitations")
        .innerJoin("organisations", "organisations.id", "invitations.organisation_id")
        .select([
          "organisations.name as organisation",
          "invitations.role",
          "invitations.created_at",
          "invitations.accepted_at",
        ])
        .where("invited_by", "=", subject.userId)
        .execute();
    }
    out.invitationsReceived = await db
      .selectFrom("invitations")
      .innerJoin("organisations", "organisations.id", "invitations.organisation_id")
      .select([
        "invitations.email",
        "organisations.name as organisation",
        "invitations.role",
        "invitations.created_at",
        "invitations.expires_at",
        "invitations.accepted_at",
        "invitations.revoked_at",
      ])
      .where("invitations.email", "=", subject.email)
      .execute();
    out.emails = await db
      .selectFrom("outbox")
      .select(["to_address", "subject", "status", "created_at", "sent_at"])
      .where("to_address", "=", subject.email)
      .orderBy("created_at")
      .execute();
    out.auditEntries = (await auditAbout(db, subject)).map((a) => ({
      ...a,
      detail: a.detail ? (JSON.parse(a.detail) as unknown) : null,
    }));
    return out;
  },

  async erase(tx: Tx, subject: DataSubject, ctx: EraseContext) {
    const changed: Record<string, number> = {};
    const n = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
      Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n);
    if (subject.userId) {
      changed.users = n(
        await tx
          .updateTable("users")
          .set({
            name: ctx.replacementName,
            email: ctx.replacementEmail,
            password_hash: null,
            totp_key: null,
            totp_enabled_at: null,
            disabled_at: ctx.erasedAt,
            updated_at: ctx.erasedAt,
          })
          .where("id", "=", subject.userId)
          .executeTakeFirst(),
      );
      // Memberships stay (organisations' staff counts), without the clearance flag.
      changed.memberships = n(
        await tx
          .updateTable("memberships")
          .set({ safeguarding_cleared: 0 })
          .where("user_id", "=", subject.userId)
          .executeTakeFirst(),
      );
      changed.sessions = n(
        await tx.deleteFrom("sessions").where("user_id", "=", subject.userId).executeTakeFirst(),
      );
      changed.password_resets = n(
        await tx
          .deleteFrom("password_resets")
          .where("user_id", "=", subject.userId)
          .executeTakeFirst(),
      );
      changed.recovery_codes = n(
        await tx
          .deleteFrom("recovery_codes")
          .where("user_id", "=", subject.userId)
          .executeTakeFirst(),
      );
      changed.totp_last_steps = n(
        await tx
          .deleteFrom("totp_last_steps")
          .where("user_id", "=", subject.userId)
          .executeTakeFirst(),
      );
    }
    changed.invitations = n(
      await tx
        .updateTable("invitations")
        .set({ email: ctx.replacementEmail })
        .where("email", "=", subject.email)
        .executeTakeFirst(),
    );
    changed.outbox = n(
      await tx
        .updateTable("outbox")
        .set({
          to_address: ctx.replacementEmail,
          subject: "(erased)",
          text_body: "(erased)",
          html_body: null,
          attachments: null,
        })
        .where("to_address", "=", subject.email)
        .executeTakeFirst(),
    );
    changed.auth_throttle = n(
      await tx
        .deleteFrom("auth_throttle")
        .where("key", "=", `account:${subject.email}`)
        .executeTakeFirst(),
    );
    // Audit entries stay (who did what, and when, is still needed) without the person's address or IP.
    let audits = 0;
    for (const a of await auditAbout(tx, subject)) {
      const about =
        subject.userId && (a.actor_user_id === subject.userId || a.subject_id === subject.userId);
      const detail = scrubDetail(a.detail, subject.email, ctx.replacementEmail);
      if (detail !== a.detail || (about && a.ip)) {
        await tx
          .updateTable("audit_log")
          .set({ detail, ip: about ? null : a.ip })
          .where("id", "=", a.id)
          .execute();
        audits++;
      }
    }
    changed.audit_log = audits;
    return changed;
  },
};
