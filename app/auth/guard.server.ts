import { redirect } from "@remix-run/node";
import { getDb } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { forbidden } from "~/utils/errors.server";
import { permissionsOf, type Permission } from "./permissions";
import {
  readSessionToken,
  validateSessionToken,
  type SessionUser,
  type ValidSession,
} from "./session.server";
import { twoFactorRequiredFor } from "./two-factor-policy.server";

export type { SessionUser } from "./session.server";

export interface Authenticated {
  user: SessionUser;
  session: ValidSession;
  permissions: Set<Permission>;
}

// Validation is memoised per Request object so a page's loaders share one lookup.
const cache = new WeakMap<Request, Promise<Authenticated | null>>();

export function getAuth(request: Request): Promise<Authenticated | null> {
  let p = cache.get(request);
  if (!p) {
    p = (async () => {
      const token = await readSessionToken(request);
      if (!token) return null;
      const result = await validateSessionToken(getDb(), token);
      if (!result) return null;
      return { ...result, permissions: permissionsOf(result.user.roles) };
    })();
    cache.set(request, p);
  }
  return p;
}

function signInRedirect(request: Request): never {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
}

/** Signed in, and past two-step sign-in where policy asks for it. */
export async function requireUser(request: Request): Promise<Authenticated> {
  const auth = await getAuth(request);
  if (!auth) signInRedirect(request);
  if (!auth.session.twoFactorVerified && twoFactorRequiredFor(auth.user)) {
    const url = new URL(request.url);
    const dest = auth.user.twoFactorEnabled ? "/two-factor" : "/two-factor/set-up";
    if (!url.pathname.startsWith("/two-factor") && url.pathname !== "/sign-out") {
      throw redirect(`${dest}?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    }
  }
  return auth;
}

export async function requirePermission(
  request: Request,
  permission: Permission,
): Promise<Authenticated> {
  const auth = await requireUser(request);
  if (!auth.permissions.has(permission)) forbidden();
  return auth;
}

/** Any one of several permissions (for pages that show a scoped view to each of several roles). */
export async function requireAnyPermission(
  request: Request,
  permissions: Permission[],
): Promise<Authenticated> {
  const auth = await requireUser(request);
  if (!permissions.some((p) => auth.permissions.has(p))) forbidden();
  return auth;
}

export function has(auth: Authenticated, permission: Permission) {
  return auth.permissions.has(permission);
}

/** Organisations where the person holds a role: the scope for "own school" / "own organisation". */
export function organisationIdsWithRole(user: SessionUser, role: Role): string[] {
  return user.memberships.filter((m) => m.role === role).map((m) => m.organisationId);
}

/**
 * Safeguarding clearance counts only through a membership that is itself cleared and whose role
 * gives `permission` (decision 091): a school clears its DSL for that school, St Giles Trust its
 * trainers and leads for its sessions, and neither vouches for the person in another role.
 */
export function clearedFor(user: SessionUser, permission: Permission): boolean {
  return user.memberships.some(
    (m) => m.safeguardingCleared && permissionsOf([m.role]).has(permission),
  );
}

/** The organisations where the person holds `role` through a cleared membership. */
export function organisationIdsClearedAs(user: SessionUser, role: Role): string[] {
  return user.memberships
    .filter((m) => m.role === role && m.safeguardingCleared)
    .map((m) => m.organisationId);
}
