import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { enqueueEmail } from "~/email/outbox.server";
import { invitationEmail, passwordResetEmail } from "~/email/templates.server";
import { now, nowIso } from "~/utils/clock.server";
import { AppError } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import { burnPasswordCheck, checkPassword, hashPassword, verifyPassword } from "./password.server";
import { createSession, invalidateAllSessions } from "./session.server";
import type { KnownDevice } from "./devices.server";
import {
  accountKey,
  clearFailures,
  forgiveAttempt,
  ipKey,
  reserveAttempt,
  SIGN_IN_DELAYS,
  type DelayRule,
} from "./throttle.server";
import { generateToken, hashToken } from "./tokens.server";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_LIFETIME_MS = 60 * 60 * 1000;

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

export type SignInResult =
  | { ok: true; token: string; expiresAt: string; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function signIn(
  db: DB,
  input: {
    email: string;
    password: string;
    ip: string;
    userAgent: string | null;
    device?: KnownDevice | null;
  },
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "disabled_at", "totp_enabled_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  // A browser that has signed in to this account before has its own allowance; any other attempt
  // counts against the account and the address (decision 071).
  const keys =
    user && input.device?.userId === user.id
      ? [{ key: `device:${input.device.deviceId}`, rule: SIGN_IN_DELAYS.device }]
      : [
          { key: accountKey(email), rule: SIGN_IN_DELAYS.account },
          { key: ipKey(input.ip), rule: SIGN_IN_DELAYS.address },
        ];
  // Reserved before the password is checked, so parallel guesses cannot all pass (finding 5).
  const reserved = await reserveAttempt(db, keys);
  if (!reserved.ok)
    return { ok: false, reason: "throttled", retryAfterSeconds: reserved.retryAfterSeconds };

  let ok = false;
  if (user?.password_hash) ok = await verifyPassword(user.password_hash, input.password);
  else await burnPasswordCheck(input.password);
  if (!user || !ok || user.disabled_at) {
    await audit(db, {
      actorUserId: user?.id ?? null,
      action: "auth.sign_in_failed",
      detail: {
        email,
        reason: !user ? "unknown email" : user.disabled_at ? "disabled" : "wrong password",
      },
      ip: input.ip,
    });
    return { ok: false, reason: "invalid" };
  }
  await forgiveAttempt(db, keys);
  // A fresh token at every sign-in: a token planted before sign-in is never promoted.
  const { token, session } = await createSession(db, user.id, {
    ip: input.ip,
    userAgent: input.userAgent,
  });
  await audit(db, { actorUserId: user.id, action: "auth.sign_in", ip: input.ip });
  return { ok: true, token, expiresAt: session.expiresAt, userId: user.id };
}

// ─── Invitations ─────────────────────────────────────────────────────────────

export async function createInvitation(
  db: DB,
  input: {
    email: string;
    organisationId: string;
    role: Role;
    invitedBy: string;
    baseUrl: string;
    ip?: string;
  },
) {
  const email = normaliseEmail(input.email);
  const token = generateToken();
  return writeTransaction(db, async (tx) => {
    const org = await tx
      .selectFrom("organisations")
      .select(["id", "name"])
      .where("id", "=", input.organisationId)
      .executeTakeFirst();
    if (!org) throw new AppError("invalid", "Choose an organisation.");
    const existing = await tx
      .selectFrom("users")
      .innerJoin("memberships", "memberships.user_id", "users.id")
      .select("users.id")
      .where("users.email", "=", email)
      .where("memberships.organisation_id", "=", org.id)
      .where("memberships.role", "=", input.role)
      .executeTakeFirst();
    if (existing) throw new AppError("conflict", `${email} already has that role at ${org.name}.`);
    const inviter = await tx
      .selectFrom("users")
      .select("name")
      .where("id", "=", input.invitedBy)
      .executeTakeFirst();
    const id = newId();
    await tx
      .insertInto("invitations")
      .values({
        id,
        email,
        organisation_id: org.id,
        role: input.role,
        token_hash: hashToken(token),
        invited_by: input.invitedBy,
        expires_at: new Date(now().getTime() + INVITATION_LIFETIME_MS).toISOString(),
        accepted_at: null,
        revoked_at: null,
        created_at: nowIso(),
      })
      .execute();
    const link = `${input.baseUrl}/invitations/${token}`;
    await enqueueEmail(
      tx,
      invitationEmail({
        to: email,
        link,
        organisationName: org.name,
        role: input.role,
        inviterName: inviter?.name ?? "Lantern",
      }),
    );
    await audit(tx, {
      actorUserId: input.invitedBy,
      action: "invitation.sent",
      subjectType: "invitation",
      subjectId: id,
      detail: { email, organisationId: org.id, role: input.role },
      ip: input.ip,
    });
    return { id, link };
  });
}

export async function findInvitation(db: Queryable, token: string) {
  const inv = await db
    .selectFrom("invitations")
    .innerJoin("organisations", "organisations.id", "invitations.organisation_id")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.role",
      "invitations.organisation_id",
      "invitations.expires_at",
      "invitations.accepted_at",
      "invitations.revoked_at",
      "organisations.name as organisation_name",
    ])
    .where("invitations.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!inv) return { state: "unknown" as const };
  if (inv.accepted_at) return { state: "used" as const, invitation: inv };
  if (inv.revoked_at) return { state: "revoked" as const, invitation: inv };
  if (Date.parse(inv.expires_at) <= now().getTime())
    return { state: "expired" as const, invitation: inv };
  const existingUser = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("email", "=", inv.email)
    .executeTakeFirst();
  return { state: "open" as const, invitation: inv, existingUser };
}

