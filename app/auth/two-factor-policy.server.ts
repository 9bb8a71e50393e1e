import { env } from "~/utils/env.server";
import type { SessionUser } from "./session.server";

// Two-step sign-in is required for programme leads and anyone with safeguarding clearance.
// `npm start` always requires it. Only a demo database (DEMO_MODE=true, set by `npm run demo` and
// by the tests) may switch it off, and the sign-in page then says so.
export function twoFactorEnforced(): boolean {
  const e = env();
  if (!e.DEMO_MODE) return true;
  return e.REQUIRE_TWO_FACTOR ?? false;
}

export function twoFactorRequiredFor(
  user: Pick<SessionUser, "memberships" | "twoFactorEnabled">,
): boolean {
  if (user.twoFactorEnabled) return true;
  if (!twoFactorEnforced()) return false;
  return user.memberships.some((m) => m.role === "programme_lead" || m.safeguardingCleared);
}
