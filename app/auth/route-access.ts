import type { Role } from "~/db/schema";

// The route inventory: every route of the server build, with who may GET it and who may POST to
// it. tests/integration/route-access.test.ts loads build/server/index.js, fails on any route not
// listed here (or listed but gone), then signs in as each role and as nobody and checks every
// route and method against this table. Adding a route? Add its row here — the test tells you if
// you forget.
//
// What the test counts as "may": the answer is not 401/403/405, not 5xx, and not a redirect to
// sign-in (a 400 for the empty form it posts is fine: the request got past the checks). What it
// counts as "may not": GET answers 403 or 404 or redirects to sign-in; POST answers a 4xx or
// redirects to sign-in — never a 2xx.

export type Who = "anonymous" | Role;

export const ROLES: readonly Role[] = [
  "programme_lead",
  "trainer",
  "school_coordinator",
  "organisation_manager",
  "learner",
  "content_author",
];
export const SIGNED_IN: readonly Who[] = ROLES;
export const EVERYONE: readonly Who[] = ["anonymous", ...ROLES];
export const NOBODY: readonly Who[] = [];

export interface RouteAccess {
  /** The route id in the server build (its file under app/routes without the extension). */
  id: string;
  /** The full URL pattern, e.g. "/admin/outbox/:id". */
  path: string;
  /** Who may read the page. */
  get: readonly Who[];
  /** Who may post to it; null when the route has no action (every POST is refused). */
  post: readonly Who[] | null;
  /**
   * A real URL for routes with parameters, with {placeholders} the test fills from its fixture
   * rows (see FIXTURE_KEYS in the test). Without one the test makes up a value, and a 404 then
   * counts as a correct answer for a role that may otherwise see the page.
   */
  sample?: string;
  /** Posting here ends the session (the test signs in again afterwards). */
  endsSession?: boolean;
  /** Why the access is what it is, where that is not obvious. */
  note?: string;
}

/** Layout routes with no page of their own: listed so the inventory is complete. */
export const LAYOUT_ROUTES = ["root"];

export const ROUTE_ACCESS: RouteAccess[] = [
  // ─── Foundation ────────────────────────────────────────────────────────────
  { id: "routes/_index", path: "/", get: EVERYONE, post: null, note: "A landing page for anonymous visitors, the role's home page otherwise." },
  { id: "routes/sign-in", path: "/sign-in", get: EVERYONE, post: EVERYONE, note: "Signed-in people are sent on to their home page." },
  { id: "routes/sign-out", path: "/sign-out", get: SIGNED_IN, post: EVERYONE, endsSession: true },
  { id: "routes/forgot-password", path: "/forgot-password", get: EVERYONE, post: EVERYONE },
  { id: "routes/reset-password.$token", path: "/reset-password/:token", get: EVERYONE, post: EVERYONE, note: "The token in the link is the credential." },
  { id: "routes/invitations.$token", path: "/invitations/:token", get: EVERYONE, post: EVERYONE, note: "The token in the link is the credential." },
  { id: "routes/setup", path: "/setup", get: NOBODY, post: NOBODY, note: "Open only while the database has no accounts at all; closed for good after." },
  { id: "routes/account", path: "/account", get: SIGNED_IN, post: SIGNED_IN },
  { id: "routes/admin.outbox", path: "/admin/outbox", get: ["programme_lead"], post: null },
  { id: "routes/admin.outbox.$id", path: "/admin/outbox/:id", get: ["programme_lead"], post: null, sample: "/admin/outbox/{outboxId}" },

  // ─── Security: two-step sign-in, data protection ──────────────────────────
  { id: "routes/two-factor._index", path: "/two-factor", get: SIGNED_IN, post: SIGNED_IN, note: "People who need no second step are sent on." },
  { id: "routes/two-factor.set-up", path: "/two-factor/set-up", get: SIGNED_IN, post: SIGNED_IN },
  { id: "routes/two-factor.recovery-codes", path: "/two-factor/recovery-codes", get: SIGNED_IN, post: SIGNED_IN },
  { id: "routes/admin.privacy._index", path: "/admin/privacy", get: ["programme_lead"], post: ["programme_lead"] },
  { id: "routes/admin.privacy.export", path: "/admin/privacy/export", get: ["programme_lead"], post: ["programme_lead"], note: "GET only sends leads back to /admin/privacy." },
  { id: "routes/admin.privacy.erase", path: "/admin/privacy/erase", get: ["programme_lead"], post: ["programme_lead"] },
];

/** Routes Express answers before Remix (not in the build): listed for the threat model. */
export const EXPRESS_ROUTES = [{ path: "/healthz", get: EVERYONE, note: "Database reachability and migration count; no personal data." }];