/**
 * Accepts an invitation: a new person sets name and password; a person who already has an
 * account gains the membership (they must prove it is them with their password).
 */
export async function acceptInvitation(
  db: DB,
  input: { token: string; name?: string; password: string; ip: string; userAgent: string | null },
): Promise<
  | { ok: true; token: string; expiresAt: string }
  | { ok: false; field: "password" | "name" | "form"; message: string }
> {
  const found = await findInvitation(db, input.token);
  if (found.state !== "open")
    return {
      ok: false,
      field: "form",
      message: "This invitation link has expired or has already been used.",
    };
  const inv = found.invitation;
  let userId: string;
  if (found.existingUser) {
    const user = await db
      .selectFrom("users")
      .select(["id", "password_hash"])
      .where("id", "=", found.existingUser.id)
      .executeTakeFirstOrThrow();
    if (!user.password_hash || !(await verifyPassword(user.password_hash, input.password))) {
      return {
        ok: false,
        field: "password",
        message: "Enter the password of your existing Lantern account",
      };
    }
    userId = user.id;
  } else {
    const verdict = await checkPassword(input.password, [inv.email, input.name ?? ""]);
    if (!verdict.ok) return { ok: false, field: "password", message: verdict.problem! };
    if (!input.name?.trim()) return { ok: false, field: "name", message: "Enter your full name" };
    userId = newId();
  }
  const passwordHash = found.existingUser ? null : await hashPassword(input.password);
  const accepted = await writeTransaction(db, async (tx) => {
    // Re-check inside the write lock: the same link submitted twice at once creates one account.
    const fresh = await tx
      .selectFrom("invitations")
      .select(["accepted_at"])
      .where("id", "=", inv.id)
      .executeTakeFirstOrThrow();
    if (fresh.accepted_at) return false;
    if (passwordHash) {
      await tx
        .insertInto("users")
        .values({
          id: userId,
          email: inv.email,
          name: input.name!.trim(),
          password_hash: passwordHash,
          totp_key: null,
          totp_enabled_at: null,
          disabled_at: null,
          created_at: nowIso(),
          updated_at: nowIso(),
        })
        .execute();
    }
    const hasMembership = await tx
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", userId)
      .where("organisation_id", "=", inv.organisation_id)
      .where("role", "=", inv.role)
      .executeTakeFirst();
    if (!hasMembership) {
      await tx
        .insertInto("memberships")
        .values({
          id: newId(),
          user_id: userId,
          organisation_id: inv.organisation_id,
          role: inv.role,
          safeguarding_cleared: 0,
          created_at: nowIso(),
        })
        .execute();
    }
    await tx
      .updateTable("invitations")
      .set({ accepted_at: nowIso() })
      .where("id", "=", inv.id)
      .execute();
    await audit(tx, {
      actorUserId: userId,
      action: "invitation.accepted",
      subjectType: "invitation",
      subjectId: inv.id,
      ip: input.ip,
    });
    return true;
  });
  if (!accepted)
    return {
      ok: false,
      field: "form",
      message: "This invitation link has expired or has already been used.",
    };
  const { token, session } = await createSession(db, userId, {
    ip: input.ip,
    userAgent: input.userAgent,
  });
  return { ok: true, token, expiresAt: session.expiresAt };
}

