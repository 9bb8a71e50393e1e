import { userCan, type Permission } from "~/auth/permissions";
import type { Role } from "~/db/schema";
import type { HomeTask, NavItem } from "./nav-items";
import { SESSIONS_HOME_TASKS, SESSIONS_NAV } from "~/sessions/nav";
import { LEARNING_HOME_TASKS, LEARNING_NAV } from "~/learning/nav";
import { CERTIFICATES_HOME_TASKS, CERTIFICATES_NAV } from "~/certificates/nav";
import { REPORTS_HOME_TASKS, REPORTS_NAV } from "~/reports/nav";
import { PRIVACY_HOME_TASKS } from "~/privacy/nav";
import { FEEDBACK_HOME_TASKS, FEEDBACK_NAV } from "~/feedback/nav";
import { CASEWORK_HOME_TASKS, CASEWORK_NAV } from "~/casework/nav";

// The navigation as data: each link shows only to roles whose permissions include one of `any`.
// Hiding a link protects nothing; every route checks again on the server.
export type { HomeTask, NavItem };

type NavUser = { roles: Role[]; memberships?: { role: Role; safeguardingCleared: boolean }[] };

function shows(user: NavUser, item: { any: Permission[]; clearance?: true }) {
  if (item.clearance)
    return !!user.memberships?.some(
      (m) => m.safeguardingCleared && item.any.some((p) => userCan({ roles: [m.role] }, p)),
    );
  return item.any.some((p) => userCan(user, p));
}

// Each capability lists its own links in app/<capability>/nav.ts; the administration links are here.
export const NAV_ITEMS: NavItem[] = [
  ...SESSIONS_NAV,
  ...LEARNING_NAV,
  ...CERTIFICATES_NAV,
  ...REPORTS_NAV,
  ...FEEDBACK_NAV,
  ...CASEWORK_NAV,
  { href: "/admin/organisations", label: "Organisations", any: ["admin:organisations"] },
  {
    href: "/admin/people",
    label: "People",
    any: ["admin:people", "people:invite:own-organisation"],
  },
  { href: "/admin/audit", label: "Audit log", any: ["admin:audit"] },
  { href: "/admin/outbox", label: "Outbox", any: ["admin:outbox"] },
];

export function navFor(user: NavUser | null): { href: string; label: string }[] {
  if (!user) return [];
  return NAV_ITEMS.filter((item) => shows(user, item)).map(({ href, label }) => ({ href, label }));
}

// The tasks on each role's home page, as data like the navigation.
export const HOME_TASKS: HomeTask[] = [
  ...SESSIONS_HOME_TASKS,
  ...LEARNING_HOME_TASKS,
  ...CERTIFICATES_HOME_TASKS,
  ...REPORTS_HOME_TASKS,
  ...FEEDBACK_HOME_TASKS,
  ...CASEWORK_HOME_TASKS,
  {
    href: "/admin/organisations",
    label: "Organisations",
    description:
      // Stryker disable next-line StringLiteral: a task's description is words a test could only repeat
      "Schools, settings, VCSE organisations and partners; import from Get Information About Schools.",
    any: ["admin:organisations"],
  },
  {
    href: "/admin/people",
    label: "People",
    description: "Invite people, change roles, disable accounts.",
    any: ["admin:people"],
  },
  {
    href: "/admin/people",
    label: "People",
    description: "Invite your organisation's staff and see who has a role there.",
    any: ["people:invite:own-organisation"],
  },
  {
    href: "/admin/audit",
    label: "Audit log",
    // Stryker disable next-line StringLiteral: a task's description is words a test could only repeat
    description: "Sign-ins, invitations, role changes and sensitive views.",
    any: ["admin:audit"],
  },
  {
    href: "/admin/outbox",
    label: "Outbox",
    // Stryker disable next-line StringLiteral: a task's description is words a test could only repeat
    description: "Emails Lantern has sent or is waiting to send.",
    any: ["admin:outbox"],
  },
  ...PRIVACY_HOME_TASKS,
];

export function homeTasksFor(user: NavUser): Omit<HomeTask, "any" | "clearance">[] {
  return HOME_TASKS.filter((t) => shows(user, t)).map(({ href, label, description }) => ({
    href,
    label,
    description,
  }));
}
