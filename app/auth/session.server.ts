import { membershipsWithOrganisation } from "./memberships.server";
import { createCookie } from "@remix-run/node";
import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { now } from "~/utils/clock.server";
import { cookiesAreSecure } from "~/utils/env.server";
import { generateToken, hashToken } from "./tokens.server";

// Sessions after the Lucia guide (lucia-auth.com), written here on @oslojs: see docs/decisions/002.
export const IDLE_TIMEOUT_MS = 8 * 60 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
// Writing last_seen_at on every request would turn every page view into a write; a minute's
// resolution is plenty for an eight-hour idle timeout.
const TOUCH_AFTER_MS = 60 * 1000;

export function sessionCookieName() {
  return cookiesAreSecure() ? "__Host-lantern_session" : "lantern_session";
}

function sessionCookie() {
  return createCookie(sessionCookieName(), {
    httpOnly: true,
    secure: cookiesAreSecure(),
    sameSite: "lax",
    path: "/",
  });
}

export interface Membership {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  role: Role;
  safeguardingCleared: boolean;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  twoFactorEnabled: boolean;
  memberships: Membership[];
  roles: Role[];
}

export interface ValidSession {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  twoFactorVerified: boolean;
}

export async function createSession(
  db: Queryable,
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null; twoFactorVerified?: boolean } = {},
): Promise<{ token: string; session: ValidSession }> {
  const token = generateToken();
  const id = hashToken(token);
  const t = now();
  const session = {
    id,
    user_id: userId,
    created_at: t.toISOString(),
    last_seen_at: t.toISOString(),
    expires_at: new Date(t.getTime() + ABSOLUTE_LIFETIME_MS).toISOString(),
    two_factor_verified: meta.twoFactorVerified ? 1 : 0,
    ip: meta.ip ?? null,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
  };
  await db.insertInto("sessions").values(session).execute();
  return {
    token,
    session: {
      id,
      userId,
      createdAt: session.created_at,
      expiresAt: session.expires_at,
      twoFactorVerified: !!meta.twoFactorVerified,
    },
  };
}

/** Looks the token up by its hash; ends sessions past their idle or absolute limit, or of disabled people. */
export async function validateSessionToken(
  db: Queryable,
  token: string,
): Promise<{ session: ValidSession; user: SessionUser } | null> {
  const id = hashToken(token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id",
      "sessions.user_id",
      "sessions.created_at",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.two_factor_verified",
      "users.email",
      "users.name",
      "users.disabled_at",
      "users.totp_enabled_at",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const t = now().getTime();
  const expired =
    t >= Date.parse(row.expires_at) ||
    t - Date.parse(row.last_seen_at) >= IDLE_TIMEOUT_MS ||
    row.disabled_at;
  if (expired) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  if (t - Date.parse(row.last_seen_at) >= TOUCH_AFTER_MS) {
    await db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(t).toISOString() })
      .where("id", "=", id)
      .execute();
  }
  const memberships = await loadMemberships(db, row.user_id);
  return {
    session: {
      id,
      userId: row.user_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      twoFactorVerified: row.two_factor_verified === 1,
    },
    user: {
      id: row.user_id,
      email: row.email,
      name: row.name,
      twoFactorEnabled: !!row.totp_enabled_at,
      memberships,
      roles: [...new Set(memberships.map((m) => m.role))],
    },
  };
}

export async function loadMemberships(db: Queryable, userId: string): Promise<Membership[]> {
  const rows = await membershipsWithOrganisation(db)
    .innerJoin("roles", "roles.name", "memberships.role")
    .select([
      "memberships.id",
      "memberships.organisation_id",
      "organisations.name as organisation_name",
      "organisations.kind as organisation_kind",
      "memberships.role",
      "memberships.safeguarding_cleared",
    ])
    .where("memberships.user_id", "=", userId)
    .orderBy("roles.sort_order")
    .orderBy("organisations.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    organisationKind: r.organisation_kind,
    role: r.role,
    safeguardingCleared: r.safeguarding_cleared === 1,
  }));
}

export async function invalidateSession(db: Queryable, sessionId: string) {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/**
 * Every session of the person ends — and their calendar feed link with them, since it reads their
 * schedule without signing in (sign out everywhere, a password reset, disabling; issue 11).
 */
export async function invalidateAllSessions(db: Queryable, userId: string) {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
  await db.deleteFrom("calendar_feeds").where("user_id", "=", userId).execute();
}

/** Signing out: this browser's session ends, and the audit log says so in the same transaction. */
export async function signOut(
  db: DB,
  input: { sessionId: string; userId: string; ip: string | null },
) {
  await writeTransaction(db, async (tx) => {
    await invalidateSession(tx, input.sessionId);
    await audit(tx, { actorUserId: input.userId, action: "auth.sign_out", ip: input.ip });
  });
}

/** "Sign out everywhere": every session and the calendar feed end, audited in the same transaction. */
export async function signOutEverywhere(db: DB, input: { userId: string; ip: string | null }) {
  await writeTransaction(db, async (tx) => {
    await invalidateAllSessions(tx, input.userId);
    await audit(tx, {
      actorUserId: input.userId,
      action: "auth.sign_out_everywhere",
      ip: input.ip,
    });
  });
}

export async function listSessions(db: Queryable, userId: string) {
  return db
    .selectFrom("sessions")
    .select(["id", "created_at", "last_seen_at", "expires_at", "ip", "user_agent"])
    .where("user_id", "=", userId)
    .orderBy("last_seen_at", "desc")
    .execute();
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[a-z2-7]{32}$/.test(value) ? value : null;
}

/**
 * A browser-session cookie (no Expires): closing the browser on a shared computer ends it. The 8 h
 * idle and 7-day absolute limits stay on the server (issue 11, hardening).
 */
export async function sessionCookieHeader(token: string, _expiresAt: string) {
  return sessionCookie().serialize(token);
}

export async function clearSessionCookieHeader() {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