// ─── Password reset ──────────────────────────────────────────────────────────

/** Always behaves the same whether or not the address has an account. */
/** One reset email per account in this time; asking again sooner sends nothing (issue 11, finding 11). */
export const RESET_EMAIL_INTERVAL_MS = 5 * 60 * 1000;
/**
 * Every request takes at least this long, known address or not, so the time of the answer does not
 * tell whether an account exists (finding 12). Well above the work a known address costs (~10 ms).
 */
export const RESET_REQUEST_FLOOR_MS = 100;

export async function requestPasswordReset(
  db: DB,
  input: { email: string; baseUrl: string; ip: string },
) {
  const started = performance.now();
  try {
    await sendPasswordReset(db, input);
  } finally {
    const left = RESET_REQUEST_FLOOR_MS - (performance.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}

async function sendPasswordReset(db: DB, input: { email: string; baseUrl: string; ip: string }) {
  const email = normaliseEmail(input.email);
  const user = await db
    .selectFrom("users")
    .select(["id", "disabled_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  if (!user || user.disabled_at) return;
  const token = generateToken();
  await writeTransaction(db, async (tx) => {
    const t = now();
    const recent = await tx
      .selectFrom("password_resets")
      .select("id")
      .where("user_id", "=", user.id)
      .where("created_at", ">", new Date(t.getTime() - RESET_EMAIL_INTERVAL_MS).toISOString())
      .executeTakeFirst();
    if (recent) return;
    // A new link ends every older one still waiting.
    await tx
      .updateTable("password_resets")
      .set({ expires_at: t.toISOString() })
      .where("user_id", "=", user.id)
      .where("used_at", "is", null)
      .where("expires_at", ">", t.toISOString())
      .execute();
    await tx
      .insertInto("password_resets")
      .values({
        id: newId(),
        user_id: user.id,
        token_hash: hashToken(token),
        expires_at: new Date(t.getTime() + RESET_LIFETIME_MS).toISOString(),
        used_at: null,
        created_at: t.toISOString(),
      })
      .execute();
    await enqueueEmail(
      tx,
      passwordResetEmail({ to: email, link: `${input.baseUrl}/reset-password/${token}` }),
    );
    await audit(tx, {
      actorUserId: user.id,
      action: "auth.password_reset_requested",
      ip: input.ip,
    });
  });
}

export async function findPasswordReset(db: Queryable, token: string) {
  const row = await db
    .selectFrom("password_resets")
    .innerJoin("users", "users.id", "password_resets.user_id")
    .select([
      "password_resets.id",
      "password_resets.user_id",
      "password_resets.expires_at",
      "password_resets.used_at",
      "users.email",
      "users.name",
    ])
    .where("password_resets.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.used_at || Date.parse(row.expires_at) <= now().getTime()) return null;
  return row;
}

export async function completePasswordReset(
  db: DB,
  input: { token: string; password: string; ip: string },
): Promise<{ ok: true } | { ok: false; field: "password" | "form"; message: string }> {
  const reset = await findPasswordReset(db, input.token);
  if (!reset)
    return {
      ok: false,
      field: "form",
      message: "This reset link has expired or has already been used. Ask for a new one.",
    };
  const verdict = await checkPassword(input.password, [reset.email, reset.name]);
  if (!verdict.ok) return { ok: false, field: "password", message: verdict.problem! };
  const passwordHash = await hashPassword(input.password);
  const done = await writeTransaction(db, async (tx) => {
    const used = await tx
      .updateTable("password_resets")
      .set({ used_at: nowIso() })
      .where("id", "=", reset.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return false;
    await tx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: nowIso() })
      .where("id", "=", reset.user_id)
      .execute();
    // Other reset links die with this one, and every session ends: whoever knew the old password is out.
    await tx
      .updateTable("password_resets")
      .set({ used_at: nowIso() })
      .where("user_id", "=", reset.user_id)
      .where("used_at", "is", null)
      .execute();
    await invalidateAllSessions(tx, reset.user_id);
    await clearFailures(tx, accountKey(reset.email));
    await audit(tx, { actorUserId: reset.user_id, action: "auth.password_reset", ip: input.ip });
    return true;
  });
  if (!done)
    return {
      ok: false,
      field: "form",
      message: "This reset link has expired or has already been used. Ask for a new one.",
    };
  return { ok: true };
}

// ─── Changing a password while signed in ─────────────────────────────────────

/** Wrong current passwords, per person: a session left open cannot be used to guess it quickly. */
export const CHANGE_PASSWORD_DELAYS = {
  free: 5,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
} satisfies DelayRule;

export type ChangePasswordResult =
  | { ok: true }
  | { ok: false; field: "current" | "password"; message: string }
  | { ok: false; field: "throttled"; retryAfterSeconds: number };

/**
 * Issue 11, hardening. The current password is required; the new one is checked as at a reset.
 * Every other session ends (and the calendar feed link and any reset links, as at a reset:
 * whoever knew the old password may have them); the session making the change carries on.
 */
export async function changePassword(
  db: DB,
  input: { userId: string; sessionId: string; current: string; password: string; ip: string },
): Promise<ChangePasswordResult> {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "password_hash"])
    .where("id", "=", input.userId)
    .executeTakeFirstOrThrow();
  const keys = [{ key: `change-password:${user.id}`, rule: CHANGE_PASSWORD_DELAYS }];
  const reserved = await reserveAttempt(db, keys);
  if (!reserved.ok)
    return { ok: false, field: "throttled", retryAfterSeconds: reserved.retryAfterSeconds };
  const right = user.password_hash
    ? await verifyPassword(user.password_hash, input.current)
    : false;
  if (!right) {
    await audit(db, { actorUserId: user.id, action: "auth.password_change_failed", ip: input.ip });
    return { ok: false, field: "current", message: "Your current password is not right" };
  }
  await forgiveAttempt(db, keys);
  const verdict = await checkPassword(input.password, [user.email, user.name]);
  if (!verdict.ok) return { ok: false, field: "password", message: verdict.problem! };
  const passwordHash = await hashPassword(input.password);
  await writeTransaction(db, async (tx) => {
    await tx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: nowIso() })
      .where("id", "=", user.id)
      .execute();
    await tx
      .deleteFrom("sessions")
      .where("user_id", "=", user.id)
      .where("id", "!=", input.sessionId)
      .execute();
    await tx.deleteFrom("calendar_feeds").where("user_id", "=", user.id).execute();
    await tx
      .updateTable("password_resets")
      .set({ used_at: nowIso() })
      .where("user_id", "=", user.id)
      .where("used_at", "is", null)
      .execute();
    await clearFailures(tx, accountKey(user.email));
    await audit(tx, { actorUserId: user.id, action: "auth.password_changed", ip: input.ip });
  });
  return { ok: true };
}

// ─── First run ───────────────────────────────────────────────────────────────

export async function hasAnyUser(db: Queryable) {
  const row = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return !!row;
}

/** On an empty database, `npm start` offers a page that creates the first programme lead. */
export async function createFirstLead(
  db: DB,
  input: { name: string; email: string; password: string; organisationName: string; ip: string },
): Promise<
  { ok: true; userId: string } | { ok: false; field: "password" | "form"; message: string }
> {
  const verdict = await checkPassword(input.password, [input.email, input.name]);
  if (!verdict.ok) return { ok: false, field: "password", message: verdict.problem! };
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(db, async (tx) => {
    if (await hasAnyUser(tx))
      return {
        ok: false as const,
        field: "form" as const,
        message: "Lantern has already been set up. Sign in instead.",
      };
    const userId = newId();
    const t = nowIso();
    let org = await tx
      .selectFrom("organisations")
      .select("id")
      .where("name", "=", input.organisationName.trim())
      .executeTakeFirst();
    if (!org) {
      org = { id: newId() };
      await tx
        .insertInto("organisations")
        .values({
          id: org.id,
          kind: "delivery_partner",
          name: input.organisationName.trim(),
          urn: null,
          phase: null,
          establishment_type: null,
          district_id: null,
          postcode: null,
          charity_number: null,
          company_number: null,
          archived_at: null,
          created_at: t,
          updated_at: t,
        })
        .execute();
    }
    await tx
      .insertInto("users")
      .values({
        id: userId,
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        password_hash: passwordHash,
        totp_key: null,
        totp_enabled_at: null,
        disabled_at: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await tx
      .insertInto("memberships")
      .values({
        id: newId(),
        user_id: userId,
        organisation_id: org.id,
        role: "programme_lead",
        safeguarding_cleared: 0,
        created_at: t,
      })
      .execute();
    await audit(tx, { actorUserId: userId, action: "auth.first_lead_created", ip: input.ip });
    return { ok: true as const, userId };
  });
}
